import { describe, expect, it } from 'vitest'

import { sunDirection } from './sun'

const CLUJ = [23.56, 46.76] as const

describe('sun direction over Cluj-Napoca', () => {
  it('is high in the south at local noon in midsummer', () => {
    // 21 June, 10:00 UTC ≈ solar noon in Cluj (UTC+1:34 solar offset).
    const s = sunDirection(new Date('2026-06-21T10:25:00Z'), CLUJ)
    expect(s.altitudeRad * (180 / Math.PI)).toBeGreaterThan(60)
    expect(s.north).toBeLessThan(0)
    expect(Math.abs(s.east)).toBeLessThan(0.15)
  })

  it('rises in the east and sets in the west', () => {
    const morning = sunDirection(new Date('2026-06-21T04:00:00Z'), CLUJ)
    const evening = sunDirection(new Date('2026-06-21T17:00:00Z'), CLUJ)
    expect(morning.east).toBeGreaterThan(0.5)
    expect(evening.east).toBeLessThan(-0.5)
  })

  it('is below the horizon at midnight', () => {
    expect(sunDirection(new Date('2026-12-21T23:00:00Z'), CLUJ).up).toBeLessThan(0)
  })

  it('is a unit vector', () => {
    const s = sunDirection(new Date('2026-03-20T09:00:00Z'), CLUJ)
    expect(Math.hypot(s.east, s.north, s.up)).toBeCloseTo(1)
  })
})
