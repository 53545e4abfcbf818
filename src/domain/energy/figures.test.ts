/**
 * The figures a council sees: use classes, generation kept apart, bills as people pay them,
 * package costs as programmes pay them, who pays, and ranges. Expectations are derived by hand
 * from the parameters or from the engine's own other outputs, never copied from a run.
 */
import { describe, expect, it } from 'vitest'

import type { LocalMeters } from '../geo/types'

import { costLines, fundingSplit } from './costs'
import { buildingResult, packageCost } from './district/building'
import { evaluateScenario } from './district/evaluate'
import { prepareDistrict } from './district/prepare'
import { envelopeFromFootprint } from './envelope'
import type { BuildingInput } from './input'
import { DEFAULT_PARAMETERS as P, withOverrides } from './parameters'
import {
  endOverrides,
  evaluateRanges,
  paybackBounds,
  RANGE_GROUPS,
  rangedInputs,
  rangeEnd,
  tornado,
} from './ranges'
import { parseScenario } from './scenario'

const rect = (w: number, d: number) =>
  [
    [0, 0],
    [w, 0],
    [w, d],
    [0, d],
  ] as unknown as LocalMeters[]

/** An unrenovated 1970s P+4 slab, 60 × 12 m (energy-evidence §8.4). */
function p4(id: string, over: Partial<BuildingInput> = {}): BuildingInput {
  return {
    id,
    type: 'apartments',
    use: 'residential',
    useClass: 'apartment_block',
    year: 1975,
    flats: null,
    heatedAreaM2: 0,
    heating: 'gas_boiler',
    rehabilitated: null,
    envelope: envelopeFromFootprint([rect(60, 12)], 5, 13.75),
    ...over,
  }
}

const house = (id: string, year = 1975): BuildingInput => ({
  ...p4(id),
  type: 'house',
  useClass: 'house',
  year,
  envelope: envelopeFromFootprint([rect(10, 9)], 2, 6),
})
const faculty = p4('way/faculty', {
  type: 'university',
  use: 'non_residential',
  useClass: 'non_residential',
})

const scenario = (measures: unknown[], extra: Record<string, unknown> = {}) =>
  parseScenario({ name: 's', measures, ...extra })
const envelope = scenario(['envelope'])

describe('use classes in the engine', () => {
  const prepared = prepareDistrict([p4('way/1'), house('way/2'), faculty], P)
  const r = evaluateScenario(prepared, envelope, P)

  it('houses get a house archetype and the house class table; others are not rated', () => {
    const h = buildingResult(prepared, r, 1)
    expect(h.use_class).toBe('house')
    expect(h.archetype).toBe('RO_SFH_1961_1990')
    expect(h.rated).toBe(true)
    expect(h.flats).toBe(1)
    const f = buildingResult(prepared, r, 2)
    expect(f.rated).toBe(false)
    expect(f.class).toBeNull()
    expect(f.flats).toBe(0)
    // computed all the same
    expect(f.heating_need_kwh_m2a).toBeGreaterThan(0)
  })

  it('totals come per use class and add up to the district', () => {
    const t = r.totals
    expect(t.byUseClass.apartment_block.buildings).toBe(1)
    expect(t.byUseClass.house.buildings).toBe(1)
    expect(t.byUseClass.non_residential.buildings).toBe(1)
    const parts = ['apartment_block', 'house', 'non_residential', 'unknown'] as const
    const sum = (f: (u: (typeof parts)[number]) => number) => parts.reduce((s, u) => s + f(u), 0)
    expect(sum((u) => t.byUseClass[u].investmentEur)).toBeCloseTo(t.investmentEur, 6)
    expect(sum((u) => t.byUseClass[u].after.primaryMWhPerYear)).toBeCloseTo(
      t.after.primaryMWhPerYear,
      6,
    )
  })

  it('"blocks renovated" counts only apartment blocks the scenario changed', () => {
    expect(r.totals.retrofittedBuildings).toBe(3)
    expect(r.totals.blocksRenovated).toBe(1)
    const rehab = prepareDistrict([p4('way/1', { rehabilitated: 2012 }), p4('way/2')], P)
    // a rehabilitated block already has the envelope: the package changes only the other
    expect(evaluateScenario(rehab, envelope, P).totals.blocksRenovated).toBe(1)
  })
})

describe('generation kept apart from consumption', () => {
  const prepared = prepareDistrict([p4('way/1')], P)
  const all = scenario(['envelope', 'heat_pump', 'pv'])
  const r = evaluateScenario(prepared, all, P)
  const b = buildingResult(prepared, r, 0)
  const a = b.after!

  it('reports PV generation, split into self-consumed and exported at the assumed share', () => {
    const kwp = P.measures.pv.kWp_per_m2_roof.value * 720
    expect(a.generation_kwh_a).toBeCloseTo(kwp * P.climate.pv_specific_yield_kWh_per_kWp.value, 6)
    const share = P.measures.pv.self_consumption_share.value
    expect(a.pv_self_consumed_kwh_a).toBeLessThanOrEqual(a.generation_kwh_a * share + 1e-9)
    expect(a.pv_self_consumed_kwh_a + a.pv_exported_kwh_a).toBeCloseTo(a.generation_kwh_a, 6)
  })

  it('primary energy and CO2 of consumption stay positive even with a huge array', () => {
    const big = scenario(['envelope', 'heat_pump', { id: 'pv', params: { kWp_per_m2_roof: 5 } }])
    const x = buildingResult(prepared, evaluateScenario(prepared, big, P), 0).after!
    expect(x.primary_kwh_m2a).toBeGreaterThan(0)
    expect(x.co2_kg_m2a).toBeGreaterThanOrEqual(0)
    expect(x.delivered_by_carrier_kwh_a.electricity).toBeGreaterThanOrEqual(0)
    // the net balance (rel. 5.4a) is the one that may go below zero
    expect(x.net_primary_kwh_m2a).toBeLessThan(0)
    expect(x.class).toBe('A+')
    // nor does any range's low end: uses, bills and costs stop at zero, only savings go below
    const rg = evaluateRanges(prepared, big, P, evaluateScenario(prepared, big, P))
    for (const [f, lows] of Object.entries(rg.low)) {
      if (!/saving|bill_change/.test(f) && Number.isFinite(lows[0]!)) {
        expect(lows[0]!, f).toBeGreaterThanOrEqual(0)
      }
    }
    for (const [f, range] of Object.entries(rg.totals.all)) {
      if (range && !/saving/.test(f)) expect(range[0], f).toBeGreaterThanOrEqual(0)
    }
  })

  it('net = consumption − exported × fP,exp; self-consumed PV counts at fP 1 (Table 5.17)', () => {
    const aRef = b.heated_area_m2
    const fExp = P.carriers_onsite.pv_exported_primary_factor.value
    expect(a.net_primary_kwh_m2a).toBeCloseTo(
      a.primary_kwh_m2a - (a.pv_exported_kwh_a * fExp) / aRef,
      9,
    )
    const el = a.delivered_by_carrier_kwh_a.electricity
    const fEl = P.carriers.electricity.primary_factor.value
    expect(a.primary_kwh_m2a * aRef).toBeCloseTo(el * fEl + a.pv_self_consumed_kwh_a * 1, 6)
    // RER: renewable part of grid power plus the self-consumed PV, exports excluded
    const ren = el * P.carriers_onsite.electricity_renewable_primary_factor.value
    expect(a.renewable_share).toBeCloseTo(
      (ren + a.pv_self_consumed_kwh_a) / (a.primary_kwh_m2a * aRef),
      9,
    )
  })
})

describe('bills as people pay them', () => {
  const prepared = prepareDistrict([p4('way/1')], P)

  it('the prebound factor applies before renovation only', () => {
    const r = evaluateScenario(prepared, envelope, P)
    const no = withOverrides(P, { 'use.prebound_factor': 1 })
    const r1 = evaluateScenario(prepared, envelope, no)
    // after an envelope retrofit the bill does not depend on the prebound factor …
    expect(r.after.billEurPerYear[0]).toBeCloseTo(r1.after.billEurPerYear[0]!, 9)
    // … before it, the space-heating part scales with it
    expect(r.before.billEurPerYear[0]!).toBeLessThan(r1.before.billEurPerYear[0]!)
    const heatEur =
      ((r1.before.heatingNeedKWhPerM2Year[0]! * 2880) / 0.8) *
      (P.carriers.gas.price_lei_per_kWh.value / P.prices.eur_ron.value)
    expect(r1.before.billEurPerYear[0]! - r.before.billEurPerYear[0]!).toBeCloseTo(
      heatEur * (1 - P.use.prebound_factor.value),
      6,
    )
  })

  it('the optional rebound scales the space heating after renovation', () => {
    const r = evaluateScenario(prepared, envelope, P)
    const rb = evaluateScenario(prepared, envelope, withOverrides(P, { 'use.rebound_factor': 1.1 }))
    const heatEur =
      ((r.after.heatingNeedKWhPerM2Year[0]! * 2880) / 0.8) *
      (P.carriers.gas.price_lei_per_kWh.value / P.prices.eur_ron.value)
    expect(rb.after.billEurPerYear[0]! - r.after.billEurPerYear[0]!).toBeCloseTo(heatEur * 0.1, 6)
  })

  it('a heat pump alone at today’s power price raises the bill, and says so', () => {
    const r = evaluateScenario(prepared, scenario(['heat_pump']), P)
    const b = buildingResult(prepared, r, 0)
    expect(b.bill_rises).toBe(true)
    expect(b.bill_change_per_flat_eur_month!).toBeGreaterThan(0)
    expect(r.totals.withHigherBill).toBe(1)
    expect(b.owner_payback_years).toBeNull()
  })
})

describe('package costs as programmes pay them', () => {
  const prepared = prepareDistrict([p4('way/1')], P)
  const r = evaluateScenario(prepared, envelope, P)
  const b = buildingResult(prepared, r, 0)

  it('the engine’s cost is direct works plus the separate lines (costs.ts)', () => {
    const pkg = packageCost(prepared, 0, envelope, P)
    const direct = pkg.measures.reduce((s, m) => s + m.direct_cost_eur, 0)
    const lines = costLines(direct, { flats: 52, roofM2: 720, wall: true, roof: true }, P.costs)
    expect(r.costEur[0]).toBeCloseTo(lines.total_eur, 6)
    expect(b.cost_lines!.vat_eur).toBeCloseTo(lines.vat_eur, 6)
    expect(r.ownerCostEur[0]).toBeCloseTo(fundingSplit(lines, 3600, P.funding).owners_eur, 6)
    expect(b.cost_per_flat_eur).toBeCloseTo(lines.total_eur / 52, 6)
  })

  it('the default P+4 envelope package lands in the published Romanian range', () => {
    const bm = P.programme_benchmarks
    // per flat incl. VAT between Cluj ROP 2018 [S19] and Cluj PNRR 2022 [S20]
    expect(b.cost_per_flat_eur!).toBeGreaterThanOrEqual(bm.cluj_rop_2018_eur_per_flat.value)
    expect(b.cost_per_flat_eur!).toBeLessThanOrEqual(bm.cluj_pnrr_2022_eur_per_flat_incl_vat.value)
    // net per m² built area within the recovery-plan cap [S21]
    expect(b.cost_per_m2_built_excl_vat_eur!).toBeLessThanOrEqual(
      bm.pnrr_cap_deep_eur_per_m2_built.value,
    )
  })

  it('the owners’ share per flat and its payback are the resident’s figures', () => {
    expect(b.owner_cost_per_flat_eur).toBeCloseTo((b.cost_per_flat_eur ?? 0) * 0.2, 6)
    expect(b.owner_payback_years).toBeCloseTo(
      (b.owner_cost_per_flat_eur! * 52) / b.bill_saving_eur_a!,
      6,
    )
    expect(b.bill_change_per_flat_eur_month).toBeCloseTo(-b.bill_saving_eur_a! / 52 / 12, 9)
  })
})

describe('ranges', () => {
  const prepared = prepareDistrict([p4('way/1'), house('way/2')], P)
  const r = evaluateScenario(prepared, envelope, P)

  it('every D-grade number the scenario reads carries a range with a source', () => {
    const ranged = new Set(rangedInputs(P).map((x) => x.path))
    expect(ranged.has('use.prebound_factor')).toBe(true)
    expect(ranged.has('archetypes.RO_MFH_1961_1980.air_change_per_h')).toBe(true)
    for (const x of rangedInputs(P)) {
      expect(x.low, x.path).toBeLessThanOrEqual(x.value)
      expect(x.high, x.path).toBeGreaterThanOrEqual(x.value)
      expect(x.source.length, x.path).toBeGreaterThan(3)
    }
  })

  it('each input’s declared effect is its real direction on use, bills or cost', () => {
    const one = prepareDistrict([p4('way/1')], P)
    const base = evaluateScenario(one, envelope, P)
    const use = (res: typeof base) =>
      res.before.billEurPerYear[0]! +
      res.after.billEurPerYear[0]! +
      res.costEur[0]! +
      res.before.primaryKWhPerM2Year[0]! +
      res.after.primaryKWhPerM2Year[0]!
    for (const x of rangedInputs(P)) {
      const hi = evaluateScenario(one, envelope, withOverrides(P, endOverrides([x], 'high')))
      expect(use(hi), x.path).toBeGreaterThanOrEqual(use(base) - 1e-6)
    }
  })

  it('the central value lies inside its range, which is narrower than all-at-once bounds', () => {
    const rg = evaluateRanges(prepared, envelope, P, r)
    const need = r.before.heatingNeedKWhPerM2Year[0]!
    expect(rg.low.heating_need_kwh_m2a[0]!).toBeLessThan(need)
    expect(rg.high.heating_need_kwh_m2a[0]!).toBeGreaterThan(need)
    const [lo, hi] = rg.totals.apartment_block.investment_eur!
    expect(lo).toBeLessThan(r.totals.byUseClass.apartment_block.investmentEur)
    expect(hi).toBeGreaterThan(r.totals.byUseClass.apartment_block.investmentEur)
    // with every group at its low end together, heating need is below the quadrature bound
    const allLow = endOverrides(rangedInputs(P), 'low')
    const corner = evaluateScenario(prepared, envelope, withOverrides(P, allLow))
    expect(corner.before.heatingNeedKWhPerM2Year[0]!).toBeLessThanOrEqual(
      rg.low.heating_need_kwh_m2a[0]! + 1e-3,
    )
  })

  it('each range end, with the needs it reuses, gives the figures of evaluating it whole', () => {
    // A rehabilitated block and a district-heated one too: the retrofit and systems groups
    // change their baseline and which heat-source measure applies.
    const mixed = prepareDistrict(
      [
        p4('way/1'),
        house('way/2'),
        p4('way/3', { rehabilitated: 2012 }),
        p4('way/4', { heating: 'district_heating' }),
      ],
      P,
    )
    const s = scenario(['envelope', 'heat_pump', 'dh_upgrade', 'pv', 'mvhr'])
    const central = evaluateScenario(mixed, s, P)
    for (const g of RANGE_GROUPS) {
      const mine = rangedInputs(P).filter((x) => x.group === g)
      for (const end of ['low', 'high'] as const) {
        // twice: the second time from the needs kept by the first
        for (let run = 0; run < 2; run++) {
          const fast = rangeEnd(mixed, s, P, central, g, end)
          const whole = evaluateScenario(mixed, s, withOverrides(P, endOverrides(mine, end)))
          const label = `${g} ${end} run ${run}`
          for (const [a, b] of [
            [fast.totals.after.primaryMWhPerYear, whole.totals.after.primaryMWhPerYear],
            [fast.totals.before.billEurPerYear, whole.totals.before.billEurPerYear],
            [fast.totals.after.billEurPerYear, whole.totals.after.billEurPerYear],
            [fast.totals.after.co2TonnesPerYear, whole.totals.after.co2TonnesPerYear],
            [fast.totals.investmentEur, whole.totals.investmentEur],
          ] as const) {
            expect(a, label).toBeCloseTo(b, 6)
          }
          expect(Array.from(fast.after.classIndex), label).toEqual(
            Array.from(whole.after.classIndex),
          )
        }
      }
    }
  })

  it('a payback’s range is cost over saving, never negative, open where a saving may vanish', () => {
    // 10 000–20 000 € over 500–2 000 €/yr: 5 to 40 years.
    expect(paybackBounds([10_000, 20_000], [500, 2_000])).toEqual([5, 40])
    // a saving that may be none or negative: no upper end, not a negative number of years
    expect(paybackBounds([10_000, 20_000], [-300, 2_000])).toEqual([5, Infinity])
    const rg = evaluateRanges(prepared, envelope, P, r)
    const cost = [rg.low.cost_eur[0]!, rg.high.cost_eur[0]!] as const
    const saving = [rg.low.bill_saving_eur_a[0]!, rg.high.bill_saving_eur_a[0]!] as const
    expect(rg.low.payback_years[0]!).toBeCloseTo(cost[0] / saving[1], 3)
    expect(rg.low.payback_years[0]!).toBeGreaterThan(0)
    expect(rg.low.payback_years[0]!).toBeLessThan(r.costEur[0]! / r.billSavingEurPerYear[0]!)
    // envelope + heat pump: the bill saving's low end may be below zero; the high end follows it
    const hp = scenario(['envelope', 'heat_pump'])
    const rh = evaluateRanges(prepared, hp, P, evaluateScenario(prepared, hp, P))
    const all = rh.totals.all
    expect(all.payback_years).not.toBeNull()
    const [sLow] = all.bill_saving_eur_a!
    const [, cHigh] = all.investment_eur!
    expect(all.payback_years![1]).toBe(sLow > 0 ? cHigh / sLow : Infinity)
    for (const s of Object.values(rh.totals)) {
      if (s.payback_years) expect(s.payback_years[0]).toBeGreaterThanOrEqual(0)
    }
  })

  it('the tornado names the three inputs that move a block most, largest first', () => {
    const t = tornado(prepared, 0, envelope, P)
    expect(t.figure).toBe('bill_saving_eur_a')
    expect(t.bars).toHaveLength(3)
    expect(t.bars[0]!.swing).toBeGreaterThanOrEqual(t.bars[1]!.swing)
    expect(t.bars[1]!.swing).toBeGreaterThanOrEqual(t.bars[2]!.swing)
    // the swing is the figure at the input's two ends, evaluated again here
    const bar = t.bars[0]!
    const at = (v: number) =>
      evaluateScenario(prepared, envelope, withOverrides(P, { [bar.path]: v }))
        .billSavingEurPerYear[0]!
    expect(Math.abs(at(bar.high_value) - at(bar.low_value))).toBeCloseTo(bar.swing, 6)
  })
})
