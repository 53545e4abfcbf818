/** Result types of a district evaluation: typed arrays in building order plus totals. */
import type { ClassRow, CarrierId, EnergyParameters } from '../parameters'
import type { Scenario } from '../scenario'

/** Carrier codes used in per-carrier arrays. */
export const CARRIERS: readonly CarrierId[] = ['gas', 'electricity', 'district_heat']
/** Indices into `CARRIERS`. */
export const GAS = CARRIERS.indexOf('gas')
export const EL = CARRIERS.indexOf('electricity')
export const DH = CARRIERS.indexOf('district_heat')

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
