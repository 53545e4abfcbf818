/** One building of an evaluated scenario as a plain object, for the inspector and the CLI. */
import type { HeatingSystem } from '../../buildings/types'
import { classLabel, NOT_RATED } from '../classes'
import type { EnergyClass } from '../classes'
import { ORIENTATIONS } from '../envelope'
import type { Orientation } from '../envelope'
import type { CarrierId } from '../parameters'
import { MEASURE_IDS } from '../scenario'
import type { MeasureId } from '../scenario'

import { kernelOf } from './kernel'
import { MEASURE_BIT, MEASURE_INDEX, measureSpecsOf, resolveMeasures } from './measures'
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
  readonly delivered_by_carrier_kwh_a: Readonly<Record<CarrierId, number>>
  readonly pv_kwh_a: number
}

/** One applied measure of one building. */
export interface AppliedMeasure {
  readonly id: MeasureId
  readonly cost_eur: number
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
  readonly cost_eur?: number
  readonly bill_saving_eur_a?: number
  /** null when nothing is saved. */
  readonly payback_years?: number | null
  readonly cost_per_flat_eur?: number | null
  readonly bill_saving_per_flat_eur_a?: number | null
}

function figures(s: StateArrays, i: number): BuildingFigures {
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
    pv_kwh_a: s.pvKWhPerYear[i] ?? 0,
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
  const wwr = p.params.geometry.window_to_wall_ratio.value
  const base: BuildingResult = {
    id: p.ids[i] ?? '',
    type: p.typeNames[p.typeCode[i] ?? 0] ?? '',
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
    footprint_m2: p.footprintM2[i] ?? 0,
    perimeter_m: p.perimeterM[i] ?? 0,
    facade_m2: p.facadeM2[i] ?? 0,
    window_m2: (p.facadeM2[i] ?? 0) * wwr,
    facade_by_orientation_m2: byOrientation,
    ...figures(result.before, i),
  }
  if (result.selected[i] !== 1) return base
  const k = kernelOf(result.params)
  const steps = stepMeasuresOf(p, result.scenario, result.params)
  const m =
    steps === null
      ? resolveMeasures(result.params, measureSpecsOf(result.scenario))
      : steps.sets[steps.setOf[i] ?? -1]
  if (m === undefined) return base
  const costs = new Float64Array(MEASURE_IDS.length)
  const s = newState()
  baselineState(p, i, k, s)
  const mask = applyMeasures(p, i, k, m, s, costs)
  const lifetimes: Record<string, number> = {}
  for (const [id, r] of Object.entries(m)) if (r) lifetimes[id] = (r as { life: number }).life
  const measures: AppliedMeasure[] = MEASURE_IDS.filter((id) => (mask & MEASURE_BIT[id]) !== 0).map(
    (id) => ({
      id,
      cost_eur: costs[MEASURE_INDEX[id]] ?? 0,
      lifetime_years: lifetimes[id] ?? 0,
    }),
  )
  const before = figures(result.before, i)
  const after = figures(result.after, i)
  const cost = result.costEur[i] ?? 0
  const saving = result.billSavingEurPerYear[i] ?? 0
  const payback = result.paybackYears[i] ?? Infinity
  const pct = (b: number, a: number) => (b > 0 ? ((b - a) / b) * 100 : 0)
  const year = result.retrofitYear[i] ?? 0
  return {
    ...base,
    after: { ...after, measures, retrofit_year: year === 0 ? null : year },
    saving_pct: pct(before.primary_kwh_m2a, after.primary_kwh_m2a),
    heating_need_saving_pct: pct(before.heating_need_kwh_m2a, after.heating_need_kwh_m2a),
    cost_eur: cost,
    bill_saving_eur_a: saving,
    payback_years: mask !== 0 && Number.isFinite(payback) ? payback : null,
    cost_per_flat_eur: flats > 0 ? cost / flats : null,
    bill_saving_per_flat_eur_a: flats > 0 ? saving / flats : null,
  }
}
