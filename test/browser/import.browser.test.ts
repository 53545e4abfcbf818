import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import { beforeAll, describe, expect, it } from 'vitest'

import { importDistrict } from '@/domain/import/importDistrict'

import { REPO_ROOT } from '../helpers/datasets'
import { waitForTwinReady } from '../helpers/browser'
import { TwinHarness } from '../helpers/harness'

const twin = new TwinHarness({})
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
