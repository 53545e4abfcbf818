/**
 * FlatGeobuf input (issue 13, point 3): ogr2ogr's OSM `multipolygons` layer written as
 * `.fgb` imports as the same dataset as the same layer written as GeoJSON, in the CLI and in
 * the district worker's file path; a projected, damaged or foreign file is refused in one line.
 * The `.fgb` files are written here by the FlatGeobuf project's own writer from our fixtures.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'

import { serialize } from 'flatgeobuf/lib/mjs/geojson.js'
import type { FeatureCollection } from 'geojson'
import { afterAll, describe, expect, it } from 'vitest'

import { datasetParts } from '../../../src/domain/dataset/packedDataset'
import { importFlatGeobuf, isFlatGeobuf } from '../../../src/domain/import/flatGeobuf'
import { importDistrict } from '../../../src/domain/import/importDistrict'
import { ImportError } from '../../../src/domain/import/importError'
import { readFileParts } from '../../../src/domain/session/readFile'

const ROOT = resolve(import.meta.dirname, '../../..')
const GEOJSON_TEXT = readFileSync(
  resolve(ROOT, 'test/fixtures/osm/gdal-multipolygons.geojson'),
  'utf8',
)
const geojson = JSON.parse(GEOJSON_TEXT) as FeatureCollection
const dir = mkdtempSync(join(tmpdir(), 'fgb-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** GDAL writes every OSM column as text; the writer types columns by the first feature. */
function asFgb(fc: FeatureCollection, crs = 4326): Uint8Array {
  const columns = ['osm_id', 'osm_way_id', 'name', 'type', 'building', 'other_tags']
  return serialize(
    {
      ...fc,
      features: fc.features.map((f) => ({
        ...f,
        properties: Object.fromEntries(
          columns.map((c) => [c, (f.properties?.[c] as string | null | undefined) ?? '']),
        ),
      })),
    },
    crs,
  )
}

const opts = { sourceName: 'multipolygons.fgb', now: () => new Date('2026-01-01T00:00:00Z') }
const same = { ...opts, sourceName: 'multipolygons.fgb' }
/** A dataset's buildings as the figures that matter: id, area, storeys, year, address. */
const buildingsOf = (features: readonly unknown[]) =>
  (features as { properties: Record<string, unknown> }[])
    .filter((f) => f.properties['kind'] === 'building')
    .map((f) => {
      const p = f.properties
      return [p['id'], p['footprint_area_m2'], p['levels'], p['year'], p['address']]
    })

describe('FlatGeobuf input', () => {
  const bytes = asFgb(geojson)

  it('is told by its first bytes', () => {
    expect(isFlatGeobuf(bytes)).toBe(true)
    expect(isFlatGeobuf(new TextEncoder().encode(GEOJSON_TEXT))).toBe(false)
  })

  it('imports as the same buildings as the same layer in GeoJSON (ids, tags in other_tags)', async () => {
    const fromFgb = (await importFlatGeobuf(bytes, same)).dataset
    const fromJson = importDistrict(GEOJSON_TEXT, same).dataset
    expect(buildingsOf(fromFgb.features)).toEqual(buildingsOf(fromJson.features))
    expect(fromFgb.metadata.counts.buildings).toBeGreaterThan(0)
    // ids are OSM ids, not feature numbers; levels came from other_tags.
    const ids = buildingsOf(fromFgb.features).map((b) => b[0])
    expect(ids).toContain('way/123')
    expect(ids).toContain('relation/77')
    expect(buildingsOf(fromFgb.features).find((b) => b[0] === 'way/123')?.[2]).toBe(10)
  })

  it('the district worker reads a .fgb file as the CLI does', async () => {
    const parts = await readFileParts(
      new File([bytes as Uint8Array<ArrayBuffer>], 'multipolygons.fgb'),
    )
    const cli = datasetParts((await importFlatGeobuf(bytes, same)).dataset)
    expect(parts.properties).toEqual(cli.properties)
    expect(parts.geometry).toEqual(cli.geometry)
    expect(parts.properties.count).toBe(2)
  })

  it('refuses a projected file, a damaged one and a foreign one, each in one line', async () => {
    const refusal = async (b: Uint8Array) => {
      try {
        await importFlatGeobuf(b, opts)
        return null
      } catch (e) {
        expect(e).toBeInstanceOf(ImportError)
        return e as ImportError
      }
    }
    const projected = await refusal(asFgb(geojson, 3844))
    expect(projected?.code).toBe('fgbProjected')
    expect(projected?.message).toMatch(/^cannot read multipolygons\.fgb: is in EPSG:3844, not/)
    const damaged = await refusal(bytes.slice(0, Math.floor(bytes.length * 0.6)))
    expect(damaged?.code).toBe('fgbDamaged')
    expect(damaged?.message.split('\n')).toHaveLength(1)
    expect((await refusal(new TextEncoder().encode(GEOJSON_TEXT)))?.code).toBe('notOsm')
  })

  it('npm run data --in x.fgb writes the same dataset as from the GeoJSON', async () => {
    const fgbPath = join(dir, 'multipolygons.fgb')
    writeFileSync(fgbPath, bytes)
    const run = promisify(execFile)
    const tsx = resolve(ROOT, 'node_modules/.bin/tsx')
    const out = join(dir, 'out.geojson')
    await run(tsx, ['scripts/data.ts', '--in', fgbPath, '--out', out], { cwd: ROOT })
    const written = JSON.parse(readFileSync(out, 'utf8')) as { features: unknown[] }
    const fromJson = importDistrict(GEOJSON_TEXT, same).dataset
    expect(buildingsOf(written.features)).toEqual(buildingsOf(fromJson.features))
  })
})
