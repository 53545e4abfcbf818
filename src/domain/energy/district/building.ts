/** One building of an evaluated scenario as a plain object, for the inspector and the CLI. */
import type { HeatingSystem } from '../../buildings/types'
import { USE_CLASSES } from '../../buildings/useClass'
import type { UseClass } from '../../buildings/useClass'
import { costLines, fundingSplit } from '../costs'
import type { CostLines, FundingSplit } from '../costs'
import { classLabel, NOT_RATED } from '../classes'
import type { EnergyClass } from '../classes'
import { ORIENTATIONS } from '../envelope'
import type { Orientation } from '../envelope'
import type { CarrierId, EnergyParameters } from '../parameters'
import { MEASURE_IDS } from '../scenario'
import type { MeasureId, Scenario } from '../scenario'

import { kernelOf } from './kernel'
import { MEASURE_BIT, MEASURE_INDEX, measureSpecsOf, resolveMeasures } from './measures'
import type { ResolvedMeasures } from './measures'
import { stepMeasuresOf } from './steps'
import { newState } from './physics'
import { HEATING_SYSTEMS } from './prepare'
import type { PreparedDistrict } from './prepare'
import type { ScenarioResult, StateArrays } from './results'
import { applyMeasures, baselineState } from './retrofit'

/** Energy figures of one building in one state; units in the names. */
export interface BuildingFigures {
  readonly heating_need_kwh_m2a: number
  readonly delivered_kwh_m2a: number
  readonly primary_kwh_m2a: number
  readonly co2_kg_m2a: number
  /** Mc 001-2022 class, null when not rated (non-residential). */
  readonly class: EnergyClass | null
  readonly bill_eur_a: number
  /** Grid power is after self-consumed PV (never negative). */
  readonly delivered_by_carrier_kwh_a: Readonly<Record<CarrierId, number>>
  /** On-site (PV) generation, kept apart from consumption, and its self-consumed/exported parts. */
  readonly generation_kwh_a: number
  readonly pv_self_consumed_kwh_a: number
  readonly pv_exported_kwh_a: number
  /** Primary energy minus exported PV × fP,exp (Mc 001-2022 rel. 5.4a): the class basis, may be < 0. */
  readonly net_primary_kwh_m2a: number
  /** Renewable share of primary energy, RER (rel. 5.16, exports not counted), 0–1. */
  readonly renewable_share: number
}

/** One applied measure of one building. */
export interface AppliedMeasure {
  readonly id: MeasureId
  /** Works of this measure alone, excl. ancillary works, site set-up, design and VAT. */
  readonly direct_cost_eur: number
  readonly lifetime_years: number
}

/** After-state of a retrofitted building. */
export interface BuildingAfter extends BuildingFigures {
  readonly measures: readonly AppliedMeasure[]
  readonly retrofit_year: number | null
}

/** One building as a plain object (inspector, CLI), before and, with a scenario, after. */
export interface BuildingResult extends BuildingFigures {
  readonly id: string
  readonly type: string
  readonly use_class: UseClass
  /** On a Mc 001-2022 class table: blocks (Table 5.8), houses (Table 5.7). */
  readonly rated: boolean
  readonly residential: boolean
  readonly year: number
  readonly year_is_default: boolean
  readonly archetype: string
  readonly heating: HeatingSystem
  readonly heating_is_default: boolean
  readonly rehabilitated: boolean
  readonly levels: number
  readonly height_m: number
  readonly flats: number
  readonly heated_area_m2: number
  /** Footprint × storeys, m² (programme caps are per m² built area). */
  readonly built_area_m2: number
  readonly footprint_m2: number
  readonly perimeter_m: number
  readonly facade_m2: number
  readonly window_m2: number
  readonly facade_by_orientation_m2: Readonly<Record<Orientation, number>>
  /** Present when the scenario selected the building. */
  readonly after?: BuildingAfter
  /** Primary-energy saving, %. */
  readonly saving_pct?: number
  readonly heating_need_saving_pct?: number
  /** The package incl. VAT and soft costs, EUR, and its lines. */
  readonly cost_eur?: number
  readonly cost_lines?: CostLines
  /** Who pays it. */
  readonly funding?: FundingSplit
  readonly bill_saving_eur_a?: number
  /** null when nothing is saved. */
  readonly payback_years?: number | null
  /** Per flat: all costs incl. VAT and soft costs, the owners' part, the monthly bill change. */
  readonly cost_per_flat_eur?: number | null
  readonly owner_cost_per_flat_eur?: number | null
  readonly bill_saving_per_flat_eur_a?: number | null
  /** After − before, EUR per flat and month: positive when the package raises the bill. */
  readonly bill_change_per_flat_eur_month?: number | null
  /** Owners' share ÷ annual bill saving, years; null when nothing is saved. */
  readonly owner_payback_years?: number | null
  /** The package raises this building's energy bill. */
  readonly bill_rises?: boolean
  /** Net cost (excl. VAT) per m² built area, against the recovery-plan caps [S21]. */
  readonly cost_per_m2_built_excl_vat_eur?: number | null
}

function figures(s: StateArrays, i: number): BuildingFigures {
  const primary = s.primaryKWhPerM2Year[i] ?? 0
  return {
    heating_need_kwh_m2a: s.heatingNeedKWhPerM2Year[i] ?? 0,
    delivered_kwh_m2a: s.deliveredKWhPerM2Year[i] ?? 0,
    primary_kwh_m2a: s.primaryKWhPerM2Year[i] ?? 0,
    co2_kg_m2a: s.co2KgPerM2Year[i] ?? 0,
    class: classLabel(s.classIndex[i] ?? NOT_RATED),
    bill_eur_a: s.billEurPerYear[i] ?? 0,
    delivered_by_carrier_kwh_a: {
      gas: s.deliveredByCarrierKWhPerYear[i * 3] ?? 0,
      electricity: s.deliveredByCarrierKWhPerYear[i * 3 + 1] ?? 0,
      district_heat: s.deliveredByCarrierKWhPerYear[i * 3 + 2] ?? 0,
    },
    generation_kwh_a: s.pvKWhPerYear[i] ?? 0,
    pv_self_consumed_kwh_a: s.pvSelfKWhPerYear[i] ?? 0,
    pv_exported_kwh_a: s.pvExportKWhPerYear[i] ?? 0,
    net_primary_kwh_m2a: s.netPrimaryKWhPerM2Year[i] ?? 0,
    renewable_share: primary > 0 ? (s.renewablePrimaryKWhPerM2Year[i] ?? 0) / primary : 0,
  }
}

/** A package on one building as programmes pay it (the function the planner calls). */
export interface PackageCost {
  /** Bit mask of the measures that applied (`MEASURE_BIT`). */
  readonly mask: number
  readonly measures: readonly AppliedMeasure[]
  readonly lines: CostLines
  readonly funding: FundingSplit
  readonly per_flat_eur: number | null
  readonly owner_per_flat_eur: number | null
  readonly per_m2_built_excl_vat_eur: number | null
}

/**
 * The measures `scenario` gives building `i`: its step's measures when the rollout has steps
 * (undefined when the building is in no step), else the scenario's own (as `evaluateScenario`).
 */
function scenarioMeasuresOf(
  p: PreparedDistrict,
  i: number,
  scenario: Scenario,
  params: EnergyParameters,
): ResolvedMeasures | undefined {
  const steps = stepMeasuresOf(p, scenario, params)
  if (steps === null) return resolveMeasures(params, measureSpecsOf(scenario))
  return steps.sets[steps.setOf[i] ?? -1]
}

/**
 * The full cost of `scenario`'s measures on building `index` — direct works plus ancillary
 * works, site set-up and scaffolding, design and supervision, and VAT — and who pays it.
 * The same figures `evaluateScenario` puts in `costEur` / `ownerCostEur`.
 */
export function packageCost(
  prepared: PreparedDistrict,
  index: number,
  scenario: Scenario,
  params: EnergyParameters,
  resolved: ResolvedMeasures | undefined = scenarioMeasuresOf(prepared, index, scenario, params),
): PackageCost {
  const p = prepared
  const i = index
  if (!(i >= 0 && i < p.count)) throw new RangeError(`building index ${i} out of range`)
  const k = kernelOf(params)
  // A block in no step of a planned rollout gets no measures.
  const m = resolved ?? resolveMeasures(params, new Map())
  const costs = new Float64Array(MEASURE_IDS.length)
  const s = newState()
  baselineState(p, i, k, s)
  const mask = applyMeasures(p, i, k, m, s, costs)
  const lifetimes: Record<string, number> = {}
  for (const [id, r] of Object.entries(m)) if (r) lifetimes[id] = (r as { life: number }).life
  const measures: AppliedMeasure[] = MEASURE_IDS.filter((id) => (mask & MEASURE_BIT[id]) !== 0).map(
    (id) => ({
      id,
      direct_cost_eur: costs[MEASURE_INDEX[id]] ?? 0,
      lifetime_years: lifetimes[id] ?? 0,
    }),
  )
  const flats = p.flats[i] ?? 0
  const built = p.builtAreaM2[i] ?? 0
  const lines = costLines(
    s.directCost,
    {
      flats,
      roofM2: p.roofM2[i] ?? 0,
      wall: (mask & MEASURE_BIT.wall) !== 0,
      roof: (mask & MEASURE_BIT.roof) !== 0,
    },
    params.costs,
  )
  const funding = fundingSplit(lines, built, params.funding)
  return {
    mask,
    measures,
    lines,
    funding,
    per_flat_eur: flats > 0 ? lines.total_eur / flats : null,
    owner_per_flat_eur: flats > 0 ? funding.owners_eur / flats : null,
    per_m2_built_excl_vat_eur: built > 0 ? lines.net_eur / built : null,
  }
}

/** Materialise building `index` of an evaluated scenario as a plain object. */
export function buildingResult(
  prepared: PreparedDistrict,
  result: ScenarioResult,
  index: number,
): BuildingResult {
  const p = prepared
  const i = index
  if (!(i >= 0 && i < p.count)) throw new RangeError(`building index ${i} out of range`)
  const byOrientation = Object.fromEntries(
    ORIENTATIONS.map((o, k) => [o, p.facadeByOrientationM2[i * 8 + k] ?? 0]),
  ) as Record<Orientation, number>
  const flats = p.flats[i] ?? 0
  const base: BuildingResult = {
    id: p.ids[i] ?? '',
    type: p.typeNames[p.typeCode[i] ?? 0] ?? '',
    use_class: USE_CLASSES[p.useClass[i] ?? 3] ?? 'unknown',
    rated: (p.useClass[i] ?? 3) <= 1,
    residential: p.residential[i] === 1,
    year: p.year[i] ?? 0,
    year_is_default: p.yearKnown[i] === 0,
    archetype: p.archetypeIds[p.archetype[i] ?? 0] ?? '',
    heating: HEATING_SYSTEMS[p.heating[i] ?? 0] ?? 'other',
    heating_is_default: p.heatingKnown[i] === 0,
    rehabilitated: p.rehabilitated[i] === 1,
    levels: p.levels[i] ?? 0,
    height_m: p.heightM[i] ?? 0,
    flats,
    heated_area_m2: p.refAreaM2[i] ?? 0,
    built_area_m2: p.builtAreaM2[i] ?? 0,
    footprint_m2: p.footprintM2[i] ?? 0,
    perimeter_m: p.perimeterM[i] ?? 0,
    facade_m2: p.facadeM2[i] ?? 0,
    window_m2: p.windowM2[i] ?? 0,
    facade_by_orientation_m2: byOrientation,
    ...figures(result.before, i),
  }
  if (result.selected[i] !== 1) return base
  const m = scenarioMeasuresOf(p, i, result.scenario, result.params)
  if (m === undefined) return base
  const pkg = packageCost(p, i, result.scenario, result.params, m)
  const before = figures(result.before, i)
  const after = figures(result.after, i)
  const cost = result.costEur[i] ?? 0
  const saving = result.billSavingEurPerYear[i] ?? 0
  const payback = result.paybackYears[i] ?? Infinity
  const owner = result.ownerCostEur[i] ?? 0
  const pct = (b: number, a: number) => (b > 0 ? ((b - a) / b) * 100 : 0)
  const year = result.retrofitYear[i] ?? 0
  const mask = pkg.mask
  const perFlat = (x: number) => (flats > 0 ? x / flats : null)
  return {
    ...base,
    after: { ...after, measures: pkg.measures, retrofit_year: year === 0 ? null : year },
    saving_pct: pct(before.primary_kwh_m2a, after.primary_kwh_m2a),
    heating_need_saving_pct: pct(before.heating_need_kwh_m2a, after.heating_need_kwh_m2a),
    cost_eur: cost,
    cost_lines: pkg.lines,
    funding: pkg.funding,
    bill_saving_eur_a: saving,
    payback_years: mask !== 0 && Number.isFinite(payback) ? payback : null,
    cost_per_flat_eur: perFlat(cost),
    owner_cost_per_flat_eur: perFlat(owner),
    bill_saving_per_flat_eur_a: perFlat(saving),
    bill_change_per_flat_eur_month: mask !== 0 ? perFlat(-saving / 12) : null,
    owner_payback_years: mask !== 0 && owner > 0 && saving > 0 ? owner / saving : null,
    bill_rises: mask !== 0 && saving < 0,
    cost_per_m2_built_excl_vat_eur: mask !== 0 ? pkg.per_m2_built_excl_vat_eur : null,
  }
}
