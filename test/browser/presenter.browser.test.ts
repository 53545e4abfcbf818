import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'

import { waitForTwinReady } from '../helpers/browser'
import { readPdf } from '../helpers/pdf'
import { TEST_OUTPUT, TwinHarness } from '../helpers/harness'

const twin = new TwinHarness({ district: [140, 9] })
const DATA = TwinHarness.path('district')

async function open(query = ''): Promise<Page> {
  const opened = await twin.open(`?data=${DATA}${query}`, {
    viewport: { width: 1400, height: 900 },
    downloads: true,
  })
  return opened.page
}

const dashboardSettled = (page: Page) =>
  page.waitForFunction(
    () =>
      document.querySelector('[data-testid="dashboard"]')?.getAttribute('aria-busy') === 'false',
  )

describe('presenter mode', () => {
  it('steps through saved views with the keyboard and flies the camera', async () => {
    const page = await open()
    await page.getByTestId('story-toggle').click()
    await page.getByTestId('story-save').click()
    await page.locator('.view-3d canvas').focus()
    await page.keyboard.press('Shift+ArrowRight')
    await page.keyboard.press('+')
    await page.keyboard.press('+')
    await page.waitForTimeout(400) // camera commits 250 ms after the last move
    await page.getByTestId('story-save').click()
    const second = await page.evaluate(() => window.__twin.camera())
    await page.getByTestId('story-present').click()
    await page.getByTestId('presenter-bar').waitFor()
    expect(await page.getByTestId('presenter-view').textContent()).toBe('View 1')
    await page.keyboard.press('PageDown') // what a presentation clicker sends
    expect(await page.getByTestId('presenter-view').textContent()).toBe('View 2')
    await expect
      .poll(async () => (await page.evaluate(() => window.__twin.camera()))?.distanceM, {
        timeout: 5_000,
      })
      .toBeCloseTo(second?.distanceM ?? 0, 0)
    await page.keyboard.press('Escape')
    await page.getByTestId('presenter-bar').waitFor({ state: 'detached' })
    await page.context().close()
  })

  it('exports a council pack PDF with one page per view and the figures the app shows', async () => {
    const page = await open()
    await dashboardSettled(page)
    await page.getByTestId('story-toggle').click()
    await page.getByTestId('story-save').click() // View 1: default scenario
    await page.getByTestId('editor-toggle').click() // replaces the story panel on the left
    await page.getByTestId('measure-heat_pump').check()
    await dashboardSettled(page)
    await page.waitForTimeout(300)
    await page.getByTestId('story-toggle').click()
    await page.getByTestId('story-save').click() // View 2: with heat pumps
    const shown = {
      investment: (await page.getByTestId('kpi-investment').textContent())?.trim() ?? '',
      co2: (await page.getByTestId('kpi-co2').textContent())?.trim() ?? '',
      primary: (await page.getByTestId('kpi-primary').textContent())?.trim() ?? '',
    }
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 90_000 }),
      page.getByTestId('story-pack').click(),
    ])
    const dir = await mkdtemp(join(tmpdir(), 'twin-pack-'))
    const pdf = join(dir, 'pack.pdf')
    await download.saveAs(pdf)
    const { pages, text } = await readPdf(pdf)
    expect(pages).toBe(2)
    for (const value of Object.values(shown)) {
      expect(value).not.toBe('')
      expect(text).toContain(value)
    }
    expect(text).toContain('OpenStreetMap contributors')
    expect(text).toContain('View 2')
    await page.context().close()
  })
})

describe('offline', () => {
  it('reloads and renders the district with the network unplugged', async () => {
    const { page } = await twin.open(`?data=${DATA}`, { viewport: { width: 1024, height: 700 } })
    // The service worker installs on the first visit and claims the page; one more online
    // load then goes through it, so the dataset given by URL lands in its cache too.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 60_000,
    })
    await page.reload()
    await waitForTwinReady(page)
    await page.context().setOffline(true)
    await page.reload()
    await waitForTwinReady(page)
    const stats = await page.evaluate(() => window.__twin.stats())
    expect(stats.buildings).toBeGreaterThan(100)
    await page.screenshot({ path: join(TEST_OUTPUT, 'offline.png') })
    await page.context().close()
  })
})
