/**
 * Many measure packages on every building in one pass: what `evaluateScenario` gives for a
 * scenario of each package applied to all buildings (same state, same measures, same physics
 * and costs, to rounding), without one district evaluation per package. Per building the
 * baseline state is built once, and the heating need is computed once per distinct set of
 * thermal measures that took effect (heat-source and PV measures leave it alone), so packages
 * that share an envelope share its monthly balance. Columns are `building × package`.
 */
import { MEASURE_IDS, parseScenario } from '../scenario'
import type { MeasureId } from '../scenario'
import type { EnergyParameters } from '../parameters'

import { baselineOf } from './baseline'
import { kernelOf } from './kernel'
import { measureSpecsOf, resolveMeasures, THERMAL_MEASURES } from './measures'
import type { ResolvedMeasures } from './measures'
import { carrierBalance, heatingNeedKWh, newOutcome, newState } from './physics'
import type { PhysState } from './physics'
import type { PreparedDistrict } from './prepare'
import type { StateArrays } from './results'
import { applyMeasures, baselineState } from './retrofit'

/** Every package on every building; column `i * packages + q`. The arrays are the caller's. */
export interface PackageEvaluation {
  readonly count: number
  readonly packages: number
  /** The as-is state (the cached baseline, per m² as in `ScenarioResult.before`). */
  readonly before: StateArrays
  /** Measures that took effect (0: the package changes nothing on that building). */
  readonly appliedMask: Uint16Array
  /** The package cost as `ScenarioResult.costEur` has it (incl. soft costs and VAT), EUR. */
  readonly costEur: Float64Array
  /** After the package, as `ScenarioResult.after` has them (the baseline where mask is 0). */
  readonly co2KgPerM2Year: Float64Array
  readonly primaryKWhPerM2Year: Float64Array
  readonly classIndex: Uint8Array
  /** Σ direct works of the applied measures, EUR, and Σ of each ÷ its lifetime, EUR/a. */
  readonly directCostEur: Float64Array
  readonly directEurPerLifeYear: Float64Array
}

const M = MEASURE_IDS.length

function copyState(from: PhysState, to: PhysState): void {
  to.uWall = from.uWall
  to.uRoof = from.uRoof
  to.uWin = from.uWin
  to.uFloor = from.uFloor
  to.dU = from.dU
  to.n = from.n
  to.g = from.g
  to.hr = from.hr
  to.fan = from.fan
  to.etaH = from.etaH
  to.etaD = from.etaD
  to.carrier = from.carrier
  to.pvKwp = from.pvKwp
  to.pvSelfShare = from.pvSelfShare
  to.renovated = from.renovated
  to.directCost = from.directCost
  to.cost = from.cost
  to.ownerCost = from.ownerCost
}

/** 1 ÷ lifetime of each measure of `m` by `MEASURE_IDS` index (0 where not in the package). */
function inverseLifetimes(m: ResolvedMeasures, out: Float64Array, at: number): void {
  MEASURE_IDS.forEach((id, j) => {
    const r = id === 'envelope' ? null : m[id]
    out[at + j] = r && r.life > 0 ? 1 / r.life : 0
  })
}

/**
 * Evaluate each of `packages` (lists of measure ids, `envelope` expanded as scenarios do) on
 * every building of `prepared` under `params`. `onProgress(done, total)` follows the buildings.
 */
export function evaluatePackages(
  prepared: PreparedDistrict,
  params: EnergyParameters,
  packages: readonly (readonly MeasureId[])[],
  onProgress?: (done: number, total: number) => void,
): PackageEvaluation {
  const p = prepared
  const n = p.count
  const P = packages.length
  const k = kernelOf(params)
  const before = baselineOf(p, params, k).arrays
  const sets = packages.map((ms) =>
    resolveMeasures(params, measureSpecsOf(parseScenario({ name: 'package', measures: [...ms] }))),
  )
  const invLife = new Float64Array(P * M)
  sets.forEach((set, q) => inverseLifetimes(set, invLife, q * M))
  const appliedMask = new Uint16Array(n * P)
  const costEur = new Float64Array(n * P)
  const co2 = new Float64Array(n * P)
  const primary = new Float64Array(n * P)
  const classIndex = new Uint8Array(n * P)
  const direct = new Float64Array(n * P)
  const perLife = new Float64Array(n * P)
  const base = newState()
  const s = newState()
  const o = newOutcome()
  const costs = new Float64Array(M)
  // Heating needs of this building by the thermal measures that took effect (at most P).
  const needMask = new Int32Array(P)
  const needKWh = new Float64Array(P)
  const beforeNeed = before.heatingNeedKWhPerM2Year
  const progressEvery = 8192
  for (let i = 0; i < n; i++) {
    if (onProgress && i % progressEvery === 0 && i > 0) onProgress(i, n)
    baselineState(p, i, k, base)
    const aRef = p.refAreaM2[i] ?? 0
    let needs = 0
    for (let q = 0; q < P; q++) {
      const j = i * P + q
      const set = sets[q]
      if (set === undefined) continue
      copyState(base, s)
      const mask = applyMeasures(p, i, k, set, s, costs)
      if (mask === 0) {
        co2[j] = before.co2KgPerM2Year[i] ?? 0
        primary[j] = before.primaryKWhPerM2Year[i] ?? 0
        classIndex[j] = before.classIndex[i] ?? 0
        continue
      }
      const thermal = mask & THERMAL_MEASURES
      if (thermal === 0) o.needKWh = (beforeNeed[i] ?? 0) * aRef
      else {
        let h = 0
        while (h < needs && needMask[h] !== thermal) h++
        if (h < needs) o.needKWh = needKWh[h] ?? 0
        else {
          heatingNeedKWh(p, i, k, s, o)
          needMask[needs] = thermal
          needKWh[needs++] = o.needKWh
        }
      }
      carrierBalance(p, i, k, s, o)
      appliedMask[j] = mask
      costEur[j] = s.cost
      co2[j] = o.co2Kg / aRef
      primary[j] = o.primaryKWh / aRef
      classIndex[j] = o.classIndex
      direct[j] = s.directCost
      let annual = 0
      for (let m = 0; m < M; m++) annual += (costs[m] ?? 0) * (invLife[q * M + m] ?? 0)
      perLife[j] = annual
    }
  }
  onProgress?.(n, n)
  return {
    count: n,
    packages: P,
    before,
    appliedMask,
    costEur,
    co2KgPerM2Year: co2,
    primaryKWhPerM2Year: primary,
    classIndex,
    directCostEur: direct,
    directEurPerLifeYear: perLife,
  }
}
