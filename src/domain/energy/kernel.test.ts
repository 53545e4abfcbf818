/**
 * Regression test of the optimised scenario kernel (`evaluateScenario`): on a few hundred
 * random buildings and several scenarios, every heating need equals the readable reference
 * (`monthlyHeatingNeed` on the building's physical state, worked out here independently), a
 * building evaluated among 300 equals the same building evaluated alone, and the district
 * totals equal plain sums of the per-building arrays — all to 1e-9 relative.
 */
import { describe, expect, it } from 'vitest'

import type { LocalMeters } from '../geo/types'

import { evaluateScenario } from './district/evaluate'
import { HEATING_SYSTEMS, prepareDistrict } from './district/prepare'
import type { PreparedDistrict } from './district/prepare'
import type { ScenarioResult, StateArrays } from './district/results'
import { envelopeFromFootprint } from './envelope'
import type { BuildingInput } from './input'
import { monthlyHeatingNeed } from './monthly'
import { DEFAULT_PARAMETERS as P, withOverrides } from './parameters'
import type { EnergyParameters } from './parameters'
import { expandMeasures, parseScenario } from './scenario'
import type { Scenario } from './scenario'
import { seededRandom } from '../random'

const REL = 1e-9

function randomBuildings(count: number, seed: number): BuildingInput[] {
  const r = seededRandom(seed)
  const heating = [...HEATING_SYSTEMS, null]
  const out: BuildingInput[] = []
  for (let k = 0; k < count; k++) {
    const w = 8 + r() * 90
    const d = 8 + r() * 14
    const rot = r() * Math.PI * 2
    const c = Math.cos(rot)
    const s = Math.sin(rot)
    const pts: [number, number][] = [
      [0, 0],
      [w, 0],
      [w, d],
      [0, d],
    ]
    const ring = pts.map(([x, y]) => [x * c - y * s, x * s + y * c]) as unknown as LocalMeters[]
    const levels = 1 + Math.floor(r() * 12)
    const residential = r() < 0.85
    out.push({
      id: `way/${k + 1}`,
      type: residential ? 'apartments' : 'school',
      use: residential ? 'residential' : 'non_residential',
      year: r() < 0.25 ? null : 1940 + Math.floor(r() * 85),
      flats: r() < 0.2 ? 1 + Math.floor(r() * 80) : null,
      heatedAreaM2: r() < 0.2 ? 200 + r() * 5000 : 0,
      heating: heating[Math.floor(r() * heating.length)] ?? null,
      rehabilitated: r() < 0.35 ? 2012 : null,
      envelope: envelopeFromFootprint([ring], levels, levels * (2.6 + r() * 0.4)),
    })
  }
  return out
}

interface Envelope {
  uWall: number
  uRoof: number
  uWin: number
  uFloor: number
  dU: number
  n: number
  g: number
  hr: number
}

/** Thermal measures with their parameters (scenario values over the defaults). */
function thermalMeasures(
  params: EnergyParameters,
  specs: ReadonlyMap<string, Readonly<Record<string, number>>>,
) {
  const M = params.measures
  const v = (id: string, name: string, fallback: number) => specs.get(id)?.[name] ?? fallback
  return {
    wall: specs.has('wall')
      ? {
          u: v('wall', 'u_W_m2K', M.wall.u_W_m2K.value),
          dU: v('wall', 'thermal_bridge_W_m2K', M.wall.thermal_bridge_W_m2K.value),
        }
      : null,
    roof: specs.has('roof') ? { u: v('roof', 'u_W_m2K', M.roof.u_W_m2K.value) } : null,
    windows: specs.has('windows')
      ? {
          u: v('windows', 'u_W_m2K', M.windows.u_W_m2K.value),
          g: v('windows', 'g_window', M.windows.g_window.value),
          n: v('windows', 'air_change_per_h', M.windows.air_change_per_h.value),
        }
      : null,
    basement: specs.has('basement')
      ? { u: v('basement', 'u_W_m2K', M.basement.u_W_m2K.value) }
      : null,
    mvhr: specs.has('mvhr') ? { hr: v('mvhr', 'heat_recovery', M.mvhr.heat_recovery.value) } : null,
  }
}

/** Measures change an element only where they improve it (the engine's rule, written plainly). */
function improve(e: Envelope, m: ReturnType<typeof thermalMeasures>): void {
  if (m.wall && m.wall.u < e.uWall) {
    e.uWall = m.wall.u
    e.dU = Math.min(e.dU, m.wall.dU)
  }
  if (m.roof && m.roof.u < e.uRoof) e.uRoof = m.roof.u
  if (m.windows && m.windows.u < e.uWin) {
    e.uWin = m.windows.u
    e.g = m.windows.g
    e.n = Math.min(e.n, m.windows.n)
  }
  if (m.basement && m.basement.u < e.uFloor) e.uFloor = m.basement.u
  if (m.mvhr && m.mvhr.hr > e.hr) e.hr = m.mvhr.hr
}

/** Reference heating need of building `i`, kWh/(m²·a), before or after `scenario`. */
function referenceNeed(
  p: PreparedDistrict,
  params: EnergyParameters,
  i: number,
  scenario: Scenario | null,
): number {
  const arch = params.archetypes[p.archetypeIds[p.archetype[i]!]!]!
  const e: Envelope = {
    uWall: arch.u_wall_W_m2K.value,
    uRoof: arch.u_roof_W_m2K.value,
    uWin: arch.u_window_W_m2K.value,
    uFloor: arch.u_floor_W_m2K.value,
    dU: arch.thermal_bridge_W_m2K.value,
    n: arch.air_change_per_h.value,
    g: arch.g_window.value,
    hr: 0,
  }
  if (p.rehabilitated[i] === 1) {
    const defaults = new Map(['wall', 'roof', 'windows', 'basement'].map((id) => [id, {}]))
    improve(e, thermalMeasures(params, defaults))
  }
  if (scenario) {
    const specs = new Map<string, Readonly<Record<string, number>>>()
    for (const [id, spec] of expandMeasures(scenario)) specs.set(id, spec.params)
    improve(e, thermalMeasures(params, specs))
  }
  const windows = Array.from({ length: 8 }, (_, o) => p.windowByOrientationM2[i * 8 + o]!)
  return monthlyHeatingNeed({
    refAreaM2: p.refAreaM2[i]!,
    opaqueWallM2: p.opaqueWallM2[i]!,
    windowByOrientationM2: windows,
    roofM2: p.roofM2[i]!,
    floorM2: p.floorM2[i]!,
    uWallWPerM2K: e.uWall,
    uWindowWPerM2K: e.uWin,
    uRoofWPerM2K: e.uRoof,
    uFloorWPerM2K: e.uFloor,
    thermalBridgeWPerM2K: e.dU,
    bRoof: params.geometry.b_roof.value,
    bFloor: params.geometry.b_floor_over_basement.value,
    airChangePerH: e.n,
    ventilatedVolumeM3: p.volumeM3[i]!,
    heatRecovery: e.hr,
    airHeatCapacityWhPerM3K: params.gains.air_heat_capacity_Wh_m3K.value,
    gWindow: e.g,
    nonNormalIncidenceFactor: params.gains.non_normal_incidence_factor.value,
    frameFactor: params.gains.frame_factor.value,
    shadingFactor: params.gains.shading_factor.value,
    internalGainsWPerM2: params.gains.internal_gains_W_m2.value,
    heatCapacityWhPerM2K: params.gains.heat_capacity_Wh_m2K.value,
    indoorC: params.climate.indoor_setpoint_C.value,
    monthlyOutdoorC: params.climate.monthly_mean_temp_C.value,
    daysPerMonth: params.climate.days_per_month.value,
    irradianceWPerM2: params.climate.irradiance_W_m2.value,
    aH0: params.gains.utilisation_a_H0.value,
    tauH0H: params.gains.utilisation_tau_H0_h.value,
    gammaMax: params.gains.utilisation_gamma_max.value,
  }).needKWhPerM2Year
}

function expectClose(actual: number, expected: number, what: string): void {
  const scale = Math.max(Math.abs(expected), 1e-12)
  if (!(Math.abs(actual - expected) <= REL * scale))
    expect.fail(`${what}: ${actual} ≠ ${expected} (relative ${REL})`)
}

const STATE_COLUMNS = [
  'heatingNeedKWhPerM2Year',
  'deliveredKWhPerM2Year',
  'primaryKWhPerM2Year',
  'co2KgPerM2Year',
  'billEurPerYear',
  'pvKWhPerYear',
] as const satisfies readonly (keyof StateArrays)[]

const SCENARIOS: Scenario[] = [
  parseScenario({ name: 'envelope', measures: ['envelope'] }),
  parseScenario({ name: 'heat pump', measures: ['heat_pump'] }),
  ...[0.15, 0.3, 0.45, 0.8].map((u) =>
    parseScenario({
      name: `slider ${u}`,
      measures: [
        { id: 'wall', params: { u_W_m2K: u } },
        'roof',
        'windows',
        'basement',
        'heat_pump',
        'pv',
      ],
    }),
  ),
  parseScenario({ name: 'mvhr and dh', measures: ['windows', 'mvhr', 'dh_upgrade', 'pv'] }),
  parseScenario({
    name: 'filtered rollout',
    measures: ['envelope', 'dh_upgrade'],
    buildings: { filter: { year_max: 1990, class: ['D', 'E', 'F', 'G'] } },
    rollout: { start_year: 2026, end_year: 2035, order: 'worst_first' },
  }),
  parseScenario({
    name: 'ids',
    measures: ['wall', 'heat_pump'],
    buildings: { ids: ['way/3', 'way/40', 'way/299', 'way/nope'] },
  }),
]

const PARAMS: EnergyParameters[] = [
  P,
  withOverrides(P, {
    'gains.heat_capacity_Wh_m2K': 80,
    'carriers.gas.price_lei_per_kWh': 0.31,
  }),
]

describe('optimised scenario kernel equals the reference', () => {
  const inputs = randomBuildings(300, 2024)

  for (const [pi, params] of PARAMS.entries()) {
    const p = prepareDistrict(inputs, params)
    const results = SCENARIOS.map((s) => [s, evaluateScenario(p, s, params)] as const)

    it(`heating need before and after = monthlyHeatingNeed per building (parameters ${pi})`, () => {
      const before = results[0]![1].before
      for (let i = 0; i < p.count; i++)
        expectClose(
          before.heatingNeedKWhPerM2Year[i]!,
          referenceNeed(p, params, i, null),
          `before #${i}`,
        )
      for (const [s, r] of results) {
        for (let i = 0; i < p.count; i++) {
          const expected =
            r.selected[i] === 1
              ? referenceNeed(p, params, i, s)
              : before.heatingNeedKWhPerM2Year[i]!
          expectClose(r.after.heatingNeedKWhPerM2Year[i]!, expected, `${s.name} #${i}`)
        }
      }
    })

    it(`a building among 300 equals the same building alone (parameters ${pi})`, () => {
      for (const [s, r] of results) {
        for (let i = 0; i < p.count; i += 7) {
          const alone = prepareDistrict([inputs[i]!], params)
          // Selection by class or id is a district-level choice: select the one building.
          const one = evaluateScenario(
            alone,
            { ...s, buildings: r.selected[i] === 1 ? 'all' : { ids: [] }, rollout: null },
            params,
          )
          for (const col of STATE_COLUMNS) {
            expectClose(r.before[col][i]!, one.before[col][0]!, `${s.name} before.${col} #${i}`)
            expectClose(r.after[col][i]!, one.after[col][0]!, `${s.name} after.${col} #${i}`)
          }
          for (let c = 0; c < 3; c++)
            expectClose(
              r.after.deliveredByCarrierKWhPerYear[i * 3 + c]!,
              one.after.deliveredByCarrierKWhPerYear[c]!,
              `${s.name} carrier ${c} #${i}`,
            )
          expect(r.after.classIndex[i]).toBe(one.after.classIndex[0])
          expect(r.appliedMask[i]).toBe(one.appliedMask[0])
          expectClose(r.costEur[i]!, one.costEur[0]!, `${s.name} cost #${i}`)
          expectClose(r.billSavingEurPerYear[i]!, one.billSavingEurPerYear[0]!, `saving #${i}`)
        }
      }
    })

    it(`totals are the plain sums of the building arrays (parameters ${pi})`, () => {
      for (const [s, r] of results) checkTotals(p, s.name, r)
    })
  }
})

function checkTotals(p: PreparedDistrict, name: string, r: ScenarioResult): void {
  for (const [state, arrays, totals] of [
    ['before', r.before, r.totals.before],
    ['after', r.after, r.totals.after],
  ] as const) {
    let need = 0
    let primary = 0
    let co2 = 0
    let bill = 0
    const classCounts = [0, 0, 0, 0, 0, 0, 0, 0]
    for (let i = 0; i < p.count; i++) {
      const a = p.refAreaM2[i]!
      need += arrays.heatingNeedKWhPerM2Year[i]! * a
      primary += arrays.primaryKWhPerM2Year[i]! * a
      co2 += arrays.co2KgPerM2Year[i]! * a
      bill += arrays.billEurPerYear[i]!
      const ci = arrays.classIndex[i]!
      if (ci < 8) classCounts[ci]!++
    }
    expectClose(totals.heatingNeedMWhPerYear, need / 1000, `${name} ${state} need`)
    expectClose(totals.primaryMWhPerYear, primary / 1000, `${name} ${state} primary`)
    expectClose(totals.co2TonnesPerYear, co2 / 1000, `${name} ${state} co2`)
    expectClose(totals.billEurPerYear, bill, `${name} ${state} bill`)
    expect(totals.classCounts).toEqual(classCounts)
  }
  let investment = 0
  let retrofitted = 0
  let selected = 0
  for (let i = 0; i < p.count; i++) {
    investment += r.costEur[i]!
    if (r.appliedMask[i] !== 0) retrofitted++
    if (r.selected[i] === 1) selected++
  }
  expectClose(r.totals.investmentEur, investment, `${name} investment`)
  expect(r.totals.retrofittedBuildings).toBe(retrofitted)
  expect(r.totals.selectedBuildings).toBe(selected)
}
