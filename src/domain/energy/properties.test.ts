import { describe, expect, it } from 'vitest'

import type { LocalMeters } from '../geo/types'

import { evaluateBaseline } from './district/baseline'
import { evaluateScenario } from './district/evaluate'
import { prepareDistrict } from './district/prepare'
import {
  envelopeFromFootprint,
  envelopeFromPolygons,
  octantOfAzimuth,
  windowShareByOrientation,
} from './envelope'
import type { Envelope } from './envelope'
import type { BuildingInput } from './input'
import { monthlyHeatingNeed } from './monthly'
import type { ThermalInputs } from './monthly'
import { DEFAULT_PARAMETERS as P, withOverrides } from './parameters'
import { parseScenario } from './scenario'
import { seededRandom } from '../random'

const ring = (pts: [number, number][]) => pts as unknown as LocalMeters[]

/** A rotated rectangle footprint w × d metres. */
function block(w: number, d: number, rotDeg: number): LocalMeters[] {
  const c = Math.cos((rotDeg * Math.PI) / 180)
  const s = Math.sin((rotDeg * Math.PI) / 180)
  const pts: [number, number][] = [
    [0, 0],
    [w, 0],
    [w, d],
    [0, d],
  ]
  return ring(pts.map(([x, y]) => [x * c - y * s, x * s + y * c]))
}

function thermal(env: Envelope, wwr: number, over: Partial<ThermalInputs> = {}): ThermalInputs {
  const aRef = 0.8 * env.grossFloorM2
  return {
    refAreaM2: aRef,
    opaqueWallM2: (1 - wwr) * env.facadeM2,
    windowByOrientationM2: windowShareByOrientation(
      env.facadeByOrientationM2,
      env.footprintM2,
      env.perimeterM,
      P.geometry.blind_gable_aspect_ratio.value,
    ).map((share) => share * wwr * env.facadeM2),
    roofM2: env.roofM2,
    floorM2: env.floorM2,
    uWallWPerM2K: P.archetypes['RO_MFH_1961_1980']!.u_wall_W_m2K.value,
    uWindowWPerM2K: 2.45,
    uRoofWPerM2K: 1.25,
    uFloorWPerM2K: 1.3,
    thermalBridgeWPerM2K: 0.1,
    bRoof: 1,
    bFloor: 0.5,
    airChangePerH: 0.6,
    ventilatedVolumeM3: 2.5 * aRef,
    heatRecovery: 0,
    airHeatCapacityWhPerM3K: 0.34,
    gWindow: 0.75,
    nonNormalIncidenceFactor: 0.9,
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
    ...over,
  }
}

function randomCase(r: () => number) {
  const levels = 1 + Math.floor(r() * 11)
  const env = envelopeFromFootprint(
    [block(10 + r() * 80, 8 + r() * 10, r() * 360)],
    levels,
    levels * 2.75,
  )
  const t = thermal(env, 0.05 + r() * 0.4, {
    uWallWPerM2K: 0.2 + r() * 1.6,
    uWindowWPerM2K: 0.9 + r() * 2,
    uRoofWPerM2K: 0.15 + r() * 1.3,
    uFloorWPerM2K: 0.2 + r() * 1.3,
    airChangePerH: 0.3 + r() * 0.6,
    heatCapacityWhPerM2K: 30 + r() * 60,
  })
  return { env, t }
}

describe('properties of the monthly method', () => {
  it('more insulation (any lower U or ΔU) never raises the heating need', () => {
    const r = seededRandom(1)
    for (let k = 0; k < 300; k++) {
      const { t } = randomCase(r)
      const keys = [
        'uWallWPerM2K',
        'uWindowWPerM2K',
        'uRoofWPerM2K',
        'uFloorWPerM2K',
        'thermalBridgeWPerM2K',
      ] as const
      const key = keys[k % keys.length]!
      const better = { ...t, [key]: t[key] * r() }
      expect(monthlyHeatingNeed(better).annualNeedKWh).toBeLessThanOrEqual(
        monthlyHeatingNeed(t).annualNeedKWh + 1e-6,
      )
    }
  })

  it('a colder climate never lowers the heating need', () => {
    const r = seededRandom(2)
    for (let k = 0; k < 300; k++) {
      const { t } = randomCase(r)
      const colder = t.monthlyOutdoorC.map((c, m) => c - (m === k % 12 ? 5 * r() : r()))
      expect(
        monthlyHeatingNeed({ ...t, monthlyOutdoorC: colder }).annualNeedKWh,
      ).toBeGreaterThanOrEqual(monthlyHeatingNeed(t).annualNeedKWh - 1e-6)
    }
  })

  it('a bigger window share raises both losses and solar gains', () => {
    const r = seededRandom(3)
    for (let k = 0; k < 100; k++) {
      const { env, t } = randomCase(r)
      const wwr = t.windowByOrientationM2.reduce((s, a) => s + a, 0) / env.facadeM2
      const small = monthlyHeatingNeed(thermal(env, wwr, { uWallWPerM2K: t.uWallWPerM2K }))
      const big = monthlyHeatingNeed(thermal(env, wwr + 0.1, { uWallWPerM2K: t.uWallWPerM2K }))
      expect(big.transmissionWPerK).toBeGreaterThan(small.transmissionWPerK)
      big.months.forEach((m, i) => {
        expect(m.lossKWh).toBeGreaterThanOrEqual(small.months[i]!.lossKWh)
        expect(m.solarKWh).toBeGreaterThan(small.months[i]!.solarKWh)
      })
    }
  })

  it('the district kernel runs the same arithmetic as the reference method', () => {
    const r = seededRandom(4)
    const inputs: BuildingInput[] = []
    for (let k = 0; k < 50; k++) {
      const levels = 1 + Math.floor(r() * 11)
      inputs.push({
        id: `way/${k}`,
        type: 'apartments',
        use: 'residential',
        year: 1975,
        flats: null,
        heatedAreaM2: 0,
        heating: 'gas_boiler',
        rehabilitated: null,
        envelope: envelopeFromFootprint(
          [block(10 + r() * 80, 8 + r() * 10, r() * 360)],
          levels,
          levels * 2.75,
        ),
      })
    }
    const prepared = prepareDistrict(inputs, P)
    const before = evaluateBaseline(prepared, P)
    inputs.forEach((b, i) => {
      const ref = monthlyHeatingNeed(thermal(b.envelope, 0.2))
      expect(before.heatingNeedKWhPerM2Year[i]).toBeCloseTo(ref.needKWhPerM2Year, 9)
    })
  })

  it('in a scenario, a lower wall U never raises need, primary energy or CO2', () => {
    const env = envelopeFromFootprint([block(60, 12, 17)], 5, 13.75)
    const prepared = prepareDistrict(
      [
        {
          id: 'way/1',
          type: 'apartments',
          use: 'residential',
          year: 1975,
          flats: null,
          heatedAreaM2: 0,
          heating: null,
          rehabilitated: null,
          envelope: env,
        },
      ],
      P,
    )
    let last = Infinity
    for (const u of [1.4, 1.0, 0.6, 0.4, 0.25, 0.15, 0.1]) {
      const res = evaluateScenario(
        prepared,
        parseScenario({ name: 'w', measures: [{ id: 'wall', params: { u_W_m2K: u } }] }),
        P,
      )
      const need = res.after.heatingNeedKWhPerM2Year[0]!
      expect(need).toBeLessThanOrEqual(last)
      expect(res.after.primaryKWhPerM2Year[0]!).toBeLessThanOrEqual(
        res.before.primaryKWhPerM2Year[0]!,
      )
      last = need
    }
  })

  it('a colder design climate in the parameters raises every building', () => {
    const env = envelopeFromFootprint([block(30, 14, 0)], 11, 30.25)
    const input: BuildingInput = {
      id: 'way/2',
      type: 'apartments',
      use: 'residential',
      year: 1980,
      flats: 88,
      heatedAreaM2: 0,
      heating: 'district_heating',
      rehabilitated: null,
      envelope: env,
    }
    const colder = withOverrides(P, {
      'climate.monthly_mean_temp_C': P.climate.monthly_mean_temp_C.value.map((c) => c - 3),
    })
    const a = evaluateBaseline(prepareDistrict([input], P), P)
    const b = evaluateBaseline(prepareDistrict([input], colder), colder)
    expect(b.heatingNeedKWhPerM2Year[0]!).toBeGreaterThan(a.heatingNeedKWhPerM2Year[0]!)
  })
})

describe('envelope from the footprint', () => {
  it('rejects zero area, zero height and zero storeys instead of dividing by them', () => {
    const flat = ring([
      [0, 0],
      [10, 0],
      [20, 0],
    ])
    expect(() => envelopeFromFootprint([flat], 5, 13.75)).toThrow(/footprint area must be > 0/)
    expect(() => envelopeFromFootprint([ring([])], 5, 13.75)).toThrow(RangeError)
    const sq = block(10, 10, 0)
    expect(() => envelopeFromFootprint([sq], 5, 0)).toThrow(/height must be > 0/)
    expect(() => envelopeFromFootprint([sq], 5, Number.NaN)).toThrow(/height/)
    expect(() => envelopeFromFootprint([sq], 0, 10)).toThrow(/levels must be ≥ 1/)
  })

  it('reads orientation from outward normals whatever the winding, closed or open rings', () => {
    const ccw: [number, number][] = [
      [0, 0],
      [60, 0],
      [60, 12],
      [0, 12],
    ]
    const a = envelopeFromFootprint([ring(ccw)], 5, 10)
    const b = envelopeFromFootprint([ring([...ccw].reverse())], 5, 10)
    const c = envelopeFromFootprint([ring([...ccw, [0, 0]])], 5, 10)
    for (const e of [a, b, c]) {
      // N and S facades are the long ones: 60 m × 10 m each
      expect(e.facadeByOrientationM2).toEqual([600, 0, 120, 0, 600, 0, 120, 0])
      expect(e.perimeterM).toBeCloseTo(144, 9)
    }
  })

  it('courtyard walls face into the courtyard and the hole is not roof', () => {
    const outer = block(40, 40, 0)
    const hole = ring([
      [10, 10],
      [30, 10],
      [30, 30],
      [10, 30],
    ])
    const e = envelopeFromFootprint([outer, hole], 5, 10)
    expect(e.footprintM2).toBeCloseTo(1600 - 400, 9)
    expect(e.roofM2).toBeCloseTo(1200, 9)
    expect(e.perimeterM).toBeCloseTo(160 + 80, 9)
    // each direction: 40 m outer wall + 20 m courtyard wall facing the same way, × 10 m
    expect(e.facadeByOrientationM2).toEqual([600, 0, 600, 0, 600, 0, 600, 0])
  })

  it('a rotated block splits its walls into intermediate orientations, and multipolygons add up', () => {
    const e = envelopeFromFootprint([block(60, 12, 45)], 5, 10)
    // rotated 45° counter-clockwise: the long south face now faces SE
    expect(e.facadeByOrientationM2[3]).toBeCloseTo(600, 6)
    expect(e.facadeByOrientationM2[7]).toBeCloseTo(600, 6)
    const two = envelopeFromPolygons([[block(10, 10, 0)], [block(10, 10, 0)]], 2, 6)
    expect(two.footprintM2).toBeCloseTo(200, 9)
    expect(octantOfAzimuth(-10)).toBe(0)
    expect(octantOfAzimuth(200)).toBe(4)
  })
})
