import { describe, expect, it } from 'vitest'

import { publishViewGauge, scaleBarOf, subscribeViewGauge } from './viewGauge'

describe('view gauges', () => {
  it('picks the longest round length that fits', () => {
    expect(scaleBarOf(1)).toEqual({ metres: 100, px: 100 })
    expect(scaleBarOf(2.5)).toEqual({ metres: 200, px: 80 })
    expect(scaleBarOf(0.1)).toEqual({ metres: 10, px: 100 })
    expect(scaleBarOf(30).metres).toBe(2000)
  })

  it('gives a new subscriber the latest gauge, then every change until it leaves', () => {
    publishViewGauge({ headingRad: 1, metresPerPx: 2 })
    const seen: number[] = []
    const leave = subscribeViewGauge((g) => seen.push(g.headingRad))
    publishViewGauge({ headingRad: 2, metresPerPx: 2 })
    leave()
    publishViewGauge({ headingRad: 3, metresPerPx: 2 })
    expect(seen).toEqual([1, 2])
  })
})
