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
  /** Share of PV generation used in the building (the rest is exported). */
  pvSelfShare: number
  /** 1 once envelope or ventilation measures are in place: bills follow the calculated use. */
  renovated: number
  /** Σ direct works of the measures the last `applyMeasures` applied, EUR. */
  directCost: number
  /** The package incl. ancillary works, site set-up, design and VAT, EUR (`costs.ts`). */
  cost: number
  /** The owners' association's part of `cost`, EUR. */
  ownerCost: number
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
  pvSelfShare: 0,
  renovated: 0,
  directCost: 0,
  cost: 0,
  ownerCost: 0,
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
  pvSelfKWh: number
  pvExportKWh: number
  primaryKWh: number
  netPrimaryKWh: number
  renewablePrimaryKWh: number
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
  pvSelfKWh: 0,
  pvExportKWh: 0,
  primaryKWh: 0,
  netPrimaryKWh: 0,
  renewablePrimaryKWh: 0,
  co2Kg: 0,
  billEur: 0,
  classIndex: 0,
})

/** Scratch months of `heatingNeedKWh` (module-level: the engine is synchronous). */
const LOSS_W = new Float64Array(12)
const GAMMA = new Float64Array(12)
const GAMMA_A = new Float64Array(12)
/** The months that have a heating need, in month order. */
const NEED_MONTHS = new Int32Array(12)

/**
 * Σ months of Q_H,nd, kWh/a: the monthly method of `monthlyHeatingNeed`, written for speed.
 * γ^a is exp(a·ln γ) (about twice as fast as Math.pow in V8), and the months run in passes —
 * γ for all twelve, then every ln, then every exp, then the balance — so that the
 * transcendental calls are independent of each other and pipeline (about 1.5× faster than
 * one pass with the same arithmetic, and bit-identical to it). The ln/exp passes run only
 * over the months with a need (Mc 001 Fig. 2.18 [S5]: none above γ_max): the others' terms
 * were never read.
 */
export function heatingNeedKWh(
  p: PreparedDistrict,
  i: number,
  k: Kernel,
  s: PhysState,
  o: Outcome,
): void {
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
  const months = NEED_MONTHS
  let count = 0
  for (let m = 0; m < 12; m++) {
    const l = h * (dT[m] ?? 0)
    const g = (qInt + gEff * (sol[base + m] ?? 0)) / l
    lossW[m] = l
    gamma[m] = g
    if (!(l <= 0) && !(g > gammaMax)) months[count++] = m
  }
  for (let j = 0; j < count; j++) {
    const m = months[j] ?? 0
    const g = gamma[m] ?? 0
    // ln 1 where a comparison fails only for NaN, as before (the month still counts).
    ga[m] = Math.log((lossW[m] ?? 0) > 0 && g <= gammaMax ? g : 1)
  }
  for (let j = 0; j < count; j++) {
    const m = months[j] ?? 0
    ga[m] = Math.exp(a * (ga[m] ?? 0))
  }
  let needWh = 0
  for (let j = 0; j < count; j++) {
    const m = months[j] ?? 0
    const l = lossW[m] ?? 0
    const g = gamma[m] ?? 0
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
  carrierBalance(p, i, k, s, o)
}

/**
 * The carrier balance, primary energy, CO2, bill and class of building `i` in state `s`, from
 * the heating need already in `o.needKWh` (so a need shared by several states is computed once).
 */
export function carrierBalance(
  p: PreparedDistrict,
  i: number,
  k: Kernel,
  s: PhysState,
  o: Outcome,
): void {
  const aRef = p.refAreaM2[i] ?? 0
  const need = o.needKWh
  const heatDel = need / s.etaH
  const dhwDel = (k.dhw * aRef) / s.etaD
  const fanKWh = (s.fan * s.n * (p.volumeM3[i] ?? 0) * 8760) / 1000
  const auxEl = k.lighting * aRef + fanKWh
  const pv = s.pvKwp * k.pvYield
  const hc = heatDel + dhwDel
  const carrier = s.carrier
  // On-site PV is generation, kept apart from consumption: the self-consumed share covers the
  // building's own electricity (up to its load), the rest is exported. Delivered grid power is
  // never negative.
  const elLoad = auxEl + (carrier === EL ? hc : 0)
  const pvSelf = Math.min(pv * s.pvSelfShare, elLoad)
  const pvExport = pv - pvSelf
  const dGas = carrier === GAS ? hc : 0
  const dDh = carrier === DH ? hc : 0
  const dEl = elLoad - pvSelf
  const peGas = dGas * k.fPGas
  const peEl = dEl * k.fPEl
  const peDh = dDh * k.fPDh
  // Primary energy of consumption, Mc 001-2022 §5.4.2.6 rel. (5.4a) delivered terms [S2]: the
  // self-consumed PV counts at its fP,tot = 1 (all renewable, Table 5.17). Never negative.
  const primary = peGas + peEl + peDh + pvSelf * k.fPPvSelf
  // CO2 = final × fP,tot × fCO2, Mc 001-2022 rel. 5.4b [S2]; PV has fCO2 = 0. Never negative.
  const co2 = peGas * k.fCO2Gas + peEl * k.fCO2El + peDh * k.fCO2Dh
  // Net balance, rel. (5.1)/(5.4a): minus the exported energy at fP,tot,exp (§5.4.2.8). This
  // is the figure the class is read on; it may be negative and is always labelled "net".
  const net = primary - pvExport * k.fPExport
  // Renewable primary energy for RER, rel. (5.16) §5.4.2.9: exported energy is not counted.
  o.renewablePrimaryKWh = dEl * k.fPRenEl + pvSelf * k.fPPvSelf
  // Bills: space heating × the prebound factor before renovation (actual use below the
  // calculated [S33], Cozza et al. 2020), × the rebound factor after it (1 = calculated use).
  const billedHeat = heatDel * (s.renovated === 1 ? k.rebound : k.prebound) + dhwDel
  const elBilled = auxEl + (carrier === EL ? billedHeat : 0)
  const selfBilled = Math.min(pvSelf, elBilled)
  o.billEur =
    (carrier === EL ? 0 : billedHeat * (k.priceEur[carrier] ?? 0)) +
    (elBilled - selfBilled) * (k.priceEur[EL] ?? 0) -
    (pv - selfBilled) * k.pvExportEur
  o.deliveredKWh = heatDel + dhwDel + auxEl
  o.pvKWh = pv
  o.pvSelfKWh = pvSelf
  o.pvExportKWh = pvExport
  o.primaryKWh = primary
  o.netPrimaryKWh = net
  o.co2Kg = co2
  o.dGas = dGas
  o.dEl = dEl
  o.dDh = dDh
  // Rated: apartment blocks on Table 5.8 (the active row), houses on Table 5.7 [S1].
  const uc = p.useClass[i] ?? 3
  let ci = NOT_RATED
  if (uc <= 1) {
    const bounds = uc === 1 ? k.houseBounds : s.hr > 0 ? k.boundsVent : k.bounds
    const v = net / aRef
    ci = 0
    while (ci < bounds.length && v > (bounds[ci] ?? Infinity)) ci++
  }
  o.classIndex = ci
}
