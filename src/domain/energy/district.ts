/**
 * District-scale engine. `prepareDistrict` turns building inputs into struct-of-arrays columns
 * once (envelope areas by element and orientation, solar aperture per month, archetype and
 * system indices); `evaluateScenario` then runs the monthly method (`monthly.ts`, same
 * arithmetic) for every building in tight loops over those columns, fast enough to follow a
 * slider over 100,000 buildings. Results are typed arrays in building order plus totals;
 * `buildingResult` materialises one building as a plain object for the inspector and the CLI.
 */
import type { HeatingSystem } from '../buildings/types'

import { classBoundsKWhPerM2Year, classLabel, NOT_RATED } from './classes'
import type { EnergyClass } from './classes'
import { ORIENTATIONS } from './envelope'
import type { Orientation } from './envelope'
import type { BuildingInput } from './input'
import type { CarrierId, ClassRow, EnergyParameters } from './parameters'
import { expandMeasures, MEASURE_IDS } from './scenario'
import type { BuildingFilter, MeasureId, Scenario } from './scenario'

/** Heating-system codes of `PreparedDistrict.heating`. */
export const HEATING_SYSTEMS: readonly HeatingSystem[] = [
  'gas_boiler',
  'district_heating',
  'heat_pump',
  'other',
]

/** Carrier codes used in per-carrier arrays. */
export const CARRIERS: readonly CarrierId[] = ['gas', 'electricity', 'district_heat']
const GAS = 0
const EL = 1
const DH = 2

/**
 * Parameter paths read by `prepareDistrict` (geometry and defaults baked into the columns):
 * after overriding one of these, prepare again. Everything else is read by `evaluateScenario`.
 */
export const PREPARE_PARAMETER_PATHS: readonly string[] = [
  'district.',
  'geometry.window_to_wall_ratio',
  'geometry.ref_area_to_gross_area',
  'geometry.ventilated_height_m',
  'climate.irradiance_W_m2',
  'archetypes.*.year_from',
  'archetypes.*.year_to',
]

/** True when overriding `path` requires `prepareDistrict` to run again. */
export function needsPrepare(path: string): boolean {
  return PREPARE_PARAMETER_PATHS.some((p) => {
    if (p.includes('*')) {
      const [head, tail] = p.split('*')
      return path.startsWith(head ?? '') && path.endsWith(tail ?? '')
    }
    return p.endsWith('.') ? path.startsWith(p) : path === p
  })
}

/** Geometry and attributes of every building, one typed-array column per quantity. */
export interface PreparedDistrict {
  readonly count: number
  readonly ids: readonly string[]
  readonly indexById: ReadonlyMap<string, number>
  /** Distinct `building=*` values; `typeCode[i]` indexes this. */
  readonly typeNames: readonly string[]
  readonly typeCode: Uint16Array
  /** 1 = residential (rated on the apartment-block scale), 0 = non-residential (not rated). */
  readonly residential: Uint8Array
  /** Construction year, district default where unknown. */
  readonly year: Int16Array
  /** 1 where the year came from the data, 0 where the district default was used. */
  readonly yearKnown: Uint8Array
  readonly levels: Uint16Array
  readonly heightM: Float64Array
  /** Index into `HEATING_SYSTEMS`, district default where unknown. */
  readonly heating: Uint8Array
  readonly heatingKnown: Uint8Array
  /** 1 = thermally rehabilitated: envelope measures at their default U-values are in place. */
  readonly rehabilitated: Uint8Array
  /** Archetype ids; `archetype[i]` indexes this. */
  readonly archetypeIds: readonly string[]
  readonly archetype: Uint8Array
  /** Dwellings (given, or heated area ÷ area per flat, ≥ 1); 0 for non-residential. */
  readonly flats: Float64Array
  /** Reference (heated) floor area, m². */
  readonly refAreaM2: Float64Array
  readonly footprintM2: Float64Array
  readonly perimeterM: Float64Array
  /** Gross facade = perimeter × height, m². */
  readonly facadeM2: Float64Array
  readonly opaqueWallM2: Float64Array
  readonly windowM2: Float64Array
  readonly roofM2: Float64Array
  /** Floor over the unheated basement, m². */
  readonly floorM2: Float64Array
  /** Ventilated volume, m³. */
  readonly volumeM3: Float64Array
  /** Gross facade per orientation, m², `count × 8` (order of `ORIENTATIONS`). */
  readonly facadeByOrientationM2: Float64Array
  /** Σ window area × monthly irradiance over orientations, W, `count × 12` (before g, F_F, F_sh). */
  readonly solarApertureW: Float64Array
  /** The parameters the columns were prepared with. */
  readonly params: EnergyParameters
}

const IRR_KEYS = ORIENTATIONS

function archetypeIndexForYear(
  params: EnergyParameters,
  ids: readonly string[],
  y: number,
): number {
  let best = ids.length - 1
  for (let a = 0; a < ids.length; a++) {
    const arch = params.archetypes[ids[a] ?? '']
    if (!arch) continue
    if (y >= arch.year_from.value && y <= arch.year_to.value) return a
    if (a === 0 && y < arch.year_from.value) best = 0
  }
  return best
}

/**
 * Precompute the columns for `buildings` (in order). Nulls are resolved from the district
 * defaults of `params` (year → archetype, heating, flats). Pure; O(buildings × ring points).
 */
export function prepareDistrict(
  buildings: readonly BuildingInput[],
  params: EnergyParameters,
): PreparedDistrict {
  const n = buildings.length
  const archetypeIds = Object.keys(params.archetypes)
  const typeNames: string[] = []
  const typeIndex = new Map<string, number>()
  const indexById = new Map<string, number>()
  const cols = {
    typeCode: new Uint16Array(n),
    residential: new Uint8Array(n),
    year: new Int16Array(n),
    yearKnown: new Uint8Array(n),
    levels: new Uint16Array(n),
    heightM: new Float64Array(n),
    heating: new Uint8Array(n),
    heatingKnown: new Uint8Array(n),
    rehabilitated: new Uint8Array(n),
    archetype: new Uint8Array(n),
    flats: new Float64Array(n),
    refAreaM2: new Float64Array(n),
    footprintM2: new Float64Array(n),
    perimeterM: new Float64Array(n),
    facadeM2: new Float64Array(n),
    opaqueWallM2: new Float64Array(n),
    windowM2: new Float64Array(n),
    roofM2: new Float64Array(n),
    floorM2: new Float64Array(n),
    volumeM3: new Float64Array(n),
    facadeByOrientationM2: new Float64Array(n * 8),
    solarApertureW: new Float64Array(n * 12),
  }
  const wwr = params.geometry.window_to_wall_ratio.value
  const refRatio = params.geometry.ref_area_to_gross_area.value
  const ventH = params.geometry.ventilated_height_m.value
  const perFlat = params.district.area_per_flat_m2.value
  const defaultYear = params.district.default_year.value
  const defaultHeating = Math.max(
    0,
    HEATING_SYSTEMS.indexOf(params.district.default_heating.value as HeatingSystem),
  )
  const irr = params.climate.irradiance_W_m2.value
  const ids: string[] = []
  for (let i = 0; i < n; i++) {
    const b = buildings[i]
    if (!b) continue
    const env = b.envelope
    ids.push(b.id)
    indexById.set(b.id, i)
    let t = typeIndex.get(b.type)
    if (t === undefined) {
      t = typeNames.length
      typeNames.push(b.type)
      typeIndex.set(b.type, t)
    }
    cols.typeCode[i] = t
    cols.residential[i] = b.use === 'residential' ? 1 : 0
    const y = b.year ?? defaultYear
    cols.year[i] = y
    cols.yearKnown[i] = b.year === null ? 0 : 1
    cols.archetype[i] = archetypeIndexForYear(params, archetypeIds, y)
    cols.levels[i] = env.levels
    cols.heightM[i] = env.heightM
    const h = b.heating === null ? -1 : HEATING_SYSTEMS.indexOf(b.heating)
    cols.heating[i] = h < 0 ? defaultHeating : h
    cols.heatingKnown[i] = h < 0 ? 0 : 1
    cols.rehabilitated[i] = b.rehabilitated === null ? 0 : 1
    // A_ref: the dataset's heated area where given, else 0.8 × gross floor area (D).
    const aRef = b.heatedAreaM2 > 0 ? b.heatedAreaM2 : refRatio * env.grossFloorM2
    cols.refAreaM2[i] = aRef
    cols.flats[i] =
      b.use !== 'residential' ? 0 : (b.flats ?? Math.max(1, Math.round(aRef / perFlat)))
    cols.footprintM2[i] = env.footprintM2
    cols.perimeterM[i] = env.perimeterM
    cols.facadeM2[i] = env.facadeM2
    cols.windowM2[i] = wwr * env.facadeM2
    cols.opaqueWallM2[i] = (1 - wwr) * env.facadeM2
    cols.roofM2[i] = env.roofM2
    cols.floorM2[i] = env.floorM2
    cols.volumeM3[i] = ventH * aRef
    for (let o = 0; o < 8; o++) {
      const facade = env.facadeByOrientationM2[o] ?? 0
      cols.facadeByOrientationM2[i * 8 + o] = facade
      const series = irr[IRR_KEYS[o] ?? 'N']
      for (let m = 0; m < 12; m++) {
        cols.solarApertureW[i * 12 + m] =
          (cols.solarApertureW[i * 12 + m] ?? 0) + wwr * facade * (series[m] ?? 0)
      }
    }
  }
  return { count: n, ids, indexById, typeNames, archetypeIds, params, ...cols }
}

/** Per-building results of one state (before or after), typed arrays in building order. */
export interface StateArrays {
  /** Useful space-heating need, kWh/(m²·a) of reference area. */
  readonly heatingNeedKWhPerM2Year: Float64Array
  /** Delivered energy (heating + DHW + lighting + fans, before PV), kWh/(m²·a). */
  readonly deliveredKWhPerM2Year: Float64Array
  /** Total primary energy, net of PV, kWh/(m²·a) (Mc 001-2022 fP,tot [S2]). */
  readonly primaryKWhPerM2Year: Float64Array
  /** CO2 = delivered × fP,tot × fCO2 (Mc 001-2022 rel. 5.4b [S2]), kg/(m²·a). */
  readonly co2KgPerM2Year: Float64Array
  /** Expected energy bill (prebound factor on space heating), EUR/a per building. */
  readonly billEurPerYear: Float64Array
  /** 0 = A+ … 7 = G (`ENERGY_CLASS_LABELS`), `NOT_RATED` for non-residential. */
  readonly classIndex: Uint8Array
  /** Delivered energy per carrier (`CARRIERS` order), kWh/a per building, `count × 3`; electricity net of PV. */
  readonly deliveredByCarrierKWhPerYear: Float64Array
  /** PV generation, kWh/a per building. */
  readonly pvKWhPerYear: Float64Array
}

/** District sums of one state. */
export interface StateTotals {
  readonly heatingNeedMWhPerYear: number
  readonly deliveredMWhPerYear: number
  /** Electricity is net of PV (may be negative). */
  readonly deliveredByCarrierMWhPerYear: Readonly<Record<CarrierId, number>>
  readonly pvMWhPerYear: number
  readonly primaryMWhPerYear: number
  readonly co2TonnesPerYear: number
  readonly billEurPerYear: number
  /** Buildings per class, index as `ENERGY_CLASS_LABELS`. */
  readonly classCounts: readonly number[]
  readonly notRated: number
}

/** District totals of a scenario. */
export interface DistrictTotals {
  readonly buildings: number
  readonly selectedBuildings: number
  /** Selected buildings where at least one measure applied. */
  readonly retrofittedBuildings: number
  readonly heatedAreaM2: number
  readonly flats: number
  readonly retrofittedFlats: number
  readonly before: StateTotals
  readonly after: StateTotals
  readonly investmentEur: number
  readonly billSavingEurPerYear: number
  /** Investment ÷ annual bill saving, years; null when nothing is saved. */
  readonly paybackYears: number | null
  readonly investmentPerFlatEur: number | null
  readonly billSavingPerFlatEurPerYear: number | null
  readonly heatingNeedSavingPct: number
  readonly primarySavingPct: number
  readonly co2SavingPct: number
}

/** District state in one year of a rollout (cumulative). */
export interface YearTotals {
  readonly year: number
  readonly retrofittedBuildings: number
  readonly investmentEur: number
  readonly heatingNeedMWhPerYear: number
  readonly primaryMWhPerYear: number
  readonly co2TonnesPerYear: number
  readonly billEurPerYear: number
}

/** The evaluated scenario. Arrays of `before` are shared between evaluations: do not mutate. */
export interface ScenarioResult {
  readonly scenario: Scenario
  readonly params: EnergyParameters
  /** Threshold row the classes were read against, and its bounds (A+ … F), kWh/(m²·a). */
  readonly classRow: ClassRow
  readonly classBoundsKWhPerM2Year: readonly number[]
  readonly before: StateArrays
  readonly after: StateArrays
  /** 1 where the scenario selects the building. */
  readonly selected: Uint8Array
  /** Bit `k` set where `MEASURE_IDS[k]` changed the building. */
  readonly appliedMask: Uint16Array
  /** Rollout year of the building's retrofit, 0 when not retrofitted. */
  readonly retrofitYear: Uint16Array
  readonly costEur: Float64Array
  readonly billSavingEurPerYear: Float64Array
  /** Cost ÷ bill saving, years; `Infinity` where nothing is saved, 0 where nothing is spent. */
  readonly paybackYears: Float64Array
  readonly totals: DistrictTotals
  /** One entry per rollout year; empty without a rollout. */
  readonly byYear: readonly YearTotals[]
}

/* ------------------------------------------------------------------ kernel constants */

interface Kernel {
  readonly dT: Float64Array
  readonly hours: Float64Array
  readonly designDT: number
  readonly phiInt: number
  readonly gFactor: number
  readonly cm: number
  readonly aH0: number
  readonly tauH0: number
  readonly gammaMax: number
  readonly cAir: number
  readonly bRoof: number
  readonly bFloor: number
  readonly dhw: number
  readonly lighting: number
  readonly prebound: number
  readonly fPGas: number
  readonly fPEl: number
  readonly fPDh: number
  readonly fCO2Gas: number
  readonly fCO2El: number
  readonly fCO2Dh: number
  readonly priceEur: Float64Array
  readonly pvExportEur: number
  readonly pvYield: number
  readonly row: ClassRow
  readonly bounds: Float64Array
  readonly boundsVent: Float64Array
  readonly arch: {
    uWall: Float64Array
    uRoof: Float64Array
    uWin: Float64Array
    uFloor: Float64Array
    dU: Float64Array
    n: Float64Array
    g: Float64Array
  }
  /** By `HEATING_SYSTEMS` index. */
  readonly sysEtaH: Float64Array
  readonly sysEtaD: Float64Array
  readonly sysCarrier: Uint8Array
  /** Envelope state of a rehabilitated building: the measures' default values. */
  readonly rehab: ResolvedMeasures
}

function kernelOf(params: EnergyParameters): Kernel {
  const c = params.climate
  const dT = new Float64Array(12)
  const hours = new Float64Array(12)
  for (let m = 0; m < 12; m++) {
    dT[m] =
      c.indoor_setpoint_C.value - (c.monthly_mean_temp_C.value[m] ?? c.indoor_setpoint_C.value)
    hours[m] = (c.days_per_month.value[m] ?? 0) * 24
  }
  const ids = Object.keys(params.archetypes)
  const col = (f: (a: EnergyParameters['archetypes'][string]) => number) =>
    Float64Array.from(ids, (id) => {
      const a = params.archetypes[id]
      return a ? f(a) : 0
    })
  const sysOf = (h: HeatingSystem) => {
    const s = params.systems[params.heating_to_system[h]]
    if (!s) throw new RangeError(`heating_to_system.${h}: unknown system`)
    return s
  }
  const row = params.energy_classes.active_row.value
  return {
    dT,
    hours,
    designDT: c.indoor_setpoint_C.value - c.design_outdoor_temp_C.value,
    phiInt: params.gains.internal_gains_W_m2.value,
    gFactor: params.gains.frame_factor.value * params.gains.shading_factor.value,
    cm: params.gains.heat_capacity_Wh_m2K.value,
    aH0: params.gains.utilisation_a_H0.value,
    tauH0: params.gains.utilisation_tau_H0_h.value,
    gammaMax: params.gains.utilisation_gamma_max.value,
    cAir: params.gains.air_heat_capacity_Wh_m3K.value,
    bRoof: params.geometry.b_roof.value,
    bFloor: params.geometry.b_floor_over_basement.value,
    dhw: params.use.dhw_useful_kWh_m2a.value,
    lighting: params.use.lighting_kWh_m2a.value,
    prebound: params.use.prebound_factor.value,
    fPGas: params.carriers.gas.primary_factor.value,
    fPEl: params.carriers.electricity.primary_factor.value,
    fPDh: params.carriers.district_heat.primary_factor.value,
    fCO2Gas: params.carriers.gas.co2_kg_per_kWh_primary.value,
    fCO2El: params.carriers.electricity.co2_kg_per_kWh_primary.value,
    fCO2Dh: params.carriers.district_heat.co2_kg_per_kWh_primary.value,
    priceEur: Float64Array.from(
      CARRIERS,
      (k) => params.carriers[k].price_lei_per_kWh.value / params.prices.eur_ron.value,
    ),
    pvExportEur: params.prices.pv_export_lei_per_kWh.value / params.prices.eur_ron.value,
    pvYield: c.pv_specific_yield_kWh_per_kWp.value,
    row,
    bounds: Float64Array.from(classBoundsKWhPerM2Year(params, row, false)),
    boundsVent: Float64Array.from(classBoundsKWhPerM2Year(params, row, true)),
    arch: {
      uWall: col((a) => a.u_wall_W_m2K.value),
      uRoof: col((a) => a.u_roof_W_m2K.value),
      uWin: col((a) => a.u_window_W_m2K.value),
      uFloor: col((a) => a.u_floor_W_m2K.value),
      dU: col((a) => a.thermal_bridge_W_m2K.value),
      n: col((a) => a.air_change_per_h.value),
      g: col((a) => a.g_window.value),
    },
    sysEtaH: Float64Array.from(HEATING_SYSTEMS, (h) => sysOf(h).efficiency_heating.value),
    sysEtaD: Float64Array.from(HEATING_SYSTEMS, (h) => sysOf(h).efficiency_dhw.value),
    sysCarrier: Uint8Array.from(HEATING_SYSTEMS, (h) => CARRIERS.indexOf(sysOf(h).carrier)),
    rehab: resolveMeasures(
      params,
      new Map(['wall', 'roof', 'windows', 'basement'].map((id) => [id, {}])),
    ),
  }
}

/* ------------------------------------------------------------------ measures */

interface ResolvedMeasures {
  wall: { u: number; dU: number; cost: number; life: number } | null
  roof: { u: number; cost: number; life: number } | null
  windows: { u: number; g: number; n: number; cost: number; life: number } | null
  basement: { u: number; cost: number; life: number } | null
  heat_pump: { etaH: number; etaD: number; cost: number; life: number } | null
  dh_upgrade: { etaH: number; etaD: number; cost: number; life: number } | null
  mvhr: { hr: number; fan: number; cost: number; life: number } | null
  pv: { kwpPerM2: number; cost: number; life: number } | null
}

function resolveMeasures(
  params: EnergyParameters,
  specs: ReadonlyMap<string, Readonly<Record<string, number>>>,
): ResolvedMeasures {
  const M = params.measures
  const v = (id: string, name: string, fallback: number): number =>
    specs.get(id)?.[name] ?? fallback
  const on = (id: string) => specs.has(id)
  return {
    wall: on('wall')
      ? {
          u: v('wall', 'u_W_m2K', M.wall.u_W_m2K.value),
          dU: v('wall', 'thermal_bridge_W_m2K', M.wall.thermal_bridge_W_m2K.value),
          cost: v('wall', 'cost_eur_per_m2', M.wall.cost_eur_per_m2.value),
          life: v('wall', 'lifetime_years', M.wall.lifetime_years.value),
        }
      : null,
    roof: on('roof')
      ? {
          u: v('roof', 'u_W_m2K', M.roof.u_W_m2K.value),
          cost: v('roof', 'cost_eur_per_m2', M.roof.cost_eur_per_m2.value),
          life: v('roof', 'lifetime_years', M.roof.lifetime_years.value),
        }
      : null,
    windows: on('windows')
      ? {
          u: v('windows', 'u_W_m2K', M.windows.u_W_m2K.value),
          g: v('windows', 'g_window', M.windows.g_window.value),
          n: v('windows', 'air_change_per_h', M.windows.air_change_per_h.value),
          cost: v('windows', 'cost_eur_per_m2', M.windows.cost_eur_per_m2.value),
          life: v('windows', 'lifetime_years', M.windows.lifetime_years.value),
        }
      : null,
    basement: on('basement')
      ? {
          u: v('basement', 'u_W_m2K', M.basement.u_W_m2K.value),
          cost: v('basement', 'cost_eur_per_m2', M.basement.cost_eur_per_m2.value),
          life: v('basement', 'lifetime_years', M.basement.lifetime_years.value),
        }
      : null,
    heat_pump: on('heat_pump')
      ? {
          etaH: v('heat_pump', 'efficiency_heating', M.heat_pump.efficiency_heating.value),
          etaD: v('heat_pump', 'efficiency_dhw', M.heat_pump.efficiency_dhw.value),
          cost: v('heat_pump', 'cost_eur_per_kW', M.heat_pump.cost_eur_per_kW.value),
          life: v('heat_pump', 'lifetime_years', M.heat_pump.lifetime_years.value),
        }
      : null,
    dh_upgrade: on('dh_upgrade')
      ? {
          etaH: v('dh_upgrade', 'efficiency_heating', M.dh_upgrade.efficiency_heating.value),
          etaD: v('dh_upgrade', 'efficiency_dhw', M.dh_upgrade.efficiency_dhw.value),
          cost: v('dh_upgrade', 'cost_eur_per_m2', M.dh_upgrade.cost_eur_per_m2.value),
          life: v('dh_upgrade', 'lifetime_years', M.dh_upgrade.lifetime_years.value),
        }
      : null,
    mvhr: on('mvhr')
      ? {
          hr: v('mvhr', 'heat_recovery', M.mvhr.heat_recovery.value),
          fan: v('mvhr', 'fan_Wh_per_m3', M.mvhr.fan_Wh_per_m3.value),
          cost: v('mvhr', 'cost_eur_per_m2', M.mvhr.cost_eur_per_m2.value),
          life: v('mvhr', 'lifetime_years', M.mvhr.lifetime_years.value),
        }
      : null,
    pv: on('pv')
      ? {
          kwpPerM2: v('pv', 'kWp_per_m2_roof', M.pv.kWp_per_m2_roof.value),
          cost: v('pv', 'cost_eur_per_kWp', M.pv.cost_eur_per_kWp.value),
          life: v('pv', 'lifetime_years', M.pv.lifetime_years.value),
        }
      : null,
  }
}

/** Mutable physical state of one building, reused across the loop. */
interface PhysState {
  uWall: number
  uRoof: number
  uWin: number
  uFloor: number
  dU: number
  n: number
  g: number
  hr: number
  fan: number
  etaH: number
  etaD: number
  carrier: number
  pvKwp: number
  /** Σ cost of the measures the last `applyMeasures` applied, EUR (in `MEASURE_IDS` order). */
  cost: number
}

const newState = (): PhysState => ({
  uWall: 0,
  uRoof: 0,
  uWin: 0,
  uFloor: 0,
  dU: 0,
  n: 0,
  g: 0,
  hr: 0,
  fan: 0,
  etaH: 1,
  etaD: 1,
  carrier: 0,
  pvKwp: 0,
  cost: 0,
})

const BIT: Readonly<Record<MeasureId, number>> = Object.fromEntries(
  MEASURE_IDS.map((id, k) => [id, 1 << k]),
) as Record<MeasureId, number>

/** Measure bits (index in `MEASURE_IDS`) that change the heat balance itself. */
const THERMAL_MEASURES = 1 | 2 | 4 | 8 | 128 // wall, roof, windows, basement, mvhr

/** Baseline state: archetype, rehabilitation, heating system. */
function baselineState(p: PreparedDistrict, i: number, k: Kernel, s: PhysState): void {
  const a = p.archetype[i] ?? 0
  s.uWall = k.arch.uWall[a] ?? 0
  s.uRoof = k.arch.uRoof[a] ?? 0
  s.uWin = k.arch.uWin[a] ?? 0
  s.uFloor = k.arch.uFloor[a] ?? 0
  s.dU = k.arch.dU[a] ?? 0
  s.n = k.arch.n[a] ?? 0
  s.g = k.arch.g[a] ?? 0
  s.hr = 0
  s.fan = 0
  s.pvKwp = 0
  const h = p.heating[i] ?? 0
  s.etaH = k.sysEtaH[h] ?? 1
  s.etaD = k.sysEtaD[h] ?? 1
  s.carrier = k.sysCarrier[h] ?? GAS
  if (p.rehabilitated[i] === 1) applyMeasures(p, i, k, k.rehab, s, null)
}

function transmissionAndVentilation(
  p: PreparedDistrict,
  i: number,
  k: Kernel,
  s: PhysState,
): number {
  const aOp = p.opaqueWallM2[i] ?? 0
  const aWin = p.windowM2[i] ?? 0
  const aRoof = (p.roofM2[i] ?? 0) * k.bRoof
  const aFloor = (p.floorM2[i] ?? 0) * k.bFloor
  // H_tr = Σ U·A·b + ΔU·Σ A·b; H_ve = ρc·n·V·(1 − η_hr) (energy-evidence §7.1, [S5]).
  const hTr =
    s.uWall * aOp +
    s.uWin * aWin +
    s.uRoof * aRoof +
    s.uFloor * aFloor +
    s.dU * (aOp + aWin + aRoof + aFloor)
  return hTr + k.cAir * s.n * (p.volumeM3[i] ?? 0) * (1 - s.hr)
}

/**
 * Apply measures to state `s` of building `i`: each changes physical inputs only where it
 * improves them (an already better element is left alone and costs nothing). Returns the
 * applied-measure bit mask; `costs` (by `MEASURE_IDS` index) receives each measure's cost.
 */
function applyMeasures(
  p: PreparedDistrict,
  i: number,
  k: Kernel,
  m: ResolvedMeasures,
  s: PhysState,
  costs: Float64Array | null,
): number {
  let mask = 0
  // Costs by `MEASURE_IDS` index, summed in that order below. No closures here: this runs
  // once per building per evaluation.
  let c0 = 0
  let c1 = 0
  let c2 = 0
  let c3 = 0
  let c5 = 0
  let c6 = 0
  let c7 = 0
  let c8 = 0
  const wall = m.wall
  if (wall !== null && wall.u < s.uWall) {
    mask |= 1 // wall
    c0 = (p.opaqueWallM2[i] ?? 0) * wall.cost
    s.uWall = wall.u
    s.dU = Math.min(s.dU, wall.dU)
  }
  const roof = m.roof
  if (roof !== null && roof.u < s.uRoof) {
    mask |= 2 // roof
    c1 = (p.roofM2[i] ?? 0) * roof.cost
    s.uRoof = roof.u
  }
  const windows = m.windows
  if (windows !== null && windows.u < s.uWin) {
    mask |= 4 // windows
    c2 = (p.windowM2[i] ?? 0) * windows.cost
    s.uWin = windows.u
    s.g = windows.g
    s.n = Math.min(s.n, windows.n)
  }
  const basement = m.basement
  if (basement !== null && basement.u < s.uFloor) {
    mask |= 8 // basement
    c3 = (p.floorM2[i] ?? 0) * basement.cost
    s.uFloor = basement.u
  }
  const mvhr = m.mvhr
  if (mvhr !== null && mvhr.hr > s.hr) {
    mask |= 128 // mvhr
    c7 = (p.refAreaM2[i] ?? 0) * mvhr.cost
    s.hr = mvhr.hr
    s.fan = mvhr.fan
  }
  // With both heat-source measures, district-heated blocks are upgraded and the others get
  // heat pumps; dh_upgrade alone touches only district-heated blocks.
  const dh = m.dh_upgrade
  const hp = m.heat_pump
  if (dh !== null && s.carrier === DH && s.etaH < dh.etaH) {
    mask |= 64 // dh_upgrade
    c6 = (p.refAreaM2[i] ?? 0) * dh.cost
    s.etaH = dh.etaH
    s.etaD = dh.etaD
  } else if (
    hp !== null &&
    !(s.carrier === EL && s.etaH >= hp.etaH) &&
    !(dh !== null && s.carrier === DH)
  ) {
    // Sized on the design load after the envelope measures: H × (θi − θe,design [S8]).
    const designKW = (transmissionAndVentilation(p, i, k, s) * k.designDT) / 1000
    mask |= 32 // heat_pump
    c5 = designKW * hp.cost
    s.carrier = EL
    s.etaH = hp.etaH
    s.etaD = hp.etaD
  }
  const pv = m.pv
  if (pv !== null) {
    const kwp = pv.kwpPerM2 * (p.roofM2[i] ?? 0)
    if (kwp > s.pvKwp) {
      mask |= 256 // pv
      c8 = (kwp - s.pvKwp) * pv.cost
      s.pvKwp = kwp
    }
  }
  // The same sum, in the same order, as Σ costs[c] over all `MEASURE_IDS` (unapplied = 0).
  s.cost = c0 + c1 + c2 + c3 + c5 + c6 + c7 + c8
  if (costs !== null) {
    costs[0] = c0
    costs[1] = c1
    costs[2] = c2
    costs[3] = c3
    costs[5] = c5
    costs[6] = c6
    costs[7] = c7
    costs[8] = c8
  }
  return mask
}

/** Scratch outputs of `physics`. */
interface Outcome {
  needKWh: number
  deliveredKWh: number
  dGas: number
  dEl: number
  dDh: number
  pvKWh: number
  primaryKWh: number
  co2Kg: number
  billEur: number
  classIndex: number
}

const newOutcome = (): Outcome => ({
  needKWh: 0,
  deliveredKWh: 0,
  dGas: 0,
  dEl: 0,
  dDh: 0,
  pvKWh: 0,
  primaryKWh: 0,
  co2Kg: 0,
  billEur: 0,
  classIndex: 0,
})

/** Scratch months of `heatingNeedKWh` (module-level: the engine is synchronous). */
const LOSS_W = new Float64Array(12)
const GAMMA = new Float64Array(12)
const GAMMA_A = new Float64Array(12)

/**
 * Σ months of Q_H,nd, kWh/a: the monthly method of `monthlyHeatingNeed`, written for speed.
 * γ^a is exp(a·ln γ) (about twice as fast as Math.pow in V8), and the months run in passes —
 * γ for all twelve, then every ln, then every exp, then the balance — so that the
 * transcendental calls are independent of each other and pipeline (about 1.5× faster than
 * one pass with the same arithmetic, and bit-identical to it).
 */
function heatingNeedKWh(p: PreparedDistrict, i: number, k: Kernel, s: PhysState, o: Outcome): void {
  const aRef = p.refAreaM2[i] ?? 0
  const h = transmissionAndVentilation(p, i, k, s)
  // τ = C_m / H; a = a_H,0 + τ / τ_H,0 (EN ISO 13790 [S38]).
  const a = k.aH0 + (k.cm * aRef) / h / k.tauH0
  const qInt = k.phiInt * aRef
  const gEff = s.g * k.gFactor
  const dT = k.dT
  const hours = k.hours
  const sol = p.solarApertureW
  const gammaMax = k.gammaMax
  const base = i * 12
  const lossW = LOSS_W
  const gamma = GAMMA
  const ga = GAMMA_A
  for (let m = 0; m < 12; m++) {
    const l = h * (dT[m] ?? 0)
    lossW[m] = l
    gamma[m] = (qInt + gEff * (sol[base + m] ?? 0)) / l
  }
  // ln γ where the month has a need (Mc 001 Fig. 2.18 [S5]: none above γ_max), else ln 1.
  for (let m = 0; m < 12; m++) {
    const g = gamma[m] ?? 0
    ga[m] = Math.log((lossW[m] ?? 0) > 0 && g <= gammaMax ? g : 1)
  }
  for (let m = 0; m < 12; m++) ga[m] = Math.exp(a * (ga[m] ?? 0))
  let needWh = 0
  for (let m = 0; m < 12; m++) {
    const l = lossW[m] ?? 0
    if (l <= 0) continue
    const g = gamma[m] ?? 0
    if (g > gammaMax) continue
    const gainW = qInt + gEff * (sol[base + m] ?? 0)
    let eta: number
    if (Math.abs(g - 1) < 1e-9) eta = a / (a + 1)
    else {
      const gam = ga[m] ?? 0
      eta = (1 - gam) / (1 - gam * g)
    }
    const q = (l - eta * gainW) * (hours[m] ?? 0)
    if (q > 0) needWh += q
  }
  o.needKWh = needWh / 1000
}

/** The monthly method (same arithmetic as `monthlyHeatingNeed`) and the carrier balance. */
function physics(
  p: PreparedDistrict,
  i: number,
  k: Kernel,
  s: PhysState,
  o: Outcome,
  knownNeedKWhPerM2Year: Float64Array | null,
): void {
  const aRef = p.refAreaM2[i] ?? 0
  // Doubles are passed through `o`, not as arguments or return values: these calls are not
  // inlined, and a boxed double per call is a heap allocation per building.
  if (knownNeedKWhPerM2Year === null) heatingNeedKWh(p, i, k, s, o)
  else o.needKWh = (knownNeedKWhPerM2Year[i] ?? 0) * aRef
  const need = o.needKWh
  const heatDel = need / s.etaH
  const dhwDel = (k.dhw * aRef) / s.etaD
  const fanKWh = (s.fan * s.n * (p.volumeM3[i] ?? 0) * 8760) / 1000
  const auxEl = k.lighting * aRef + fanKWh
  const pv = s.pvKwp * k.pvYield
  // Delivered per carrier; electricity net of PV (export credited at fP, energy-evidence §6).
  const hc = heatDel + dhwDel
  const carrier = s.carrier
  const dGas = carrier === GAS ? hc : 0
  const dDh = carrier === DH ? hc : 0
  const dEl = auxEl - pv + (carrier === EL ? hc : 0)
  const peGas = dGas * k.fPGas
  const peEl = dEl * k.fPEl
  const peDh = dDh * k.fPDh
  const primary = peGas + peEl + peDh
  // CO2 = final × fP,tot × fCO2, Mc 001-2022 rel. 5.4b [S2]
  const co2 = peGas * k.fCO2Gas + peEl * k.fCO2El + peDh * k.fCO2Dh
  // Bill: space heating scaled by the prebound factor (partial heating [S33]); PV covers the
  // building's own electricity first, the rest is exported.
  const billedHeat = heatDel * k.prebound + dhwDel
  const elDemand = auxEl + (s.carrier === EL ? billedHeat : 0)
  const selfUse = Math.min(pv, elDemand)
  o.billEur =
    (s.carrier === EL ? 0 : billedHeat * (k.priceEur[s.carrier] ?? 0)) +
    (elDemand - selfUse) * (k.priceEur[EL] ?? 0) -
    (pv - selfUse) * k.pvExportEur
  o.deliveredKWh = heatDel + dhwDel + auxEl
  o.pvKWh = pv
  o.primaryKWh = primary
  o.co2Kg = co2
  o.dGas = dGas
  o.dEl = dEl
  o.dDh = dDh
  let ci = NOT_RATED
  if (p.residential[i] === 1) {
    const bounds = s.hr > 0 ? k.boundsVent : k.bounds
    const v = primary / aRef
    ci = 0
    while (ci < 7 && v > (bounds[ci] ?? Infinity)) ci++
  }
  o.classIndex = ci
}

function newStateArrays(n: number): StateArrays {
  return {
    heatingNeedKWhPerM2Year: new Float64Array(n),
    deliveredKWhPerM2Year: new Float64Array(n),
    primaryKWhPerM2Year: new Float64Array(n),
    co2KgPerM2Year: new Float64Array(n),
    billEurPerYear: new Float64Array(n),
    classIndex: new Uint8Array(n),
    deliveredByCarrierKWhPerYear: new Float64Array(n * 3),
    pvKWhPerYear: new Float64Array(n),
  }
}

function store(out: StateArrays, i: number, aRef: number, o: Outcome): void {
  out.heatingNeedKWhPerM2Year[i] = o.needKWh / aRef
  out.deliveredKWhPerM2Year[i] = o.deliveredKWh / aRef
  out.primaryKWhPerM2Year[i] = o.primaryKWh / aRef
  out.co2KgPerM2Year[i] = o.co2Kg / aRef
  out.billEurPerYear[i] = o.billEur
  out.classIndex[i] = o.classIndex
  out.deliveredByCarrierKWhPerYear[i * 3] = o.dGas
  out.deliveredByCarrierKWhPerYear[i * 3 + 1] = o.dEl
  out.deliveredByCarrierKWhPerYear[i * 3 + 2] = o.dDh
  out.pvKWhPerYear[i] = o.pvKWh
}

/** Running district sums of one state, in the units of `StateArrays` × area. */
interface Sums {
  need: number
  delivered: number
  primary: number
  co2: number
  bill: number
  pv: number
  gas: number
  el: number
  dh: number
  notRated: number
  readonly classCounts: Float64Array
}

const newSums = (): Sums => ({
  need: 0,
  delivered: 0,
  primary: 0,
  co2: 0,
  bill: 0,
  pv: 0,
  gas: 0,
  el: 0,
  dh: 0,
  notRated: 0,
  classCounts: new Float64Array(8),
})

/** Add building `i` (reference area `a`) of `s` to `t`. */
function addBuilding(t: Sums, s: StateArrays, i: number, a: number): void {
  t.need += (s.heatingNeedKWhPerM2Year[i] ?? 0) * a
  t.delivered += (s.deliveredKWhPerM2Year[i] ?? 0) * a
  t.primary += (s.primaryKWhPerM2Year[i] ?? 0) * a
  t.co2 += (s.co2KgPerM2Year[i] ?? 0) * a
  t.bill += s.billEurPerYear[i] ?? 0
  t.pv += s.pvKWhPerYear[i] ?? 0
  const c3 = i * 3
  t.gas += s.deliveredByCarrierKWhPerYear[c3] ?? 0
  t.el += s.deliveredByCarrierKWhPerYear[c3 + 1] ?? 0
  t.dh += s.deliveredByCarrierKWhPerYear[c3 + 2] ?? 0
  const ci = s.classIndex[i] ?? NOT_RATED
  if (ci < 8) t.classCounts[ci] = (t.classCounts[ci] ?? 0) + 1
  else t.notRated++
}

function totalsOfSums(t: Sums): StateTotals {
  return {
    heatingNeedMWhPerYear: t.need / 1000,
    deliveredMWhPerYear: t.delivered / 1000,
    deliveredByCarrierMWhPerYear: {
      gas: t.gas / 1000,
      electricity: t.el / 1000,
      district_heat: t.dh / 1000,
    },
    pvMWhPerYear: t.pv / 1000,
    primaryMWhPerYear: t.primary / 1000,
    co2TonnesPerYear: t.co2 / 1000,
    billEurPerYear: t.bill,
    classCounts: Array.from(t.classCounts),
    notRated: t.notRated,
  }
}

/** District sums of `s` over all buildings. */
function totalsOf(p: PreparedDistrict, s: StateArrays): StateTotals {
  const t = newSums()
  for (let i = 0; i < p.count; i++) addBuilding(t, s, i, p.refAreaM2[i] ?? 0)
  return totalsOfSums(t)
}

/** `base − minus + plus`, field by field. */
function addTotals(base: StateTotals, minus: StateTotals, plus: StateTotals): StateTotals {
  const f = (key: Exclude<keyof StateTotals, 'deliveredByCarrierMWhPerYear' | 'classCounts'>) =>
    base[key] - minus[key] + plus[key]
  const c = (key: CarrierId) =>
    base.deliveredByCarrierMWhPerYear[key] -
    minus.deliveredByCarrierMWhPerYear[key] +
    plus.deliveredByCarrierMWhPerYear[key]
  return {
    heatingNeedMWhPerYear: f('heatingNeedMWhPerYear'),
    deliveredMWhPerYear: f('deliveredMWhPerYear'),
    deliveredByCarrierMWhPerYear: {
      gas: c('gas'),
      electricity: c('electricity'),
      district_heat: c('district_heat'),
    },
    pvMWhPerYear: f('pvMWhPerYear'),
    primaryMWhPerYear: f('primaryMWhPerYear'),
    co2TonnesPerYear: f('co2TonnesPerYear'),
    billEurPerYear: f('billEurPerYear'),
    classCounts: base.classCounts.map(
      (n, k) => n - (minus.classCounts[k] ?? 0) + (plus.classCounts[k] ?? 0),
    ),
    notRated: f('notRated'),
  }
}

/* ------------------------------------------------------------------ baseline cache */

interface Baseline {
  readonly params: EnergyParameters
  readonly arrays: StateArrays
  readonly totals: StateTotals
  /** Σ reference area, m², and Σ flats over all buildings. */
  readonly heatedAreaM2: number
  readonly flats: number
}

const BASELINES = new WeakMap<PreparedDistrict, Baseline>()

/**
 * The unrenovated-or-as-is state of every building under `params` (cached per prepared
 * district and parameter object: parameters are immutable, `withOverrides` makes new ones).
 */
export function evaluateBaseline(
  prepared: PreparedDistrict,
  params: EnergyParameters,
): StateArrays {
  return baselineOf(prepared, params, kernelOf(params)).arrays
}

function baselineOf(p: PreparedDistrict, params: EnergyParameters, k: Kernel): Baseline {
  const cached = BASELINES.get(p)
  if (cached && cached.params === params) return cached
  const arrays = newStateArrays(p.count)
  const s = newState()
  const o = newOutcome()
  for (let i = 0; i < p.count; i++) {
    baselineState(p, i, k, s)
    physics(p, i, k, s, o, null)
    store(arrays, i, p.refAreaM2[i] ?? 1, o)
  }
  let area = 0
  let flats = 0
  for (let i = 0; i < p.count; i++) {
    area += p.refAreaM2[i] ?? 0
    flats += p.flats[i] ?? 0
  }
  const b: Baseline = { params, arrays, totals: totalsOf(p, arrays), heatedAreaM2: area, flats }
  BASELINES.set(p, b)
  return b
}

/* ------------------------------------------------------------------ selection */

function selectBuildings(p: PreparedDistrict, scenario: Scenario, before: StateArrays): Uint8Array {
  const sel = new Uint8Array(p.count)
  const b = scenario.buildings
  if (b === 'all') {
    sel.fill(1)
    return sel
  }
  if ('ids' in b) {
    for (const id of b.ids) {
      const i = p.indexById.get(id)
      if (i !== undefined) sel[i] = 1
    }
    return sel
  }
  const f: BuildingFilter = b.filter
  const heating = f.heating ? new Set(f.heating.map((h) => HEATING_SYSTEMS.indexOf(h))) : null
  const types = f.type
    ? new Set(f.type.map((t) => p.typeNames.indexOf(t)).filter((t) => t >= 0))
    : null
  const classes = f.class
    ? new Set(f.class.map((c) => ['A+', 'A', 'B', 'C', 'D', 'E', 'F', 'G'].indexOf(c)))
    : null
  const use = f.use ? new Set<number>(f.use.map((u) => (u === 'residential' ? 1 : 0))) : null
  for (let i = 0; i < p.count; i++) {
    const y = p.year[i] ?? 0
    const lv = p.levels[i] ?? 0
    const a = p.refAreaM2[i] ?? 0
    if (f.year_min !== undefined && y < f.year_min) continue
    if (f.year_max !== undefined && y > f.year_max) continue
    if (f.levels_min !== undefined && lv < f.levels_min) continue
    if (f.levels_max !== undefined && lv > f.levels_max) continue
    if (f.heated_area_min_m2 !== undefined && a < f.heated_area_min_m2) continue
    if (f.heated_area_max_m2 !== undefined && a > f.heated_area_max_m2) continue
    if (heating && !heating.has(p.heating[i] ?? 0)) continue
    if (types && !types.has(p.typeCode[i] ?? 0)) continue
    if (use && !use.has(p.residential[i] ?? 0)) continue
    if (f.rehabilitated !== undefined && (p.rehabilitated[i] === 1) !== f.rehabilitated) continue
    if (classes && !classes.has(before.classIndex[i] ?? NOT_RATED)) continue
    sel[i] = 1
  }
  return sel
}

/* ------------------------------------------------------------------ evaluation */

/**
 * Evaluate `scenario` over the prepared district with `params` (the scenario's own
 * `assumptions` are NOT applied here: apply them with `withOverrides` first, as the CLI does).
 * Pure apart from the baseline cache; O(buildings × 12).
 */
export function evaluateScenario(
  prepared: PreparedDistrict,
  scenario: Scenario,
  params: EnergyParameters,
): ScenarioResult {
  const p = prepared
  const n = p.count
  const k = kernelOf(params)
  const baseline = baselineOf(p, params, k)
  const before = baseline.arrays
  const specs = new Map<string, Readonly<Record<string, number>>>()
  for (const [id, spec] of expandMeasures(scenario)) specs.set(id, spec.params)
  const measures = resolveMeasures(params, specs)

  const selected = selectBuildings(p, scenario, before)
  const after = newStateArrays(n)
  const appliedMask = new Uint16Array(n)
  const costEur = new Float64Array(n)
  const billSaving = new Float64Array(n)
  const payback = new Float64Array(n)
  const s = newState()
  const o = newOutcome()
  const beforeCols = [
    before.heatingNeedKWhPerM2Year,
    before.deliveredKWhPerM2Year,
    before.primaryKWhPerM2Year,
    before.co2KgPerM2Year,
    before.billEurPerYear,
    before.pvKWhPerYear,
  ]
  const afterCols = [
    after.heatingNeedKWhPerM2Year,
    after.deliveredKWhPerM2Year,
    after.primaryKWhPerM2Year,
    after.co2KgPerM2Year,
    after.billEurPerYear,
    after.pvKWhPerYear,
  ]
  // Unselected buildings keep their baseline: bulk copy, then overwrite the selected ones.
  for (let c = 0; c < beforeCols.length; c++)
    afterCols[c]?.set(beforeCols[c] ?? new Float64Array(n))
  after.classIndex.set(before.classIndex)
  after.deliveredByCarrierKWhPerYear.set(before.deliveredByCarrierKWhPerYear)

  // Sums over the retrofitted buildings, before and after, in building order.
  const minus = newSums()
  const plus = newSums()
  let selectedN = 0
  let retrofitted = 0
  let retroFlats = 0
  let investment = 0
  const beforeNeed = before.heatingNeedKWhPerM2Year
  const beforeBill = before.billEurPerYear
  for (let i = 0; i < n; i++) {
    if (selected[i] !== 1) continue
    selectedN++
    baselineState(p, i, k, s)
    const mask = applyMeasures(p, i, k, measures, s, null)
    if (mask === 0) continue
    appliedMask[i] = mask
    const cost = s.cost
    // Heat-source and PV measures leave the heating need alone: reuse the baseline's.
    const thermal = (mask & THERMAL_MEASURES) !== 0
    const aRef = p.refAreaM2[i] ?? 0
    physics(p, i, k, s, o, thermal ? null : beforeNeed)
    store(after, i, aRef, o)
    costEur[i] = cost
    const saving = (beforeBill[i] ?? 0) - o.billEur
    billSaving[i] = saving
    payback[i] = cost <= 0 ? 0 : saving > 0 ? cost / saving : Infinity
    addBuilding(minus, before, i, aRef)
    addBuilding(plus, after, i, aRef)
    retrofitted++
    retroFlats += p.flats[i] ?? 0
    investment += cost
  }

  const retrofitYear = rolloutYears(p, scenario, appliedMask, before)
  // After = baseline totals − retrofitted buildings' before + their after (O(retrofitted)).
  const afterTotals = addTotals(baseline.totals, totalsOfSums(minus), totalsOfSums(plus))
  const totals = districtTotals(baseline, afterTotals, {
    selected: selectedN,
    retrofitted,
    retroFlats,
    investment,
  })
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
    billSavingEurPerYear: billSaving,
    paybackYears: payback,
    totals,
    byYear,
  }
}

function rolloutYears(
  p: PreparedDistrict,
  scenario: Scenario,
  mask: Uint16Array,
  before: StateArrays,
): Uint16Array {
  const years = new Uint16Array(p.count)
  const r = scenario.rollout
  if (!r) return years
  // Order: worst baseline class first (counting sort, O(n)), dataset order within a class.
  const order: number[] = []
  if (r.order === 'worst_first') {
    const buckets: number[][] = Array.from({ length: 9 }, () => [])
    for (let i = 0; i < p.count; i++) {
      if (mask[i] === 0) continue
      const c = before.classIndex[i] ?? NOT_RATED
      buckets[c < 8 ? 7 - c : 8]?.push(i)
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

function districtTotals(
  baseline: Baseline,
  after: StateTotals,
  counts: { selected: number; retrofitted: number; retroFlats: number; investment: number },
): DistrictTotals {
  const before = baseline.totals
  const { retrofitted, retroFlats, investment } = counts
  const saving = before.billEurPerYear - after.billEurPerYear
  const pct = (b: number, a: number) => (b > 0 ? ((b - a) / b) * 100 : 0)
  return {
    buildings: baseline.arrays.billEurPerYear.length,
    selectedBuildings: counts.selected,
    retrofittedBuildings: retrofitted,
    heatedAreaM2: baseline.heatedAreaM2,
    flats: baseline.flats,
    retrofittedFlats: retroFlats,
    before,
    after,
    investmentEur: investment,
    billSavingEurPerYear: saving,
    paybackYears: saving > 0 ? investment / saving : null,
    investmentPerFlatEur: retroFlats > 0 ? investment / retroFlats : null,
    billSavingPerFlatEurPerYear: retroFlats > 0 ? saving / retroFlats : null,
    heatingNeedSavingPct: pct(before.heatingNeedMWhPerYear, after.heatingNeedMWhPerYear),
    primarySavingPct: pct(before.primaryMWhPerYear, after.primaryMWhPerYear),
    co2SavingPct: pct(before.co2TonnesPerYear, after.co2TonnesPerYear),
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

/* ------------------------------------------------------------------ one building */

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
  const specs = new Map<string, Readonly<Record<string, number>>>()
  for (const [id, spec] of expandMeasures(result.scenario)) specs.set(id, spec.params)
  const m = resolveMeasures(result.params, specs)
  const costs = new Float64Array(MEASURE_IDS.length)
  const s = newState()
  baselineState(p, i, k, s)
  const mask = applyMeasures(p, i, k, m, s, costs)
  const lifetimes: Record<string, number> = {}
  for (const [id, r] of Object.entries(m)) if (r) lifetimes[id] = (r as { life: number }).life
  const measures: AppliedMeasure[] = MEASURE_IDS.filter((id) => (mask & BIT[id]) !== 0).map(
    (id) => ({
      id,
      cost_eur: costs[MEASURE_IDS.indexOf(id)] ?? 0,
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
