import { join } from 'node:path'

import { beforeAll, describe, expect, it } from 'vitest'

import type { BuildingFeature, DistrictDataset } from '@/domain/buildings/types'

import { canvasVariety, tallestOnScreen, waitForTwinReady } from '../helpers/browser'
import { REPO_ROOT } from '../helpers/datasets'
import { type OpenedPage, TEST_OUTPUT, TwinHarness } from '../helpers/harness'

const COUNT = 240
const twin = new TwinHarness({ district: [COUNT, 7] })
const buildingsIn = (d: DistrictDataset) =>
  d.features.filter((f): f is BuildingFeature => f.properties.kind === 'building')

function openTwin(query: string): Promise<OpenedPage> {
  return twin.open(query, { ready: false })
}

beforeAll(() => {
  twin.server.files.set('/fixtures/broken.geojson', twin.district('district').text.slice(0, 500))
})

describe('walking skeleton in Chromium', () => {
  it('draws every building of the dataset and reports stats', async () => {
    const { page, errors } = await openTwin('?data=/fixtures/district.geojson')
    await waitForTwinReady(page)
    const stats = await page.evaluate(() => window.__twin.stats())
    expect(stats.buildings).toBe(buildingsIn(twin.district('district').dataset).length)
    expect(stats.buildings).toBeGreaterThan(COUNT * 0.9)
    expect(stats.triangles).toBeGreaterThan(stats.buildings * 10)
    expect(stats.drawCalls).toBeGreaterThanOrEqual(1)
    expect(await page.getByTestId('attribution').textContent()).toContain(
      'OpenStreetMap contributors',
    )
    await page.screenshot({ path: join(TEST_OUTPUT, 'skeleton.png') })
    expect(await canvasVariety(page)).toBeGreaterThan(0.05)
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('selects the building under a click and shows it in the panel', async () => {
    const { page, errors } = await openTwin('?data=/fixtures/district.geojson')
    await waitForTwinReady(page)
    const target = await tallestOnScreen(page, twin.district('district').dataset)
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
    await page.screenshot({ path: join(TEST_OUTPUT, 'skeleton-selected.png') })
    // Clicking empty sky clears the selection.
    await page.keyboard.press('Escape')
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('moves the camera with the keyboard on the focused canvas', async () => {
    const { page } = await openTwin('?data=/fixtures/district.geojson')
    await waitForTwinReady(page)
    const id = buildingsIn(twin.district('district').dataset)[0]?.properties.id ?? ''
    const before = await page.evaluate((i) => window.__twin.screenPointOf(i), id)
    await page.locator('canvas').focus()
    await page.keyboard.press('+')
    await page.keyboard.press('Shift+ArrowLeft')
    const after = await page.evaluate((i) => window.__twin.screenPointOf(i), id)
    expect(after).not.toEqual(before)
    await page.context().close()
  })

  it('explains plainly when there is no dataset, and offers to open a file', async () => {
    const { page, errors } = await openTwin('?data=/fixtures/missing.geojson')
    await page.getByRole('heading', { name: 'No district data yet' }).waitFor()
    await page.getByRole('button', { name: 'Open file…' }).first().waitFor()
    expect(await page.content()).not.toMatch(/at .*\.js:\d+/)
    expect(errors.filter((e) => !e.includes('404'))).toEqual([])
    await page.context().close()
  })

  it('shows a one-line error for a broken dataset, never a stack trace', async () => {
    const { page } = await openTwin('?data=/fixtures/broken.geojson')
    const message = page.getByTestId('data-message')
    await message.waitFor()
    const text = (await message.textContent()) ?? ''
    expect(text).toContain('broken.geojson')
    expect(text.split('\n')).toHaveLength(1)
    expect(text).not.toMatch(/\bat\s+\S+\s+\(/)
    await page.context().close()
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
    await page.context().close()
  })

  it('draws an opened file’s building parts at their own heights, picked as their outline', async () => {
    const { page, errors } = await openTwin('?data=/fixtures/missing.geojson')
    await page.getByRole('heading', { name: 'No district data yet' }).waitFor()
    await page
      .getByTestId('file-input')
      .first()
      .setInputFiles(join(REPO_ROOT, 'test/fixtures/osm/building-parts.osm'))
    await waitForTwinReady(page)
    // The view frames the district once its size is known: sample only once the camera holds still.
    let pose = ''
    await expect
      .poll(
        async () => {
          const before = pose
          await page.waitForTimeout(500)
          pose = JSON.stringify(await page.evaluate(() => window.__twin.camera()))
          return pose === before
        },
        { timeout: 20_000 },
      )
      .toBe(true)
    // Sample the canvas: the roofs drawn for outline way/50 stand at its parts' tops (11 m,
    // 22 m on a part raised to 16.5 m, the 30 m tower), not at the outline's 30 m everywhere.
    const roofs = await page.evaluate(() => {
      const found: { x: number; y: number; heightM: number }[] = []
      for (let x = 0; x < innerWidth; x += 12) {
        for (let y = 0; y < innerHeight; y += 12) {
          const s = window.__twin.surfaceAt(x, y)
          if (s?.roof && s.id === 'way/50') found.push({ x, y, heightM: s.heightM })
        }
      }
      return found
    })
    const heights = new Set(roofs.map((r) => Math.round(r.heightM * 10) / 10))
    expect([...heights].sort((a, b) => a - b)).toEqual([11, 22, 30])
    await page.screenshot({ path: join(TEST_OUTPUT, 'building-parts.png') })
    // A click on the raised part's roof selects the outline, as a user would.
    const raised = roofs.find((r) => Math.abs(r.heightM - 22) < 0.05)!
    await page.mouse.click(raised.x, raised.y)
    await expect
      .poll(() => page.evaluate(() => window.__twin.selectedId()), { timeout: 15_000 })
      .toBe('way/50')
    expect(errors.filter((e) => !e.includes('404'))).toEqual([])
    await page.context().close()
  })
})
