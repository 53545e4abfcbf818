import { describe, expect, it } from 'vitest'

import { generateSyntheticOsm } from '../../../scripts/lib/synthetic'
import { BOX, buildingM, COURTYARD, type PointM } from '../../../test/helpers/footprints'
import type { BuildingFeature, ContextFeature, DistrictDataset } from '../buildings/types'
import { importDistrict } from '../import/importDistrict'

import { columnarPathOf, isArrowFile } from './columnarLayout'
import { datasetParts } from './packedDataset'
import { rowsOf } from './propertyColumns'
import { readColumnar } from './readColumnar'
import { DatasetError } from './readDataset'
import { writeColumnar } from './writeColumnar'

const box = buildingM('way/1', [[BOX]])
// Every kind of property value: text with diacritics, nulls, provenance present and absent.
const BUILDINGS: BuildingFeature[] = [
  {
    ...box,
    properties: {
      ...box.properties,
      name: 'Bloc Mănăștur',
      address: 'Strada Primăverii 12',
      year: 1978,
      flats: 40,
      heating: 'district_heating' as const,
      rehabilitated: 2015,
      epc_class: 'C',
      provenance: {
        height_m: 'tagged' as const,
        year: 'overlay' as const,
        heating: 'default' as const,
      },
    },
  },
  buildingM('way/2', [COURTYARD], 24.5),
  buildingM('relation/3', [[BOX], [BOX.map(([e, n]) => [e + 50, n] as PointM)]]),
].map((f) => ({ ...f, id: f.properties.id }))

const STREET: ContextFeature = {
  type: 'Feature',
  id: 'way/9',
  geometry: {
    type: 'LineString',
    coordinates: [
      [23.5, 46.69],
      [23.54, 46.69],
    ],
  },
  properties: { kind: 'street', id: 'way/9', name: 'Calea Florești', width_m: 12 },
}

const DATASET: DistrictDataset = {
  type: 'FeatureCollection',
  metadata: {
    source: 'test',
    bbox: [23.5, 46.69, 23.54, 46.71],
    generated: '2026-11-28T00:00:00Z',
    attribution: '© OpenStreetMap contributors',
    licence: 'ODbL-1.0',
    counts: { buildings: 3, byType: { apartments: 3 }, byProvenance: {} },
    report: { repaired: [{ id: 'way/2', reason: 'closed ring' }], dropped: [], warnings: [] },
  },
  features: [BUILDINGS[0]!, STREET, BUILDINGS[1]!, BUILDINGS[2]!],
}

/** Parts as plain data, typed arrays compared by value whatever buffer they view. */
const plain = (parts: ReturnType<typeof datasetParts>) => ({
  ...parts,
  properties: rowsOf(parts.properties),
  geometry: Object.fromEntries(Object.entries(parts.geometry).map(([k, v]) => [k, Array.from(v)])),
})

describe('columnar dataset (Arrow IPC, GeoArrow multipolygon)', () => {
  it('reads back the parts the GeoJSON path makes, context and metadata included', () => {
    const bytes = writeColumnar(DATASET)
    expect(isArrowFile(bytes)).toBe(true)
    const parts = readColumnar(bytes, 'district.arrow')
    expect(plain(parts)).toEqual(plain(datasetParts(DATASET)))
    expect(parts.properties).toEqual(datasetParts(DATASET).properties)
  })

  it('round-trips an imported synthetic district exactly', () => {
    const osm = generateSyntheticOsm({ count: 300, seed: 7, format: 'osm-xml' })
    const { dataset } = importDistrict(osm, { sourceName: 'synthetic' })
    const fromJson = datasetParts(JSON.parse(JSON.stringify(dataset)) as DistrictDataset)
    const fromArrow = readColumnar(writeColumnar(dataset), 'synthetic.arrow')
    expect(plain(fromArrow)).toEqual(plain(fromJson))
    // Read column by column, yet the same columns, kinds and codes as the rows make.
    expect(fromArrow.properties).toEqual(fromJson.properties)
    // The importer's key order too, so exports from either path are byte-identical.
    const rows = rowsOf(fromArrow.properties)
    expect(JSON.stringify(rows)).toBe(JSON.stringify(rowsOf(fromJson.properties)))
    // Blocks with the same provenance share one frozen object (heap), not one each.
    const shared = new Set(rows.map((p) => p.provenance))
    expect(shared.size).toBeLessThan(rows.length / 10)
    expect([...shared].every((p) => Object.isFrozen(p))).toBe(true)
  })

  it('views the footprints in the file bytes rather than copying them', () => {
    const bytes = writeColumnar(DATASET)
    const { geometry } = readColumnar(bytes, 'district.arrow')
    expect(geometry.coords.buffer).toBe(bytes.buffer)
    expect(geometry.ringStart.buffer).toBe(bytes.buffer)
  })

  it('writes GeoArrow metadata other tools read', async () => {
    const { tableFromIPC } = await import('apache-arrow')
    const table = tableFromIPC(writeColumnar(DATASET))
    const field = table.schema.fields.find((f) => f.name === 'geometry')
    expect(field?.metadata.get('ARROW:extension:name')).toBe('geoarrow.multipolygon')
    const geo = JSON.parse(table.schema.metadata.get('geo') ?? '{}') as Record<string, unknown>
    expect(geo['primary_column']).toBe('geometry')
    expect(table.numRows).toBe(3)
    expect(table.getChild('name')?.get(0)).toBe('Bloc Mănăștur')
  })

  it('says in one line what is wrong with a truncated or foreign file', () => {
    const bytes = writeColumnar(DATASET)
    const cases: [Uint8Array, RegExp][] = [
      [bytes.subarray(0, Math.floor(bytes.length / 2)), /^x\.arrow is cut short/],
      [bytes.subarray(0, 7), /^x\.arrow is cut short/],
      [new TextEncoder().encode('{"type":"FeatureCollection"}'), /^x\.arrow is not an Arrow file$/],
      [new Uint8Array(0), /^x\.arrow is not an Arrow file$/],
    ]
    // The magic at both ends with garbage between.
    const garbage = new Uint8Array(200).fill(7)
    garbage.set(new TextEncoder().encode('ARROW1'), 0)
    garbage.set(new TextEncoder().encode('ARROW1'), 194)
    cases.push([garbage, /^x\.arrow is not a Mănăștur Twin columnar dataset \(.+\)$/])
    for (const [input, message] of cases) {
      let error: unknown
      try {
        readColumnar(input, 'x.arrow')
      } catch (e) {
        error = e
      }
      expect(error).toBeInstanceOf(DatasetError)
      expect((error as Error).message).toMatch(message)
      expect((error as Error).message).not.toContain('\n')
    }
  })

  it('finds the columnar file beside a GeoJSON dataset', () => {
    expect(columnarPathOf('data/district.geojson')).toBe('data/district.arrow')
    expect(columnarPathOf('/x/a.GeoJSON?v=2')).toBe('/x/a.arrow?v=2')
    expect(columnarPathOf('data/district.json')).toBeNull()
  })
})
