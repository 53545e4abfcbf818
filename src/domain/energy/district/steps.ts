/**
 * A listed rollout with explicit steps (a plan): each step gives its blocks its own measures
 * and year. Resolved once per evaluation into a measure set per distinct step package and, per
 * building, which set and which year apply.
 */
import type { EnergyParameters } from '../parameters'
import { stepScenario } from '../scenario'
import type { Scenario } from '../scenario'

import { measureSpecsOf, resolveMeasures } from './measures'
import type { ResolvedMeasures } from './measures'
import type { PreparedDistrict } from './prepare'

/** Per building: index into `sets` (−1: in no step) and its step's year. */
export interface StepMeasures {
  readonly sets: readonly ResolvedMeasures[]
  readonly setOf: Int16Array
  readonly yearOf: Uint16Array
}

/** The steps of `scenario`'s rollout resolved per building, or null when it has none. */
export function stepMeasuresOf(
  p: PreparedDistrict,
  scenario: Scenario,
  params: EnergyParameters,
): StepMeasures | null {
  const steps = scenario.rollout?.steps
  if (!steps) return null
  const setOf = new Int16Array(p.count).fill(-1)
  const yearOf = new Uint16Array(p.count)
  const sets: ResolvedMeasures[] = []
  const byKey = new Map<string, number>()
  for (const step of steps) {
    const key = [...step.measures].sort().join('+')
    let k = byKey.get(key)
    if (k === undefined) {
      k = sets.length
      sets.push(resolveMeasures(params, measureSpecsOf(stepScenario(scenario, step))))
      byKey.set(key, k)
    }
    for (const id of step.ids) {
      const i = p.indexById.get(id)
      if (i === undefined) continue
      setOf[i] = k
      yearOf[i] = step.year
    }
  }
  return { sets, setOf, yearOf }
}
