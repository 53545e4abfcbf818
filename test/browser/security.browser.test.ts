import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'

import { tallestOnScreen } from '../helpers/browser'
import { TwinHarness } from '../helpers/harness'

const twin = new TwinHarness({ district: [80, 11] })
const DATA = TwinHarness.path('district')

/** Records every Content-Security-Policy violation the page reports, from its first script. */
const RECORD_VIOLATIONS = `
  window.__violations = []
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__violations.push(e.effectiveDirective + ' ' + (e.blockedURI || 'inline'))
  })
`
const violations = (page: Page) =>
  page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)

/** An inline script added now must be refused: the policy is in force, not merely present. */
async function expectInlineScriptRefused(page: Page): Promise<void> {
  await page.evaluate(() => {
    const s = document.createElement('script')
    s.textContent = 'window.__inlineRan = true'
    document.head.append(s)
  })
  // Reported once per policy in force (the header and the meta tag).
  await expect.poll(async () => (await violations(page)).length).toBeGreaterThan(0)
  expect(new Set(await violations(page))).toEqual(new Set(['script-src-elem inline']))
  expect(await page.evaluate(() => 'inlineRan' in window)).toBe(false)
}

describe('content security policy', () => {
  it('is sent with the page and set in its meta tag', async () => {
    const res = await fetch(`${twin.server.url}/`)
    const header = res.headers.get('content-security-policy') ?? ''
    expect(header).toContain("script-src 'self'")
    expect(header).toContain("frame-ancestors 'none'")
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    const html = await res.text()
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="[^"]*object-src 'none'/,
    )
    // No inline script left for the policy to allow.
    expect(html.match(/<script(?![^>]*\bsrc=)[^>]*>/g)).toBeNull()
  })

  it('lets the app load, draw and pick a block with no violation', async () => {
    const { page, errors } = await twin.open(`?data=${DATA}`, { initScripts: [RECORD_VIOLATIONS] })
    const target = await tallestOnScreen(page, twin.district('district').dataset)
    expect(target).not.toBeNull()
    if (!target) return
    await page.mouse.click(target.x, target.y)
    await page.getByTestId('energy-details').waitFor({ timeout: 60_000 })
    expect(await violations(page)).toEqual([])
    expect(errors).toEqual([])
    await expectInlineScriptRefused(page)
    await page.context().close()
  })

  it('lets the kiosk run and show its QR code with no violation', async () => {
    const { page, errors } = await twin.open(`?kiosk&data=${DATA}`, {
      touch: true,
      initScripts: [RECORD_VIOLATIONS],
    })
    await page.getByRole('button', { name: 'Pe telefon' }).tap()
    const img = page.getByTestId('qr-dialog').locator('img')
    await img.waitFor()
    await expect
      .poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth))
      .toBeGreaterThan(0)
    expect(await violations(page)).toEqual([])
    expect(errors).toEqual([])
    await expectInlineScriptRefused(page)
    await page.context().close()
  })
})
