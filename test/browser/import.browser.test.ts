import { readFileSync } from 'node:fs'
import { mkdtemp, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { serialize } from 'flatgeobuf/lib/mjs/geojson.js'
import type { FeatureCollection } from 'geojson'
import { beforeAll, describe, expect, it } from 'vitest'

import { importDistrict } from '@/domain/import/importDistrict'
import { MAX_IMPORT_BYTES } from '@/workers/districtProtocol'

import { generateSyntheticOsm } from '../../scripts/lib/synthetic'

import { REPO_ROOT } from '../helpers/datasets'
import { waitForTwinReady } from '../helpers/browser'
import { TwinHarness } from '../helpers/harness'

const twin = new TwinHarness({ district: [60, 5] })
const OVERLAY_DIR = join(REPO_ROOT, 'test/fixtures/overlay')

beforeAll(() => {
  // The hand-written buildings joined to the hand-written cadastre, as `npm run data
  // --overlay cadastre.geojson` writes them (way/1: exact match, way/2: IoU 0.52).
  const { dataset } = importDistrict(readFileSync(join(OVERLAY_DIR, 'buildings.osm'), 'utf8'), {
    sourceName: 'buildings.osm',
    footprintOverlays: [
      {
        name: 'cadastre.geojson',
        text: readFileSync(join(OVERLAY_DIR, 'cadastre.geojson'), 'utf8'),
      },
    ],
  })
  twin.server.files.set('/fixtures/overlay.geojson', JSON.stringify(dataset))
})

describe('values joined from another dataset by footprint overlap', () => {
  it.each([
    ['en', /other dataset, by footprint \(from cadastre, IoU 0\.52\)/, /overlap 0\.52 \(IoU\)/],
    ['ro', /alt set de date, după amprentă \(din cadastre, IoU 0,52\)/, /suprapunere 0,52/],
    ['hu', /más adatkészlet, alaprajz alapján \(forrás: cadastre, IoU 0,52\)/, /átfedés 0,52/],
  ])(
    '%s: the inspector names the dataset and the match quality beside the value',
    async (lang, badge, row) => {
      const { page, errors } = await twin.open(`?data=/fixtures/overlay.geojson&lang=${lang}`)
      await page.evaluate(() => window.__twin.select('way/2'))
      const inspector = page.getByTestId('inspector')
      await inspector.waitFor()
      const levels = inspector.locator('[data-provenance="overlay:cadastre"]').first()
      await levels.waitFor()
      expect(await levels.textContent()).toMatch(badge)
      expect(await page.getByTestId('inspector-overlay-match').textContent()).toMatch(row)
      expect(await page.getByTestId('inspector-overlay-match').textContent()).toMatch(/cad-2/)
      expect(await page.evaluate(() => window.__twin.missingKeys())).toEqual([])
      expect(errors.filter((e) => !e.includes('404'))).toEqual([])
      await page.context().close()
    },
  )
})

describe('a .osm.pbf opened in the app', () => {
  it('goes through the same import as npm run data and shows its buildings', async () => {
    const fixtures = join(REPO_ROOT, 'test/fixtures/osm')
    // The .pbf is its .osm twin: the buildings the importer makes of the .osm are expected.
    const expected = importDistrict(readFileSync(join(fixtures, 'building-parts.osm'), 'utf8'), {
      sourceName: 'building-parts.osm',
    }).dataset.metadata.counts.buildings
    const { page, errors } = await twin.open('?data=/fixtures/missing.geojson', { ready: false })
    await page.getByRole('heading', { name: 'No district data yet' }).waitFor()
    await page
      .getByTestId('file-input')
      .first()
      .setInputFiles(join(fixtures, 'building-parts.osm.pbf'))
    await waitForTwinReady(page)
    const stats = await page.evaluate(() => window.__twin.stats())
    expect(expected).toBeGreaterThan(0)
    expect(stats.buildings).toBe(expected)
    await page.evaluate(() => window.__twin.select('way/50'))
    await expect
      .poll(() => page.getByTestId('inspector-id').textContent(), { timeout: 10_000 })
      .toBe('way/50')
    expect(errors.filter((e) => !e.includes('404'))).toEqual([])
    await page.context().close()
  })
})

describe('a FlatGeobuf file (ogr2ogr output) opened in the app', () => {
  it('is offered by the file picker and imports as the same buildings as its GeoJSON', async () => {
    const text = readFileSync(
      join(REPO_ROOT, 'test/fixtures/osm/gdal-multipolygons.geojson'),
      'utf8',
    )
    const fc = JSON.parse(text) as FeatureCollection
    // GDAL writes every OSM column as text; the writer types the columns by the first feature.
    const columns = ['osm_id', 'osm_way_id', 'name', 'type', 'building', 'other_tags']
    const fgb = serialize(
      {
        ...fc,
        features: fc.features.map((f) => ({
          ...f,
          properties: Object.fromEntries(columns.map((c) => [c, f.properties?.[c] ?? ''])),
        })),
      },
      4326,
    )
    const path = join(await mkdtemp(join(tmpdir(), 'fgb-')), 'multipolygons.fgb')
    await writeFile(path, fgb)
    const expected = importDistrict(text, { sourceName: 'gdal.geojson' }).dataset.metadata.counts
      .buildings
    const { page, errors } = await twin.open('?data=/fixtures/missing.geojson', { ready: false })
    await page.getByRole('heading', { name: 'No district data yet' }).waitFor()
    const input = page.getByTestId('file-input').first()
    expect((await input.getAttribute('accept'))?.split(',')).toEqual(
      expect.arrayContaining(['.fgb', '.pbf', '.osm', '.geojson']),
    )
    await input.setInputFiles(path)
    await waitForTwinReady(page)
    expect(expected).toBeGreaterThan(0)
    expect((await page.evaluate(() => window.__twin.stats())).buildings).toBe(expected)
    await page.evaluate(() => window.__twin.select('way/123'))
    await expect
      .poll(() => page.getByTestId('inspector-id').textContent(), { timeout: 10_000 })
      .toBe('way/123')
    expect(errors.filter((e) => !e.includes('404'))).toEqual([])
    await page.context().close()
  })
})

describe('a big file opened in the app', () => {
  it.each([
    ['en', /huge\.osm is larger than 400 MB.*npm run data/],
    ['ro', /huge\.osm depășește 400 MB.*npm run data/],
    ['hu', /huge\.osm nagyobb 400 MB-nál.*npm run data/],
  ])(
    '%s: above the limit it is refused in one line, and the district shown stays',
    async (lang, message) => {
      // A sparse file: over the limit in size, nothing on disk, never read.
      const path = join(await mkdtemp(join(tmpdir(), 'twin-huge-')), 'huge.osm')
      await writeFile(path, '<osm>')
      await truncate(path, MAX_IMPORT_BYTES + 1)
      const { page, errors } = await twin.open(`?data=${TwinHarness.path('district')}&lang=${lang}`)
      const before = await page.evaluate(() => window.__twin.stats().buildings)
      await page.getByTestId('file-input').first().setInputFiles(path)
      const notice = page.getByTestId('data-message')
      await notice.waitFor()
      expect(await notice.textContent()).toMatch(message)
      expect(await notice.textContent()).not.toContain('\n')
      await waitForTwinReady(page)
      expect(await page.evaluate(() => window.__twin.stats().buildings)).toBe(before)
      expect(await page.evaluate(() => window.__twin.missingKeys())).toEqual([])
      expect(errors).toEqual([])
      await page.context().close()
    },
  )

  it('keeps the page responsive while a large .osm imports: progress moves, a button works', async () => {
    const blocks = 40_000
    const path = join(await mkdtemp(join(tmpdir(), 'twin-big-')), 'big.osm')
    await writeFile(path, generateSyntheticOsm({ count: blocks, seed: 9, format: 'osm-xml' }))
    const { page, errors } = await twin.open(`?data=${TwinHarness.path('district')}`)
    const toggle = page.getByTestId('dashboard-toggle')
    const pressed = await toggle.getAttribute('aria-pressed')
    await page.getByTestId('file-input').first().setInputFiles(path)
    const bar = page.locator('.overlay-card progress')
    await bar.waitFor()
    // Progress values seen while the file imports, in the order they came.
    const seen: number[] = []
    const sample = async () => {
      const v = await bar.getAttribute('value', { timeout: 1000 }).catch(() => null)
      if (v !== null && Number(v) !== seen.at(-1)) seen.push(Number(v))
    }
    await sample()
    // The page answers a click while the worker imports: the toggle flips before the end.
    await toggle.click()
    expect(await toggle.getAttribute('aria-pressed')).not.toBe(pressed)
    expect(await bar.count()).toBe(1)
    while ((await bar.count()) > 0) {
      await sample()
      await page.waitForTimeout(100)
    }
    await waitForTwinReady(page, 180_000)
    expect(await page.evaluate(() => window.__twin.stats().buildings)).toBe(blocks)
    expect(seen.length).toBeGreaterThan(2)
    expect([...seen].sort((a, b) => a - b)).toEqual(seen)
    expect(errors.filter((e) => !e.includes('404'))).toEqual([])
    await page.context().close()
  }, 240_000)
})
