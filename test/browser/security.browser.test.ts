import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'

import type { BuildingFeature } from '@/domain/buildings/types'
import { hu } from '@/ui/locales/hu'
import { ro } from '@/ui/locales/ro'
import { DOWNLOAD_LIMITS } from '@/workers/download'

import { tallestOnScreen, waitForTwinReady } from '../helpers/browser'
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
    // Keys named like Object's own members move nothing and throw nothing.
    const before = await page.evaluate(() => window.__twin.camera())
    await page.evaluate(() => {
      const canvas = document.querySelector('.view-3d canvas')
      for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty'])
        canvas?.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }))
    })
    expect(await page.evaluate(() => window.__twin.camera())).toEqual(before)
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
    const qr = page.getByTestId('qr-code')
    await qr.waitFor()
    await expect
      .poll(() => qr.evaluate((el) => el.getBoundingClientRect().width))
      .toBeGreaterThan(0)
    expect(await violations(page)).toEqual([])
    expect(errors).toEqual([])
    await expectInlineScriptRefused(page)
    await page.context().close()
  })
})

/** A locale string with its {{placeholders}} filled in, as i18next does. */
const fill = (template: string, params: Record<string, string | number>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(params[k]))

const buildingCount = (page: Page) => page.evaluate(() => window.__twin.stats().buildings)

describe('slow, stalled and malformed datasets', () => {
  beforeAll(() => {
    // Answers, sends the start of a dataset, then nothing more.
    twin.server.routes.set('/fixtures/stalls.geojson', (res) => {
      res.writeHead(200, { 'content-type': 'application/geo+json' })
      res.write('{"type":"FeatureCollection","features":[')
    })
    // Never stalls and never ends: a byte every 100 ms.
    twin.server.routes.set('/fixtures/trickle.geojson', (res) => {
      res.writeHead(200, { 'content-type': 'application/geo+json' })
      const timer = setInterval(() => res.write(' '), 100)
      res.on('close', () => clearInterval(timer))
    })
  })

  it('gives up on a server that stops sending, in one translated line', async () => {
    const { page, errors } = await twin.open('?data=/fixtures/stalls.geojson&lang=ro', {
      ready: false,
    })
    const message = page.getByTestId('data-message')
    await message.waitFor({ timeout: DOWNLOAD_LIMITS.stallMs + 60_000 })
    const seconds = DOWNLOAD_LIMITS.stallMs / 1000
    expect(await message.textContent()).toBe(
      fill(ro.safety.stalled, { source: '/fixtures/stalls.geojson', seconds }),
    )
    // The way out is offered at once.
    await page.getByRole('button', { name: ro.toolbar.open }).first().waitFor()
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('draws a file opened while a download trickles: the newer load cancels the older', async () => {
    const { page, errors } = await twin.open('?data=/fixtures/trickle.geojson', { ready: false })
    await page.locator('.overlay-card progress').waitFor()
    await page.getByTestId('file-input').first().setInputFiles(twin.district('district').path)
    // Without the cancel the file would wait behind a download that never ends.
    await waitForTwinReady(page)
    const buildings = twin
      .district('district')
      .dataset.features.filter((f): f is BuildingFeature => f.properties.kind === 'building')
    expect(await buildingCount(page)).toBe(buildings.length)
    expect(await page.getByTestId('data-message').count()).toBe(0)
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('keeps the loaded district when a malformed dataset is opened over it', async () => {
    const { page, errors } = await twin.open(`?data=${DATA}&lang=hu`)
    const before = await buildingCount(page)
    const bad = JSON.parse(twin.district('district').text) as {
      features: { geometry: unknown; properties: { id?: string; kind?: string } }[]
    }
    const index = bad.features.findIndex((f) => f.properties.kind === 'building')
    const victim = bad.features[index]
    if (!victim) throw new Error('the fixture has no building')
    victim.geometry = null
    await page
      .getByTestId('file-input')
      .first()
      .setInputFiles({
        name: 'bad.geojson',
        mimeType: 'application/geo+json',
        buffer: Buffer.from(JSON.stringify(bad)),
      })
    const message = page.getByTestId('data-message')
    await message.waitFor({ timeout: 60_000 })
    expect(await message.textContent()).toBe(
      fill(hu.safety.badFeature, {
        source: 'bad.geojson',
        // Named by id and position, so a reader finds it in the file.
        feature: `${victim.properties.id ?? ''} (#${index + 1})`,
        reason: hu.safety.reason.geometry,
      }),
    )
    expect(await page.evaluate(() => window.__twin.ready)).toBe(true)
    expect(await buildingCount(page)).toBe(before)
    expect(errors).toEqual([])
    await page.context().close()
  })
})

describe('browser storage', () => {
  it('says in one line that storage is full when a scenario cannot be saved', async () => {
    const { page, errors } = await twin.open(`?data=${DATA}&lang=ro`)
    // Fill this origin's storage to its quota, as years of use at an exhibit might.
    await page.evaluate(() => {
      let i = 0
      for (let size = 1 << 20; size >= 1; size >>= 1) {
        const block = 'x'.repeat(size)
        for (;;) {
          try {
            localStorage.setItem(`filler-${i++}`, block)
          } catch {
            break
          }
        }
      }
    })
    await page.getByTestId('editor-toggle').click()
    await page.getByRole('button', { name: ro.scenario.saveBrowser }).click()
    await expect
      .poll(() => page.getByTestId('notice').textContent())
      .toContain(ro.safety.storageFull)
    expect(errors).toEqual([])
    await page.context().close()
  })
})
