import { describe, expect, it } from 'vitest'

import type { LocalMeters } from '../geo/types'

import { envelopeFromFootprint } from './envelope'
import { monthlyHeatingNeed, utilisationFactor } from './monthly'
import type { ThermalInputs } from './monthly'
import { DEFAULT_PARAMETERS as P } from './parameters'

const ring = (pts: [number, number][]) => pts as unknown as LocalMeters[]

/**
 * Hand calculation, generic P+4 slab of energy-evidence §8.4: 60 × 12 m (long sides facing
 * N and S), 5 storeys × 2.75 m, archetype RO_MFH_1961_1980 [S9], WWR 0.20, A_ref = 0.8 × gross.
 */
describe('monthly method, hand calculation of one building', () => {
  const env = envelopeFromFootprint(
    [
      ring([
        [0, 0],
        [60, 0],
        [60, 12],
        [0, 12],
      ]),
    ],
    5,
    13.75,
  )
  // Geometry: A_fp = 60 × 12 = 720 m²; P = 2 × (60 + 12) = 144 m; facade = 144 × 13.75 = 1980 m².
  // Facades: N and S 60 × 13.75 = 825 m² each, E and W 12 × 13.75 = 165 m² each.
  // Windows 0.2 × facade: N 165, S 165, E 33, W 33 m² (total 396); opaque wall 1980 − 396 = 1584.
  // A_ref = 0.8 × 720 × 5 = 2880 m²; V = 2.5 m × 2880 = 7200 m³.
  const inputs: ThermalInputs = {
    refAreaM2: 2880,
    opaqueWallM2: 1584,
    windowByOrientationM2: [165, 0, 33, 0, 165, 0, 33, 0],
    roofM2: 720,
    floorM2: 720,
    uWallWPerM2K: 1.5,
    uWindowWPerM2K: 2.45,
    uRoofWPerM2K: 1.25,
    uFloorWPerM2K: 1.3,
    thermalBridgeWPerM2K: 0.1,
    bRoof: 1,
    bFloor: 0.5,
    airChangePerH: 0.6,
    ventilatedVolumeM3: 7200,
    heatRecovery: 0,
    airHeatCapacityWhPerM3K: 0.34,
    gWindow: 0.75,
    nonNormalIncidenceFactor: 1,
    frameFactor: 0.7,
    shadingFactor: 0.6,
    internalGainsWPerM2: 3.1,
    heatCapacityWhPerM2K: 45,
    indoorC: 20,
    monthlyOutdoorC: P.climate.monthly_mean_temp_C.value,
    daysPerMonth: P.climate.days_per_month.value,
    irradianceWPerM2: P.climate.irradiance_W_m2.value,
    aH0: 1,
    tauH0H: 15,
    gammaMax: 2,
  }
  const r = monthlyHeatingNeed(inputs)

  it('derives the envelope areas from the footprint', () => {
    expect(env.footprintM2).toBeCloseTo(720, 9)
    expect(env.perimeterM).toBeCloseTo(144, 9)
    expect(env.facadeM2).toBeCloseTo(1980, 9)
    expect(env.facadeByOrientationM2).toEqual([825, 0, 165, 0, 825, 0, 165, 0])
    expect(env.grossFloorM2 * P.geometry.ref_area_to_gross_area.value).toBeCloseTo(2880, 9)
  })

  it('transmission, ventilation, time constant and exponent', () => {
    // H_tr = 1.5·1584 + 2.45·396 + 1.25·720·1 + 1.3·720·0.5 + 0.1·(1584 + 396 + 720 + 360)
    //      = 2376 + 970.2 + 900 + 468 + 306 = 5020.2 W/K
    expect(r.transmissionWPerK).toBeCloseTo(5020.2, 9)
    // H_ve = 0.34 · 0.6 · 7200 = 1468.8 W/K
    expect(r.ventilationWPerK).toBeCloseTo(1468.8, 9)
    // τ = 45 · 2880 / (5020.2 + 1468.8) = 129600 / 6489 = 19.9723 h
    expect(r.timeConstantH).toBeCloseTo(19.97226, 4)
    // a = 1 + 19.9723 / 15 = 2.33148
    expect(r.utilisationExponent).toBeCloseTo(2.33148, 4)
  })

  it('January balance, every term', () => {
    const jan = r.months[0]!
    // t = 31 d · 24 h = 744 h; θi − θe = 20 − (−2.4) = 22.4 K [S6]
    expect(jan.hours).toBe(744)
    // Q_tr = 5020.2 · 22.4 · 744 / 1000 = 83 664.6 kWh
    expect(jan.transmissionKWh).toBeCloseTo(83664.645, 2)
    // Q_ve = 1468.8 · 22.4 · 744 / 1000 = 24 478.4 kWh
    expect(jan.ventilationKWh).toBeCloseTo(24478.433, 2)
    // Q_int = 3.1 W/m² [S5] · 2880 · 744 / 1000 = 6 642.4 kWh
    expect(jan.internalKWh).toBeCloseTo(6642.432, 2)
    // Σ A_w · I [S7] = 165·12.1 (N) + 33·28.3 (E) + 165·71.2 (S) + 33·28.3 (W) = 15 612.3 W
    // Q_sol = 0.75 · 0.7 · 0.6 · 15 612.3 · 744 / 1000 = 3 658.9 kWh
    expect(jan.solarKWh).toBeCloseTo(0.315 * 15612.3 * 0.744, 2)
    expect(jan.solarKWh).toBeCloseTo(3658.94, 1)
    // γ = (6 642.4 + 3 658.9) / (83 664.6 + 24 478.4) = 10 301.4 / 108 143.1 = 0.095258
    expect(jan.gainLossRatio).toBeCloseTo(0.095258, 5)
    // η = (1 − γ^a) / (1 − γ^(a+1)): γ^2.33148 = 0.0041627, γ^3.33148 = 0.00039653
    //   = 0.9958373 / 0.9996035 = 0.996232
    expect(jan.utilisation).toBeCloseTo(0.996232, 5)
    // Q_H,nd = 108 143.1 − 0.996232 · 10 301.4 = 97 880.3 kWh
    expect(jan.needKWh).toBeCloseTo(97880.3, 0)
  })

  it('a summer month has no heating need (γ > 2, Mc 001 Fig. 2.18)', () => {
    const jul = r.months[6]!
    // θi − θe = 0.2 K: losses tiny, gains large
    expect(jul.gainLossRatio).toBeGreaterThan(2)
    expect(jul.needKWh).toBe(0)
  })

  it('the annual need is the sum of the months and matches the evidence-pack run', () => {
    const sum = r.months.reduce((s, m) => s + m.needKWh, 0)
    expect(r.annualNeedKWh).toBeCloseTo(sum, 6)
    // energy-evidence §8.4 [calc]: ≈ 177 kWh/m²a for this slab
    expect(r.needKWhPerM2Year).toBeGreaterThan(176)
    expect(r.needKWhPerM2Year).toBeLessThan(178.5)
  })

  it('utilisation factor limits', () => {
    expect(utilisationFactor(1, 2)).toBeCloseTo(2 / 3, 12)
    expect(utilisationFactor(1 + 1e-7, 2)).toBeCloseTo(2 / 3, 5)
    expect(utilisationFactor(0, 2)).toBe(1)
    expect(utilisationFactor(0.5, 2)).toBeCloseTo((1 - 0.25) / (1 - 0.125), 12)
  })

  it('rejects a zero reference area instead of dividing by it', () => {
    expect(() => monthlyHeatingNeed({ ...inputs, refAreaM2: 0 })).toThrow(RangeError)
  })
})
