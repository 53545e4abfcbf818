/**
 * Every block's candidate packages, evaluated by the scenario engine itself: one
 * `evaluateScenario` per package over the whole district gives each block's package cost (the
 * engine's own, so a change to how packages are costed reaches the planner unchanged) and its
 * CO2, primary-energy and class after. Columns are `block × package` in typed arrays.
 */
import { evaluateScenario } from '../energy/district/evaluate'
import type { PreparedDistrict } from '../energy/district/prepare'
import type { ScenarioResult } from '../energy/district/results'
import type { EnergyParameters } from '../energy/parameters'
import { parseScenario } from '../energy/scenario'
import type { MeasureId } from '../energy/scenario'

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
  /** Cost-weighted lifetime of the package's measures on that block, years. */
  readonly lifeYears: Float64Array
}

type Part = Exclude<MeasureId, 'envelope'>

const scenarioOf = (measures: readonly MeasureId[]) =>
  parseScenario({ name: 'planner candidate', measures: [...measures] })

/**
 * Evaluate `packages` on every block of `prepared` under `params`. `onProgress(done, total)`
 * is called after each engine evaluation (the worker forwards it to the page).
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
  // Single measures first: their per-block costs weight each part's lifetime in a package.
  // A part that is itself a package is costed by that package's evaluation.
  const results = packages.map(() => null as ScenarioResult | null)
  const single = (part: Part) => packages.findIndex((pk) => pk.measures.join() === part)
  const parts = [...new Set(packages.flatMap(packageParts))]
  const total = parts.filter((m) => single(m) < 0).length + P
  let done = 0
  const evaluate = (p: number) => {
    const pk = packages[p]
    const r = results[p] ?? evaluateScenario(prepared, scenarioOf(pk?.measures ?? []), params)
    if (results[p] === null) onProgress?.(++done, total)
    results[p] = r
    return r
  }
  const partCost = new Map<Part, Float64Array>()
  for (const part of parts) {
    const p = single(part)
    if (p >= 0) partCost.set(part, evaluate(p).costEur)
    else {
      partCost.set(part, evaluateScenario(prepared, scenarioOf([part]), params).costEur)
      onProgress?.(++done, total)
    }
  }
  const costEur = new Float64Array(n * P)
  const co2SavedT = new Float64Array(n * P)
  const primarySavedMWh = new Float64Array(n * P)
  const classAfter = new Uint8Array(n * P)
  const lifeYears = new Float64Array(n * P)
  let co2T = new Float64Array(n)
  let primaryMWh = new Float64Array(n)
  let classIndex = new Uint8Array(n)
  packages.forEach((pk, p) => {
    const r = evaluate(p)
    results[p] = null
    if (p === 0) {
      co2T = Float64Array.from(r.before.co2KgPerM2Year, (v, i) => (v * (area[i] ?? 0)) / 1000)
      primaryMWh = Float64Array.from(
        r.before.primaryKWhPerM2Year,
        (v, i) => (v * (area[i] ?? 0)) / 1000,
      )
      classIndex = Uint8Array.from(r.before.classIndex)
    }
    const life = packageParts(pk).map((m) => ({
      cost: partCost.get(m) ?? new Float64Array(n),
      years: params.measures[m].lifetime_years.value,
    }))
    for (let i = 0; i < n; i++) {
      const j = i * P + p
      classAfter[j] = r.after.classIndex[i] ?? 0
      if (r.appliedMask[i] === 0) continue
      const a = area[i] ?? 0
      costEur[j] = r.costEur[i] ?? 0
      co2SavedT[j] =
        (((r.before.co2KgPerM2Year[i] ?? 0) - (r.after.co2KgPerM2Year[i] ?? 0)) * a) / 1000
      primarySavedMWh[j] =
        (((r.before.primaryKWhPerM2Year[i] ?? 0) - (r.after.primaryKWhPerM2Year[i] ?? 0)) * a) /
        1000
      // Σ c / Σ (c / L): the lifetime over which the package's annualised cost is spread.
      let c = 0
      let perYear = 0
      for (const l of life) {
        const ci = l.cost[i] ?? 0
        c += ci
        perYear += ci / l.years
      }
      lifeYears[j] = perYear > 0 ? c / perYear : (life[0]?.years ?? 1)
    }
  })
  return {
    packages,
    count: n,
    co2T,
    primaryMWh,
    classIndex,
    costEur,
    co2SavedT,
    primarySavedMWh,
    classAfter,
    lifeYears,
  }
}
