/**
 * The council's path through the energy figures (issue #12): the dashboard leads with apartment
 * blocks and shows ranges, "include all buildings" brings in the houses and the school, a
 * scenario with solar panels shows the generation apart and no negative consumption, and the
 * inspector shows a block's ranges and tornado. Screenshots at four sizes for review.
 */
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'

import type { DistrictDataset } from '@/domain/buildings/types'

import { generateSyntheticOsm, SYNTHETIC_CENTRE } from '../../scripts/lib/synthetic'
import { dashboardSettled, tallestOnScreen } from '../helpers/browser'
import { REPO_ROOT } from '../helpers/datasets'
import { TEST_OUTPUT, TwinHarness } from '../helpers/harness'

const run = promisify(execFile)
const twin = new TwinHarness({})
const DATA = '/fixtures/mixed.geojson'
const OUTPUT = join(TEST_OUTPUT, 'energy')
const BLOCKS = 40
const HOUSES = 6
const SCHOOLS = 2

let dataset: DistrictDataset

/**
 * 40 synthetic apartment blocks, plus a row of six two-storey houses and two schools south of
 * them (hand-made here, not OSM), imported through the real importer CLI.
 */
async function importMixed(): Promise<{ text: string; columnar: Uint8Array }> {
  const osm = JSON.parse(
    generateSyntheticOsm({ count: BLOCKS, seed: 9, format: 'overpass-json' }),
  ) as { elements: unknown[] }
  const mLat = 110_574
  const mLng = 111_320 * Math.cos((SYNTHETIC_CENTRE[1] * Math.PI) / 180)
  let node = 9_000_000
  const add = (x: number, y: number, w: number, d: number, id: number, tags: object) => {
    const first = node
    for (const [px, py] of [
      [x, y],
      [x + w, y],
      [x + w, y + d],
      [x, y + d],
    ] as const) {
      osm.elements.push({
        type: 'node',
        id: node++,
        lat: SYNTHETIC_CENTRE[1] + py / mLat,
        lon: SYNTHETIC_CENTRE[0] + px / mLng,
      })
    }
    const nodes = [first, first + 1, first + 2, first + 3, first]
    osm.elements.push({ type: 'way', id, nodes, tags: { note: 'synthetic', ...tags } })
  }
  for (let i = 0; i < HOUSES; i++) {
    add(-300 + i * 30, -420, 10, 9, 3_000_000 + i, { building: 'house', 'building:levels': '2' })
  }
  for (let i = 0; i < SCHOOLS; i++) {
    add(-50 + i * 120, -440, 60, 15, 3_100_000 + i, {
      building: 'school',
      amenity: 'school',
      'building:levels': '3',
    })
  }
  const dir = await mkdtemp(join(tmpdir(), 'twin-mixed-'))
  await writeFile(join(dir, 'mixed.osm.json'), JSON.stringify(osm))
  const out = join(dir, 'mixed.geojson')
  await run('npx', ['tsx', 'scripts/data.ts', '--in', join(dir, 'mixed.osm.json'), '--out', out], {
    cwd: REPO_ROOT,
  })
  return {
    text: await readFile(out, 'utf8'),
    columnar: new Uint8Array(await readFile(join(dir, 'mixed.arrow'))),
  }
}

beforeAll(async () => {
  const { text, columnar } = await importMixed()
  dataset = JSON.parse(text) as DistrictDataset
  twin.server.files.set(DATA, text)
  twin.server.files.set(DATA.replace(/\.geojson$/, '.arrow'), columnar)
  await mkdir(OUTPUT, { recursive: true })
}, 180_000)

const text = async (page: Page, id: string) =>
  ((await page.getByTestId(id).textContent()) ?? '').replace(/\s+/g, ' ').trim()

/** Sum of the histogram's "today" counts: the rated buildings the dashboard speaks for. */
const ratedToday = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="dashboard"] .histogram .counts')].reduce(
      (a, el) => a + Number((el.textContent ?? '').split('→')[0]?.trim() ?? 0),
      0,
    ),
  )

/** An energy or CO2 figure written with a minus sign anywhere on the page. */
const negativeConsumption = (page: Page) =>
  page.evaluate(() => {
    const m = /[-−]\s*\d[\d.,\s]*\s*(MWh|kWh|t\/yr|kg)/.exec(document.body.innerText)
    return m ? m[0] : null
  })

const RANGE = (unit: string) => new RegExp(`^≈ \\d[\\d,]* ${unit} \\(\\d[\\d,]*–\\d[\\d,]*\\)$`)

describe('energy figures a council can trust', () => {
  it('leads with apartment blocks, with ranges; includes all on request; keeps PV apart', async () => {
    const { page, errors } = await twin.open(`?data=${DATA}`, {
      viewport: { width: 1440, height: 900 },
      downloads: true,
    })
    await dashboardSettled(page)
    // Blocks lead: the scope line names the blocks only, the histogram counts only them.
    expect(await text(page, 'dashboard-scope')).toContain(`${BLOCKS} blocks`)
    expect(await ratedToday(page)).toBe(BLOCKS)
    expect(await text(page, 'kpi-primary')).toMatch(RANGE('MWh/yr'))
    expect(await text(page, 'kpi-co2')).toMatch(RANGE('t/yr'))
    expect(await text(page, 'kpi-investment')).toMatch(RANGE('€'))
    const blocksPrimary = await text(page, 'kpi-primary')

    // Include the houses and the schools: the houses are rated on the house scale, the schools
    // are counted in the totals but not rated.
    await page.getByTestId('dashboard-include-all').check()
    expect(await text(page, 'dashboard-scope')).toContain(
      `All ${BLOCKS + HOUSES + SCHOOLS} buildings`,
    )
    await expect.poll(() => ratedToday(page)).toBe(BLOCKS + HOUSES)
    expect(await text(page, 'kpi-primary')).not.toBe(blocksPrimary)
    await page.getByTestId('dashboard-include-all').uncheck()

    // Envelope + heat pump + PV: the case that once gave a negative district primary energy.
    await page.getByTestId('editor-toggle').click()
    await page.getByTestId('measure-heat_pump').check()
    await page.getByTestId('measure-pv').check()
    await page.getByTestId('dashboard-toggle').click()
    await expect
      .poll(() => text(page, 'kpi-generation'), { timeout: 60_000 })
      .toMatch(/^[1-9][\d,]* MWh\/yr$/)
    await dashboardSettled(page)
    expect(await text(page, 'kpi-primary')).toMatch(RANGE('MWh/yr'))
    expect(await negativeConsumption(page)).toBeNull()
    await page.screenshot({ path: join(OUTPUT, 'dashboard-pv-1440x900.png') })

    // Both exports carry each building's ranges, with the same values.
    const download = async (id: string) => {
      const [file] = await Promise.all([
        page.waitForEvent('download', { timeout: 60_000 }),
        page.getByTestId(id).click(),
      ])
      return readFile((await file.path()) ?? '', 'utf8')
    }
    const geojson = JSON.parse(await download('export-geojson')) as {
      metadata: { attribution: string }
      features: { id: string; properties: { ranges?: Record<string, [number, number | null]> } }[]
    }
    expect(geojson.metadata.attribution).toMatch(/OpenStreetMap contributors/)
    const [head, ...rows] = (await download('export-csv')).trim().split('\n')
    const header = head?.split(',') ?? []
    const ranged = geojson.features.filter((f) => f.properties.ranges?.after_primary_kwh_m2a)
    expect(ranged.length).toBe(BLOCKS + HOUSES + SCHOOLS)
    for (const f of ranged.slice(0, 5)) {
      const cells = rows.find((l) => l.startsWith(`${f.id},`))?.split(',') ?? []
      const [low, high] = f.properties.ranges?.after_primary_kwh_m2a ?? []
      expect(cells[header.indexOf('after_primary_kwh_m2a_low')]).toBe(String(low))
      expect(cells[header.indexOf('after_primary_kwh_m2a_high')]).toBe(String(high))
      expect(low).toBeGreaterThan(0) // never a negative consumption, even at the low end
    }

    // The inspector of a block a user clicks: ranges and the three assumptions that move it most.
    await page.getByTestId('dashboard-toggle').click()
    const target = await tallestOnScreen(page, dataset)
    expect(target).not.toBeNull()
    if (!target) return
    await page.mouse.click(target.x, target.y)
    await page.getByTestId('tornado').waitFor({ timeout: 60_000 })
    const details = await text(page, 'energy-details')
    expect(details).toMatch(/≈ \d[\d,.]* kWh\/m²·yr \(\d[\d,.]*–\d[\d,.]*\)/)
    expect(await page.getByTestId('tornado').locator('.tornado-row').count()).toBe(3)
    expect(await negativeConsumption(page)).toBeNull()
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('fits the dashboard and the energy details at four sizes (screenshots)', async () => {
    const block = dataset.features.find((f) => f.properties.kind === 'building')
    for (const [width, height, touch] of [
      [390, 844, true],
      [1440, 900, false],
      [1920, 1080, false],
      [1080, 1920, true],
    ] as const) {
      const { page, errors } = await twin.open(`?data=${DATA}`, {
        viewport: { width, height },
        touch,
      })
      if (await page.getByTestId('menu-toggle').isVisible()) {
        await page.getByTestId('menu-toggle').click()
      }
      const toggle = page.getByTestId('dashboard-toggle')
      if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click()
      await dashboardSettled(page)
      await page.screenshot({ path: join(OUTPUT, `dashboard-${width}x${height}.png`) })
      await page.evaluate((id) => window.__twin.select(id), block?.properties.id ?? '')
      await page.getByTestId('tornado').waitFor({ timeout: 60_000 })
      await page.getByTestId('energy-details').scrollIntoViewIfNeeded()
      await page.screenshot({ path: join(OUTPUT, `details-${width}x${height}.png`) })
      expect(errors).toEqual([])
      await page.context().close()
    }
  }, 400_000)
})
