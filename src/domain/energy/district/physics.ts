/**
 * The per-building physics: the monthly heating need (same arithmetic as `monthly.ts`) and the
 * carrier balance, written for speed over the prepared columns.
 */
import { NOT_RATED } from '../classes'

import type { Kernel } from './kernel'
import type { PreparedDistrict } from './prepare'
import { DH, EL, GAS } from './results'

/** Mutable physical state of one building, reused across the loop. */
export interface PhysState {
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

export const newState = (): PhysState => ({
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

export function transmissionAndVentilation(
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

/** Scratch outputs of `physics`. */
export interface Outcome {
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

export const newOutcome = (): Outcome => ({
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
export function physics(
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
    while (ci < bounds.length && v > (bounds[ci] ?? Infinity)) ci++
  }
  o.classIndex = ci
}
