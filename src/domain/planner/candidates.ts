/**
 * Every block's candidate packages, evaluated by the scenario engine itself:
 * `evaluatePackages` runs the engine's own state, measures, physics and costing for every
 * package on every block in one pass (the figures `evaluateScenario` gives for each package
 * applied to the whole district, to rounding), so a change to how packages are costed or
 * modelled reaches the planner unchanged. Columns are `block × package` in typed arrays.
 */
import { evaluatePackages } from '../energy/district/packages'
import type { PreparedDistrict } from '../energy/district/prepare'
import type { EnergyParameters } from '../energy/parameters'

import { packageParts } from './packages'
import type { Package } from './packages'

/** Baseline and per-package figures of every block; package columns are `i * P + p`. */
export interface Candidates {
  readonly packages: readonly Package[]
  readonly count: number
  /** Today, per block: CO2 t/a, primary MWh/a, class index (`NOT_RATED` for non-residential). */
  readonly co2T: Float64Array
  readonly primaryMWh: Float64Array
  readonly classIndex: Uint8Array
  /** Package cost, EUR; 0 where the package changes nothing on that block. */
  readonly costEur: Float64Array
  readonly co2SavedT: Float64Array
  readonly primarySavedMWh: Float64Array
  readonly classAfter: Uint8Array
  /** Lifetime of the package's measures on that block, weighted by their direct works, years. */
  readonly lifeYears: Float64Array
}

/**
 * Evaluate `packages` on every block of `prepared` under `params`. `onProgress(done, total)`
 * follows the blocks (the worker forwards it to the page).
 */
export function evaluateCandidates(
  prepared: PreparedDistrict,
  params: EnergyParameters,
  packages: readonly Package[],
  onProgress?: (done: number, total: number) => void,
): Candidates {
  const n = prepared.count
  const P = packages.length
  const area = prepared.refAreaM2
  const e = evaluatePackages(
    prepared,
    params,
    packages.map((pk) => pk.measures),
    onProgress,
  )
  const before = e.before
  const co2T = new Float64Array(n)
  const primaryMWh = new Float64Array(n)
  // The engine's fresh columns become the savings and lifetimes in place (no copies of
  // `blocks × packages` arrays).
  const co2SavedT = e.co2KgPerM2Year
  const primarySavedMWh = e.primaryKWhPerM2Year
  const lifeYears = e.directCostEur
  // A package whose works cost nothing has no weights: its first part's lifetime.
  const fallbackLife = packages.map((pk) => {
    const first = packageParts(pk)[0]
    return first ? params.measures[first].lifetime_years.value : 1
  })
  for (let i = 0; i < n; i++) {
    const a = area[i] ?? 0
    const co2Before = before.co2KgPerM2Year[i] ?? 0
    const primaryBefore = before.primaryKWhPerM2Year[i] ?? 0
    co2T[i] = (co2Before * a) / 1000
    primaryMWh[i] = (primaryBefore * a) / 1000
    for (let p = 0; p < P; p++) {
      const j = i * P + p
      if (e.appliedMask[j] === 0) {
        co2SavedT[j] = 0
        primarySavedMWh[j] = 0
        lifeYears[j] = 0
        continue
      }
      co2SavedT[j] = ((co2Before - (co2SavedT[j] ?? 0)) * a) / 1000
      primarySavedMWh[j] = ((primaryBefore - (primarySavedMWh[j] ?? 0)) * a) / 1000
      // Σ c / Σ (c / L): the lifetime over which the package's annualised cost is spread.
      const c = lifeYears[j] ?? 0
      const perYear = e.directEurPerLifeYear[j] ?? 0
      lifeYears[j] = c > 0 && perYear > 0 ? c / perYear : (fallbackLife[p] ?? 1)
    }
  }
  return {
    packages,
    count: n,
    co2T,
    primaryMWh,
    classIndex: Uint8Array.from(before.classIndex),
    costEur: e.costEur,
    co2SavedT,
    primarySavedMWh,
    classAfter: e.classIndex,
    lifeYears,
  }
}
