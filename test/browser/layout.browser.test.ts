import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'

import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { DistrictDataset } from '@/domain/buildings/types'

import { launchBrowser, tallestOnScreen, waitForTwinReady, watchErrors } from '../helpers/browser'
import { importSyntheticDistrict, REPO_ROOT } from '../helpers/datasets'
import { serveStatic, type StaticServer } from '../helpers/staticServer'

const OUTPUT = join(REPO_ROOT, 'test-output', 'layout')
const DATA = '/fixtures/district.geojson'
/** Phone, small laptop, laptop, desktop, portrait kiosk. */
const SIZES = [
  [390, 844],
  [1024, 768],
  [1440, 900],
  [1920, 1080],
  [1080, 1920],
] as const

let server: StaticServer
let browser: Browser
let dataset: DistrictDataset

beforeAll(async () => {
  const imported = await importSyntheticDistrict(120, 5)
  dataset = imported.dataset
  server = await serveStatic(join(REPO_ROOT, 'dist'))
  server.files.set(DATA, imported.text)
  browser = await launchBrowser()
  await mkdir(OUTPUT, { recursive: true })
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const settle = (page: Page) =>
  page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null)))),
  )

/**
 * Every visible control, scrolled into view inside its panel as a user would scroll: its centre
 * must hit the control itself (or something inside it) and it must lie within the viewport.
 * Returns one line per control that is covered or cut off.
 */
function walkControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const name = (el: Element | null) => {
      if (!el) return 'nothing'
      const label =
        el.getAttribute('data-testid') ??
        el.getAttribute('aria-label') ??
        (el.textContent ?? '').trim().slice(0, 30)
      return `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''} "${label}"`
    }
    const problems: string[] = []
    const selector =
      'button, select, input, textarea, a[href], summary, [tabindex]:not([tabindex="-1"])'
    for (const el of document.querySelectorAll<HTMLElement>(selector)) {
      if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue
      if (el.getBoundingClientRect().width === 0) continue
      el.scrollIntoView({ block: 'nearest', inline: 'nearest' })
      const r = el.getBoundingClientRect()
      if (
        r.left < -0.5 ||
        r.top < -0.5 ||
        r.right > innerWidth + 0.5 ||
        r.bottom > innerHeight + 0.5
      )
        problems.push(`${name(el)} is cut off at ${Math.round(r.left)},${Math.round(r.top)}`)
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)
      if (!hit || !(hit === el || el.contains(hit)))
        problems.push(`${name(el)} is covered by ${name(hit)}`)
    }
    return problems
  })
}

describe('layout regions', () => {
  it('covers and cuts off no control at five sizes, in every panel', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
    const page = await context.newPage()
    const errors = watchErrors(page)
    await page.goto(`${server.url}/?data=${DATA}`)
    await waitForTwinReady(page)
    const compact = () => page.getByTestId('menu-toggle').isVisible()
    /** Click a toolbar control, through the menu on a phone. */
    const clickControl = async (testId: string) => {
      if (await compact()) await page.getByTestId('menu-toggle').click()
      await page.getByTestId(testId).click()
    }
    /** Close every side panel and the selection, as a user would. */
    const closeAll = async () => {
      await page.keyboard.press('Escape')
      await page.evaluate(() => window.__twin.select(null))
      if (await compact()) {
        await page.getByTestId('menu-toggle').click()
        await page
          .getByTestId('menu-sheet')
          .getByRole('button', { name: /close|închide|bezár/i })
          .click()
      } else {
        const figures = page.getByTestId('dashboard-toggle')
        if ((await figures.getAttribute('aria-pressed')) !== 'true') await figures.click()
        await figures.click()
      }
      await expect.poll(() => page.locator('main').getAttribute('data-side-panel')).toBe('none')
    }
    const states: [string, () => Promise<void>][] = [
      ['none', closeAll],
      ['dashboard', () => clickControl('dashboard-toggle')],
      [
        'inspector',
        async () => {
          await closeAll()
          // The view region just grew: let the canvas take its new size before aiming.
          await page.waitForTimeout(500)
          await settle(page)
          const target = await tallestOnScreen(page, dataset)
          expect(target).not.toBeNull()
          if (target) await page.mouse.click(target.x, target.y)
        },
      ],
      ['editor', () => clickControl('editor-toggle')],
      ['story', () => clickControl('story-toggle')],
      ['table', () => clickControl('table-toggle')],
    ]
    const report: string[] = []
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height })
      await settle(page)
      const sizeStates = [...states]
      if (await compact()) sizeStates.push(['menu', () => page.getByTestId('menu-toggle').click()])
      for (const [panel, enter] of sizeStates) {
        await enter()
        await expect
          .poll(() => page.locator('main').getAttribute('data-side-panel'), { timeout: 10_000 })
          .toBe(panel)
        await settle(page)
        await page.screenshot({ path: join(OUTPUT, `${width}x${height}-${panel}.png`) })
        const problems = await walkControls(page)
        if (problems.length > 0) console.log(width, height, panel, problems.slice(0, 12))
        for (const p of problems) report.push(`${width}×${height} ${panel}: ${p}`)
      }
    }
    expect(report).toEqual([])
    expect(errors).toEqual([])
    await context.close()
    // Five sizes × seven states on a software renderer: one page, but many frames.
  }, 420_000)
})
