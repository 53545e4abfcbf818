import { describe, expect, it } from 'vitest'

import type { BuildingFeature } from '@/domain/buildings/types'

import {
  BOX,
  BOX_CW,
  buildingM as building,
  COURTYARD,
  fixtureProjection as projection,
  L_SHAPE,
  type PointM,
} from '../../test/helpers/footprints'

import { prepareFootprints } from './footprints'
import { buildMeshBuffers, type MeshBuffers } from './meshBuffers'

const build = (features: BuildingFeature[]) =>
  buildMeshBuffers(prepareFootprints(features, projection))

function vec(m: MeshBuffers, i: number): [number, number, number] {
  return [m.positions[i * 3]!, m.positions[i * 3 + 1]!, m.positions[i * 3 + 2]!]
}

/** Geometric normal of triangle t (right-handed, counter-clockwise front). */
function triangleNormal(m: MeshBuffers, t: number): [number, number, number] {
  const a = vec(m, m.indices[t * 3]!)
  const b = vec(m, m.indices[t * 3 + 1]!)
  const c = vec(m, m.indices[t * 3 + 2]!)
  const u = [b[0] - a[0], b[1] - a[1], b[2] - a[2]]
  const v = [c[0] - a[0], c[1] - a[1], c[2] - a[2]]
  return [
    u[1]! * v[2]! - u[2]! * v[1]!,
    u[2]! * v[0]! - u[0]! * v[2]!,
    u[0]! * v[1]! - u[1]! * v[0]!,
  ]
}

/** Roof area from its up-facing triangles, m². */
function roofArea(m: MeshBuffers): number {
  let area = 0
  for (let t = 0; t < m.triangleCount; t++) {
    const n = triangleNormal(m, t)
    if (n[1] > 0 && Math.abs(n[0]) < 1e-6 && Math.abs(n[2]) < 1e-6) area += n[1] / 2
  }
  return area
}

describe('buildMeshBuffers', () => {
  it.each([
    // name, rings, wall vertices + roof vertices, wall + roof triangles
    ['a box', [[BOX]], 4 * 4 + 4, 4 * 2 + 2],
    ['a clockwise box', [[BOX_CW]], 4 * 4 + 4, 4 * 2 + 2],
    ['an L-shape', [[L_SHAPE]], 6 * 4 + 6, 6 * 2 + 4],
    ['a block with a courtyard', [COURTYARD], 8 * 4 + 8, 8 * 2 + 8],
    [
      'a multipolygon of two boxes',
      [[BOX], [BOX.map(([e, n]) => [e + 50, n] as [number, number])]],
      2 * 20,
      2 * 10,
    ],
  ])(
    'extrudes %s with the right vertex and triangle counts',
    (_name, rings, vertices, triangles) => {
      const m = build([building('way/1', rings as readonly (readonly (readonly PointM[])[])[])])
      expect(m.totalVertices).toBe(vertices)
      expect(m.positions.length).toBe(vertices * 3)
      expect(m.triangleCount).toBe(triangles)
      expect(m.indices.length).toBe(triangles * 3)
    },
  )

  it.each([
    ['counter-clockwise', BOX],
    ['clockwise', BOX_CW],
  ])('winds every triangle to match its normal, for %s input', (_name, outer) => {
    for (const rings of [[outer], COURTYARD, [L_SHAPE]]) {
      const m = build([building('way/1', [rings])])
      for (let t = 0; t < m.triangleCount; t++) {
        const g = triangleNormal(m, t)
        const vi = m.indices[t * 3]!
        const stored = [m.normals[vi * 3]!, m.normals[vi * 3 + 1]!, m.normals[vi * 3 + 2]!]
        const dot = g[0] * stored[0]! + g[1] * stored[1]! + g[2] * stored[2]!
        expect(dot).toBeGreaterThan(0)
      }
    }
  })

  it('points walls away from the footprint interior, and courtyard walls into the courtyard', () => {
    const m = build([building('way/1', [COURTYARD])])
    // Footprint centre (20, 20) east/north is the courtyard's centre: scene (20, y, −20).
    for (let t = 0; t < m.triangleCount; t++) {
      const n = triangleNormal(m, t)
      if (Math.abs(n[1]) > 1e-6) continue // roof
      const a = vec(m, m.indices[t * 3]!)
      const toCentre = [20 - a[0], -20 - a[2]]
      const distFromCentre = Math.max(Math.abs(a[0] - 20), Math.abs(-a[2] - 20))
      const facing = n[0] * toCentre[0]! + n[2] * toCentre[1]!
      if (distFromCentre <= 10.01)
        expect(facing).toBeGreaterThan(0) // courtyard wall
      else expect(facing).toBeLessThan(0) // outer wall
    }
  })

  it.each([
    [
      'a box (fan)',
      [
        [0, 0],
        [30, 0],
        [30, 12],
        [0, 12],
      ],
      30 * 12,
    ],
    [
      'a triangle',
      [
        [0, 0],
        [20, 0],
        [0, 10],
      ],
      100,
    ],
    // Four points but not convex: a fan would cover the notch, earcut must run.
    [
      'a dart',
      [
        [0, 0],
        [20, 10],
        [0, 20],
        [8, 10],
      ],
      (20 * 20) / 2 - (8 * 20) / 2,
    ],
    [
      'a clockwise box (fan after reorientation)',
      [
        [0, 0],
        [0, 12],
        [30, 12],
        [30, 0],
      ],
      360,
    ],
  ])('covers the roof of %s exactly once', (_name, ring, area) => {
    const m = build([building('way/1', [[ring as PointM[]]])])
    expect(roofArea(m)).toBeCloseTo(area, 3)
    // Every roof triangle faces up (front faces to the sky).
    for (let t = 0; t < m.triangleCount; t++)
      expect(triangleNormal(m, t)[1]).toBeGreaterThanOrEqual(0)
  })

  it('triangulates the roof around a hole', () => {
    const m = build([building('way/1', [COURTYARD])])
    expect(roofArea(m)).toBeCloseTo(40 * 40 - 20 * 20, 0)
  })

  it('keeps each building in one contiguous vertex range covering all vertices once', () => {
    const features = [
      building('way/1', [[BOX]], 12),
      building('way/2', [COURTYARD], 15),
      building('way/3', [[L_SHAPE]], 9),
    ]
    const m = build(features)
    let expectedStart = 0
    for (let b = 0; b < features.length; b++) {
      expect(m.vertexStart[b]).toBe(expectedStart)
      for (let v = m.vertexStart[b]!; v < m.vertexStart[b]! + m.vertexCount[b]!; v++) {
        expect(m.buildingIndex[v]).toBe(b)
      }
      expectedStart += m.vertexCount[b]!
    }
    expect(expectedStart).toBe(m.totalVertices)
  })

  it('puts each roof point on the roof, at the building height', () => {
    const m = build([building('way/1', [[L_SHAPE]], 21), building('way/2', [COURTYARD], 15)])
    const [x0, y0, z0] = [m.roofCentres[0]!, m.roofCentres[1]!, m.roofCentres[2]!]
    expect(y0).toBeCloseTo(21)
    // Inside the L (not in the missing 20×20 corner).
    const inL = (x0 >= 0 && x0 <= 30 && -z0 >= 0 && -z0 <= 10) || (x0 >= 0 && x0 <= 10 && -z0 <= 30)
    expect(inL).toBe(true)
    // The courtyard block's point is not in the courtyard.
    const [x1, , z1] = [m.roofCentres[3]!, m.roofCentres[4]!, m.roofCentres[5]!]
    expect(x1 > 10 && x1 < 30 && -z1 > 10 && -z1 < 30).toBe(false)
  })

  it('places walls from ground to height', () => {
    const m = build([building('way/1', [[BOX]], 17.5)])
    const ys = new Set<number>()
    for (let v = 0; v < m.totalVertices; v++) ys.add(Math.round(m.positions[v * 3 + 1]! * 10) / 10)
    expect([...ys].sort((a, b) => a - b)).toEqual([0, 17.5])
  })

  it('skips degenerate rings without throwing and keeps indices aligned with ids', () => {
    const degenerate = building('way/9', [
      [
        [
          [0, 0],
          [5, 0],
          [0, 0],
        ],
      ],
    ])
    const fp = prepareFootprints([degenerate, building('way/10', [[BOX]])], projection)
    expect(fp.ids).toEqual(['way/9', 'way/10'])
    const m = buildMeshBuffers(fp)
    expect(m.vertexCount[0]).toBe(0)
    expect(Number.isNaN(m.roofCentres[0])).toBe(true)
    expect(m.vertexCount[1]).toBe(20)
    expect(m.buildingIndex[0]).toBe(1)
  })

  it('is deterministic: positions are byte-identical when built twice', () => {
    const features = [building('way/1', [COURTYARD]), building('way/2', [[L_SHAPE]])]
    const a = build(features)
    const b = build(features)
    expect(Buffer.from(a.positions.buffer).equals(Buffer.from(b.positions.buffer))).toBe(true)
    expect(Buffer.from(a.indices.buffer).equals(Buffer.from(b.indices.buffer))).toBe(true)
  })
})
