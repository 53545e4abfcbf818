import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'

import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { BuildingFeature, DistrictDataset } from '@/domain/buildings/types'

import {
  canvasVariety,
  launchBrowser,
  tallestOnScreen,
  waitForTwinReady,
  watchErrors,
} from '../helpers/browser'
import { importSyntheticDistrict, REPO_ROOT } from '../helpers/datasets'
import { serveStatic, type StaticServer } from '../helpers/staticServer'

const OUTPUT = join(REPO_ROOT, 'test-output')
const COUNT = 240

let server: StaticServer
let browser: Browser
let dataset: DistrictDataset

const buildingsIn = (d: DistrictDataset) =>
  d.features.filter((f): f is BuildingFeature => f.properties.kind === 'building')

async function openTwin(query: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  const errors = watchErrors(page)
  await page.goto(`${server.url}/${query}`)
  return { page, errors }
}

beforeAll(async () => {
  const imported = await importSyntheticDistrict(COUNT)
  dataset = imported.dataset
  server = await serveStatic(join(REPO_ROOT, 'dist'))
  server.files.set('/fixtures/district.geojson', imported.text)
  server.files.set('/fixtures/broken.geojson', imported.text.slice(0, 500))
  browser = await launchBrowser()
  await mkdir(OUTPUT, { recursive: true })
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

describe('walking skeleton in Chromium', () => {
  it('draws every building of the dataset and reports stats', async () => {
    const { page, errors } = await openTwin('?data=/fixtures/district.geojson')
    await waitForTwinReady(page)
    const stats = await page.evaluate(() => window.__twin.stats())
    expect(stats.buildings).toBe(buildingsIn(dataset).length)
    expect(stats.buildings).toBeGreaterThan(COUNT * 0.9)
    expect(stats.triangles).toBeGreaterThan(stats.buildings * 10)
    expect(stats.drawCalls).toBeGreaterThanOrEqual(1)
    expect(await page.getByTestId('attribution').textContent()).toContain(
      'OpenStreetMap contributors',
    )
    await page.screenshot({ path: join(OUTPUT, 'skeleton.png') })
    expect(await canvasVariety(page)).toBeGreaterThan(0.05)
    expect(errors).toEqual([])
    await page.close()
  })

  it('selects the building under a click and shows it in the panel', async () => {
    const { page, errors } = await openTwin('?data=/fixtures/district.geojson')
    await waitForTwinReady(page)
    const target = await tallestOnScreen(page, dataset)
    expect(target).not.toBeNull()
    if (!target) return
    await page.mouse.click(target.x, target.y)
    await expect
      .poll(() => page.getByTestId('inspector-id').textContent(), { timeout: 10_000 })
      .toBe(target.id)
    const inspector = page.getByTestId('inspector')
    await expect.poll(() => inspector.textContent()).toMatch(/m/)
    // Provenance of the height is shown next to it.
    expect(await inspector.locator('[data-provenance]').count()).toBeGreaterThan(0)
    // The energy figures arrive from the district worker for that block.
    await page.getByTestId('energy-details').waitFor({ timeout: 20_000 })
    expect(await page.getByTestId('energy-details').textContent()).toMatch(/kWh\/m²/)
    await page.screenshot({ path: join(OUTPUT, 'skeleton-selected.png') })
    // Clicking empty sky clears the selection.
    await page.keyboard.press('Escape')
    expect(errors).toEqual([])
    await page.close()
  })

  it('moves the camera with the keyboard on the focused canvas', async () => {
    const { page } = await openTwin('?data=/fixtures/district.geojson')
    await waitForTwinReady(page)
    const id = buildingsIn(dataset)[0]?.properties.id ?? ''
    const before = await page.evaluate((i) => window.__twin.screenPointOf(i), id)
    await page.locator('canvas').focus()
    await page.keyboard.press('+')
    await page.keyboard.press('Shift+ArrowLeft')
    const after = await page.evaluate((i) => window.__twin.screenPointOf(i), id)
    expect(after).not.toEqual(before)
    await page.close()
  })

  it('explains plainly when there is no dataset, and offers to open a file', async () => {
    const { page, errors } = await openTwin('?data=/fixtures/missing.geojson')
    await page.getByRole('heading', { name: 'No district data yet' }).waitFor()
    await page.getByRole('button', { name: 'Open file…' }).first().waitFor()
    expect(await page.content()).not.toMatch(/at .*\.js:\d+/)
    expect(errors.filter((e) => !e.includes('404'))).toEqual([])
    await page.close()
  })

  it('shows a one-line error for a broken dataset, never a stack trace', async () => {
    const { page } = await openTwin('?data=/fixtures/broken.geojson')
    const message = page.getByTestId('data-message')
    await message.waitFor()
    const text = (await message.textContent()) ?? ''
    expect(text).toContain('broken.geojson')
    expect(text.split('\n')).toHaveLength(1)
    expect(text).not.toMatch(/\bat\s+\S+\s+\(/)
    await page.close()
  })

  it('imports a dropped or opened OSM file in the browser with the same importer', async () => {
    const { page, errors } = await openTwin('?data=/fixtures/missing.geojson')
    await page.getByRole('heading', { name: 'No district data yet' }).waitFor()
    await page
      .getByTestId('file-input')
      .first()
      .setInputFiles(join(REPO_ROOT, 'test/fixtures/osm/district.osm'))
    await waitForTwinReady(page)
    const stats = await page.evaluate(() => window.__twin.stats())
    expect(stats.buildings).toBeGreaterThan(0)
    expect(errors.filter((e) => !e.includes('404'))).toEqual([])
    await page.close()
  })
})
