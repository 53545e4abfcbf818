/**
 * Honest ranges. Every D-grade (and volatile C-grade) input carries a plausible low–high
 * (`range`, `range_source` in `parameters.json`). The headline figures get a low–high by
 * grouped one-at-a-time bounds combined in quadrature:
 *
 * - the ranged inputs fall into a few groups (fabric, gains, systems, behaviour, prices,
 *   retrofit, costs); within a group every input moves to the end that lowers energy use (or
 *   cost), then to the end that raises it (the sign of each input's effect is `EFFECT`, checked
 *   in `ranges.test.ts`), and the scenario is evaluated at each end;
 * - for every figure, the downward and upward deviations from the central value are combined
 *   over the groups as √Σd² (groups taken as independent), so low = x − √Σd₋², high = x + √Σd₊².
 *
 * Two evaluations per group: about fourteen for the whole district, run after the central
 * figures; a group the heating need never reads takes the central's needs, and the others keep
 * their baseline needs from one edit to the next (`rangeEnd`). Inputs that only
 * `prepareDistrict` reads (default year, window ratio, reference-area ratio, ventilated
 * height) are not propagated: changing them needs the geometry again.
 */
import { computeBaseline } from './district/baseline'
import { evaluateScenario } from './district/evaluate'
import { kernelOf } from './district/kernel'
import { needsPrepare } from './district/prepare'
import type { PreparedDistrict } from './district/prepare'
import type { ScenarioResult } from './district/results'
import { isSourcedRecord, withOverrides } from './parameters'
import type { EnergyParameters, SourcedRecord } from './parameters'
import type { Scenario } from './scenario'

/** Input groups of the range propagation. */
export const RANGE_GROUPS = [
  'fabric',
  'gains',
  'systems',
  'behaviour',
  'prices',
  'retrofit',
  'costs',
] as const
export type RangeGroupId = (typeof RANGE_GROUPS)[number]

/** One ranged parameter. */
export interface RangedInput {
  readonly path: string
  readonly group: RangeGroupId
  /** +1: raising the value raises energy use, bills or cost; −1: lowers them. */
  readonly effect: 1 | -1
  readonly value: number
  readonly low: number
  readonly high: number
  readonly source: string
}

/** Sign of each input's effect by the record's name (the last path segment). */
const EFFECT: Readonly<Record<string, 1 | -1>> = {
  u_wall_W_m2K: 1,
  u_roof_W_m2K: 1,
  u_window_W_m2K: 1,
  u_floor_W_m2K: 1,
  u_W_m2K: 1,
  thermal_bridge_W_m2K: 1,
  air_change_per_h: 1,
  b_floor_over_basement: 1,
  b_roof: 1,
  indoor_setpoint_C: 1,
  frame_factor: -1,
  shading_factor: -1,
  g_window: -1,
  heat_capacity_Wh_m2K: -1,
  efficiency_heating: -1,
  efficiency_dhw: -1,
  lighting_kWh_m2a: 1,
  prebound_factor: 1,
  rebound_factor: 1,
  price_lei_per_kWh: 1,
  eur_ron: -1,
  pv_export_lei_per_kWh: -1,
  heat_recovery: -1,
  fan_Wh_per_m3: 1,
  pv_specific_yield_kWh_per_kWp: -1,
  kWp_per_m2_roof: -1,
  self_consumption_share: -1,
  cost_eur_per_m2: 1,
  cost_eur_per_kW: 1,
  cost_eur_per_kWp: 1,
  site_setup_scaffolding_share: 1,
  design_supervision_share: 1,
  ancillary_roof_waterproofing_eur_per_m2: 1,
  ancillary_balconies_eur_per_flat: 1,
  ancillary_common_parts_eur_per_flat: 1,
  recovery_grant_share: -1,
}

function groupOf(path: string, name: string): RangeGroupId {
  if (path.startsWith('costs.') || path.startsWith('funding.') || name.startsWith('cost_')) {
    return 'costs'
  }
  if (path.startsWith('measures.') || name === 'pv_specific_yield_kWh_per_kWp') return 'retrofit'
  if (path.startsWith('systems.')) return 'systems'
  if (path.startsWith('use.')) return 'behaviour'
  if (path.startsWith('prices.') || path.startsWith('carriers.')) return 'prices'
  if (
    name.startsWith('u_') ||
    name === 'thermal_bridge_W_m2K' ||
    name === 'air_change_per_h' ||
    path.startsWith('geometry.b_')
  ) {
    return 'fabric'
  }
  return 'gains'
}

/** Every ranged numeric input the scenario evaluation reads, in file order. */
export function rangedInputs(params: EnergyParameters): RangedInput[] {
  const out: RangedInput[] = []
  const walk = (node: unknown, path: string): void => {
    if (isSourcedRecord(node)) {
      const r = node as SourcedRecord<unknown>
      const name = path.slice(path.lastIndexOf('.') + 1)
      const effect = EFFECT[name]
      if (r.range && typeof r.value === 'number' && effect !== undefined && !needsPrepare(path)) {
        out.push({
          path,
          group: groupOf(path, name),
          effect,
          value: r.value,
          low: r.range[0],
          high: r.range[1],
          source: r.range_source ?? r.source,
        })
      }
      return
    }
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return
    for (const [k, v] of Object.entries(node)) {
      if (!k.startsWith('_')) walk(v, path === '' ? k : `${path}.${k}`)
    }
  }
  walk(params, '')
  return out
}

/** The inputs at the end of their range that lowers (`'low'`) or raises (`'high'`) use and cost. */
export function endOverrides(
  inputs: readonly RangedInput[],
  end: 'low' | 'high',
): Record<string, number> {
  const o: Record<string, number> = {}
  for (const x of inputs) {
    const up = (end === 'high') === (x.effect === 1)
    o[x.path] = up ? x.high : x.low
  }
  return o
}

/** Figures that carry ranges per building (names as in the JSON report). */
export const BUILDING_RANGE_FIGURES = [
  'heating_need_kwh_m2a',
  'primary_kwh_m2a',
  'co2_kg_m2a',
  'bill_eur_a',
  'after_heating_need_kwh_m2a',
  'after_primary_kwh_m2a',
  'after_co2_kg_m2a',
  'after_bill_eur_a',
  'cost_eur',
  'cost_per_flat_eur',
  'owner_cost_per_flat_eur',
  'bill_saving_eur_a',
  'bill_change_per_flat_eur_month',
  'payback_years',
  'owner_payback_years',
] as const
export type BuildingRangeFigure = (typeof BUILDING_RANGE_FIGURES)[number]

/** Figure of building `i` of an evaluated scenario (NaN where it has no value). */
export function buildingFigure(
  p: PreparedDistrict,
  r: ScenarioResult,
  i: number,
  f: BuildingRangeFigure,
): number {
  const flats = p.flats[i] ?? 0
  const perFlat = (x: number) => (flats > 0 ? x / flats : Number.NaN)
  const cost = r.costEur[i] ?? 0
  const saving = r.billSavingEurPerYear[i] ?? 0
  const owner = r.ownerCostEur[i] ?? 0
  const payback = (c: number) => (c > 0 && saving > 0 ? c / saving : Number.NaN)
  switch (f) {
    case 'heating_need_kwh_m2a':
      return r.before.heatingNeedKWhPerM2Year[i] ?? Number.NaN
    case 'primary_kwh_m2a':
      return r.before.primaryKWhPerM2Year[i] ?? Number.NaN
    case 'co2_kg_m2a':
      return r.before.co2KgPerM2Year[i] ?? Number.NaN
    case 'bill_eur_a':
      return r.before.billEurPerYear[i] ?? Number.NaN
    case 'after_heating_need_kwh_m2a':
      return r.after.heatingNeedKWhPerM2Year[i] ?? Number.NaN
    case 'after_primary_kwh_m2a':
      return r.after.primaryKWhPerM2Year[i] ?? Number.NaN
    case 'after_co2_kg_m2a':
      return r.after.co2KgPerM2Year[i] ?? Number.NaN
    case 'after_bill_eur_a':
      return r.after.billEurPerYear[i] ?? Number.NaN
    case 'cost_eur':
      return cost
    case 'cost_per_flat_eur':
      return perFlat(cost)
    case 'owner_cost_per_flat_eur':
      return perFlat(owner)
    case 'bill_saving_eur_a':
      return saving
    case 'bill_change_per_flat_eur_month':
      return perFlat(-saving / 12)
    case 'payback_years':
      return payback(cost)
    case 'owner_payback_years':
      return payback(owner)
  }
}

/** District figures that carry ranges, per use class and for all buildings. */
export const TOTAL_RANGE_FIGURES = [
  'heating_need_mwh_a',
  'primary_mwh_a',
  'co2_t_a',
  'bill_eur_a',
  'after_heating_need_mwh_a',
  'after_primary_mwh_a',
  'after_co2_t_a',
  'after_bill_eur_a',
  'investment_eur',
  'owner_cost_eur',
  'bill_saving_eur_a',
  'payback_years',
] as const
export type TotalRangeFigure = (typeof TOTAL_RANGE_FIGURES)[number]

/** Scopes of the district ranges: all buildings, then each use class. */
export type RangeScope = 'all' | keyof ScenarioResult['totals']['byUseClass']

function totalFigure(r: ScenarioResult, scope: RangeScope, f: TotalRangeFigure): number {
  const t = scope === 'all' ? r.totals : r.totals.byUseClass[scope]
  switch (f) {
    case 'heating_need_mwh_a':
      return t.before.heatingNeedMWhPerYear
    case 'primary_mwh_a':
      return t.before.primaryMWhPerYear
    case 'co2_t_a':
      return t.before.co2TonnesPerYear
    case 'bill_eur_a':
      return t.before.billEurPerYear
    case 'after_heating_need_mwh_a':
      return t.after.heatingNeedMWhPerYear
    case 'after_primary_mwh_a':
      return t.after.primaryMWhPerYear
    case 'after_co2_t_a':
      return t.after.co2TonnesPerYear
    case 'after_bill_eur_a':
      return t.after.billEurPerYear
    case 'investment_eur':
      return t.investmentEur
    case 'owner_cost_eur':
      return t.ownerCostEur
    case 'bill_saving_eur_a':
      return t.billSavingEurPerYear
    case 'payback_years':
      return t.paybackYears ?? Number.NaN
  }
}

/** Low and high of every figure, per building (typed arrays, NaN = no value) and per scope. */
export interface DistrictRanges {
  readonly low: Readonly<Record<BuildingRangeFigure, Float32Array>>
  readonly high: Readonly<Record<BuildingRangeFigure, Float32Array>>
  readonly totals: Readonly<
    Record<RangeScope, Readonly<Record<TotalRangeFigure, readonly [number, number] | null>>>
  >
  /** How many groups and inputs went in. */
  readonly groups: number
  readonly inputs: number
}

const SCOPES: readonly RangeScope[] = [
  'all',
  'apartment_block',
  'house',
  'non_residential',
  'unknown',
]

/**
 * Figures that may fall below zero (a saving can be a loss). Every other one is a use, a bill or
 * a cost: its low end stops at zero, never a negative consumption.
 */
const signed = (f: string) => f.includes('saving') || f.includes('bill_change')

/** Accumulates squared deviations below and above a central value. */
class Quadrature {
  readonly neg: Float64Array
  readonly pos: Float64Array
  constructor(n: number) {
    this.neg = new Float64Array(n)
    this.pos = new Float64Array(n)
  }
  add(k: number, central: number, a: number, b: number): void {
    if (!Number.isFinite(central)) return
    const da = Number.isFinite(a) ? a - central : 0
    const db = Number.isFinite(b) ? b - central : 0
    const down = Math.min(0, da, db)
    const up = Math.max(0, da, db)
    this.neg[k] = (this.neg[k] ?? 0) + down * down
    this.pos[k] = (this.pos[k] ?? 0) + up * up
  }
  low(k: number, central: number): number {
    return central - Math.sqrt(this.neg[k] ?? 0)
  }
  high(k: number, central: number): number {
    return central + Math.sqrt(this.pos[k] ?? 0)
  }
}

/** Paths the heating need never reads: a group of only these moves carriers, bills and costs. */
const NEED_NEUTRAL = ['systems.', 'use.', 'prices.', 'carriers.', 'costs.', 'funding.']
const readsNeed = (path: string) =>
  !path.slice(path.lastIndexOf('.') + 1).startsWith('cost_') &&
  !NEED_NEUTRAL.some((prefix) => path.startsWith(prefix))

/** Range-end parameters by the central ones: the same objects each edit, so caches hit. */
const END_PARAMS = new WeakMap<EnergyParameters, Map<string, EnergyParameters>>()
/** The last result of each range end, per district, overwritten by the next. */
const SCRATCH = new WeakMap<PreparedDistrict, Partial<Record<'low' | 'high', ScenarioResult>>>()
/** Baseline heating need per m² of a range end that moves thermal inputs, per district. */
const END_NEED = new WeakMap<PreparedDistrict, WeakMap<EnergyParameters, Float64Array>>()

/** The parameters of `group` at its `end`, the same object for the same central parameters. */
function endParams(params: EnergyParameters, group: RangeGroupId, end: 'low' | 'high') {
  let ends = END_PARAMS.get(params)
  if (!ends) END_PARAMS.set(params, (ends = new Map()))
  const key = `${group}:${end}`
  let pe = ends.get(key)
  if (!pe) {
    const mine = rangedInputs(params).filter((x) => x.group === group)
    pe = withOverrides(params, endOverrides(mine, end))
    ends.set(key, pe)
  }
  return pe
}

/**
 * `scenario` with `group`'s inputs at `end`: the same figures as evaluating it under
 * `withOverrides(params, endOverrides(inputs of group, end))`, for less. A group the heating
 * need never reads takes the central's needs (only the carrier balance is computed); the
 * others keep their baseline need from one edit to the next. The central baseline cache is
 * left alone.
 */
export function rangeEnd(
  prepared: PreparedDistrict,
  scenario: Scenario,
  params: EnergyParameters,
  central: ScenarioResult,
  group: RangeGroupId,
  end: 'low' | 'high',
): ScenarioResult {
  const pe = endParams(params, group, end)
  const k = kernelOf(pe)
  // One scratch result per end: a range end is read, with the other end, then dropped.
  let scratch = SCRATCH.get(prepared)
  if (!scratch) SCRATCH.set(prepared, (scratch = {}))
  const into = scratch[end]
  const thermal = rangedInputs(params).some((x) => x.group === group && readsNeed(x.path))
  let result: ScenarioResult
  if (!thermal) {
    const before = central.before.heatingNeedKWhPerM2Year
    const baseline = computeBaseline(prepared, pe, k, before, into?.before)
    const afterNeed = central.after.heatingNeedKWhPerM2Year
    result = evaluateScenario(prepared, scenario, pe, {
      baseline,
      afterNeed,
      ...(into && { into }),
    })
  } else {
    let needs = END_NEED.get(prepared)
    if (!needs) END_NEED.set(prepared, (needs = new WeakMap()))
    const kept = needs.get(pe)
    const baseline = computeBaseline(prepared, pe, k, kept ?? null, into?.before)
    if (!kept) needs.set(pe, baseline.arrays.heatingNeedKWhPerM2Year.slice())
    result = evaluateScenario(prepared, scenario, pe, { baseline, ...(into && { into }) })
  }
  scratch[end] = result
  return result
}

/**
 * Ranges of `central`, the evaluated `scenario` under `params`; with `buildings: false` only
 * the district totals (the dashboard's), skipping the per-building arrays.
 */
export function evaluateRanges(
  prepared: PreparedDistrict,
  scenario: Scenario,
  params: EnergyParameters,
  central: ScenarioResult,
  opts: { buildings?: boolean } = {},
): DistrictRanges {
  const steps = rangeSteps(prepared, scenario, params, central, opts)
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
  }
}

/**
 * `evaluateRanges` one range end at a time: it yields after each (two per group), so a
 * caller (the district worker) can hear newer requests in between and drop the rest.
 */
export function* rangeSteps(
  prepared: PreparedDistrict,
  scenario: Scenario,
  params: EnergyParameters,
  central: ScenarioResult,
  opts: { buildings?: boolean } = {},
): Generator<void, DistrictRanges, void> {
  const n = opts.buildings === false ? 0 : prepared.count
  const inputs = rangedInputs(params)
  const groups = RANGE_GROUPS.filter((g) => inputs.some((x) => x.group === g))
  const figs = BUILDING_RANGE_FIGURES
  const q = figs.map(() => new Quadrature(n))
  const c = figs.map((f) =>
    Float64Array.from({ length: n }, (_, i) => buildingFigure(prepared, central, i, f)),
  )
  const tq = SCOPES.map(() => new Quadrature(TOTAL_RANGE_FIGURES.length))
  const tc = SCOPES.map((s) => TOTAL_RANGE_FIGURES.map((f) => totalFigure(central, s, f)))
  for (const g of groups) {
    const lo = rangeEnd(prepared, scenario, params, central, g, 'low')
    yield
    const hi = rangeEnd(prepared, scenario, params, central, g, 'high')
    figs.forEach((f, k) => {
      const acc = q[k]
      const cen = c[k]
      if (!acc || !cen) return
      for (let i = 0; i < n; i++) {
        acc.add(
          i,
          cen[i] ?? Number.NaN,
          buildingFigure(prepared, lo, i, f),
          buildingFigure(prepared, hi, i, f),
        )
      }
    })
    SCOPES.forEach((s, si) => {
      TOTAL_RANGE_FIGURES.forEach((f, k) => {
        tq[si]?.add(k, tc[si]?.[k] ?? Number.NaN, totalFigure(lo, s, f), totalFigure(hi, s, f))
      })
    })
    yield
  }
  const low = {} as Record<BuildingRangeFigure, Float32Array>
  const high = {} as Record<BuildingRangeFigure, Float32Array>
  figs.forEach((f, k) => {
    const l = new Float32Array(n)
    const h = new Float32Array(n)
    const cen = c[k]
    const acc = q[k]
    const floor = signed(f) ? -Infinity : 0
    for (let i = 0; i < n; i++) {
      const x = cen?.[i] ?? Number.NaN
      l[i] = acc && Number.isFinite(x) ? Math.max(floor, acc.low(i, x)) : Number.NaN
      h[i] = acc && Number.isFinite(x) ? acc.high(i, x) : Number.NaN
    }
    low[f] = l
    high[f] = h
  })
  // A payback is a cost over a saving, not a sum of deviations: its bounds come from theirs.
  const perFlat = (i: number, x: number) => x * (prepared.flats[i] ?? 0)
  for (let i = 0; i < n; i++) {
    for (const [f, cost, scale] of [
      ['payback_years', 'cost_eur', 1],
      ['owner_payback_years', 'owner_cost_per_flat_eur', perFlat(i, 1)],
    ] as const) {
      if (!Number.isFinite(low[f][i] ?? Number.NaN)) continue
      const [lo, hi] = paybackBounds(
        [(low[cost][i] ?? 0) * scale, (high[cost][i] ?? 0) * scale],
        [low.bill_saving_eur_a[i] ?? 0, high.bill_saving_eur_a[i] ?? 0],
      )
      low[f][i] = lo
      high[f][i] = hi
    }
  }
  const totals = {} as Record<
    RangeScope,
    Record<TotalRangeFigure, readonly [number, number] | null>
  >
  SCOPES.forEach((s, si) => {
    const row = {} as Record<TotalRangeFigure, readonly [number, number] | null>
    TOTAL_RANGE_FIGURES.forEach((f, k) => {
      const x = tc[si]?.[k] ?? Number.NaN
      const acc = tq[si]
      const floor = signed(f) ? -Infinity : 0
      row[f] = acc && Number.isFinite(x) ? [Math.max(floor, acc.low(k, x)), acc.high(k, x)] : null
    })
    const cost = row.investment_eur
    const saving = row.bill_saving_eur_a
    if (row.payback_years && cost && saving) row.payback_years = paybackBounds(cost, saving)
    totals[s] = row
  })
  return { low, high, totals, groups: groups.length, inputs: inputs.length }
}

/**
 * Payback bounds from the cost's and the saving's: the cheapest package with the largest saving,
 * and the dearest with the smallest; `Infinity` when the smallest saving is none (the package
 * may never pay back), never a negative number of years.
 */
export function paybackBounds(
  cost: readonly [number, number],
  saving: readonly [number, number],
): [number, number] {
  const [cLow, cHigh] = cost
  const [sLow, sHigh] = saving
  const low = sHigh > 0 ? Math.max(0, cLow) / sHigh : Number.POSITIVE_INFINITY
  const high = sLow > 0 ? cHigh / sLow : Number.POSITIVE_INFINITY
  return [low, high]
}

/** A prepared district of only building `index` (same columns, sliced): cheap to evaluate. */
export function onlyBuilding(p: PreparedDistrict, index: number): PreparedDistrict {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(p)) {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      const a = v as unknown as { length: number; slice(s: number, e: number): unknown }
      const stride = p.count > 0 ? a.length / p.count : 0
      out[k] = a.slice(index * stride, (index + 1) * stride)
    } else out[k] = v
  }
  const id = p.ids[index] ?? ''
  return {
    ...(out as unknown as PreparedDistrict),
    count: 1,
    ids: [id],
    indexById: new Map([[id, 0]]),
  }
}

/** One bar of the tornado: the figure at the input's low and high end. */
export interface TornadoBar {
  readonly path: string
  readonly group: RangeGroupId
  readonly low_value: number
  readonly high_value: number
  /** The figure with the input at its low and at its high end. */
  readonly at_low: number
  readonly at_high: number
  readonly swing: number
}

/**
 * The `top` inputs that move building `index` most, one at a time over their own range: the
 * bill saving where the scenario changes the building, else its primary energy.
 */
export function tornado(
  prepared: PreparedDistrict,
  index: number,
  scenario: Scenario,
  params: EnergyParameters,
  top = 3,
): { figure: BuildingRangeFigure; bars: TornadoBar[] } {
  const evaluate = evaluateScenario
  const one = onlyBuilding(prepared, index)
  const central = evaluate(one, scenario, params)
  const figure: BuildingRangeFigure =
    (central.appliedMask[0] ?? 0) !== 0 ? 'bill_saving_eur_a' : 'primary_kwh_m2a'
  const bars: TornadoBar[] = []
  for (const x of rangedInputs(params)) {
    const at = (v: number) =>
      buildingFigure(
        one,
        evaluate(one, scenario, withOverrides(params, { [x.path]: v })),
        0,
        figure,
      )
    const a = at(x.low)
    const b = at(x.high)
    const swing = Math.abs(b - a)
    if (Number.isFinite(swing) && swing > 1e-9) {
      bars.push({
        path: x.path,
        group: x.group,
        low_value: x.low,
        high_value: x.high,
        at_low: a,
        at_high: b,
        swing,
      })
    }
  }
  bars.sort((p, q) => q.swing - p.swing)
  return { figure, bars: bars.slice(0, top) }
}
