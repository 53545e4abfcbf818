import { describe, expect, it } from 'vitest'

import { equivalentAspectRatio, windowShareByOrientation } from './envelope'

describe('windows per facade orientation', () => {
  it('recovers a rectangle’s length ÷ width from its area and perimeter', () => {
    expect(equivalentAspectRatio(60 * 12, 2 * (60 + 12))).toBeCloseTo(5, 9)
    expect(equivalentAspectRatio(100, 40)).toBe(1)
  })

  it('a long N/S slab has blind E/W gables: all windows on the long facades', () => {
    // 60 × 12 m slab: N and S facades 60 m, E and W gables 12 m (× height, same factor)
    const f = [60, 0, 12, 0, 60, 0, 12, 0]
    const w = windowShareByOrientation(f, 720, 144, 2)
    expect(w[0]).toBeCloseTo(0.5, 12)
    expect(w[4]).toBeCloseTo(0.5, 12)
    expect(w[2]).toBe(0)
    expect(w[6]).toBe(0)
  })

  it('a square tower keeps windows in proportion to each facade', () => {
    const f = [20, 0, 20, 0, 20, 0, 20, 0]
    expect(windowShareByOrientation(f, 400, 80, 2)).toEqual([0.25, 0, 0.25, 0, 0.25, 0, 0.25, 0])
  })

  it('a slab rotated to NE/SW gets blind NW/SE gables', () => {
    const f = [0, 60, 0, 12, 0, 60, 0, 12]
    const w = windowShareByOrientation(f, 720, 144, 2)
    expect(w[1]).toBeCloseTo(0.5, 12)
    expect(w[3]).toBe(0)
    expect(w[7]).toBe(0)
  })
})
