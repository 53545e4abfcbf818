import { join } from 'node:path'

import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { KIOSK_RECOVERY_KEY } from '@/app/kioskRecovery'
import type { BuildingFeature, DistrictDataset } from '@/domain/buildings/types'
import { hu } from '@/ui/locales/hu'
import { ro } from '@/ui/locales/ro'

import { launchBrowser, tallestOnScreen, waitForTwinReady, watchErrors } from '../helpers/browser'
import { importSyntheticDistrict, REPO_ROOT, withAddresses } from '../helpers/datasets'
import { serveStatic, type StaticServer } from '../helpers/staticServer'

let server: StaticServer
let browser: Browser
let dataset: DistrictDataset

const DATA = '/fixtures/addresses.geojson'

/** Every control that changes data or the model: none may be reachable at the exhibit. */
const EDITING = [
  '[data-testid="editor-toggle"]',
  '[data-testid="story-toggle"]',
  '[data-testid="corrections"]',
  '[data-testid="correct-year"]',
  '[data-testid="file-input"]',
  '[data-testid="export-csv"]',
  '[data-testid="colouring"]',
  '[data-testid^="measure-"]',
  'input[type="file"]',
  '.inspector input',
  '.inspector select',
]

beforeAll(async () => {
  const imported = await importSyntheticDistrict(120, 5)
  dataset = withAddresses(imported.dataset)
  server = await serveStatic(join(REPO_ROOT, 'dist'))
  server.files.set(DATA, JSON.stringify(dataset))
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function openKiosk(query = ''): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    hasTouch: true,
  })
  const page = await context.newPage()
  await page.goto(`${server.url}/?kiosk&data=${DATA}${query}`)
  await waitForTwinReady(page)
  return page
}

const reachableEditing = (page: Page) =>
  page.evaluate(
    (selectors) =>
      selectors.filter((s) =>
        [...document.querySelectorAll<HTMLElement>(s)].some(
          (el) => el.getClientRects().length > 0 || el.tagName === 'INPUT',
        ),
      ),
    EDITING,
  )

const totals = async (page: Page) => {
  // The ranges arrive after the figures; compare the table only once both are shown.
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="dashboard"]')?.getAttribute('aria-busy') === 'false' &&
      document.querySelector('[data-testid="dashboard-ranges"]')?.getAttribute('data-ready') ===
        'true',
  )
  return page.getByTestId('dashboard').locator('table').textContent()
}

describe('kiosk for residents', () => {
  it('gives a visitor no editing control, and the idle reset brings the district figures back', async () => {
    const page = await openKiosk('&idle=30&reset=8')
    const errors = watchErrors(page)
    await expect
      .poll(() => page.getByTestId('kiosk-prompt').textContent())
      .toBe('Atingeți blocul dumneavoastră')
    const first = await totals(page)
    const home = await page.evaluate(() => window.__twin.camera())
    expect(await reachableEditing(page)).toEqual([])

    // A visitor's session: tap a block, open the architect's details, pick another scenario,
    // switch language, pan, and drop a file on the screen.
    const target = await tallestOnScreen(page, dataset)
    if (!target) throw new Error('no block on screen')
    await page.touchscreen.tap(target.x, target.y)
    await page.getByTestId('resident-card').waitFor({ timeout: 60_000 })
    await page.getByTestId('resident-details').tap()
    await page.getByTestId('inspector').waitFor()
    expect(await reachableEditing(page)).toEqual([])
    await page.getByTestId('details-back').tap()
    await page.getByTestId('kiosk-scenario-3').tap()
    await page.getByTestId('resident-card').getByRole('button', { name: 'Închide' }).tap()
    await page.getByRole('button', { name: 'HU', exact: true }).tap()
    await page.locator('.view-3d canvas').focus()
    await page.keyboard.press('ArrowLeft')
    await page.keyboard.press('ArrowLeft')
    await page.evaluate(() => {
      const transfer = new DataTransfer()
      transfer.items.add(new File(['{"type":"FeatureCollection","features":[]}'], 'x.geojson'))
      const zone = document.querySelector('.drop-zone')
      zone?.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true }))
    })
    await expect.poll(() => totals(page)).not.toBe(first)
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('hu')
    expect(await page.evaluate(() => window.__twin.stats().buildings)).toBe(120)

    // Left alone, the exhibit returns to where the next visitor expects it.
    await expect
      .poll(() => page.evaluate(() => window.__twin.selectedId()), { timeout: 20_000 })
      .toBeNull()
    await expect.poll(() => totals(page), { timeout: 20_000 }).toBe(first)
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ro')
    await expect
      .poll(async () => {
        const now = await page.evaluate(() => window.__twin.camera())
        return Math.hypot(
          (now?.targetEastM ?? 0) - (home?.targetEastM ?? 0),
          (now?.targetNorthM ?? 0) - (home?.targetNorthM ?? 0),
        )
      })
      .toBeLessThan(1)
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('finds a block by street and number on the on-screen keyboard', async () => {
    const page = await openKiosk()
    const wanted = dataset.features.find(
      (f): f is BuildingFeature =>
        f.properties.kind === 'building' && f.properties.address === 'Strada Primăverii 5',
    )
    expect(wanted).toBeDefined()
    await page.getByTestId('find-toggle').tap()
    for (const key of 'PRIM') await page.getByTestId(`key-${key}`).tap()
    const streets = page.getByTestId('find-street')
    await expect.poll(() => streets.allTextContents()).toEqual(['Strada Primăverii'])
    await streets.first().tap()
    await page.getByTestId('find-number').filter({ hasText: /^5$/ }).tap()
    await expect
      .poll(() => page.evaluate(() => window.__twin.selectedId()))
      .toBe(wanted?.properties.id)
    await expect
      .poll(() => page.getByTestId('resident-card').locator('h2').textContent())
      .toBe('Strada Primăverii 5')
    // The camera flew to the block: it is on screen, near the middle of the view.
    await expect
      .poll(
        async () => {
          const p = await page.evaluate(
            (id) => window.__twin.screenPointOf(id),
            wanted?.properties.id ?? '',
          )
          return p !== null && Math.abs(p.x - 640) < 300 && Math.abs(p.y - 450) < 300
        },
        { timeout: 10_000 },
      )
      .toBe(true)
    await page.context().close()
  })
})

/** An uncaught error in the page, as a bug would throw one. */
const throwInPage = (page: Page) =>
  page.evaluate(() => {
    setTimeout(() => {
      throw new Error('forced by the recovery test')
    })
  })
const markDocument = (page: Page) =>
  page.evaluate(() => {
    ;(window as unknown as { __sameDocument: boolean }).__sameDocument = true
  })
const sameDocument = (page: Page) =>
  page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true)

describe('kiosk error recovery', () => {
  it('reloads to its own settings, backs off when errors come back, then says out of order', async () => {
    const start = `?kiosk&data=${DATA}&idle=40&reset=80&lang=hu`
    const page = await openKiosk('&idle=40&reset=80&lang=hu')
    // The address's settings, in any order (the app may write them in its own).
    const settings = () =>
      page.evaluate(() => [...new URLSearchParams(location.search)].map(String).sort())
    const expected = [...new URLSearchParams(start)].map(String).sort()
    // A visitor's view follows in the address bar; the recovery must not keep it.
    const target = await tallestOnScreen(page, dataset)
    if (!target) throw new Error('no block on screen')
    await page.touchscreen.tap(target.x, target.y)
    await expect.poll(() => page.evaluate(() => location.search)).toContain('sel=')

    // The first error reloads at once, to the exhibit's own address.
    let loaded = page.waitForEvent('load', { timeout: 30_000 })
    await throwInPage(page)
    await loaded
    expect(await settings()).toEqual(expected)
    await waitForTwinReady(page)
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('hu')

    // The second within a minute waits before reloading.
    await markDocument(page)
    loaded = page.waitForEvent('load', { timeout: 60_000 })
    await throwInPage(page)
    await page.waitForTimeout(3_000)
    expect(await sameDocument(page)).toBe(true)
    await loaded
    expect(await settings()).toEqual(expected)
    await waitForTwinReady(page)

    // The third waits longer still (30 s): nothing after 8 s.
    await markDocument(page)
    await throwInPage(page)
    await page.waitForTimeout(8_000)
    expect(await sameDocument(page)).toBe(true)
    expect(
      await page.evaluate(
        (key) => JSON.parse(sessionStorage.getItem(key) ?? '{}'),
        KIOSK_RECOVERY_KEY,
      ),
    ).toMatchObject({ count: 3 })

    // Its reload comes (here sooner, by hand); the fourth error in a row gives up, with a card.
    await page.goto(`${server.url}/${start}`)
    await waitForTwinReady(page)
    await markDocument(page)
    await throwInPage(page)
    const card = page.getByTestId('out-of-order')
    await card.waitFor()
    expect(await card.locator('h2').textContent()).toBe(hu.kiosk.outOfOrderTitle)
    await page.waitForTimeout(6_000)
    expect(await sameDocument(page)).toBe(true)
    await page.context().close()
  }, 240_000)

  it('says in one line when the view is too long for a QR code', async () => {
    // A dataset address the kiosk accepts (< 2 KB) whose escaped form is beyond a QR code.
    const data = `${DATA}?${'a=&'.repeat(600)}`
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      hasTouch: true,
    })
    const page = await context.newPage()
    const errors = watchErrors(page)
    await page.goto(`${server.url}/?kiosk&data=${encodeURIComponent(data)}`)
    await waitForTwinReady(page)
    await page.getByRole('button', { name: ro.kiosk.qr }).tap()
    await expect.poll(() => page.getByTestId('qr-too-long').textContent()).toBe(ro.kiosk.qrTooLong)
    expect(await page.getByTestId('qr-dialog').locator('svg, img').count()).toBe(0)
    expect(errors).toEqual([])
    await context.close()
  })
})
