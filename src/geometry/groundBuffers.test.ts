import { describe, expect, it } from 'vitest'

import {
  contextM,
  fixtureProjection as projection,
  type PointM,
} from '../../test/helpers/footprints'

import { buildGroundBuffers, CONTEXT_KIND_INDEX, type GroundBuffers } from './groundBuffers'

/** Area of the triangles seen from above (x east, −z north), m². */
function areaFromAbove(g: GroundBuffers): number {
  let area = 0
  for (let t = 0; t < g.indices.length; t += 3) {
    const [a, b, c] = [g.indices[t]!, g.indices[t + 1]!, g.indices[t + 2]!]
    const ax = g.positions[a * 3]!
    const an = -g.positions[a * 3 + 2]!
    const cross =
      (g.positions[b * 3]! - ax) * (-g.positions[c * 3 + 2]! - an) -
      (-g.positions[b * 3 + 2]! - an) * (g.positions[c * 3]! - ax)
    area += Math.abs(cross) / 2
  }
  return area
}

const SQUARE: PointM[] = [
  [0, 0],
  [50, 0],
  [50, 50],
  [0, 50],
]
const HOLE: PointM[] = [
  [10, 10],
  [20, 10],
  [20, 20],
  [10, 20],
]

describe('buildGroundBuffers', () => {
  it.each([
    // name, feature, area m²
    ['a green polygon', contextM('green', [SQUARE]), 2500],
    ['water with an island', contextM('water', [SQUARE, HOLE]), 2500 - 100],
    ['a boundary', contextM('boundary', [SQUARE]), 2500],
    [
      'a 7 m street, 100 m long',
      contextM(
        'street',
        [
          [0, 0],
          [100, 0],
        ],
        7,
      ),
      700,
    ],
    [
      'a two-segment street, 4 m wide',
      contextM(
        'street',
        [
          [0, 0],
          [30, 0],
          [30, 40],
        ],
        4,
      ),
      280,
    ],
  ])('triangulates %s flat, with its area', (_name, feature, areaM2) => {
    const g = buildGroundBuffers([feature], projection)
    expect(areaFromAbove(g)).toBeCloseTo(areaM2, 1)
    const kind = CONTEXT_KIND_INDEX[feature.properties.kind]
    expect(g.kindIndex.length).toBe(g.positions.length / 3)
    expect(Array.from(g.kindIndex).every((k) => k === kind)).toBe(true)
    const ys = new Set(Array.from({ length: g.kindIndex.length }, (_, i) => g.positions[i * 3 + 1]))
    expect(ys.size).toBe(1)
    const y = [...ys][0]!
    expect(y).toBeGreaterThan(0)
    expect(y).toBeLessThan(0.2)
  })

  it('lifts each kind by a different step so layers do not z-fight', () => {
    const g = buildGroundBuffers(
      [
        contextM('green', [SQUARE]),
        contextM('water', [SQUARE]),
        contextM('boundary', [SQUARE]),
        contextM('street', [
          [0, 0],
          [10, 0],
        ]),
      ],
      projection,
    )
    const yByKind = new Map<number, number>()
    for (let i = 0; i < g.kindIndex.length; i++)
      yByKind.set(g.kindIndex[i]!, g.positions[i * 3 + 1]!)
    expect(new Set(yByKind.values()).size).toBe(4)
  })

  it('skips zero-length segments and empty shapes without throwing', () => {
    const g = buildGroundBuffers(
      [
        contextM('street', [
          [5, 5],
          [5, 5],
        ]),
        contextM('green', [[]]),
      ],
      projection,
    )
    expect(g.indices.length).toBe(0)
  })
})
