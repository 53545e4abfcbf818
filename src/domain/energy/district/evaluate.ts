/**
 * Evaluation: `evaluateScenario` runs the monthly method for every selected building in tight
 * loops over the prepared columns, fast enough to follow a slider over 100,000 buildings, and
 * sums the district from the cached baseline plus the retrofitted buildings' differences.
 */
import { USE_CLASSES } from '../../buildings/useClass'
import type { UseClass } from '../../buildings/useClass'
import { ENERGY_CLASS_LABELS, NOT_RATED } from '../classes'
import type { EnergyParameters } from '../parameters'
import type { Scenario } from '../scenario'

import { baselineOf } from './baseline'
import type { Baseline } from './baseline'
import { kernelOf } from './kernel'
import { measureSpecsOf, resolveMeasures, THERMAL_MEASURES } from './measures'
import type { ResolvedMeasures } from './measures'
import { newOutcome, newState, physics } from './physics'
import type { PreparedDistrict } from './prepare'
import type {
  DistrictTotals,
  GroupTotals,
  ScenarioResult,
  StateArrays,
  StateTotals,
  YearTotals,
} from './results'
import { applyMeasures, baselineState } from './retrofit'
import { selectBuildings } from './selection'
import { stepMeasuresOf } from './steps'
import type { StepMeasures } from './steps'
import {
  addBuilding,
  addSums,
  addTotals,
  copyStates,
  newStateArrays,
  newSums,
  store,
  totalsOfSums,
} from './totals'
import type { Sums } from './totals'

/** What a caller already knows for these parameters (the range ends, `ranges.ts`). */
export interface KnownStates {
  /** The baseline under these parameters, instead of the cached one. */
  readonly baseline?: Baseline
  /**
   * Heating need per m² of each building after the measures, when the parameters move no
   * thermal input: only the carrier balance is computed.
   */
  readonly afterNeed?: Float64Array
  /**
   * A result of the same district whose arrays this one overwrites, which its holder no longer
   * reads (a range end's scratch, the session's result before last): at 100k buildings fresh
   * arrays each edit made V8 collect the whole heap about once per edit.
   */
  readonly into?: ScenarioResult
}

/**
 * Heating need per m² of each building after a scenario's thermal measures (NaN: not computed
 * yet), by district, parameters and the thermal measures' values: it depends on nothing else,
 * so toggling a heat source, PV, the scope or the rollout, or a thermal measure back on,
 * computes no heat balance again. The last `KEPT_NEEDS` per district and parameters are kept.
 */
const AFTER_NEEDS = new WeakMap<
  PreparedDistrict,
  WeakMap<EnergyParameters, Map<string, Float64Array>>
>()
const KEPT_NEEDS = 2

function afterNeedsOf(
  p: PreparedDistrict,
  params: EnergyParameters,
  m: ResolvedMeasures,
): Float64Array {
  let byParams = AFTER_NEEDS.get(p)
  if (!byParams) AFTER_NEEDS.set(p, (byParams = new WeakMap()))
  let byKey = byParams.get(params)
  if (!byKey) byParams.set(params, (byKey = new Map()))
  const key = JSON.stringify([m.wall, m.roof, m.windows, m.basement, m.mvhr])
  let needs = byKey.get(key)
  if (needs) {
    byKey.delete(key) // re-inserted below: most recently used last
    byKey.set(key, needs)
    return needs
  }
  // The least recently used array is overwritten: a fresh 8 bytes per building each slider
  // step was what made V8 collect the whole heap (external memory pressure).
  const [oldest] = byKey
  if (oldest && byKey.size >= KEPT_NEEDS) {
    byKey.delete(oldest[0])
    needs = oldest[1].fill(Number.NaN)
  } else needs = new Float64Array(p.count).fill(Number.NaN)
  byKey.set(key, needs)
  return needs
}

/**
 * Evaluate `scenario` over the prepared district with `params` (the scenario's own
 * `assumptions` are NOT applied here: apply them with `withOverrides` first, as the CLI does).
 * Pure apart from the baseline cache; O(buildings × 12).
 */
export function evaluateScenario(
  prepared: PreparedDistrict,
  scenario: Scenario,
  params: EnergyParameters,
  known: KnownStates = {},
): ScenarioResult {
  const p = prepared
  const n = p.count
  const k = kernelOf(params)
  const baseline = known.baseline ?? baselineOf(p, params, k)
  const afterNeed = known.afterNeed ?? null
  const before = baseline.arrays
  const measures = resolveMeasures(params, measureSpecsOf(scenario))
  const steps = stepMeasuresOf(p, scenario, params)

  const into = known.into
  const selected = selectBuildings(p, scenario, before, into?.selected)
  // A plan's steps resolve measures per building: not kept.
  const needs = afterNeed === null && steps === null ? afterNeedsOf(p, params, measures) : null
  const after = into?.after ?? newStateArrays(n)
  const appliedMask = into?.appliedMask ?? new Uint16Array(n)
  const costEur = into?.costEur ?? new Float64Array(n)
  const ownerCostEur = into?.ownerCostEur ?? new Float64Array(n)
  const billSaving = into?.billSavingEurPerYear ?? new Float64Array(n)
  const payback = into?.paybackYears ?? new Float64Array(n)
  const s = newState()
  const o = newOutcome()
  const out = { after, appliedMask, costEur, ownerCostEur, billSaving, payback }
  // Buildings the scenario leaves alone keep their baseline and no costs: each run of them is
  // written once, when the next changed building (or the end) is reached; the changed ones are
  // written once too. (Copying the whole baseline first and overwriting was a fifth of an edit.)
  let kept = 0

  // Sums over the retrofitted buildings, before and after, in building order, per use class.
  const groups = USE_CLASSES.map(() => newGroup())
  let selectedN = 0
  const beforeNeed = before.heatingNeedKWhPerM2Year
  const beforeBill = before.billEurPerYear
  for (let i = 0; i < n; i++) {
    if (selected[i] !== 1) continue
    selectedN++
    const set = steps === null ? measures : steps.sets[steps.setOf[i] ?? -1]
    if (set === undefined) continue
    baselineState(p, i, k, s)
    const mask = applyMeasures(p, i, k, set, s, null)
    if (mask === 0) continue
    appliedMask[i] = mask
    const cost = s.cost
    // Heat-source and PV measures leave the heating need alone: reuse the baseline's.
    const thermal = (mask & THERMAL_MEASURES) !== 0
    const aRef = p.refAreaM2[i] ?? 0
    if (!thermal) physics(p, i, k, s, o, beforeNeed)
    else if (afterNeed !== null) physics(p, i, k, s, o, afterNeed)
    else if (needs !== null && !Number.isNaN(needs[i] ?? Number.NaN)) {
      physics(p, i, k, s, o, needs) // computed by an earlier evaluation
    } else {
      physics(p, i, k, s, o, null)
      if (needs !== null) needs[i] = o.needKWh / aRef
    }
    if (kept < i) keepBaseline(out, before, kept, i)
    kept = i + 1
    const g = groups[p.useClass[i] ?? 3]
    store(after, i, aRef, o)
    if (g) addBuilding(g.plus, after, i, aRef)
    costEur[i] = cost
    ownerCostEur[i] = s.ownerCost
    const saving = (beforeBill[i] ?? 0) - o.billEur
    billSaving[i] = saving
    payback[i] = cost <= 0 ? 0 : saving > 0 ? cost / saving : Infinity
    if (!g) continue
    g.retrofitted++
    g.retroFlats += p.flats[i] ?? 0
    g.investment += cost
    g.owner += s.ownerCost
    if (saving < 0) g.higherBill++
  }
  if (kept < n) keepBaseline(out, before, kept, n)
  beforeSums(p, baseline, groups, appliedMask)

  const retrofitYear = rolloutYears(p, scenario, appliedMask, before, steps, into?.retrofitYear)
  const totals = districtTotals(baseline, groups, selectedN)
  const byYear = yearTotals(p, scenario, baseline.totals, before, after, retrofitYear, costEur)
  return {
    scenario,
    params,
    classRow: k.row,
    classBoundsKWhPerM2Year: Array.from(k.bounds),
    before,
    after,
    selected,
    appliedMask,
    retrofitYear,
    costEur,
    ownerCostEur,
    billSavingEurPerYear: billSaving,
    paybackYears: payback,
    totals,
    byYear,
  }
}

/** Running sums of one use class over the buildings the scenario changed. */
interface Group {
  /** Their baseline: the baseline's own sums (read only) when it changed the whole class. */
  minus: Readonly<Sums>
  readonly plus: Sums
  retrofitted: number
  retroFlats: number
  investment: number
  owner: number
  higherBill: number
}

const newGroup = (): Group => ({
  minus: newSums(),
  plus: newSums(),
  retrofitted: 0,
  retroFlats: 0,
  investment: 0,
  owner: 0,
  higherBill: 0,
})

/** The arrays `evaluateScenario` writes per building. */
interface Written {
  readonly after: StateArrays
  readonly appliedMask: Uint16Array
  readonly costEur: Float64Array
  readonly ownerCostEur: Float64Array
  readonly billSaving: Float64Array
  readonly payback: Float64Array
}

/** Buildings `start` ≤ i < `end` unchanged: their baseline, no measures, no costs. */
function keepBaseline(w: Written, before: StateArrays, start: number, end: number): void {
  copyStates(w.after, before, start, end)
  w.appliedMask.fill(0, start, end)
  w.costEur.fill(0, start, end)
  w.ownerCostEur.fill(0, start, end)
  w.billSaving.fill(0, start, end)
  w.payback.fill(0, start, end)
}

/**
 * The groups' "before" sums over the buildings the scenario changed (`mask` ≠ 0), in building
 * order as the baseline's own: where it changed every building of a class they are the
 * baseline's sums of that class, the same numbers without reading the arrays again.
 */
function beforeSums(
  p: PreparedDistrict,
  baseline: Baseline,
  groups: readonly Group[],
  mask: Uint16Array,
): void {
  let partial = false
  groups.forEach((g, u) => {
    const base = baseline.byUseClass[u]
    if (base && g.retrofitted === base.buildings) g.minus = base.sums
    else if (g.retrofitted > 0) partial = true
  })
  if (!partial) return
  const sums = groups.map((g, u) =>
    g.retrofitted > 0 && g.retrofitted !== baseline.byUseClass[u]?.buildings
      ? (g.minus = newSums())
      : null,
  )
  for (let i = 0; i < p.count; i++) {
    if (mask[i] === 0) continue
    const t = sums[p.useClass[i] ?? 3]
    if (t) addBuilding(t, baseline.arrays, i, p.refAreaM2[i] ?? 0)
  }
}

function rolloutYears(
  p: PreparedDistrict,
  scenario: Scenario,
  mask: Uint16Array,
  before: StateArrays,
  steps: StepMeasures | null,
  into: Uint16Array | undefined,
): Uint16Array {
  const years = into?.fill(0) ?? new Uint16Array(p.count)
  const r = scenario.rollout
  if (!r) return years
  if (steps !== null) {
    for (let i = 0; i < p.count; i++) if (mask[i] !== 0) years[i] = steps.yearOf[i] ?? 0
    return years
  }
  // Order: worst baseline class first (counting sort, O(n)), dataset order within a class.
  const order: number[] = []
  if (r.order === 'worst_first') {
    const classes = ENERGY_CLASS_LABELS.length
    const buckets: number[][] = Array.from({ length: classes + 1 }, () => [])
    for (let i = 0; i < p.count; i++) {
      if (mask[i] === 0) continue
      const c = before.classIndex[i] ?? NOT_RATED
      buckets[c < classes ? classes - 1 - c : classes]?.push(i)
    }
    for (const b of buckets) for (const i of b) order.push(i)
  } else {
    for (let i = 0; i < p.count; i++) if (mask[i] !== 0) order.push(i)
  }
  const span = r.end_year - r.start_year + 1
  order.forEach((i, rank) => {
    years[i] = r.start_year + Math.floor((rank * span) / order.length)
  })
  return years
}

function groupTotals(
  base: { totals: StateTotals; buildings: number; heatedAreaM2: number; flats: number },
  g: Group,
): GroupTotals {
  const before = base.totals
  // After = baseline totals − changed buildings' before + their after (O(changed)).
  const after = addTotals(before, totalsOfSums(g.minus), totalsOfSums(g.plus))
  const saving = before.billEurPerYear - after.billEurPerYear
  const perFlat = (x: number) => (g.retroFlats > 0 ? x / g.retroFlats : null)
  return {
    buildings: base.buildings,
    retrofittedBuildings: g.retrofitted,
    heatedAreaM2: base.heatedAreaM2,
    flats: base.flats,
    retrofittedFlats: g.retroFlats,
    before,
    after,
    investmentEur: g.investment,
    ownerCostEur: g.owner,
    billSavingEurPerYear: saving,
    paybackYears: saving > 0 ? g.investment / saving : null,
    investmentPerFlatEur: perFlat(g.investment),
    ownerCostPerFlatEur: perFlat(g.owner),
    billSavingPerFlatEurPerYear: perFlat(saving),
    withHigherBill: g.higherBill,
  }
}

function districtTotals(
  baseline: Baseline,
  groups: readonly Group[],
  selected: number,
): DistrictTotals {
  const all = newGroup()
  for (const g of groups) {
    addSums(all.minus, g.minus)
    addSums(all.plus, g.plus)
    all.retrofitted += g.retrofitted
    all.retroFlats += g.retroFlats
    all.investment += g.investment
    all.owner += g.owner
    all.higherBill += g.higherBill
  }
  const t = groupTotals(
    {
      totals: baseline.totals,
      buildings: baseline.arrays.billEurPerYear.length,
      heatedAreaM2: baseline.heatedAreaM2,
      flats: baseline.flats,
    },
    all,
  )
  const byUseClass = Object.fromEntries(
    USE_CLASSES.map((u, k) => {
      const base = baseline.byUseClass[k]
      const g = groups[k]
      return [
        u,
        base && g ? groupTotals(base, g) : groupTotals({ ...t, totals: t.before }, newGroup()),
      ]
    }),
  ) as Record<UseClass, GroupTotals>
  const pct = (b: number, a: number) => (b > 0 ? ((b - a) / b) * 100 : 0)
  return {
    ...t,
    selectedBuildings: selected,
    blocksRenovated: byUseClass.apartment_block.retrofittedBuildings,
    byUseClass,
    heatingNeedSavingPct: pct(t.before.heatingNeedMWhPerYear, t.after.heatingNeedMWhPerYear),
    primarySavingPct: pct(t.before.primaryMWhPerYear, t.after.primaryMWhPerYear),
    co2SavingPct: pct(t.before.co2TonnesPerYear, t.after.co2TonnesPerYear),
  }
}

function yearTotals(
  p: PreparedDistrict,
  scenario: Scenario,
  base: StateTotals,
  before: StateArrays,
  after: StateArrays,
  years: Uint16Array,
  cost: Float64Array,
): YearTotals[] {
  const r = scenario.rollout
  if (!r) return []
  const span = r.end_year - r.start_year + 1
  const d = Array.from({ length: span }, () => ({
    n: 0,
    eur: 0,
    need: 0,
    prim: 0,
    co2: 0,
    bill: 0,
  }))
  for (let i = 0; i < p.count; i++) {
    const y = years[i] ?? 0
    if (y === 0) continue
    const b = d[y - r.start_year]
    if (!b) continue
    const a = p.refAreaM2[i] ?? 0
    b.n++
    b.eur += cost[i] ?? 0
    b.need +=
      ((after.heatingNeedKWhPerM2Year[i] ?? 0) - (before.heatingNeedKWhPerM2Year[i] ?? 0)) * a
    b.prim += ((after.primaryKWhPerM2Year[i] ?? 0) - (before.primaryKWhPerM2Year[i] ?? 0)) * a
    b.co2 += ((after.co2KgPerM2Year[i] ?? 0) - (before.co2KgPerM2Year[i] ?? 0)) * a
    b.bill += (after.billEurPerYear[i] ?? 0) - (before.billEurPerYear[i] ?? 0)
  }
  const out: YearTotals[] = []
  let n = 0
  let need = base.heatingNeedMWhPerYear
  let prim = base.primaryMWhPerYear
  let co2 = base.co2TonnesPerYear
  let bill = base.billEurPerYear
  d.forEach((b, j) => {
    n += b.n
    need += b.need / 1000
    prim += b.prim / 1000
    co2 += b.co2 / 1000
    bill += b.bill
    out.push({
      year: r.start_year + j,
      retrofittedBuildings: n,
      investmentEur: b.eur,
      heatingNeedMWhPerYear: need,
      primaryMWhPerYear: prim,
      co2TonnesPerYear: co2,
      billEurPerYear: bill,
    })
  })
  return out
}
