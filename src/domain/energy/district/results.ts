/** Result types of a district evaluation: typed arrays in building order plus totals. */
import type { UseClass } from '../../buildings/useClass'
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
  /**
   * Total primary energy of consumption, kWh/(m²·a): delivered carriers × fP,tot plus the
   * self-consumed PV at its fP,tot of 1 (Mc 001-2022 rel. 5.4a, Table 5.17 [S2]). Never negative.
   */
  readonly primaryKWhPerM2Year: Float64Array
  /**
   * Net primary energy, kWh/(m²·a): consumption minus exported PV × fP,tot,exp (rel. 5.1/5.4a,
   * §5.4.2.8). May be negative; the class is read on it. Always labelled "net".
   */
  readonly netPrimaryKWhPerM2Year: Float64Array
  /** Renewable primary energy for RER (rel. 5.16, §5.4.2.9; exports not counted), kWh/(m²·a). */
  readonly renewablePrimaryKWhPerM2Year: Float64Array
  /** CO2 = delivered × fP,tot × fCO2 (Mc 001-2022 rel. 5.4b [S2]), kg/(m²·a). */
  readonly co2KgPerM2Year: Float64Array
  /**
   * Expected energy bill, EUR/a per building: space heating × the prebound factor before
   * renovation, × the rebound factor after; grid power at retail, exported PV at feed-in.
   */
  readonly billEurPerYear: Float64Array
  /** 0 = A+ … 7 = G (`ENERGY_CLASS_LABELS`), `NOT_RATED` unless an apartment block or house. */
  readonly classIndex: Uint8Array
  /** Delivered energy per carrier (`CARRIERS` order), kWh/a, `count × 3`; grid power after self-consumed PV (≥ 0). */
  readonly deliveredByCarrierKWhPerYear: Float64Array
  /** PV generation, kWh/a per building (kept apart from consumption). */
  readonly pvKWhPerYear: Float64Array
  /** The part of it used in the building, and the part exported, kWh/a. */
  readonly pvSelfKWhPerYear: Float64Array
  readonly pvExportKWhPerYear: Float64Array
}

/** District sums of one state. */
export interface StateTotals {
  readonly heatingNeedMWhPerYear: number
  readonly deliveredMWhPerYear: number
  /** Grid electricity after self-consumed PV (never negative). */
  readonly deliveredByCarrierMWhPerYear: Readonly<Record<CarrierId, number>>
  /** PV generation, its self-consumed and exported parts. */
  readonly pvMWhPerYear: number
  readonly pvSelfConsumedMWhPerYear: number
  readonly pvExportedMWhPerYear: number
  /** Primary energy of consumption (≥ 0), the net balance after exports, and its renewable part. */
  readonly primaryMWhPerYear: number
  readonly netPrimaryMWhPerYear: number
  readonly renewablePrimaryMWhPerYear: number
  readonly co2TonnesPerYear: number
  readonly billEurPerYear: number
  /** Buildings per class, index as `ENERGY_CLASS_LABELS`. */
  readonly classCounts: readonly number[]
  readonly notRated: number
}

/** Totals of one use class (or of all buildings): counts, states and the economics. */
export interface GroupTotals {
  readonly buildings: number
  /** Buildings where at least one measure applied (for blocks: "blocks renovated"). */
  readonly retrofittedBuildings: number
  readonly heatedAreaM2: number
  readonly flats: number
  readonly retrofittedFlats: number
  readonly before: StateTotals
  readonly after: StateTotals
  /** Package costs incl. VAT and soft costs, and the owners' associations' part. */
  readonly investmentEur: number
  readonly ownerCostEur: number
  readonly billSavingEurPerYear: number
  /** Investment ÷ annual bill saving, years; null when nothing is saved. */
  readonly paybackYears: number | null
  readonly investmentPerFlatEur: number | null
  readonly ownerCostPerFlatEur: number | null
  readonly billSavingPerFlatEurPerYear: number | null
  /** Changed buildings whose bill goes up (e.g. a heat pump at today's power price). */
  readonly withHigherBill: number
}

/** District totals of a scenario (all buildings, plus the same per use class). */
export interface DistrictTotals extends GroupTotals {
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
  readonly ownerCostEur: number
  readonly billSavingEurPerYear: number
  /** Investment ÷ annual bill saving, years; null when nothing is saved. */
  readonly paybackYears: number | null
  readonly investmentPerFlatEur: number | null
  readonly billSavingPerFlatEurPerYear: number | null
  /** Apartment blocks the scenario actually changed. */
  readonly blocksRenovated: number
  readonly withHigherBill: number
  /** The same figures per use class (`USE_CLASSES`): KPIs lead with `apartment_block`. */
  readonly byUseClass: Readonly<Record<UseClass, GroupTotals>>
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
  /** Package cost incl. ancillary works, site set-up, design and VAT, EUR. */
  readonly costEur: Float64Array
  /** The owners' association's part of it after grants and public shares, EUR. */
  readonly ownerCostEur: Float64Array
  readonly billSavingEurPerYear: Float64Array
  /** Cost ÷ bill saving, years; `Infinity` where nothing is saved, 0 where nothing is spent. */
  readonly paybackYears: Float64Array
  readonly totals: DistrictTotals
  /** One entry per rollout year; empty without a rollout. */
  readonly byYear: readonly YearTotals[]
}
