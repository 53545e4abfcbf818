/** What the measures do to one building's physical state (and what they cost there). */
import { MEASURE_IDS } from '../scenario'

import type { Kernel } from './kernel'
import type { ResolvedMeasures } from './measures'
import { MEASURE_BIT, MEASURE_INDEX, THERMAL_MEASURES } from './measures'
import { transmissionAndVentilation } from './physics'
import type { PhysState } from './physics'
import type { PreparedDistrict } from './prepare'
import { DH, EL, GAS } from './results'

const WALL = MEASURE_BIT.wall
const ROOF = MEASURE_BIT.roof
const WINDOWS = MEASURE_BIT.windows
const BASEMENT = MEASURE_BIT.basement
const HEAT_PUMP = MEASURE_BIT.heat_pump
const DH_UPGRADE = MEASURE_BIT.dh_upgrade
const MVHR = MEASURE_BIT.mvhr
const PV = MEASURE_BIT.pv
const I_WALL = MEASURE_INDEX.wall
const I_ROOF = MEASURE_INDEX.roof
const I_WINDOWS = MEASURE_INDEX.windows
const I_BASEMENT = MEASURE_INDEX.basement
const I_HEAT_PUMP = MEASURE_INDEX.heat_pump
const I_DH_UPGRADE = MEASURE_INDEX.dh_upgrade
const I_MVHR = MEASURE_INDEX.mvhr
const I_PV = MEASURE_INDEX.pv

/** Scratch costs of `applyMeasures` by `MEASURE_IDS` index (the engine is synchronous). */
const COSTS = new Float64Array(MEASURE_IDS.length)

/** Baseline state: archetype, rehabilitation, heating system. */
export function baselineState(p: PreparedDistrict, i: number, k: Kernel, s: PhysState): void {
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
  s.pvSelfShare = 0
  s.renovated = p.rehabilitated[i] === 1 ? 1 : 0
  const h = p.heating[i] ?? 0
  s.etaH = k.sysEtaH[h] ?? 1
  s.etaD = k.sysEtaD[h] ?? 1
  s.carrier = k.sysCarrier[h] ?? GAS
  if (p.rehabilitated[i] === 1) applyMeasures(p, i, k, k.rehab, s, null)
}

/**
 * Apply measures to state `s` of building `i`: each changes physical inputs only where it
 * improves them (an already better element is left alone and costs nothing). Returns the
 * applied-measure bit mask; `costs` (by `MEASURE_IDS` index) receives each measure's cost.
 */
export function applyMeasures(
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
  const c = COSTS
  c.fill(0)
  const wall = m.wall
  if (wall !== null && wall.u < s.uWall) {
    mask |= WALL
    c[I_WALL] = (p.opaqueWallM2[i] ?? 0) * wall.cost
    s.uWall = wall.u
    s.dU = Math.min(s.dU, wall.dU)
  }
  const roof = m.roof
  if (roof !== null && roof.u < s.uRoof) {
    mask |= ROOF
    c[I_ROOF] = (p.roofM2[i] ?? 0) * roof.cost
    s.uRoof = roof.u
  }
  const windows = m.windows
  if (windows !== null && windows.u < s.uWin) {
    mask |= WINDOWS
    c[I_WINDOWS] = (p.windowM2[i] ?? 0) * windows.cost
    s.uWin = windows.u
    s.g = windows.g
    s.n = Math.min(s.n, windows.n)
  }
  const basement = m.basement
  if (basement !== null && basement.u < s.uFloor) {
    mask |= BASEMENT
    c[I_BASEMENT] = (p.floorM2[i] ?? 0) * basement.cost
    s.uFloor = basement.u
  }
  const mvhr = m.mvhr
  if (mvhr !== null && mvhr.hr > s.hr) {
    mask |= MVHR
    c[I_MVHR] = (p.refAreaM2[i] ?? 0) * mvhr.cost
    s.hr = mvhr.hr
    s.fan = mvhr.fan
  }
  // With both heat-source measures, district-heated blocks are upgraded and the others get
  // heat pumps; dh_upgrade alone touches only district-heated blocks.
  const dh = m.dh_upgrade
  const hp = m.heat_pump
  if (dh !== null && s.carrier === DH && s.etaH < dh.etaH) {
    mask |= DH_UPGRADE
    c[I_DH_UPGRADE] = (p.refAreaM2[i] ?? 0) * dh.cost
    s.etaH = dh.etaH
    s.etaD = dh.etaD
  } else if (
    hp !== null &&
    !(s.carrier === EL && s.etaH >= hp.etaH) &&
    !(dh !== null && s.carrier === DH)
  ) {
    // Sized on the design load after the envelope measures: H × (θi − θe,design [S8]).
    const designKW = (transmissionAndVentilation(p, i, k, s) * k.designDT) / 1000
    mask |= HEAT_PUMP
    c[I_HEAT_PUMP] = designKW * hp.cost
    s.carrier = EL
    s.etaH = hp.etaH
    s.etaD = hp.etaD
  }
  const pv = m.pv
  if (pv !== null) {
    const kwp = pv.kwpPerM2 * (p.roofM2[i] ?? 0)
    if (kwp > s.pvKwp) {
      mask |= PV
      c[I_PV] = (kwp - s.pvKwp) * pv.cost
      s.pvKwp = kwp
      s.pvSelfShare = pv.selfShare
    }
  }
  if ((mask & THERMAL_MEASURES) !== 0) s.renovated = 1
  let total = 0
  for (let j = 0; j < c.length; j++) total += c[j] ?? 0
  packageCost(p, i, k, mask, total, s)
  costs?.set(c)
  return mask
}

/**
 * The package as programmes pay it, from its direct works `direct`: the arithmetic of
 * `costLines` and `fundingSplit` (costs.ts, tested equal), inlined for the loop.
 */
function packageCost(
  p: PreparedDistrict,
  i: number,
  k: Kernel,
  mask: number,
  direct: number,
  s: PhysState,
): void {
  s.directCost = direct
  if (!(direct > 0)) {
    s.cost = 0
    s.ownerCost = 0
    return
  }
  const ancillary =
    ((mask & ROOF) !== 0 ? (p.roofM2[i] ?? 0) * k.ancRoofPerM2 : 0) +
    ((mask & WALL) !== 0 ? (p.flats[i] ?? 0) * k.ancWallPerFlat : 0)
  const works = direct + ancillary
  const site = works * k.siteShare
  const net = (works + site) * (1 + k.designShare)
  const gross = net * (1 + k.vat)
  const grant = Math.min(net * k.grantShare, (p.builtAreaM2[i] ?? 0) * k.grantCapPerM2, gross)
  s.cost = gross
  s.ownerCost = (gross - grant) * k.ownersShare
}
