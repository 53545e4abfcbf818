import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'

import { describe, expect, it } from 'vitest'

import type { BuildingFeature, BuildingProperties } from '@/domain/buildings/types'
import { OSM_ATTRIBUTION } from '@/domain/buildings/types'
import { ImportError } from '@/domain/import/importError'
import { importDistrict } from '@/domain/import/importDistrict'
import { formatImportSummary } from '@/domain/import/summary'

const ROOT = resolve(import.meta.dirname, '../../..')
const fixture = (name: string): string =>
  readFileSync(resolve(ROOT, 'test/fixtures/osm', name), 'utf8')
const buildingsOf = (text: string, sourceName = 'fixture'): BuildingProperties[] =>
  importDistrict(text, { sourceName })
    .dataset.features.filter((f): f is BuildingFeature => f.properties.kind === 'building')
    .map((f) => f.properties)
    .sort((a, b) => (a.id < b.id ? -1 : 1))

const FORMATS = [
  ['.osm XML', 'district.osm'],
  ['Overpass JSON out geom', 'district.overpass-geom.json'],
  ['Overpass JSON out body; >; out skel', 'district.overpass-skel.json'],
  ['GeoJSON (tags on properties or under tags)', 'district.geojson'],
] as const

describe('importDistrict on hand-written fixtures of every input format', () => {
  it.each(FORMATS)('%s yields the same three buildings', (_label, file) => {
    const b = buildingsOf(fixture(file), file)
    expect(b.map((x) => [x.id, x.type])).toEqual([
      ['relation/401', 'apartments'],
      ['way/101', 'apartments'],
      ['way/102', 'house'],
    ])
    const [rel, block, house] = b
    expect(block).toMatchObject({
      name: 'Bloc Test 1',
      address: 'Strada Primăverii 1',
      levels: 10,
      height_m: 27.5,
      year: 1978,
      use: 'residential',
      provenance: { levels: 'tagged', height_m: 'levels', year: 'tagged', use: 'tagged' },
    })
    expect(house).toMatchObject({ height_m: 7.5, provenance: { height_m: 'tagged' } })
    // The multipolygon keeps its hole: 2 rings, and the hole's area is subtracted.
    expect(rel).toMatchObject({ levels: 5, year: 1977, provenance: { levels: 'default' } })
    expect(rel?.footprint_area_m2).toBeGreaterThan(2300)
    expect(rel?.footprint_area_m2).toBeLessThan(2400)
  })

  it('keeps the hole of the multipolygon as an inner ring, wound clockwise', () => {
    const { dataset } = importDistrict(fixture('district.osm'), { sourceName: 'district.osm' })
    const rel = dataset.features.find((f) => f.id === 'relation/401')
    expect(rel?.geometry.type).toBe('Polygon')
    const rings = rel?.geometry.coordinates as number[][][]
    expect(rings).toHaveLength(2)
    const signed = (r: number[][]): number =>
      r.reduce((s, p, i) => {
        const q = r[(i + 1) % r.length]!
        return s + p[0]! * q[1]! - q[0]! * p[1]!
      }, 0)
    expect(signed(rings[0]!)).toBeGreaterThan(0)
    expect(signed(rings[1]!)).toBeLessThan(0)
  })

  it('writes metadata: source, bbox, counts by type and provenance, time, ODbL attribution', () => {
    const { dataset } = importDistrict(fixture('district.osm'), {
      sourceName: 'district.osm',
      now: () => new Date('2026-01-02T03:04:05Z'),
    })
    const m = dataset.metadata
    expect(m.source).toBe('district.osm')
    expect(m.generated).toBe('2026-01-02T03:04:05.000Z')
    expect(m.attribution).toBe(OSM_ATTRIBUTION)
    expect(m.licence).toMatch(/ODbL/)
    expect(m.bbox[0]).toBeCloseTo(23.55, 4)
    expect(m.bbox[3]).toBeCloseTo(46.7615, 4)
    expect(m.counts.buildings).toBe(3)
    expect(m.counts.byType).toEqual({ apartments: 2, house: 1 })
    expect(m.counts.byProvenance.height_m).toEqual({ tagged: 1, levels: 1, default: 1 })
    expect(m.report).toEqual({ repaired: [], dropped: [], warnings: [] })
    const summary = formatImportSummary(m)
    expect(summary).toContain('Buildings: 3')
    expect(summary).toMatch(/height_m\s+1\s+0\s+1\s+0\s+1\s+0/)
  })

  it('reports progress in permille up to 1000', () => {
    const seen: number[] = []
    importDistrict(fixture('district.osm'), {
      sourceName: 'district.osm',
      onProgress: (done, total) => {
        expect(total).toBe(1000)
        seen.push(done)
      },
    })
    expect(seen[0]).toBe(0)
    expect(seen.at(-1)).toBe(1000)
    expect([...seen].sort((a, b) => a - b)).toEqual(seen)
  })

  it('passes non-building features to the context hook and counts what it returns', () => {
    const { dataset } = importDistrict(fixture('district.osm'), {
      sourceName: 'district.osm',
      extractContext: (fc) =>
        fc.features
          .filter((f) => f.geometry.type === 'LineString')
          .map((f) => ({
            type: 'Feature' as const,
            geometry: f.geometry as { type: 'LineString'; coordinates: number[][] },
            properties: { kind: 'street' as const, id: String(f.id), name: null },
          })),
    })
    expect(dataset.metadata.counts.context).toEqual({ street: 1 })
    expect(dataset.features.filter((f) => f.properties.kind === 'street')).toHaveLength(1)
  })
})

describe('importDistrict on bad input', () => {
  it.each([
    ['empty.osm', /^cannot read empty\.osm: file is empty$/],
    ['truncated.osm', /^cannot read truncated\.osm: XML is truncated at line \d+$/],
    [
      'truncated-overpass.json.txt',
      /^cannot read truncated-overpass\.json\.txt: JSON is truncated at line \d+$/,
    ],
    ['not-osm.json', /^cannot read not-osm\.json: not OSM data/],
    ['entity-bomb.osm', /^cannot read entity-bomb\.osm: XML declares a DOCTYPE/],
  ])('%s → one-line ImportError', (file, message) => {
    const run = (): unknown => importDistrict(fixture(file), { sourceName: file })
    expect(run).toThrow(ImportError)
    expect(run).toThrow(message)
  })

  it.each([
    ['whitespace only', '  \n\t '],
    ['plain text', 'hello'],
    ['JSON array', '[1, 2]'],
    ['XML that is not OSM', '<html><body/></html>'],
    ['malformed XML', '<osm><node id="1" lat="x" lon="1"/></osm>'],
    ['GeoJSON without buildings', '{"type":"FeatureCollection","features":[]}'],
    ['Overpass JSON without buildings', '{"elements":[{"type":"node","id":1,"lat":1,"lon":2}]}'],
  ])('%s → ImportError naming the file', (_label, text) => {
    expect(() => importDistrict(text, { sourceName: 'x.osm' })).toThrow(/^cannot read x\.osm: /)
  })
})

const REAL = resolve(
  ROOT,
  '../shared/data/osm/buildings/manastur_east_usamv_osm_buildings_wgs84.geojson',
)
const hasReal = existsSync(REAL)
if (!hasReal) console.warn(`real-data import test skipped: ${REAL} not found`)

describe('real OSM extract (read in place, never copied)', () => {
  it.skipIf(!hasReal)('yields 677 buildings, each with a positive height and a provenance', () => {
    const { dataset } = importDistrict(readFileSync(REAL, 'utf8'), {
      sourceName: 'manastur_east_usamv_osm_buildings_wgs84.geojson',
    })
    const buildings = dataset.features.filter((f) => f.properties.kind === 'building')
    expect(buildings).toHaveLength(677)
    expect(dataset.metadata.counts.buildings).toBe(677)
    for (const f of buildings) {
      const p = f.properties as BuildingProperties
      expect(p.id).toMatch(/^way\/\d+$/)
      expect(p.height_m).toBeGreaterThan(0)
      expect(p.levels).toBeGreaterThanOrEqual(1)
      expect(p.provenance.height_m).toBeDefined()
      expect(p.provenance.levels).toBeDefined()
    }
  })
})
