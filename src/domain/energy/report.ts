/**
 * Plain JSON / CSV views of an evaluated scenario (for `npm run assess` and UI exports).
 * Every number carries its unit in its name; numbers are rounded for humans (2 decimals,
 * whole euros), never for the engine.
 */
import { ENERGY_CLASS_LABELS } from './classes'
import { buildingResult } from './district/building'
import type { BuildingResult } from './district/building'
import type { PreparedDistrict } from './district/prepare'
import type { ScenarioResult, StateTotals } from './district/results'

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
    pv_mwh_a: t.pvMWhPerYear,
    primary_mwh_a: t.primaryMWhPerYear,
    co2_t_a: t.co2TonnesPerYear,
    bill_eur_a: t.billEurPerYear,
    class_counts: Object.fromEntries(ENERGY_CLASS_LABELS.map((l, k) => [l, t.classCounts[k] ?? 0])),
    not_rated: t.notRated,
  }
}

/** The JSON report of a scenario (or of today's state when `withScenario` is false). */
export function assessmentReport(
  prepared: PreparedDistrict,
  result: ScenarioResult,
  withScenario: boolean,
): AssessmentReport {
  const buildings: Record<string, unknown>[] = []
  for (let i = 0; i < prepared.count; i++) {
    const b: BuildingResult = buildingResult(prepared, result, i)
    if (withScenario) buildings.push(roundNumbers(b) as Record<string, unknown>)
    else {
      const { after: _a, ...rest } = b
      buildings.push(roundNumbers(rest) as Record<string, unknown>)
    }
  }
  const t = result.totals
  const totals: Record<string, unknown> = {
    buildings: t.buildings,
    heated_area_m2: t.heatedAreaM2,
    flats: t.flats,
    class_row: result.classRow,
    class_bounds_kwh_m2a: result.classBoundsKWhPerM2Year,
    ...stateTotalsJson(t.before),
  }
  if (withScenario) {
    Object.assign(totals, {
      scenario: result.scenario.name,
      selected_buildings: t.selectedBuildings,
      retrofitted_buildings: t.retrofittedBuildings,
      retrofitted_flats: t.retrofittedFlats,
      after: stateTotalsJson(t.after),
      heating_need_saving_pct: t.heatingNeedSavingPct,
      saving_pct: t.primarySavingPct,
      co2_saving_pct: t.co2SavingPct,
      investment_eur: t.investmentEur,
      bill_saving_eur_a: t.billSavingEurPerYear,
      payback_years: t.paybackYears,
      investment_per_flat_eur: t.investmentPerFlatEur,
      bill_saving_per_flat_eur_a: t.billSavingPerFlatEurPerYear,
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
  'bill_saving_per_flat_eur_a',
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

/** One CSV row per building; with a scenario, `after_*` columns and the economics follow. */
export function assessmentCsv(report: AssessmentReport, withScenario: boolean): string {
  const header: string[] = [...CSV_BEFORE]
  if (withScenario) header.push(...CSV_AFTER.map((c) => `after_${c}`), 'measures', ...CSV_SCENARIO)
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
    lines.push(row.map(csvCell).join(','))
  }
  return lines.join('\n') + '\n'
}
