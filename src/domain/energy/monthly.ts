/**
 * The monthly quasi-steady-state heating need of one building (Mc 001-2022 §2.7–2.8 [S5] =
 * EN ISO 13790 monthly method [S38]), with every intermediate quantity. This is the readable
 * reference; `district.ts` runs the same arithmetic in a tight typed-array loop and is tested
 * against it.
 */
import type { IrradianceKey } from './parameters'

/** Physical inputs of one building in one state (before or after measures). */
export interface ThermalInputs {
  /** Reference (heated, useful) floor area, m². */
  readonly refAreaM2: number
  /** Opaque wall area (facade minus windows), m². */
  readonly opaqueWallM2: number
  /** Window area per facade octant (N, NE … NW), m². */
  readonly windowByOrientationM2: readonly number[]
  readonly roofM2: number
  /** Floor over the unheated basement, m². */
  readonly floorM2: number
  readonly uWallWPerM2K: number
  readonly uWindowWPerM2K: number
  readonly uRoofWPerM2K: number
  readonly uFloorWPerM2K: number
  /** Thermal-bridge surcharge ΔU on all (b-weighted) envelope areas, W/(m²·K). */
  readonly thermalBridgeWPerM2K: number
  /** Temperature reduction factor of the roof (1 = to outside). */
  readonly bRoof: number
  /** Temperature reduction factor of the floor to the unheated basement. */
  readonly bFloor: number
  readonly airChangePerH: number
  /** Ventilated volume, m³. */
  readonly ventilatedVolumeM3: number
  /** Effective heat recovery of MVHR on the ventilation loss (0 = none). */
  readonly heatRecovery: number
  /** ρ·c of air, Wh/(m³·K) (0.34). */
  readonly airHeatCapacityWhPerM3K: number
  /** Total solar energy transmittance of the glazing at normal incidence (g_n). */
  readonly gWindow: number
  /**
   * F_w of EN ISO 13790 eq. 45 (0.9): g of the diffuse and oblique radiation a facade gets over
   * a month is below the normal-incidence g_n that glazing data give.
   */
  readonly nonNormalIncidenceFactor: number
  readonly frameFactor: number
  readonly shadingFactor: number
  readonly internalGainsWPerM2: number
  /** Internal heat capacity per m² reference area, Wh/(m²·K). */
  readonly heatCapacityWhPerM2K: number
  readonly indoorC: number
  readonly monthlyOutdoorC: readonly number[]
  readonly daysPerMonth: readonly number[]
  /** Monthly mean irradiance on each orientation, W/m² (24 h mean). */
  readonly irradianceWPerM2: Readonly<Record<IrradianceKey, readonly number[]>>
  /** Utilisation-factor constants a_H,0 and τ_H,0 (h); need is 0 above γ = `gammaMax`. */
  readonly aH0: number
  readonly tauH0H: number
  readonly gammaMax: number
}

/** One month of the balance, kWh unless named otherwise. */
export interface MonthBalance {
  readonly hours: number
  readonly transmissionKWh: number
  readonly ventilationKWh: number
  readonly lossKWh: number
  readonly internalKWh: number
  readonly solarKWh: number
  readonly gainKWh: number
  /** γ = gains / losses. */
  readonly gainLossRatio: number
  /** Gain utilisation factor η. */
  readonly utilisation: number
  readonly needKWh: number
}

/** The whole-year result with its intermediates. */
export interface MonthlyResult {
  /** H_tr, W/K. */
  readonly transmissionWPerK: number
  /** H_ve, W/K. */
  readonly ventilationWPerK: number
  /** τ = C_m / (H_tr + H_ve), h. */
  readonly timeConstantH: number
  /** a = a_H,0 + τ / τ_H,0. */
  readonly utilisationExponent: number
  readonly months: readonly MonthBalance[]
  readonly annualNeedKWh: number
  readonly needKWhPerM2Year: number
}

const ORDER: readonly IrradianceKey[] = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW']

/**
 * Gain utilisation factor η_H (EN ISO 13790 eq. 33–34 [S38]) for gain/loss ratio γ and
 * exponent a: (1 − γ^a) / (1 − γ^(a+1)), a / (a + 1) at γ = 1, 1 when there are no gains.
 */
export function utilisationFactor(gainLossRatio: number, a: number): number {
  if (gainLossRatio <= 0) return 1
  if (Math.abs(gainLossRatio - 1) < 1e-9) return a / (a + 1)
  const ga = Math.pow(gainLossRatio, a)
  return (1 - ga) / (1 - ga * gainLossRatio)
}

/** Transmission heat-transfer coefficient H_tr, W/K (energy-evidence §7.1 step 2). */
export function transmissionWPerK(t: ThermalInputs): number {
  const windowM2 = t.windowByOrientationM2.reduce((s, a) => s + a, 0)
  const areaB = t.opaqueWallM2 + windowM2 + t.roofM2 * t.bRoof + t.floorM2 * t.bFloor
  return (
    t.uWallWPerM2K * t.opaqueWallM2 +
    t.uWindowWPerM2K * windowM2 +
    t.uRoofWPerM2K * t.roofM2 * t.bRoof +
    t.uFloorWPerM2K * t.floorM2 * t.bFloor +
    t.thermalBridgeWPerM2K * areaB
  )
}

/**
 * Monthly heating need of one building (Mc 001-2022 §2.7–2.8 [S5], EN ISO 13790 [S38]).
 * Throws `RangeError` when the reference area or ventilated volume is not positive.
 */
export function monthlyHeatingNeed(t: ThermalInputs): MonthlyResult {
  if (!(t.refAreaM2 > 0)) throw new RangeError(`reference area must be > 0 m² (got ${t.refAreaM2})`)
  const hTr = transmissionWPerK(t)
  // H_ve = ρc · n · V, reduced by heat recovery (energy-evidence §7.1 step 3).
  const hVe =
    t.airHeatCapacityWhPerM3K * t.airChangePerH * t.ventilatedVolumeM3 * (1 - t.heatRecovery)
  const h = hTr + hVe
  if (!(h > 0)) throw new RangeError('heat-transfer coefficient must be > 0 W/K')
  const tau = (t.heatCapacityWhPerM2K * t.refAreaM2) / h
  const a = t.aH0 + tau / t.tauH0H
  const gEff = t.gWindow * t.nonNormalIncidenceFactor * t.frameFactor * t.shadingFactor
  const months: MonthBalance[] = []
  let annual = 0
  for (let m = 0; m < 12; m++) {
    const hours = (t.daysPerMonth[m] ?? 0) * 24
    const dT = t.indoorC - (t.monthlyOutdoorC[m] ?? t.indoorC)
    const transmissionKWh = (hTr * dT * hours) / 1000
    const ventilationKWh = (hVe * dT * hours) / 1000
    const lossKWh = transmissionKWh + ventilationKWh
    const internalKWh = (t.internalGainsWPerM2 * t.refAreaM2 * hours) / 1000
    let solarW = 0
    ORDER.forEach((key, o) => {
      solarW += (t.windowByOrientationM2[o] ?? 0) * (t.irradianceWPerM2[key][m] ?? 0)
    })
    const solarKWh = (gEff * solarW * hours) / 1000
    const gainKWh = internalKWh + solarKWh
    let gainLossRatio = Infinity
    let utilisation = 0
    let needKWh = 0
    if (lossKWh > 0) {
      gainLossRatio = gainKWh / lossKWh
      utilisation = utilisationFactor(gainLossRatio, a)
      // Mc 001 Fig. 2.18: no heating need when gains exceed twice the losses.
      if (gainLossRatio <= t.gammaMax) needKWh = Math.max(0, lossKWh - utilisation * gainKWh)
    }
    annual += needKWh
    months.push({
      hours,
      transmissionKWh,
      ventilationKWh,
      lossKWh,
      internalKWh,
      solarKWh,
      gainKWh,
      gainLossRatio,
      utilisation,
      needKWh,
    })
  }
  return {
    transmissionWPerK: hTr,
    ventilationWPerK: hVe,
    timeConstantH: tau,
    utilisationExponent: a,
    months,
    annualNeedKWh: annual,
    needKWhPerM2Year: annual / t.refAreaM2,
  }
}
