import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'

import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'

import type { BuildingFeature, DistrictDataset } from '@/domain/buildings/types'

import {
  dashboardSettled,
  tallestOnScreen,
  waitForTwinReady,
  watchErrors,
} from '../helpers/browser'
import { TwinHarness } from '../helpers/harness'

const twin = new TwinHarness({ district: [150, 11] })
const DATA = TwinHarness.path('district')
let axeSource: string

const buildingsIn = (d: DistrictDataset) =>
  d.features.filter((f): f is BuildingFeature => f.properties.kind === 'building')

beforeAll(async () => {
  const require = createRequire(import.meta.url)
  axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8')
})

async function open(query: string, touch = false): Promise<Page> {
  return (await twin.open(query, { touch, ready: false })).page
}

/** Run axe-core in the page and return serious or critical violations. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the app's CSP (rightly) refuses an injected inline script.
  await page.evaluate(axeSource)
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            ctx: Document,
            o: object,
          ): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }>
        }
      }
    ).axe
    const result = await axe.run(document, { resultTypes: ['violations'] })
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}, ${v.nodes.length} nodes)`)
  })
}

describe('languages', () => {
  it.each(['ro', 'hu', 'en'])(
    'renders %s without a missing key and sets <html lang>',
    async (lang) => {
      const page = await open(`?data=${DATA}&lang=${lang}`)
      const errors = watchErrors(page)
      await waitForTwinReady(page)
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang)
      const missing = await page.evaluate(() => window.__twin.missingKeys())
      expect(missing).toEqual([])
      expect(errors).toEqual([])
      await page.context().close()
    },
  )

  it.each([
    ['ro-RO', 'ro'],
    ['hu-HU', 'hu'],
    ['de-DE', 'en'],
  ])('follows a %s browser when the URL names no language', async (locale, lang) => {
    const { page } = await twin.open(`?data=${DATA}`, {
      viewport: { width: 390, height: 844 },
      touch: true,
      locale,
    })
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang)
    await page.context().close()
  })

  it('uses a decimal comma in Romanian', async () => {
    const page = await open(`?data=${DATA}&lang=ro&table=1`)
    await waitForTwinReady(page)
    await page.getByTestId('table-toggle').click()
    const text = (await page.getByTestId('table-view').textContent()) ?? ''
    expect(text).toMatch(/\d,\d m/)
    await page.context().close()
  })
})

describe('accessibility', () => {
  it('has no serious or critical axe violations in the default view, inspector and table', async () => {
    const page = await open(`?data=${DATA}`)
    await waitForTwinReady(page)
    expect(await seriousViolations(page)).toEqual([])
    const id = buildingsIn(twin.district('district').dataset)[0]?.properties.id ?? ''
    await page.getByTestId('table-toggle').click()
    await page.getByTestId('table-select').first().click()
    await page.getByTestId('inspector').waitFor()
    expect(await seriousViolations(page)).toEqual([])
    expect(id).not.toBe('')
    await page.context().close()
  })

  it('lets the table drive the selection, by keyboard', async () => {
    const page = await open(`?data=${DATA}`)
    await waitForTwinReady(page)
    await page.getByTestId('table-toggle').focus()
    await page.keyboard.press('Enter')
    const first = page.getByTestId('table-select').first()
    const id = (await first.textContent()) ?? ''
    await first.focus()
    await page.keyboard.press('Enter')
    await page.getByTestId('inspector').waitFor()
    expect(await page.getByTestId('inspector-id').textContent()).toBe(id)
    expect(await page.evaluate(() => window.__twin.selectedId())).toBe(id)
    await page.context().close()
  })
})

describe('kiosk on a touchscreen', () => {
  it('selects a block with a tap', async () => {
    const page = await open(`?kiosk&data=${DATA}`, true)
    await waitForTwinReady(page)
    // The exhibit's view region changes height once more as its figures and ranges come in:
    // tap once they are shown, as a visitor reading them would.
    await dashboardSettled(page)
    const target = await tallestOnScreen(page, twin.district('district').dataset)
    expect(target).not.toBeNull()
    if (!target) return
    await page.touchscreen.tap(target.x, target.y)
    await expect.poll(() => page.evaluate(() => window.__twin.selectedId())).toBe(target.id)
    await page.context().close()
  })

  it('zooms with a pinch and tilts with a two-finger vertical drag', async () => {
    const page = await open(`?kiosk&data=${DATA}`, true)
    await waitForTwinReady(page)
    const cdp = await page.context().newCDPSession(page)
    const touch = async (
      type: 'touchStart' | 'touchMove' | 'touchEnd',
      points: [number, number][],
    ) =>
      cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints: points.map(([x, y], id) => ({ x, y, id })),
      })
    const pose = () => page.evaluate(() => window.__twin.camera())
    const before = await pose()
    // Pinch out: fingers move apart around the centre.
    await touch('touchStart', [
      [600, 400],
      [680, 400],
    ])
    for (let i = 1; i <= 10; i++) {
      await touch('touchMove', [
        [600 - i * 15, 400],
        [680 + i * 15, 400],
      ])
    }
    await touch('touchEnd', [])
    const pinched = await pose()
    expect(pinched?.distanceM).toBeLessThan((before?.distanceM ?? 0) * 0.7)
    // Two fingers moving up together change the tilt.
    await touch('touchStart', [
      [560, 500],
      [720, 500],
    ])
    for (let i = 1; i <= 10; i++) {
      await touch('touchMove', [
        [560, 500 - i * 12],
        [720, 500 - i * 12],
      ])
    }
    await touch('touchEnd', [])
    const tilted = await pose()
    expect(Math.abs((tilted?.tiltRad ?? 0) - (pinched?.tiltRad ?? 0))).toBeGreaterThan(0.1)
    await page.context().close()
  })

  it('keeps the district on screen whatever a visitor flings or spins', async () => {
    const page = await open(`?kiosk&data=${DATA}`, true)
    await waitForTwinReady(page)
    const cdp = await page.context().newCDPSession(page)
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x = 0, y = 0) =>
      cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints: type === 'touchEnd' ? [] : [{ x, y, id: 0 }],
      })
    // Fast one-finger flings, four each way, then the wheel spun far out and far in.
    for (const [dx, dy] of [
      [-1, 0],
      [0, -1],
      [1, 0],
      [0, 1],
    ] as const) {
      for (let fling = 0; fling < 4; fling++) {
        await touch('touchStart', 640, 400)
        for (let i = 1; i <= 4; i++) await touch('touchMove', 640 + dx * i * 150, 400 + dy * i * 90)
        await touch('touchEnd')
      }
      await page.waitForTimeout(300)
      const onScreen = await tallestOnScreen(page, twin.district('district').dataset)
      expect(onScreen, `after flings toward ${dx},${dy}`).not.toBeNull()
    }
    // Spun far out, the district stays in view: the exhibit's camera has a farthest distance.
    await page.mouse.move(640, 400)
    for (let i = 0; i < 10; i++) await page.mouse.wheel(0, 4000)
    await page.waitForTimeout(300)
    const far = await tallestOnScreen(page, twin.district('district').dataset)
    expect(far, 'after spinning the wheel far out').not.toBeNull()
    await page.context().close()
  })

  it('never zooms the page itself, wherever two fingers pinch', async () => {
    const page = await open(`?kiosk&data=${DATA}`, true)
    await waitForTwinReady(page)
    const cdp = await page.context().newCDPSession(page)
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', points: [number, number][]) =>
      cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints: points.map(([x, y], id) => ({ x, y, id })),
      })
    // Over the view, the district figures' side panel, the title and the bottom bar.
    const places = await page.evaluate(() =>
      ['.region-view', '.region-side', '.region-top', '.region-bottom'].flatMap((s) => {
        const r = document.querySelector(s)?.getBoundingClientRect()
        return r ? [[s, r.left + r.width / 2, r.top + r.height / 2] as const] : []
      }),
    )
    expect(places.length).toBe(4)
    for (const [where, x, y] of places) {
      await touch('touchStart', [
        [x - 20, y],
        [x + 20, y],
      ])
      for (let i = 1; i <= 8; i++)
        await touch('touchMove', [
          [x - 20 - i * 12, y],
          [x + 20 + i * 12, y],
        ])
      await touch('touchEnd', [])
      expect(await page.evaluate(() => visualViewport?.scale), where).toBe(1)
    }
    await page.context().close()
  })

  it('starts the attract loop when idle, ends it on touch, and resets home', async () => {
    const page = await open(`?kiosk&idle=2&reset=4&data=${DATA}`, true)
    await waitForTwinReady(page)
    const home = await page.evaluate(() => window.__twin.camera())
    // Move away and select something, then leave it alone.
    const someId = buildingsIn(twin.district('district').dataset)[0]?.properties.id ?? ''
    await page.evaluate((id) => window.__twin.select(id), someId)
    await page.keyboard.press('+')
    await page.getByTestId('attract').waitFor({ timeout: 10_000 })
    await page.touchscreen.tap(100, 300)
    await page.getByTestId('attract').waitFor({ state: 'detached', timeout: 5_000 })
    // Idle again until the reset: home view, nothing selected.
    await expect
      .poll(() => page.evaluate(() => window.__twin.selectedId()), { timeout: 15_000 })
      .toBeNull()
    await expect
      .poll(
        async () => {
          const now = await page.evaluate(() => window.__twin.camera())
          return Math.abs((now?.distanceM ?? 0) - (home?.distanceM ?? 0)) < 1
        },
        { timeout: 15_000 },
      )
      .toBe(true)
    await page.context().close()
  })

  it('offers the current view as a QR code generated locally', async () => {
    const page = await open(`?kiosk&data=${DATA}`, true)
    await waitForTwinReady(page)
    await page.getByRole('button', { name: 'Pe telefon' }).tap()
    // Inline SVG drawn on the page (an <img> of a data: URL would be a document per press).
    const qr = page.getByTestId('qr-code')
    await qr.waitFor()
    expect(await qr.getAttribute('aria-label')).toBe('Cod QR către această vedere')
    expect(await qr.locator('path').getAttribute('d')).toMatch(/^M\d+ \d+h\d+v1h-\d+z/)
    expect(await page.getByTestId('qr-dialog').locator('img').count()).toBe(0)
    await page.context().close()
  })
})
