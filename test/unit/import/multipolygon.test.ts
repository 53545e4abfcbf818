import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

import { describe, expect, it } from 'vitest'

import { STOREY_HEIGHT_M } from '@/domain/buildings/defaults'
import type { BuildingFeature, BuildingProperties } from '@/domain/buildings/types'
import { ImportError } from '@/domain/import/importError'
import { importDistrict } from '@/domain/import/importDistrict'

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/osm')
const read = (name: string): string => readFileSync(resolve(FIXTURES, name), 'utf8')

function load(name: string) {
  const { dataset, report } = importDistrict(read(name), { sourceName: name })
  const buildings = dataset.features.filter(
    (f): f is BuildingFeature => f.properties.kind === 'building',
  )
  const byId = new Map(buildings.map((b) => [b.id, b]))
  return { dataset, report, buildings, byId }
}

/** Rings of a footprint (outer rings and holes, over every polygon). */
const ringsOf = (b: BuildingFeature | undefined): number =>
  b === undefined
    ? 0
    : b.geometry.type === 'Polygon'
      ? b.geometry.coordinates.length
      : b.geometry.coordinates.reduce((s, p) => s + p.length, 0)

/** Expect an area in m² within 0.5 %. */
function expectArea(p: BuildingProperties | undefined, m2: number): void {
  expect(p).toBeDefined()
  expect(Math.abs((p?.footprint_area_m2 ?? 0) - m2) / m2).toBeLessThan(0.005)
}

describe('multipolygons as OSM and OGC define them (multipolygons.osm)', () => {
  const { dataset, report, byId } = load('multipolygons.osm')
  const reason = (list: { id: string; reason: string }[], id: string): string =>
    list.find((r) => r.id === id)?.reason ?? ''

  it('counts every valid building once and drops the rest', () => {
    expect([...byId.keys()].sort()).toEqual([
      'relation/21',
      'relation/22',
      'relation/23',
      'relation/24',
      'relation/26',
      'way/11',
      'way/16',
      'way/17',
    ])
    expect(dataset.metadata.counts.buildings).toBe(8)
  })

  it('a ring touching itself at a node is valid: kept unrepaired, its courtyard a hole', () => {
    expectArea(byId.get('way/11')?.properties, 1600 - 100)
    expect(ringsOf(byId.get('way/11'))).toBeGreaterThanOrEqual(2)
    expect(reason(report.repaired, 'way/11')).toBe('')
  })

  it('an inner touching the outer in a node is valid: hole kept, nothing repaired', () => {
    expectArea(byId.get('relation/21')?.properties, 1600 - 100)
    expect(ringsOf(byId.get('relation/21'))).toBe(2)
    expect(reason(report.repaired, 'relation/21')).toBe('')
  })

  it('two outers touching in two nodes make one footprint, nothing repaired', () => {
    expectArea(byId.get('relation/22')?.properties, 800)
    expect(ringsOf(byId.get('relation/22'))).toBe(1)
    expect(reason(report.repaired, 'relation/22')).toBe('')
  })

  it('a member listed twice counts once, reported with its id', () => {
    expectArea(byId.get('relation/23')?.properties, 1600 - 100)
    expect(ringsOf(byId.get('relation/23'))).toBe(2)
    expect(reason(report.repaired, 'relation/23')).toMatch(/member way\/205 listed twice/)
  })

  it('overlapping outers are unioned and reported with the ways', () => {
    expectArea(byId.get('relation/24')?.properties, 600)
    expect(reason(report.repaired, 'relation/24')).toMatch(
      /overlapping outers unioned \(way\/207 and way\/208\)/,
    )
  })

  it('a relation clipped by the extract is dropped with the missing member', () => {
    expect(byId.has('relation/25')).toBe(false)
    expect(reason(report.dropped, 'relation/25')).toMatch(/member way\/9999 is missing/)
  })

  it('a crossing outer is split at the crossing and its hole stays a hole', () => {
    // Two 400 m² triangles of the bow-tie minus the 4 × 4 m hole.
    expectArea(byId.get('relation/26')?.properties, 800 - 16)
    expect(ringsOf(byId.get('relation/26'))).toBe(3)
    expect(reason(report.repaired, 'relation/26')).toMatch(
      /outer way\/210 \+ way\/211 crosses itself/,
    )
  })

  it('demolished, under construction and underground buildings are not buildings of the twin', () => {
    for (const id of ['way/13', 'way/14', 'way/15']) expect(byId.has(id)).toBe(false)
    expect(reason(report.dropped, 'way/13')).toMatch(/building=demolished/)
    expect(reason(report.dropped, 'way/14')).toMatch(/building=construction/)
    expect(reason(report.dropped, 'way/15')).toMatch(/location=underground/)
  })

  it('addresses come from the building or from an address node inside it', () => {
    expect(byId.get('way/16')?.properties).toMatchObject({
      address: 'Strada Mehedinți 12',
      addr_street: 'Strada Mehedinți',
      addr_housenumber: '12',
    })
    expect(byId.get('way/17')?.properties).toMatchObject({
      address: 'Strada Primăverii 123/4',
      addr_housenumber: '123/4',
    })
    expectArea(byId.get('way/16')?.properties, 400)
    expect(dataset.metadata.streets).toEqual([
      { name: 'Strada Mehedinți', ids: ['way/16'] },
      { name: 'Strada Primăverii', ids: ['way/17'] },
    ])
  })
})

describe('Overpass JSON: null positions and remarks', () => {
  it('drops ways and relations with null positions (out geom), as XML drops missing nodes', () => {
    const { dataset, report, byId } = load('geom-nulls.overpass.json')
    expect([...byId.keys()]).toEqual(['way/32'])
    expect(dataset.metadata.counts.buildings).toBe(1)
    expectArea(byId.get('way/32')?.properties, 400)
    expect(report.dropped.find((d) => d.id === 'way/31')?.reason).toMatch(/1 node\(s\) missing/)
    expect(report.dropped.find((d) => d.id === 'relation/41')?.reason).toMatch(
      /member way\/34 has 1 node\(s\) missing/,
    )
  })

  it('refuses Overpass JSON carrying a runtime-error remark (partial data)', () => {
    expect(() =>
      importDistrict(read('remark.overpass.json'), { sourceName: 'remark.overpass.json' }),
    ).toThrow(ImportError)
    const xml = `<osm version="0.6"><remark>runtime error: Query ran out of memory</remark>${read(
      'multipolygons.osm',
    )
      .split('\n')
      .filter((l) => l.startsWith('  <node') || l.startsWith('  <way'))
      .join('\n')}</osm>`
    expect(() => importDistrict(xml, { sourceName: 'remark.osm' })).toThrow(
      /Overpass stopped with an error/,
    )
  })
})

describe('GeoJSON from GDAL/ogr2ogr (multipolygons layer)', () => {
  const { byId, report, dataset } = load('gdal-multipolygons.geojson')

  it('reads osm_way_id as a way, osm_id as a relation, and the other_tags hstore', () => {
    expect([...byId.keys()].sort()).toEqual(['relation/77', 'way/123'])
    expect(dataset.metadata.counts.buildings).toBe(2)
    expect(byId.get('way/123')?.properties).toMatchObject({
      levels: 10,
      year: 1978,
      address: 'Strada Primăverii 1',
      provenance: { levels: 'tagged', year: 'tagged' },
    })
    expectArea(byId.get('way/123')?.properties, 800)
    expect(byId.get('relation/77')?.properties.levels).toBe(4)
    expectArea(byId.get('relation/77')?.properties, 1600 - 100)
    expect(ringsOf(byId.get('relation/77'))).toBe(2)
    expect(report.dropped.find((d) => d.id === 'way/124')?.reason).toMatch(/demolished/)
  })
})

describe('Simple 3D Buildings (building-parts.osm)', () => {
  const { byId, report, dataset } = load('building-parts.osm')
  const outline = byId.get('way/50')?.properties
  const H = STOREY_HEIGHT_M.value

  it('counts one building per outline; parts belong to it', () => {
    expect([...byId.keys()].sort()).toEqual(['way/50', 'way/70'])
    expect(dataset.metadata.counts.buildings).toBe(2)
    expectArea(outline, 800)
    expect(outline?.parts?.map((p) => p.id).sort()).toEqual(['way/51', 'way/52', 'way/53'])
    expect(report.dropped.find((d) => d.id === 'way/60')?.reason).toMatch(/no building outline/)
  })

  it('gives each part its own base and top (min_level, min_height, roof)', () => {
    const part = (id: string) => outline?.parts?.find((p) => p.id === id)
    expect(part('way/51')).toMatchObject({ min_height_m: 0, levels: 4, min_level: 0 })
    expect(part('way/51')?.height_m).toBeCloseTo(4 * H, 2)
    expect(part('way/52')).toMatchObject({ levels: 8, min_level: 6 })
    expect(part('way/52')?.min_height_m).toBeCloseTo(6 * H, 2)
    expect(part('way/52')?.height_m).toBeCloseTo(8 * H, 2)
    expect(part('way/53')).toMatchObject({
      min_height_m: 12,
      height_m: 30,
      roof_shape: 'pyramidal',
      roof_height_m: 6,
    })
    expect(part('way/52')?.footprint_area_m2).toBeCloseTo(400, -1)
  })

  it('takes the height from the tallest part and the floor area from the parts’ storeys', () => {
    expect(outline?.height_m).toBe(30)
    // 400 m² × 4 storeys + 400 m² × 2 storeys (levels 7–8) + 100 m² × the spire's storeys:
    // 12 → 30 m less its 6 m pyramidal roof, which is not storeys.
    const spire = Math.round((30 - 12 - 6) / H)
    expect(spire).toBe(4)
    const expected = (400 * 4 + 400 * 2 + 100 * spire) * 0.8
    expect(Math.abs((outline?.heated_area_m2 ?? 0) - expected) / expected).toBeLessThan(0.005)
  })
})
