import { describe, expect, it } from 'vitest'

import { createLocalProjection } from './projection'

const ORIGIN = [23.555, 46.758] as const

describe('local projection', () => {
  const p = createLocalProjection(ORIGIN)

  it('puts the origin at 0, 0', () => {
    expect(p.toLocal(ORIGIN)).toEqual([0, 0])
  })

  it.each([
    // point, expected east m, expected north m (1° lat ≈ 111.2 km; 1° lng ≈ 76.2 km here)
    [[23.555, 46.768], 0, 1113.2],
    [[23.565, 46.758], 762.3, 0],
    [[23.545, 46.748], -762.4, -1113.2],
  ] as const)('projects %j to metres east/north', (point, east, north) => {
    const [e, n] = p.toLocal(point)
    expect(e).toBeCloseTo(east, -1)
    expect(n).toBeCloseTo(north, -1)
  })

  it('round-trips within a millimetre across a city', () => {
    for (const pt of [
      [23.5, 46.7],
      [23.72, 46.86],
      [23.555, 46.758],
    ] as const) {
      const back = p.toLngLat(p.toLocal(pt))
      expect(Math.abs(back[0] - pt[0]) * 76_000).toBeLessThan(0.001)
      expect(Math.abs(back[1] - pt[1]) * 111_000).toBeLessThan(0.001)
    }
  })

  it('rejects an invalid origin', () => {
    expect(() => createLocalProjection([Number.NaN, 46])).toThrow(RangeError)
    expect(() => createLocalProjection([23, 89])).toThrow(RangeError)
  })
})
