import type { Feature } from 'geojson'
import { describe, expect, it } from 'vitest'

import { extractContext, STREET_WIDTH_M, DEFAULT_STREET_WIDTH_M, streetWidthM } from './context'
import { convertOsm } from './convertOsm'
import type { OverpassJson } from './overpassTypes'
import { importDistrict } from './importDistrict'

import fixtureText from '../../../test/fixtures/overpass/manastur-small.json?raw'

const LINE = [
  [23.55, 46.757],
  [23.551, 46.757],
]
const RING = [
  [23.55, 46.757],
  [23.551, 46.757],
  [23.551, 46.758],
  [23.55, 46.757],
]

type Geom = { type: string; coordinates: unknown }
const line: Geom = { type: 'LineString', coordinates: LINE }
const multiLine: Geom = { type: 'MultiLineString', coordinates: [LINE, LINE] }
const polygon: Geom = { type: 'Polygon', coordinates: [RING] }
const multiPolygon: Geom = { type: 'MultiPolygon', coordinates: [[RING]] }
const point: Geom = { type: 'Point', coordinates: [23.55, 46.757] }

/** A feature as `convertOsm` writes it: id `way/N`, tags under `properties.tags`. */
const osmFeature = (id: string, geometry: Geom, tags: Record<string, string>): unknown => ({
  type: 'Feature',
  id,
  properties: {
    type: id.split('/')[0],
    id: Number(id.split('/')[1]),
    tags,
    relations: [],
    meta: {},
  },
  geometry,
})

const kindOf = (geometry: Geom, tags: Record<string, string>): string | null =>
  extractContext({ type: 'FeatureCollection', features: [osmFeature('way/1', geometry, tags)] })[0]
    ?.properties.kind ?? null

describe('extractContext classifies', () => {
  it.each<[string, Geom, Record<string, string>, string | null]>([
    ['residential street line', line, { highway: 'residential' }, 'street'],
    ['primary multi-line', multiLine, { highway: 'primary' }, 'street'],
    ['footway line', line, { highway: 'footway' }, 'street'],
    ['pedestrian area', polygon, { highway: 'pedestrian', area: 'yes' }, null],
    ['highway as polygon', polygon, { highway: 'service' }, null],
    ['pedestrian line tagged area=yes', line, { highway: 'pedestrian', area: 'yes' }, null],
    ['proposed road', line, { highway: 'proposed' }, null],
    ['bus platform line', line, { highway: 'platform' }, null],
    ['park', polygon, { leisure: 'park' }, 'green'],
    ['garden multipolygon', multiPolygon, { leisure: 'garden' }, 'green'],
    ['grass', polygon, { landuse: 'grass' }, 'green'],
    ['recreation ground', polygon, { landuse: 'recreation_ground' }, 'green'],
    ['forest', polygon, { landuse: 'forest' }, 'green'],
    ['meadow', polygon, { landuse: 'meadow' }, 'green'],
    ['wood', polygon, { natural: 'wood' }, 'green'],
    ['scrub', polygon, { natural: 'scrub' }, 'green'],
    ['park outline as a line', line, { leisure: 'park' }, null],
    ['playground (not green)', polygon, { leisure: 'playground' }, null],
    ['pond', polygon, { natural: 'water', water: 'pond' }, 'water'],
    ['water=* alone', polygon, { water: 'river' }, 'water'],
    ['riverbank', multiPolygon, { waterway: 'riverbank' }, 'water'],
    ['reservoir', polygon, { landuse: 'reservoir' }, 'water'],
    ['stream line', line, { waterway: 'stream' }, 'water'],
    ['river line', multiLine, { waterway: 'river' }, 'water'],
    ['weir line', line, { waterway: 'weir' }, null],
    ['suburb outline', polygon, { place: 'suburb', name: 'Mănăștur' }, 'boundary'],
    ['quarter outline as line', line, { place: 'quarter' }, 'boundary'],
    ['admin level 10', multiPolygon, { boundary: 'administrative', admin_level: '10' }, 'boundary'],
    ['city (admin level 8)', polygon, { boundary: 'administrative', admin_level: '8' }, null],
    ['protected area', polygon, { boundary: 'protected_area' }, null],
    ['building', polygon, { building: 'apartments' }, null],
    ['building in a park', polygon, { building: 'yes', leisure: 'park' }, null],
    ['building=no park', polygon, { building: 'no', leisure: 'park' }, 'green'],
    ['point street', point, { highway: 'crossing' }, null],
    ['point park', point, { leisure: 'park' }, null],
    ['untagged line', line, {}, null],
  ])('%s', (_name, geometry, tags, expected) => {
    expect(kindOf(geometry, tags)).toBe(expected)
  })
})

describe('street widths', () => {
  it.each<[Record<string, string>, number]>([
    [{ highway: 'motorway' }, 14],
    [{ highway: 'trunk' }, 14],
    [{ highway: 'primary' }, 12],
    [{ highway: 'secondary' }, 10],
    [{ highway: 'tertiary' }, 8],
    [{ highway: 'residential' }, 6],
    [{ highway: 'service' }, 4],
    [{ highway: 'footway' }, 2],
    [{ highway: 'path' }, 2],
    [{ highway: 'cycleway' }, 2],
    [{ highway: 'something_new' }, DEFAULT_STREET_WIDTH_M],
    [{ highway: 'residential', width: '7.5' }, 7.5],
    [{ highway: 'residential', width: '7,5 m' }, 7.5],
    [{ highway: 'residential', width: '20 ft' }, 6.1],
    [{ highway: 'residential', width: '0' }, 6],
    [{ highway: 'residential', width: '500' }, 6],
    [{ highway: 'residential', width: 'wide' }, 6],
    [{ highway: 'residential', width: '-3' }, 6],
    [{ highway: 'primary', lanes: '4' }, 13],
    [{ highway: 'primary', lanes: '40' }, 12],
    [{ highway: 'primary', lanes: 'two' }, 12],
    [{ highway: 'footway', lanes: '2' }, 2],
    [{ highway: 'primary', lanes: '4', width: '16' }, 16],
  ])('%o → %d m', (tags, expected) => {
    expect(streetWidthM(tags)).toBe(expected)
  })

  it('every class in the table has a positive width, wider classes first', () => {
    for (const w of Object.values(STREET_WIDTH_M)) expect(w).toBeGreaterThan(0)
    expect(STREET_WIDTH_M['primary']).toBeGreaterThan(STREET_WIDTH_M['secondary'] ?? Infinity)
    expect(STREET_WIDTH_M['secondary']).toBeGreaterThan(STREET_WIDTH_M['tertiary'] ?? Infinity)
    expect(STREET_WIDTH_M['tertiary']).toBeGreaterThan(STREET_WIDTH_M['residential'] ?? Infinity)
    expect(STREET_WIDTH_M['residential']).toBeGreaterThan(STREET_WIDTH_M['service'] ?? Infinity)
    expect(STREET_WIDTH_M['service']).toBeGreaterThan(STREET_WIDTH_M['footway'] ?? Infinity)
  })

  it('puts width_m on streets only', () => {
    const out = extractContext({
      type: 'FeatureCollection',
      features: [
        osmFeature('way/1', line, { highway: 'tertiary' }),
        osmFeature('way/2', polygon, { leisure: 'park' }),
      ],
    })
    expect(out[0]?.properties).toEqual({ kind: 'street', id: 'way/1', name: null, width_m: 8 })
    expect(out[1]?.properties).toEqual({ kind: 'green', id: 'way/2', name: null })
    expect('width_m' in (out[1]?.properties ?? {})).toBe(false)
  })
})

describe('extractContext ids, names and robustness', () => {
  it('keeps OSM ids, trims names and keeps input order', () => {
    const out = extractContext({
      type: 'FeatureCollection',
      features: [
        osmFeature('relation/45', multiPolygon, { leisure: 'park', name: '  Parcul Colina ' }),
        osmFeature('way/123', line, { highway: 'primary', name: 'Calea Mănăștur' }),
        osmFeature('way/124', line, { highway: 'primary', name: '   ' }),
      ],
    })
    expect(out.map((f) => [f.id, f.properties.id, f.properties.name])).toEqual([
      ['relation/45', 'relation/45', 'Parcul Colina'],
      ['way/123', 'way/123', 'Calea Mănăștur'],
      ['way/124', 'way/124', null],
    ])
  })

  it('reads flat GeoJSON properties and other id spellings', () => {
    const out = extractContext({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { '@id': 'way/7', highway: 'service' }, geometry: line },
        {
          type: 'Feature',
          properties: { osm_type: 'relation', osm_id: 8, natural: 'water' },
          geometry: polygon,
        },
        { type: 'Feature', properties: { leisure: 'park' }, geometry: polygon },
      ],
    })
    expect(out.map((f) => f.properties.id)).toEqual(['way/7', 'relation/8', 'green/2'])
    expect(out[0]?.properties.width_m).toBe(4)
  })

  it.each<[string, unknown]>([
    ['null feature', null],
    ['not a feature', { type: 'Geometry' }],
    ['no geometry', { type: 'Feature', properties: { highway: 'primary' }, geometry: null }],
    [
      'one-point line',
      {
        type: 'Feature',
        properties: { highway: 'primary' },
        geometry: { type: 'LineString', coordinates: [[23.5, 46.7]] },
      },
    ],
    [
      'NaN coordinate',
      {
        type: 'Feature',
        properties: { highway: 'primary' },
        geometry: {
          type: 'LineString',
          coordinates: [
            [23.5, NaN],
            [23.6, 46.7],
          ],
        },
      },
    ],
    [
      'open ring',
      {
        type: 'Feature',
        properties: { leisure: 'park' },
        geometry: { type: 'Polygon', coordinates: [RING.slice(0, 3)] },
      },
    ],
    [
      'string coordinates',
      {
        type: 'Feature',
        properties: { leisure: 'park' },
        geometry: { type: 'Polygon', coordinates: 'x' },
      },
    ],
    [
      'empty multipolygon',
      {
        type: 'Feature',
        properties: { leisure: 'park' },
        geometry: { type: 'MultiPolygon', coordinates: [] },
      },
    ],
  ])('skips %s', (_name, feature) => {
    expect(extractContext({ type: 'FeatureCollection', features: [feature] })).toEqual([])
  })

  it('handles an empty collection', () => {
    expect(extractContext({ type: 'FeatureCollection', features: [] })).toEqual([])
  })
})

describe('extractContext on the converter output of the Overpass fixture', () => {
  const text = fixtureText

  it('finds the fixture streets, green, water and boundary directly from convertOsm', () => {
    const features: Feature[] = []
    convertOsm(
      JSON.parse(text) as OverpassJson,
      () => undefined,
      (f) => features.push(f),
      () => undefined,
    )
    const out = extractContext({ type: 'FeatureCollection', features })
    const byKind = (k: string): string[] =>
      out.filter((f) => f.properties.kind === k).map((f) => f.properties.id)
    expect(byKind('street').sort()).toEqual(['way/1201', 'way/1202', 'way/1203'])
    expect(byKind('green').sort()).toEqual(['way/1301', 'way/1302'])
    expect(byKind('water').sort()).toEqual(['way/1401', 'way/1402'])
    expect(byKind('boundary')).toEqual(['relation/3001'])
    const widths = Object.fromEntries(out.map((f) => [f.properties.id, f.properties.width_m]))
    expect(widths['way/1201']).toBe(13) // primary, lanes=4
    expect(widths['way/1202']).toBe(7.5) // width=7.5
    expect(widths['way/1203']).toBe(2) // footway
  })

  it('goes into the dataset through importDistrict, with counts', () => {
    const { dataset } = importDistrict(text, { sourceName: 'manastur-small.json', extractContext })
    expect(dataset.metadata.counts.buildings).toBe(5)
    expect(dataset.metadata.counts.context).toEqual({ street: 3, green: 2, water: 2, boundary: 1 })
    const boundary = dataset.features.find((f) => f.properties.kind === 'boundary')
    expect(boundary?.properties.name).toBe('Mănăștur')
    expect(boundary?.geometry.type).toBe('Polygon')
  })
})
