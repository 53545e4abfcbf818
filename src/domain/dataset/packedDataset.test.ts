import { describe, expect, it } from 'vitest'

import { BOX, buildingM, COURTYARD, type PointM } from '../../../test/helpers/footprints'
import type { BuildingFeature, ContextFeature, DistrictDataset } from '../buildings/types'

import {
  copyPacked,
  datasetFromParts,
  datasetParts,
  geometryAt,
  packedBuildingCount,
  packGeometry,
  PackedBuildingFeature,
  withProperties,
} from './packedDataset'
import { idsOf } from './propertyColumns'

// A box, a courtyard block (outer ring and a hole) and a MultiPolygon of two boxes.
// Feature ids as the importer writes them (equal to the OSM id in the properties).
const BUILDINGS: BuildingFeature[] = [
  buildingM('way/1', [[BOX]]),
  buildingM('way/2', [COURTYARD]),
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
  },
  // A context feature between buildings: buildings keep their order, context goes last.
  features: [BUILDINGS[0]!, STREET, BUILDINGS[1]!, BUILDINGS[2]!],
}

describe('packGeometry / geometryAt', () => {
  it('gives back every footprint exactly, Polygon and MultiPolygon, holes included', () => {
    const packed = packGeometry(BUILDINGS)
    expect(packedBuildingCount(packed)).toBe(3)
    BUILDINGS.forEach((f, i) => expect(geometryAt(packed, i)).toEqual(f.geometry))
  })

  it('keeps non-numeric coordinates as NaN rather than inventing a position', () => {
    const broken: BuildingFeature = {
      ...BUILDINGS[0]!,
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [23.5, 'x' as never],
            [23.6, 46.7],
          ],
        ],
      },
    }
    const g = geometryAt(packGeometry([broken]), 0)
    expect(g.coordinates).toEqual([
      [
        [23.5, Number.NaN],
        [23.6, 46.7],
      ],
    ])
  })

  it('copies are independent of the original', () => {
    const packed = packGeometry(BUILDINGS)
    const original = packed.coords[0]
    const copy = copyPacked(packed)
    copy.coords[0] = 0
    expect(original).not.toBe(0)
    expect(packed.coords[0]).toBe(original)
  })
})

describe('datasetParts / datasetFromParts', () => {
  it('round-trips a dataset: same buildings in order, then the context', () => {
    const parts = datasetParts(DATASET)
    expect(idsOf(parts.properties)).toEqual(['way/1', 'way/2', 'relation/3'])
    expect(parts.context).toEqual([STREET])
    // Parts travel between threads: everything must survive structured cloning.
    const rebuilt = datasetFromParts(structuredClone(parts))
    expect(JSON.parse(JSON.stringify(rebuilt))).toEqual({
      ...DATASET,
      features: [...BUILDINGS, STREET],
    })
  })

  it('gives features that read like plain GeoJSON features', () => {
    const [first] = datasetFromParts(datasetParts(DATASET)).features as BuildingFeature[]
    expect(first).toBeInstanceOf(PackedBuildingFeature)
    expect(first?.type).toBe('Feature')
    expect(first?.id).toBe('way/1')
    expect(first?.geometry).toEqual(BUILDINGS[0]?.geometry)
  })
})

describe('withProperties', () => {
  it('keeps a packed feature packed, with the new properties and the same geometry', () => {
    const [f] = datasetFromParts(datasetParts(DATASET)).features as BuildingFeature[]
    const changed = withProperties(f!, { ...f!.properties, levels: 9 })
    expect(changed).toBeInstanceOf(PackedBuildingFeature)
    expect(changed.properties.levels).toBe(9)
    expect(f?.properties.levels).toBe(3)
    expect(changed.geometry).toEqual(f?.geometry)
  })

  it('copies a plain feature with the new properties', () => {
    const changed = withProperties(BUILDINGS[1]!, { ...BUILDINGS[1]!.properties, year: 1990 })
    expect(changed.properties.year).toBe(1990)
    expect(changed.geometry).toBe(BUILDINGS[1]?.geometry)
    expect(BUILDINGS[1]?.properties.year).toBeNull()
  })
})
