/**
 * Plain JSON / CSV views of an evaluated scenario (for `npm run assess` and UI exports).
 * Every number carries its unit in its name; numbers are rounded for humans (2 decimals,
 * whole euros), never for the engine.
 */
import { ENERGY_CLASS_LABELS } from './classes'
import { buildingResult } from './district/building'
import type { BuildingResult } from './district/building'
import type { PreparedDistrict } from './district/prepare'
import type { GroupTotals, ScenarioResult, StateTotals } from './district/results'
import { USE_CLASSES } from '../buildings/useClass'
import { BUILDING_RANGE_FIGURES, evaluateRanges, TOTAL_RANGE_FIGURES } from './ranges'
import type { BuildingRangeFigure, DistrictRanges, RangeScope } from './ranges'

/** The JSON report: `{ buildings, totals }`. */
export interface AssessmentReport {
  readonly buildings: readonly Record<string, unknown>[]
  readonly totals: Record<string, unknown>
}

const round = (x: number, digits = 2): number => {
  const f = 10 ** digits
  return Math.round(x * f) / f
}

/** Round every number in a JSON-like value (non-finite numbers become null). */
export function roundNumbers(v: unknown, digits = 2): unknown {
  if (typeof v === 'number') return Number.isFinite(v) ? round(v, digits) : null
  if (Array.isArray(v)) return v.map((x) => roundNumbers(x, digits))
  if (typeof v === 'object' && v !== null) {
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [k, roundNumbers(x, k.endsWith('_eur') ? 0 : digits)]),
    )
  }
  return v
}

function stateTotalsJson(t: StateTotals): Record<string, unknown> {
  return {
    heating_need_mwh_a: t.heatingNeedMWhPerYear,
    delivered_mwh_a: t.deliveredMWhPerYear,
    delivered_by_carrier_mwh_a: t.deliveredByCarrierMWhPerYear,
    generation_mwh_a: t.pvMWhPerYear,
    pv_self_consumed_mwh_a: t.pvSelfConsumedMWhPerYear,
    pv_exported_mwh_a: t.pvExportedMWhPerYear,
    primary_mwh_a: t.primaryMWhPerYear,
    net_primary_mwh_a: t.netPrimaryMWhPerYear,
    renewable_share:
      t.primaryMWhPerYear > 0 ? t.renewablePrimaryMWhPerYear / t.primaryMWhPerYear : 0,
    co2_t_a: t.co2TonnesPerYear,
    bill_eur_a: t.billEurPerYear,
    class_counts: Object.fromEntries(ENERGY_CLASS_LABELS.map((l, k) => [l, t.classCounts[k] ?? 0])),
    not_rated: t.notRated,
  }
}

function groupJson(g: GroupTotals, withScenario: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    buildings: g.buildings,
    flats: g.flats,
    heated_area_m2: g.heatedAreaM2,
    ...stateTotalsJson(g.before),
  }
  if (withScenario) {
    Object.assign(out, {
      retrofitted_buildings: g.retrofittedBuildings,
      retrofitted_flats: g.retrofittedFlats,
      after: stateTotalsJson(g.after),
      investment_eur: g.investmentEur,
      owner_cost_eur: g.ownerCostEur,
      bill_saving_eur_a: g.billSavingEurPerYear,
      payback_years: g.paybackYears,
      investment_per_flat_eur: g.investmentPerFlatEur,
      owner_cost_per_flat_eur: g.ownerCostPerFlatEur,
      bill_saving_per_flat_eur_a: g.billSavingPerFlatEurPerYear,
      bill_change_per_flat_eur_month:
        g.billSavingPerFlatEurPerYear === null ? null : -g.billSavingPerFlatEurPerYear / 12,
      with_higher_bill: g.withHigherBill,
    })
  }
  return out
}

/**
 * `{figure: [low, high]}` of one building (figures without a value are left out). A payback's
 * high is `Infinity` (null in JSON) where the package may never pay back.
 */
export function buildingRangesJson(r: DistrictRanges, i: number): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {}
  for (const f of BUILDING_RANGE_FIGURES) {
    const lo = r.low[f][i] ?? Number.NaN
    const hi = r.high[f][i] ?? Number.NaN
    if (Number.isFinite(lo) && (Number.isFinite(hi) || hi === Infinity)) out[f] = [lo, hi]
  }
  return out
}

function totalRangesJson(r: DistrictRanges, scope: RangeScope): Record<string, unknown> {
  const row = r.totals[scope]
  return Object.fromEntries(TOTAL_RANGE_FIGURES.filter((f) => row[f]).map((f) => [f, row[f]]))
}

/** The figures whose ranges a report carries: today's alone without a scenario. */
export function rangeFigures(withScenario: boolean): readonly BuildingRangeFigure[] {
  return withScenario
    ? BUILDING_RANGE_FIGURES
    : BUILDING_RANGE_FIGURES.filter(
        (f) => !f.startsWith('after_') && !/cost|saving|payback|bill_change/.test(f),
      )
}

/**
 * The JSON report of a scenario (or of today's state when `withScenario` is false), with the
 * ranges of its headline figures (`ranges: {figure: [low, high]}`, see `ranges.ts`).
 */
export function assessmentReport(
  prepared: PreparedDistrict,
  result: ScenarioResult,
  withScenario: boolean,
): AssessmentReport {
  const ranges = evaluateRanges(prepared, result.scenario, result.params, result)
  const buildings: Record<string, unknown>[] = []
  for (let i = 0; i < prepared.count; i++) {
    const b: BuildingResult = buildingResult(prepared, result, i)
    const all = buildingRangesJson(ranges, i)
    const shown = new Set<string>(rangeFigures(withScenario))
    const r = Object.fromEntries(Object.entries(all).filter(([f]) => shown.has(f)))
    if (withScenario) buildings.push(roundNumbers({ ...b, ranges: r }) as Record<string, unknown>)
    else {
      const { after: _a, ...rest } = b
      buildings.push(roundNumbers({ ...rest, ranges: r }) as Record<string, unknown>)
    }
  }
  const t = result.totals
  const bm = result.params.programme_benchmarks
  const totals: Record<string, unknown> = {
    buildings: t.buildings,
    heated_area_m2: t.heatedAreaM2,
    flats: t.flats,
    class_row: result.classRow,
    class_bounds_kwh_m2a: result.classBoundsKWhPerM2Year,
    ...stateTotalsJson(t.before),
    by_use_class: Object.fromEntries(
      USE_CLASSES.map((u) => [
        u,
        { ...groupJson(t.byUseClass[u], withScenario), ranges: totalRangesJson(ranges, u) },
      ]),
    ),
    ranges: totalRangesJson(ranges, 'all'),
    range_method: `grouped one-at-a-time bounds in quadrature: ${ranges.groups} groups, ${ranges.inputs} ranged inputs`,
    benchmarks: {
      cluj_rop_2018_eur_per_flat: bm.cluj_rop_2018_eur_per_flat.value,
      cluj_pnrr_2022_eur_per_flat_incl_vat: bm.cluj_pnrr_2022_eur_per_flat_incl_vat.value,
      pnrr_cap_moderate_eur_per_m2_built: bm.pnrr_cap_moderate_eur_per_m2_built.value,
      pnrr_cap_deep_eur_per_m2_built: bm.pnrr_cap_deep_eur_per_m2_built.value,
    },
  }
  if (withScenario) {
    Object.assign(totals, {
      scenario: result.scenario.name,
      selected_buildings: t.selectedBuildings,
      retrofitted_buildings: t.retrofittedBuildings,
      blocks_renovated: t.blocksRenovated,
      retrofitted_flats: t.retrofittedFlats,
      after: stateTotalsJson(t.after),
      heating_need_saving_pct: t.heatingNeedSavingPct,
      saving_pct: t.primarySavingPct,
      co2_saving_pct: t.co2SavingPct,
      investment_eur: t.investmentEur,
      owner_cost_eur: t.ownerCostEur,
      bill_saving_eur_a: t.billSavingEurPerYear,
      payback_years: t.paybackYears,
      investment_per_flat_eur: t.investmentPerFlatEur,
      bill_saving_per_flat_eur_a: t.billSavingPerFlatEurPerYear,
      with_higher_bill: t.withHigherBill,
      by_year: result.byYear.map((y) => ({
        year: y.year,
        retrofitted_buildings: y.retrofittedBuildings,
        investment_eur: y.investmentEur,
        heating_need_mwh_a: y.heatingNeedMWhPerYear,
        primary_mwh_a: y.primaryMWhPerYear,
        co2_t_a: y.co2TonnesPerYear,
        bill_eur_a: y.billEurPerYear,
      })),
    })
  }
  return { buildings, totals: roundNumbers(totals) as Record<string, unknown> }
}

const CSV_BEFORE = [
  'id',
  'type',
  'use_class',
  'rated',
  'year',
  'archetype',
  'heating',
  'levels',
  'flats',
  'heated_area_m2',
  'heating_need_kwh_m2a',
  'delivered_kwh_m2a',
  'primary_kwh_m2a',
  'co2_kg_m2a',
  'class',
  'bill_eur_a',
] as const
const CSV_AFTER = [
  'generation_kwh_a',
  'heating_need_kwh_m2a',
  'primary_kwh_m2a',
  'co2_kg_m2a',
  'class',
  'bill_eur_a',
] as const
const CSV_SCENARIO = [
  'saving_pct',
  'cost_eur',
  'bill_saving_eur_a',
  'payback_years',
  'cost_per_flat_eur',
  'owner_cost_per_flat_eur',
  'bill_saving_per_flat_eur_a',
  'bill_change_per_flat_eur_month',
  'owner_payback_years',
] as const

/**
 * One CSV cell. Text that a spreadsheet would read as a formula (OWASP CSV injection: a
 * leading `=`, `+`, `-`, `@`, tab or carriage return) is prefixed with `'` and quoted, so
 * OSM tags or a hand-edited dataset cannot run in a planner's spreadsheet. Numbers are
 * written as they are (a negative number is data, not a formula).
 */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'number') return String(v)
  const s = String(v)
  if (/^[=+\-@\t\r]/.test(s)) return `"'${s.replace(/"/g, '""')}"`
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/**
 * One CSV row per building; with a scenario, `after_*` columns and the economics follow; then
 * each figure's range as `FIGURE_low`, `FIGURE_high` (the JSON report's `ranges`; an empty high
 * is a payback that may never come).
 */
export function assessmentCsv(report: AssessmentReport, withScenario: boolean): string {
  const header: string[] = [...CSV_BEFORE]
  if (withScenario) header.push(...CSV_AFTER.map((c) => `after_${c}`), 'measures', ...CSV_SCENARIO)
  const ranged = rangeFigures(withScenario)
  header.push(...ranged.flatMap((f) => [`${f}_low`, `${f}_high`]))
  const lines = [header.join(',')]
  for (const b of report.buildings) {
    const row: unknown[] = CSV_BEFORE.map((c) => b[c])
    if (withScenario) {
      const after = b.after as Record<string, unknown> | undefined
      row.push(...CSV_AFTER.map((c) => (after ? after[c] : b[c])))
      const ms = (after?.measures as { id: string }[] | undefined) ?? []
      row.push(ms.map((m) => m.id).join(' '))
      row.push(...CSV_SCENARIO.map((c) => b[c]))
    }
    const r = (b.ranges ?? {}) as Record<string, readonly (number | null)[] | undefined>
    row.push(...ranged.flatMap((f) => [r[f]?.[0], r[f]?.[1]]))
    lines.push(row.map(csvCell).join(','))
  }
  return lines.join('\n') + '\n'
}
