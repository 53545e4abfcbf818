import { readFileSync } from 'node:fs'

import { describe, expect, it } from 'vitest'

import { datasetParts } from './packedDataset'
import { columnsFromRows, propertiesAt } from './propertyColumns'
import { DatasetError, readDataset } from './readDataset'
import { MAX_BUILDINGS, MAX_POLYGON_VERTICES, validateParts } from './validateDataset'

const TEXT = readFileSync('test/fixtures/energy/district.geojson', 'utf8')
/** The fixture, parsed afresh, for one test to break. */
const fresh = () =>
  JSON.parse(TEXT) as {
    metadata: Record<string, unknown>
    features: { geometry: unknown; properties: Record<string, unknown> }[]
  }

function errorOf(text: string): DatasetError {
  try {
    readDataset(text, 'bad.geojson')
  } catch (e) {
    if (e instanceof DatasetError) return e
    throw e
  }
  throw new Error('accepted')
}

describe('dataset validation', () => {
  it('accepts the fixture', () => {
    expect(readDataset(TEXT, 'ok.geojson').features).toHaveLength(7)
  })

  it('geometry null names the feature', () => {
    const d = fresh()
    d.features[2]!.geometry = null
    const e = errorOf(JSON.stringify(d))
    expect(e.message).toBe(
      'bad.geojson: feature way/1003 (#3) cannot be used (no polygon geometry)',
    )
    expect(e.key).toBe('safety.badFeature')
    expect(e.params).toMatchObject({ source: 'bad.geojson', feature: 'way/1003 (#3)' })
    expect(e.reasonKey).toBe('safety.reason.geometry')
  })

  it('empty metadata is refused in one line', () => {
    const e = errorOf('{"type":"FeatureCollection","metadata":{},"features":[]}')
    expect(e.message).toBe('bad.geojson: its metadata is not usable (no valid bbox)')
    expect(e.key).toBe('safety.badMetadata')
  })

  it('a property nested 100,000 deep is refused without overflowing the stack', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`
    const text = TEXT.replace('"provenance": {', `"deep": ${deep}, "provenance": {`)
    const e = errorOf(text)
    expect(e.message).toMatch(/feature way\/1001 \(#1\) cannot be used \(nested too deeply\)/)
  })

  it('non-finite or out-of-range coordinates are refused', () => {
    const e = errorOf(TEXT.replace('[23.55, 46.76]', '[1e999, 46.76]'))
    expect(e.message).toMatch(/way\/1001 \(#1\).*not a finite longitude\/latitude/)
    const d = fresh()
    ;(d.features[1]!.geometry as { coordinates: unknown[][] }).coordinates[0]![0] = [200, 46]
    expect(errorOf(JSON.stringify(d)).reasonKey).toBe('safety.reason.coordinates')
  })

  it('a property of the wrong type is named', () => {
    const d = fresh()
    d.features[0]!.properties['height_m'] = 'tall'
    expect(errorOf(JSON.stringify(d)).message).toMatch(
      /field "height_m" is missing or of the wrong type/,
    )
  })

  it('a polygon of 10⁶ vertices is refused at once, before any triangulation', () => {
    const d = fresh()
    const ring: number[][] = []
    for (let i = 0; i < 1_000_000; i++) {
      const a = (i / 1_000_000) * 2 * Math.PI
      ring.push([23.55 + 0.001 * Math.cos(a), 46.76 + 0.001 * Math.sin(a)])
    }
    d.features[0]!.geometry = { type: 'Polygon', coordinates: [ring] }
    const e = errorOf(JSON.stringify(d))
    expect(e.message).toMatch(`a polygon has more than ${MAX_POLYGON_VERTICES} vertices`)
    expect(e.params?.['max']).toBe(MAX_POLYGON_VERTICES)
  })

  it('packed or columnar parts: bad indices, NaN coordinates and too many buildings', () => {
    const parts = datasetParts(readDataset(TEXT, 'ok.geojson'))
    expect(() => validateParts(parts, 'ok')).not.toThrow()
    const nan = { ...parts, geometry: { ...parts.geometry, coords: parts.geometry.coords.slice() } }
    nan.geometry.coords[7] = Number.NaN
    expect(() => validateParts(nan, 'c.bin')).toThrow(/c\.bin: feature way\/1001 \(#1\).*finite/)
    const broken = {
      ...parts,
      geometry: { ...parts.geometry, ringStart: parts.geometry.ringStart.slice().reverse() },
    }
    expect(() => validateParts(broken, 'c.bin')).toThrow(/no polygon geometry/)
    const first = propertiesAt(parts.properties, 0)
    const many = {
      ...parts,
      properties: columnsFromRows(new Array<typeof first>(MAX_BUILDINGS + 1).fill(first)),
    }
    expect(() => validateParts(many, 'c.bin')).toThrow(`more than ${MAX_BUILDINGS} buildings`)
  })
})
