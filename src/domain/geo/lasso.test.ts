import { describe, expect, it } from 'vitest'

import type { BuildingFeature } from '../buildings/types'

import { idsInsideLasso, pointInRing } from './lasso'

const square = (id: string, x: number, y: number): BuildingFeature =>
  ({
    type: 'Feature',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [x, y],
          [x + 1, y],
          [x + 1, y + 1],
          [x, y + 1],
          [x, y],
        ],
      ],
    },
    properties: { kind: 'building', id },
  }) as BuildingFeature

describe('lasso selection', () => {
  const concave = [
    [0, 0],
    [10, 0],
    [10, 10],
    [5, 3],
    [0, 10],
  ]
  it.each([
    [5, 1, true],
    [5, 8, false], // in the notch of the concave lasso
    [9, 8, true],
    [11, 5, false],
  ])('tests (%d, %d) against a concave ring', (x, y, inside) => {
    expect(pointInRing(x, y, concave)).toBe(inside)
  })

  it('picks the blocks whose centre is inside, whatever the drawing direction', () => {
    const blocks = [square('way/1', 1, 0.5), square('way/2', 4.5, 7), square('way/3', 20, 20)]
    expect(idsInsideLasso(blocks, concave)).toEqual(['way/1'])
    expect(idsInsideLasso(blocks, [...concave].reverse())).toEqual(['way/1'])
    expect(idsInsideLasso(blocks, concave.slice(0, 2))).toEqual([])
  })
})
