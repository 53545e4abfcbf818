import { describe, expect, it } from 'vitest'

import type { DistrictDataset } from '../buildings/types'

import { labelAnchors } from './labelAnchors'

const square = (lng: number, lat: number) => [
  [
    [lng, lat],
    [lng + 0.0002, lat],
    [lng + 0.0002, lat + 0.0002],
    [lng, lat + 0.0002],
    [lng, lat],
  ],
]
const building = (id: string, lng: number, name: string | null) => ({
  type: 'Feature',
  geometry: { type: 'Polygon', coordinates: square(lng, 46.76) },
  properties: { kind: 'building', id, name, height_m: 30 },
})
const street = (id: string, name: string, coordinates: number[][]) => ({
  type: 'Feature',
  geometry: { type: 'LineString', coordinates },
  properties: { kind: 'street', id, name },
})

const dataset = {
  type: 'FeatureCollection',
  metadata: {
    bbox: [23.55, 46.75, 23.57, 46.77],
    streets: [
      { name: 'Strada Primăverii', ids: ['way/1'] },
      { name: 'Aleea Peana', ids: ['way/1', 'way/2'] },
    ],
  },
  features: [
    building('way/1', 23.555, 'Liceul Onisifor Ghibu'),
    building('way/2', 23.565, null),
    street('way/10', 'Strada Primăverii', [
      [23.55, 46.76],
      [23.56, 46.76],
      [23.57, 46.76],
    ]),
    street('way/11', 'Strada Primăverii', [
      [23.55, 46.765],
      [23.551, 46.765],
    ]),
  ],
} as unknown as DistrictDataset

describe('label anchors', () => {
  const anchors = labelAnchors(dataset)
  it('writes each street once, halfway along its longest way', () => {
    const primaverii = anchors.filter((a) => a.text === 'Strada Primăverii')
    expect(primaverii).toHaveLength(1)
    // Halfway from 23.55 to 23.57 is the bbox centre: east ≈ 0, north ≈ 0.
    expect(Math.abs(primaverii[0]?.eastM ?? 99)).toBeLessThan(1)
    expect(Math.abs(primaverii[0]?.northM ?? 99)).toBeLessThan(1)
  })

  it('places a street without geometry amid its blocks, and names buildings over the roof', () => {
    const peana = anchors.find((a) => a.text === 'Aleea Peana')
    expect(peana?.kind).toBe('street')
    expect(Math.abs(peana?.eastM ?? 99)).toBeLessThan(20)
    const school = anchors.find((a) => a.text === 'Liceul Onisifor Ghibu')
    expect(school).toMatchObject({ kind: 'building', upM: 33 })
    expect(anchors).toHaveLength(3)
  })
})
