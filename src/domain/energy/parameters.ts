/**
 * The energy model's parameters as data (`parameters.json`): every number is a record
 * `{ value, unit, source, confidence }` whose `source` cites the S-tags of
 * `docs/energy-evidence.md`. D-grade records are our assumptions; `listAssumptions` lists them
 * for the UI and `withOverrides` returns a copy with user-edited values.
 */
import type { HeatingSystem } from '../buildings/types'

import PARAMETERS_JSON from './parameters.json'

/** Confidence grade: A normative … D our engineering assumption (energy-evidence legend). */
export type Confidence = 'A' | 'B' | 'C' | 'D'

/** One documented parameter value. */
export interface SourcedRecord<T> {
  readonly value: T
  /** Unit in words, e.g. `W/(m2·K)`. */
  readonly unit: string
  /** Evidence tag(s) `[S9]`, `[calc]` or `assumption`, with a short note. */
  readonly source: string
  readonly confidence: Confidence
  /** Plausible low–high of a D-grade (or volatile) value, propagated into the figures' ranges. */
  readonly range?: readonly [number, number]
  /** Where the range comes from. */
  readonly range_source?: string
}

type N = SourcedRecord<number>

/** Orientation keys of the irradiance table: eight facade octants and horizontal. */
export type IrradianceKey = 'N' | 'NE' | 'E' | 'SE' | 'S' | 'SW' | 'W' | 'NW' | 'H'

/** Energy carriers the model bills and weights. */
export type CarrierId = 'gas' | 'electricity' | 'district_heat'

/** Threshold rows of Mc 001-2022 Table 5.8 the class can be read against. */
export type ClassRow = 'total' | 'no_cooling_no_ventilation'

/** An archetype (construction period) of apartment block, unrenovated state. */
export interface ArchetypeParameters {
  readonly label: string
  /** Which buildings the archetype is for (`apartment_block` also serves unknown and non-residential). */
  readonly use_class: 'apartment_block' | 'house'
  readonly year_from: N
  readonly year_to: N
  readonly u_wall_W_m2K: N
  readonly u_roof_W_m2K: N
  readonly u_window_W_m2K: N
  readonly u_floor_W_m2K: N
  readonly thermal_bridge_W_m2K: N
  readonly air_change_per_h: N
  readonly g_window: N
}

/** A heat supply system: seasonal efficiency (SPF for heat pumps) per use. */
export interface SystemParameters {
  readonly label: string
  readonly carrier: CarrierId
  readonly efficiency_heating: N
  readonly efficiency_dhw: N
}

/** Mc 001-2022 factors and the household price of one carrier. */
export interface CarrierParameters {
  readonly primary_factor: N
  readonly co2_kg_per_kWh_primary: N
  readonly price_lei_per_kWh: N
}

/** All parameters; the layout of `parameters.json`. */
export interface EnergyParameters {
  readonly _meta: Readonly<Record<string, string>>
  readonly district: {
    readonly default_year: N
    readonly default_heating: SourcedRecord<string>
    readonly area_per_flat_m2: N
  }
  readonly climate: {
    readonly indoor_setpoint_C: N
    readonly design_outdoor_temp_C: N
    readonly monthly_mean_temp_C: SourcedRecord<readonly number[]>
    readonly days_per_month: SourcedRecord<readonly number[]>
    readonly irradiance_W_m2: SourcedRecord<Readonly<Record<IrradianceKey, readonly number[]>>>
    readonly pv_specific_yield_kWh_per_kWp: N
  }
  readonly geometry: {
    readonly ref_area_to_gross_area: N
    readonly window_to_wall_ratio: N
    readonly ventilated_height_m: N
    readonly b_floor_over_basement: N
    readonly b_roof: N
    readonly blind_gable_aspect_ratio: N
  }
  readonly gains: {
    readonly internal_gains_W_m2: N
    readonly non_normal_incidence_factor: N
    readonly frame_factor: N
    readonly shading_factor: N
    readonly heat_capacity_Wh_m2K: N
    readonly air_heat_capacity_Wh_m3K: N
    readonly utilisation_a_H0: N
    readonly utilisation_tau_H0_h: N
    readonly utilisation_gamma_max: N
  }
  readonly use: {
    readonly dhw_useful_kWh_m2a: N
    readonly lighting_kWh_m2a: N
    readonly prebound_factor: N
    readonly rebound_factor: N
  }
  readonly archetypes: Readonly<Record<string, ArchetypeParameters>>
  readonly systems: Readonly<Record<string, SystemParameters>>
  readonly heating_to_system: Readonly<Record<HeatingSystem, string>>
  readonly carriers: Readonly<Record<CarrierId, CarrierParameters>>
  readonly prices: { readonly eur_ron: N; readonly pv_export_lei_per_kWh: N }
  readonly measures: {
    readonly wall: {
      label: string
      u_W_m2K: N
      thermal_bridge_W_m2K: N
      cost_eur_per_m2: N
      lifetime_years: N
    }
    readonly roof: { label: string; u_W_m2K: N; cost_eur_per_m2: N; lifetime_years: N }
    readonly windows: {
      label: string
      u_W_m2K: N
      g_window: N
      air_change_per_h: N
      cost_eur_per_m2: N
      lifetime_years: N
    }
    readonly basement: { label: string; u_W_m2K: N; cost_eur_per_m2: N; lifetime_years: N }
    readonly heat_pump: {
      label: string
      efficiency_heating: N
      efficiency_dhw: N
      cost_eur_per_kW: N
      lifetime_years: N
    }
    readonly dh_upgrade: {
      label: string
      efficiency_heating: N
      efficiency_dhw: N
      cost_eur_per_m2: N
      lifetime_years: N
    }
    readonly mvhr: {
      label: string
      heat_recovery: N
      fan_Wh_per_m3: N
      cost_eur_per_m2: N
      lifetime_years: N
    }
    readonly pv: {
      label: string
      kWp_per_m2_roof: N
      cost_eur_per_kWp: N
      lifetime_years: N
      self_consumption_share: N
    }
  }
  readonly costs: {
    readonly vat_rate: N
    readonly site_setup_scaffolding_share: N
    readonly design_supervision_share: N
    readonly ancillary_roof_waterproofing_eur_per_m2: N
    readonly ancillary_balconies_eur_per_flat: N
    readonly ancillary_common_parts_eur_per_flat: N
  }
  readonly programme_benchmarks: {
    readonly cluj_rop_2018_eur_per_flat: N
    readonly cluj_pnrr_2022_eur_per_flat_incl_vat: N
    readonly pnrr_cap_moderate_eur_per_m2_built: N
    readonly pnrr_cap_deep_eur_per_m2_built: N
  }
  readonly funding: {
    readonly state_share: N
    readonly local_share: N
    readonly owners_share: N
    readonly recovery_grant_share: N
    readonly recovery_grant_cap_eur_per_m2_built: N
  }
  readonly carriers_onsite: {
    readonly pv_selfconsumed_primary_factor: N
    readonly pv_exported_primary_factor: N
    readonly electricity_renewable_primary_factor: N
  }
  readonly energy_classes: {
    readonly labels: readonly string[]
    readonly active_row: SourcedRecord<ClassRow>
    readonly heating_kWh_m2a: SourcedRecord<readonly number[]>
    readonly cooling_kWh_m2a: SourcedRecord<readonly number[]>
    readonly mech_ventilation_kWh_m2a: SourcedRecord<readonly number[]>
    readonly dhw_kWh_m2a: SourcedRecord<readonly number[]>
    readonly lighting_kWh_m2a: SourcedRecord<readonly number[]>
    readonly total_kWh_m2a: SourcedRecord<readonly number[]>
    readonly co2_kg_m2a: SourcedRecord<readonly number[]>
    readonly house_total_kWh_m2a: SourcedRecord<readonly number[]>
    readonly house_co2_kg_m2a: SourcedRecord<readonly number[]>
    readonly nzeb_primary_kWh_m2a: N
    readonly renovation_primary_kWh_m2a: N
  }
}

/** The shipped defaults (`parameters.json`). Treat as immutable; edit with `withOverrides`. */
export const DEFAULT_PARAMETERS: EnergyParameters = PARAMETERS_JSON as unknown as EnergyParameters

/** One parameter as listed for the assumptions panel. */
export interface AssumptionEntry {
  /** Dotted path, e.g. `archetypes.RO_MFH_1961_1980.air_change_per_h`. */
  readonly path: string
  readonly value: unknown
  readonly unit: string
  readonly source: string
  readonly confidence: Confidence
  readonly range?: readonly [number, number]
  readonly range_source?: string
}

/** True when `v` is a `{ value, unit, source, confidence }` record. */
export function isSourcedRecord(v: unknown): v is SourcedRecord<unknown> {
  return (
    typeof v === 'object' &&
    v !== null &&
    'value' in v &&
    'unit' in v &&
    'source' in v &&
    'confidence' in v
  )
}

function walk(
  node: unknown,
  path: string,
  visit: (path: string, r: SourcedRecord<unknown>) => void,
) {
  if (isSourcedRecord(node)) {
    visit(path, node)
    return
  }
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return
  for (const [key, child] of Object.entries(node)) {
    if (key.startsWith('_')) continue
    walk(child, path === '' ? key : `${path}.${key}`, visit)
  }
}

/**
 * Every parameter record of the given confidence grades (default: D only, the assumptions the
 * app must show as editable), in file order.
 */
export function listAssumptions(
  params: EnergyParameters,
  confidences: readonly Confidence[] = ['D'],
): AssumptionEntry[] {
  const out: AssumptionEntry[] = []
  walk(params, '', (path, r) => {
    if (confidences.includes(r.confidence)) {
      out.push({
        path,
        value: r.value,
        unit: r.unit,
        source: r.source,
        confidence: r.confidence,
        ...(r.range ? { range: r.range, range_source: r.range_source ?? '' } : {}),
      })
    }
  })
  return out
}

/** The record at a dotted path, or undefined. */
export function recordAt(
  params: EnergyParameters,
  path: string,
): SourcedRecord<unknown> | undefined {
  let node: unknown = params
  for (const key of path.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined
    node = (node as Record<string, unknown>)[key]
  }
  return isSourcedRecord(node) ? node : undefined
}

/** Why an override value does not fit the record it replaces, or null when it fits. */
export function overrideProblem(
  params: EnergyParameters,
  path: string,
  value: unknown,
): string | null {
  const rec = recordAt(params, path)
  if (!rec) return `unknown parameter path "${path}"`
  const old = rec.value
  if (typeof old === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a finite number'
    if (value < 0 && old >= 0 && !path.endsWith('_C')) return 'must not be negative'
    return null
  }
  if (typeof old === 'string') {
    if (typeof value !== 'string') return 'must be a string'
    if (
      path === 'energy_classes.active_row' &&
      value !== 'total' &&
      value !== 'no_cooling_no_ventilation'
    )
      return 'must be "total" or "no_cooling_no_ventilation"'
    if (path === 'district.default_heating' && !Object.hasOwn(params.heating_to_system, value))
      return `must be one of ${Object.keys(params.heating_to_system).join(', ')}`
    return null
  }
  if (Array.isArray(old)) {
    if (!Array.isArray(value) || value.length !== old.length) {
      return `must be an array of ${old.length} numbers`
    }
    if (!value.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      return `must be an array of ${old.length} finite numbers`
    }
    return null
  }
  return 'cannot be overridden (not a scalar or an array of numbers)'
}

/**
 * A copy of `params` with each `path → value` replacing that record's `value` (unit, source and
 * confidence are kept, the source gains "user override"). Copy-on-write: only the objects on
 * an overridden path are new, every other group is shared with `params` (so the engine can
 * tell by identity which groups an override left alone). Throws a one-line `RangeError`
 * naming the path when a path is unknown or the value's type does not match.
 */
export function withOverrides(
  params: EnergyParameters,
  overrides: Readonly<Record<string, unknown>>,
): EnergyParameters {
  const fresh = new WeakSet<object>()
  const own = (o: Record<string, unknown>): Record<string, unknown> => {
    if (fresh.has(o)) return o
    const copy = { ...o }
    fresh.add(copy)
    return copy
  }
  const copy = own(params as unknown as Record<string, unknown>)
  for (const [path, value] of Object.entries(overrides)) {
    const problem = overrideProblem(params, path, value)
    if (problem !== null) throw new RangeError(`${path}: ${problem}`)
    let node = copy
    for (const key of path.split('.')) {
      const child = own(node[key] as Record<string, unknown>)
      node[key] = child
      node = child
    }
    node.value = Array.isArray(value) ? [...(value as unknown[])] : value
    node.source = `user override (was: ${String(node.source)})`
  }
  return copy as unknown as EnergyParameters
}
