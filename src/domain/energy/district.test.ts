import { describe, expect, it } from 'vitest'

import type { LocalMeters } from '../geo/types'

import { NOT_RATED } from './classes'
import { buildingResult } from './district/building'
import { evaluateScenario } from './district/evaluate'
import { needsPrepare, prepareDistrict } from './district/prepare'
import { envelopeFromFootprint } from './envelope'
import type { BuildingInput } from './input'
import { DEFAULT_PARAMETERS as P } from './parameters'
import { parseScenario } from './scenario'

const slab = (w: number) =>
  [
    [0, 0],
    [w, 0],
    [w, 12],
    [0, 12],
  ] as unknown as LocalMeters[]

function b(id: string, over: Partial<BuildingInput> = {}): BuildingInput {
  return {
    id,
    type: 'apartments',
    use: 'residential',
    year: 1975,
    flats: null,
    heatedAreaM2: 0,
    heating: 'gas_boiler',
    rehabilitated: null,
    envelope: envelopeFromFootprint([slab(60)], 5, 13.75),
    ...over,
  }
}

const district = prepareDistrict(
  [
    b('way/1'),
    b('way/2', { heating: 'district_heating', year: 1985 }),
    b('way/3', { rehabilitated: 2010 }),
    b('way/4', { use: 'non_residential', type: 'school' }),
    b('way/5', { year: null, heating: null, flats: 30 }),
    b('way/6', { year: 2015 }),
  ],
  P,
)

describe('district evaluation', () => {
  it('resolves nulls from the district defaults and rates only residential blocks', () => {
    const r = evaluateScenario(district, parseScenario({ name: 'today', measures: [] }), P)
    const five = buildingResult(district, r, 4)
    expect(five.year).toBe(1977)
    expect(five.year_is_default).toBe(true)
    expect(five.heating).toBe('gas_boiler')
    expect(five.heating_is_default).toBe(true)
    expect(five.flats).toBe(30)
    expect(buildingResult(district, r, 0).flats).toBe(Math.round(2880 / 55))
    expect(r.before.classIndex[3]).toBe(NOT_RATED)
    expect(r.totals.before.notRated).toBe(1)
    expect(r.totals.before.classCounts.reduce((s, n) => s + n, 0)).toBe(5)
    // rehabilitated: envelope at the measures' default U-values, lower need than its twin
    expect(r.before.heatingNeedKWhPerM2Year[2]!).toBeLessThan(
      r.before.heatingNeedKWhPerM2Year[0]! / 2,
    )
    expect(r.totals.investmentEur).toBe(0)
  })

  it('selects by ids and by attribute filter', () => {
    const ids = evaluateScenario(
      district,
      parseScenario({ name: 'ids', measures: ['wall'], buildings: { ids: ['way/2', 'way/9'] } }),
      P,
    )
    expect(Array.from(ids.selected)).toEqual([0, 1, 0, 0, 0, 0])
    const f = evaluateScenario(
      district,
      parseScenario({
        name: 'f',
        measures: ['wall'],
        buildings: { filter: { year_max: 1980, use: ['residential'], rehabilitated: false } },
      }),
      P,
    )
    expect(Array.from(f.selected)).toEqual([1, 0, 0, 0, 1, 0])
  })

  it('dh_upgrade touches district-heated blocks; with heat_pump the others get heat pumps', () => {
    const dh = evaluateScenario(
      district,
      parseScenario({ name: 'dh', measures: ['dh_upgrade'] }),
      P,
    )
    expect(Array.from(dh.appliedMask).map((m) => m !== 0)).toEqual([
      false,
      true,
      false,
      false,
      false,
      false,
    ])
    const both = evaluateScenario(
      district,
      parseScenario({ name: 'both', measures: ['dh_upgrade', 'heat_pump'] }),
      P,
    )
    const r1 = buildingResult(district, both, 0)
    const r2 = buildingResult(district, both, 1)
    expect(r1.after!.measures.map((m) => m.id)).toEqual(['heat_pump'])
    expect(r2.after!.measures.map((m) => m.id)).toEqual(['dh_upgrade'])
    expect(r1.after!.delivered_by_carrier_kwh_a.gas).toBe(0)
    // heating need is a property of the envelope, not of the heat source
    expect(r1.after!.heating_need_kwh_m2a).toBeCloseTo(r1.heating_need_kwh_m2a, 9)
  })

  it('already-better elements cost nothing: the rehabilitated block gets no envelope work', () => {
    const r = evaluateScenario(district, parseScenario({ name: 'e', measures: ['envelope'] }), P)
    expect(r.costEur[2]).toBe(0)
    expect(r.appliedMask[2]).toBe(0)
    expect(buildingResult(district, r, 2).payback_years).toBeNull()
    // 2015 block: roof 0.29 > 0.20 and floor 0.22 < 0.35: only some parts apply
    const post = buildingResult(district, r, 5).after!.measures.map((m) => m.id)
    expect(post).toContain('roof')
    expect(post).not.toContain('basement')
  })

  it('totals add up and a rollout ends where the all-at-once scenario is', () => {
    const now = evaluateScenario(
      district,
      parseScenario({ name: 'n', measures: ['envelope', 'pv'] }),
      P,
    )
    const roll = evaluateScenario(
      district,
      parseScenario({
        name: 'r',
        measures: ['envelope', 'pv'],
        rollout: { start_year: 2026, end_year: 2028, order: 'worst_first' },
      }),
      P,
    )
    let investment = 0
    for (let i = 0; i < district.count; i++) investment += now.costEur[i]!
    expect(now.totals.investmentEur).toBeCloseTo(investment, 6)
    let primary = 0
    for (let i = 0; i < district.count; i++)
      primary += now.after.primaryKWhPerM2Year[i]! * district.refAreaM2[i]!
    expect(now.totals.after.primaryMWhPerYear).toBeCloseTo(primary / 1000, 6)
    expect(roll.byYear.map((y) => y.year)).toEqual([2026, 2027, 2028])
    const last = roll.byYear[roll.byYear.length - 1]!
    expect(last.primaryMWhPerYear).toBeCloseTo(now.totals.after.primaryMWhPerYear, 6)
    expect(last.retrofittedBuildings).toBe(now.totals.retrofittedBuildings)
    for (let k = 1; k < roll.byYear.length; k++) {
      expect(roll.byYear[k]!.co2TonnesPerYear).toBeLessThanOrEqual(
        roll.byYear[k - 1]!.co2TonnesPerYear,
      )
    }
    // worst first: the first year's buildings are at least as bad as the last year's
    const first = [...roll.retrofitYear.keys()].filter((i) => roll.retrofitYear[i] === 2026)
    const lastY = [...roll.retrofitYear.keys()].filter((i) => roll.retrofitYear[i] === 2028)
    const worst = (is: number[]) =>
      Math.max(
        ...is.map((i) =>
          roll.before.classIndex[i] === NOT_RATED ? -1 : roll.before.classIndex[i]!,
        ),
      )
    expect(worst(first)).toBeGreaterThanOrEqual(worst(lastY))
  })

  it('heating needs kept from earlier evaluations give the figures of a fresh evaluation', () => {
    const inputs = [
      b('way/1'),
      b('way/2', { heating: 'district_heating', year: 1985 }),
      b('way/3', { rehabilitated: 2012 }),
      b('way/4', { year: 1965 }),
    ]
    const warm = prepareDistrict(inputs, P)
    // Another wall first (kept apart), then the envelope on two blocks: the other two are
    // computed by the next evaluation.
    evaluateScenario(
      warm,
      parseScenario({
        name: 'w',
        measures: [{ id: 'wall', params: { u_W_m2K: 0.6 } }, 'roof', 'windows', 'basement'],
      }),
      P,
    )
    evaluateScenario(
      warm,
      parseScenario({ name: 'a', measures: ['envelope'], buildings: { ids: ['way/1', 'way/3'] } }),
      P,
    )
    const s = parseScenario({ name: 'b', measures: ['envelope', 'heat_pump', 'pv'] })
    for (const run of [1, 2]) {
      const kept = evaluateScenario(warm, s, P)
      const fresh = evaluateScenario(prepareDistrict(inputs, P), s, P)
      expect(kept.totals.after.primaryMWhPerYear, `run ${run}`).toBeCloseTo(
        fresh.totals.after.primaryMWhPerYear,
        9,
      )
      expect(kept.totals.after.billEurPerYear).toBeCloseTo(fresh.totals.after.billEurPerYear, 6)
      expect(Array.from(kept.after.heatingNeedKWhPerM2Year).map((x) => x.toFixed(9))).toEqual(
        Array.from(fresh.after.heatingNeedKWhPerM2Year).map((x) => x.toFixed(9)),
      )
      expect(Array.from(kept.after.classIndex)).toEqual(Array.from(fresh.after.classIndex))
    }
  })

  it('says which parameter edits need a new prepare', () => {
    expect(needsPrepare('geometry.window_to_wall_ratio')).toBe(true)
    expect(needsPrepare('archetypes.RO_MFH_1961_1980.year_to')).toBe(true)
    expect(needsPrepare('archetypes.RO_MFH_1961_1980.u_wall_W_m2K')).toBe(false)
    expect(needsPrepare('carriers.gas.price_lei_per_kWh')).toBe(false)
  })
})
