/** The baseline (as-is) state of every building, cached per prepared district and parameters. */
import { USE_CLASSES } from '../../buildings/useClass'
import type { EnergyParameters } from '../parameters'
import { ENVELOPE_PARTS } from '../scenario'

import { kernelOf } from './kernel'
import type { Kernel } from './kernel'
import { newOutcome, newState, physics } from './physics'
import type { PreparedDistrict } from './prepare'
import type { StateArrays, StateTotals } from './results'
import { baselineState } from './retrofit'
import { newStateArrays, newSums, store, sumsByUseClass, totalsOf, totalsOfSums } from './totals'
import type { Sums } from './totals'

export interface Baseline {
  readonly params: EnergyParameters
  readonly arrays: StateArrays
  readonly totals: StateTotals
  /** Σ reference area, m², and Σ flats over all buildings. */
  readonly heatedAreaM2: number
  readonly flats: number
  /**
   * Per use class (`USE_CLASSES` order): the state totals, buildings, area and flats, and the
   * running sums the totals were made of (read only: a scenario that changes every building of
   * a class takes them as its "before" sums instead of summing again).
   */
  readonly byUseClass: readonly {
    totals: StateTotals
    sums: Readonly<Sums>
    buildings: number
    heatedAreaM2: number
    flats: number
  }[]
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

/**
 * True when `b` reads as `a` for the baseline: every group the same object but the measures,
 * of which only the envelope parts count (the state of rehabilitated blocks).
 * `withOverrides` shares the groups an override leaves alone.
 */
function sameForBaseline(a: EnergyParameters, b: EnergyParameters): boolean {
  if (a === b) return true
  for (const key of Object.keys(a) as (keyof EnergyParameters)[]) {
    if (key !== 'measures' && a[key] !== b[key]) return false
  }
  return ENVELOPE_PARTS.every((id) => a.measures[id] === b.measures[id])
}

export function baselineOf(p: PreparedDistrict, params: EnergyParameters, k: Kernel): Baseline {
  const cached = BASELINES.get(p)
  if (cached && sameForBaseline(cached.params, params)) return cached
  const b = computeBaseline(p, params, k, null)
  BASELINES.set(p, b)
  return b
}

/**
 * The baseline under `params`, not cached (the range ends: they must not evict the central
 * baseline). `knownNeed`: each building's heating need per m² under these parameters, when
 * known, so only the carrier balance is computed. `into`: arrays of the same district to
 * overwrite instead of new ones.
 */
export function computeBaseline(
  p: PreparedDistrict,
  params: EnergyParameters,
  k: Kernel,
  knownNeed: Float64Array | null,
  into?: StateArrays,
): Baseline {
  const arrays = into ?? newStateArrays(p.count)
  const s = newState()
  const o = newOutcome()
  for (let i = 0; i < p.count; i++) {
    baselineState(p, i, k, s)
    physics(p, i, k, s, o, knownNeed)
    store(arrays, i, p.refAreaM2[i] ?? 1, o)
  }
  let area = 0
  let flats = 0
  const groups = USE_CLASSES.map(() => ({ buildings: 0, heatedAreaM2: 0, flats: 0 }))
  for (let i = 0; i < p.count; i++) {
    area += p.refAreaM2[i] ?? 0
    flats += p.flats[i] ?? 0
    const g = groups[p.useClass[i] ?? 3]
    if (!g) continue
    g.buildings++
    g.heatedAreaM2 += p.refAreaM2[i] ?? 0
    g.flats += p.flats[i] ?? 0
  }
  const sums = sumsByUseClass(p, arrays)
  return {
    params,
    arrays,
    totals: totalsOf(p, arrays),
    heatedAreaM2: area,
    flats,
    byUseClass: groups.map((g, u) => {
      const s = sums[u] ?? newSums()
      return { ...g, sums: s, totals: totalsOfSums(s) }
    }),
  }
}
