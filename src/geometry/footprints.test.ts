import { describe, expect, it } from 'vitest'

import {
  BOX,
  BOX_CW,
  buildingM,
  COURTYARD,
  fixtureProjection as projection,
  L_SHAPE,
  type PointM,
} from '../../test/helpers/footprints'

import { prepareFootprints, ringSignedArea2, type FootprintSet } from './footprints'

const ringAreas = (fp: FootprintSet) =>
  Array.from({ length: fp.ringStart.length - 1 }, (_, r) =>
    ringSignedArea2(fp.coords, fp.ringStart[r]!, fp.ringStart[r + 1]!),
  )

const reversed = (rings: readonly (readonly PointM[])[]) => rings.map((r) => [...r].reverse())

describe('prepareFootprints', () => {
  it.each([
    ['a counter-clockwise box', [BOX], [400]],
    ['a clockwise box', [BOX_CW], [400]],
    ['a courtyard block as drawn (outer CCW, hole CW)', COURTYARD, [3200, -800]],
    ['a courtyard block reversed (outer CW, hole CCW)', reversed(COURTYARD), [3200, -800]],
  ])('orients %s: outer ring CCW, holes CW', (_name, rings, areas2) => {
    const fp = prepareFootprints([buildingM('way/1', [rings])], projection)
    const got = ringAreas(fp)
    expect(got).toHaveLength(areas2.length)
    got.forEach((a, i) => expect(a).toBeCloseTo(areas2[i]!, 3))
  })

  it.each([
    // name, polygons, bbox [minE, minN, maxE, maxN]
    ['a box', [[BOX]], [0, 0, 20, 10]],
    ['an L-shape', [[L_SHAPE]], [0, 0, 30, 30]],
    ['a courtyard block', [COURTYARD], [0, 0, 40, 40]],
    ['a multipolygon', [[BOX], [BOX.map(([e, n]) => [e + 50, n - 5] as PointM)]], [0, -5, 70, 10]],
  ] as const)('bounds %s in local metres', (_name, polygons, bbox) => {
    const fp = prepareFootprints([buildingM('way/1', polygons)], projection)
    bbox.forEach((v, i) => expect(fp.bbox[i]).toBeCloseTo(v, 6))
  })

  it.each([
    // name, polygons, predicate "is on the roof" in east/north metres
    ['a box', [[BOX]], (e: number, n: number) => Math.abs(e - 10) < 1e-6 && Math.abs(n - 5) < 1e-6],
    ['an L-shape', [[L_SHAPE]], (e: number, n: number) => (n <= 10 && e <= 30) || e <= 10],
    [
      'a courtyard block',
      [COURTYARD],
      (e: number, n: number) => !(e > 10 && e < 30 && n > 10 && n < 30) && e > 0 && e < 40,
    ],
    [
      'a multipolygon (on the larger part)',
      [[BOX], [L_SHAPE.map(([e, n]) => [e + 100, n] as PointM)]],
      (e: number, n: number) => e >= 100 && ((n <= 10 && e <= 130) || e <= 110),
    ],
  ] as const)('puts the roof point of %s on its roof, inside its bbox', (_n, polygons, onRoof) => {
    const fp = prepareFootprints([buildingM('way/1', polygons)], projection)
    const [e, n] = [fp.roofCentre[0]!, fp.roofCentre[1]!]
    expect(onRoof(e, n)).toBe(true)
    expect(e).toBeGreaterThanOrEqual(fp.bbox[0]!)
    expect(n).toBeGreaterThanOrEqual(fp.bbox[1]!)
    expect(e).toBeLessThanOrEqual(fp.bbox[2]!)
    expect(n).toBeLessThanOrEqual(fp.bbox[3]!)
  })

  it('round-trips every projected point back to its WGS84 input', () => {
    const f = buildingM('way/1', [COURTYARD])
    const fp = prepareFootprints([f], projection)
    const input = f.geometry.type === 'Polygon' ? f.geometry.coordinates : []
    // Orientation is kept here (outer CCW, hole CW as given), so points come back in order.
    const flat = input.flatMap((ring) => ring.slice(0, -1))
    expect(fp.coords.length / 2).toBe(flat.length)
    flat.forEach((p, i) => {
      const [lng, lat] = projection.toLngLat([fp.coords[i * 2]!, fp.coords[i * 2 + 1]!])
      expect(lng).toBeCloseTo(p[0]!, 9)
      expect(lat).toBeCloseTo(p[1]!, 9)
    })
  })

  it.each([
    ['an empty polygon', [[]], 0, 0],
    ['a two-point ring', [[[0, 0] as PointM, [5, 0] as PointM]], 0, 0],
    ['a collinear ring', [[[0, 0] as PointM, [5, 0] as PointM, [10, 0] as PointM]], 0, 0],
    ['a ring with repeated points', [[...BOX.slice(0, 2), BOX[1]!, ...BOX.slice(2)]], 1, 4],
    [
      'a degenerate hole (polygon kept)',
      [COURTYARD[0]!, [[10, 10] as PointM, [12, 12] as PointM]],
      1,
      4,
    ],
    ['a degenerate outer ring (hole dropped with it)', [[[0, 0] as PointM], COURTYARD[1]!], 0, 0],
  ] as const)('skips %s without throwing', (_name, rings, polygons, points) => {
    const fp = prepareFootprints(
      [buildingM('way/9', [rings]), buildingM('way/10', [[BOX]])],
      projection,
    )
    expect(fp.ids).toEqual(['way/9', 'way/10'])
    expect(fp.buildingPolygonStart[1]! - fp.buildingPolygonStart[0]!).toBe(polygons)
    expect(fp.buildingPolygonStart[2]! - fp.buildingPolygonStart[1]!).toBe(1)
    const p = fp.buildingPolygonStart[1]!
    expect(fp.ringStart[fp.polygonRingStart[p]!]).toBe(points)
    if (polygons === 0) expect(Number.isNaN(fp.roofCentre[0])).toBe(true)
  })

  it('skips non-finite coordinates', () => {
    const f = buildingM('way/1', [[BOX]])
    if (f.geometry.type === 'Polygon') f.geometry.coordinates[0]!.splice(1, 0, [NaN, 46.76], [])
    const fp = prepareFootprints([f], projection)
    expect(fp.coords.length).toBe(8)
    expect(Array.from(fp.coords).every(Number.isFinite)).toBe(true)
  })
})
