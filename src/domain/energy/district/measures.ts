/**
 * The measures of a scenario resolved to numbers: each measure's parameters from the scenario
 * spec where given, else from `params.measures`. One table names the parameters each measure
 * reads; bits and cost slots follow the order of `MEASURE_IDS`.
 */
import type { EnergyParameters } from '../parameters'
import { expandMeasures, MEASURE_IDS } from '../scenario'
import type { MeasureId, Scenario } from '../scenario'

type Parts = EnergyParameters['measures']
type PartId = keyof Parts

/** Field of a resolved measure → parameter name in `parameters.json` → `measures.<id>`. */
const FIELDS = {
  wall: {
    u: 'u_W_m2K',
    dU: 'thermal_bridge_W_m2K',
    cost: 'cost_eur_per_m2',
    life: 'lifetime_years',
  },
  roof: { u: 'u_W_m2K', cost: 'cost_eur_per_m2', life: 'lifetime_years' },
  windows: {
    u: 'u_W_m2K',
    g: 'g_window',
    n: 'air_change_per_h',
    cost: 'cost_eur_per_m2',
    life: 'lifetime_years',
  },
  basement: { u: 'u_W_m2K', cost: 'cost_eur_per_m2', life: 'lifetime_years' },
  heat_pump: {
    etaH: 'efficiency_heating',
    etaD: 'efficiency_dhw',
    cost: 'cost_eur_per_kW',
    life: 'lifetime_years',
  },
  dh_upgrade: {
    etaH: 'efficiency_heating',
    etaD: 'efficiency_dhw',
    cost: 'cost_eur_per_m2',
    life: 'lifetime_years',
  },
  mvhr: {
    hr: 'heat_recovery',
    fan: 'fan_Wh_per_m3',
    cost: 'cost_eur_per_m2',
    life: 'lifetime_years',
  },
  pv: {
    kwpPerM2: 'kWp_per_m2_roof',
    selfShare: 'self_consumption_share',
    cost: 'cost_eur_per_kWp',
    life: 'lifetime_years',
  },
} as const satisfies {
  readonly [K in PartId]: Readonly<Record<string, Exclude<keyof Parts[K], 'label'>>>
}

/** Per measure: its resolved numbers, or null when the scenario does not include it. */
export type ResolvedMeasures = {
  readonly [K in PartId]: { readonly [F in keyof (typeof FIELDS)[K]]: number } | null
}

/** Measure specs of a scenario (`envelope` expanded): measure id → parameter overrides. */
export type MeasureSpecs = ReadonlyMap<string, Readonly<Record<string, number>>>

/** The specs of `scenario`'s measures, `envelope` expanded into its parts. */
export function measureSpecsOf(scenario: Scenario): MeasureSpecs {
  const specs = new Map<string, Readonly<Record<string, number>>>()
  for (const [id, spec] of expandMeasures(scenario)) specs.set(id, spec.params)
  return specs
}

export function resolveMeasures(params: EnergyParameters, specs: MeasureSpecs): ResolvedMeasures {
  const resolved: Record<string, Record<string, number> | null> = {}
  for (const id of Object.keys(FIELDS) as PartId[]) {
    const spec = specs.get(id)
    if (spec === undefined) {
      resolved[id] = null
      continue
    }
    const defaults = params.measures[id] as unknown as Readonly<Record<string, { value: number }>>
    const fields: Record<string, number> = {}
    for (const [field, name] of Object.entries(FIELDS[id])) {
      fields[field] = spec[name] ?? defaults[name]?.value ?? 0
    }
    resolved[id] = fields
  }
  return resolved as unknown as ResolvedMeasures
}

/** Bit of each measure in an applied-measure mask: `1 << index in MEASURE_IDS`. */
export const MEASURE_BIT = Object.fromEntries(MEASURE_IDS.map((id, k) => [id, 1 << k])) as Readonly<
  Record<MeasureId, number>
>

/** Index of each measure in `MEASURE_IDS` (its slot in per-measure cost arrays). */
export const MEASURE_INDEX = Object.fromEntries(MEASURE_IDS.map((id, k) => [id, k])) as Readonly<
  Record<MeasureId, number>
>

/** Measures that change the heat balance itself (the others leave the heating need alone). */
export const THERMAL_MEASURES =
  MEASURE_BIT.wall |
  MEASURE_BIT.roof |
  MEASURE_BIT.windows |
  MEASURE_BIT.basement |
  MEASURE_BIT.mvhr
