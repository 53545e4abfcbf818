import { describe, expect, it } from 'vitest'

import type { DistrictDataset } from '../buildings/types'

import { matchStreets, splitAddress, streetIndex } from './streets'

const square = [
  [
    [23.55, 46.76],
    [23.551, 46.76],
    [23.551, 46.761],
    [23.55, 46.76],
  ],
]
const building = (id: string, address: string | null) => ({
  type: 'Feature' as const,
  geometry: { type: 'Polygon' as const, coordinates: square },
  properties: { kind: 'building', id, address } as never,
})
const street = (id: string, name: string) => ({
  type: 'Feature' as const,
  geometry: {
    type: 'LineString' as const,
    coordinates: [
      [23.5, 46.7],
      [23.6, 46.8],
      [23.7, 46.9],
    ],
  },
  properties: { kind: 'street' as const, id, name },
})
const dataset = (features: unknown[], metadata: object = {}) =>
  ({ type: 'FeatureCollection', metadata, features }) as DistrictDataset

describe('street index', () => {
  it('splits an address into street and house number, letters and slashes included', () => {
    expect(splitAddress('Strada Primăverii 12A')).toEqual({
      street: 'Strada Primăverii',
      number: '12A',
    })
    expect(splitAddress('Calea Florești 3/5')).toEqual({ street: 'Calea Florești', number: '3/5' })
    expect(splitAddress('Piața Mare')).toBeNull()
  })

  it('groups the blocks by street from their addresses, numbers in order', () => {
    const index = streetIndex(
      dataset([
        building('way/1', 'Strada Primăverii 12'),
        building('way/2', 'Strada Primăverii 2'),
        building('way/3', 'Calea Florești 3'),
        building('way/4', null),
        street('way/9', 'Strada Izlazului'),
      ]),
    )
    expect(index.map((s) => s.name)).toEqual([
      'Calea Florești',
      'Strada Izlazului',
      'Strada Primăverii',
    ])
    expect(index[2]?.blocks).toEqual([
      { id: 'way/2', number: '2' },
      { id: 'way/1', number: '12' },
    ])
    // A street known only from the map layer: no numbers, but a point to fly to.
    expect(index[1]?.blocks).toEqual([])
    expect(index[1]?.at).toEqual([23.6, 46.8])
  })

  it('uses the importer’s street index when the dataset has one', () => {
    const index = streetIndex(
      dataset([building('way/1', 'Bd. 1 Decembrie 1918 7')], {
        streets: [{ name: 'Bd. 1 Decembrie 1918', ids: ['way/1'] }],
      }),
    )
    expect(index).toEqual([
      expect.objectContaining({
        name: 'Bd. 1 Decembrie 1918',
        blocks: [{ id: 'way/1', number: '7' }],
      }),
    ])
  })

  it('matches typed words without diacritics or case', () => {
    const index = streetIndex(
      dataset([building('way/1', 'Strada Primăverii 1'), building('way/2', 'Calea Florești 2')]),
    )
    expect(matchStreets(index, 'PRIMAV').map((s) => s.name)).toEqual(['Strada Primăverii'])
    expect(matchStreets(index, 'str prim').map((s) => s.name)).toEqual(['Strada Primăverii'])
    expect(matchStreets(index, '')).toHaveLength(2)
  })
})
