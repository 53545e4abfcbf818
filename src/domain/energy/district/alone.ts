/**
 * One measure on one building: the same arithmetic as `evaluateScenario` for a scenario of
 * that measure selecting that building alone, at the cost of one building (the inspector asks
 * this for each measure of the active scenario).
 */
import type { EnergyParameters } from '../parameters'
import type { MeasureSpec, Scenario } from '../scenario'

import { evaluateBaseline } from './baseline'
import { kernelOf } from './kernel'
import { measureSpecsOf, resolveMeasures, THERMAL_MEASURES } from './measures'
import { newOutcome, newState, physics } from './physics'
import type { PreparedDistrict } from './prepare'
import { applyMeasures, baselineState } from './retrofit'

/** What one measure alone does to one building. */
export interface MeasureAlone {
  readonly id: MeasureSpec['id']
  /** Primary-energy saving, %. */
  readonly saving_pct: number
  readonly cost_eur: number
  readonly bill_saving_eur_a: number
}

/** Each measure of `scenario` applied alone to building `index` (the scenario's own order). */
export function measuresAlone(
  prepared: PreparedDistrict,
  scenario: Scenario,
  params: EnergyParameters,
  index: number,
): MeasureAlone[] {
  const p = prepared
  const i = index
  if (!(i >= 0 && i < p.count)) throw new RangeError(`building index ${i} out of range`)
  const before = evaluateBaseline(p, params)
  const k = kernelOf(params)
  const aRef = p.refAreaM2[i] ?? 0
  const primaryBefore = before.primaryKWhPerM2Year[i] ?? 0
  const billBefore = before.billEurPerYear[i] ?? 0
  const s = newState()
  const o = newOutcome()
  return scenario.measures.map((m) => {
    const measures = resolveMeasures(params, measureSpecsOf({ ...scenario, measures: [m] }))
    baselineState(p, i, k, s)
    const mask = applyMeasures(p, i, k, measures, s, null)
    if (mask === 0) return { id: m.id, saving_pct: 0, cost_eur: 0, bill_saving_eur_a: 0 }
    const thermal = (mask & THERMAL_MEASURES) !== 0
    physics(p, i, k, s, o, thermal ? null : before.heatingNeedKWhPerM2Year)
    const primaryAfter = o.primaryKWh / aRef
    return {
      id: m.id,
      saving_pct: primaryBefore > 0 ? ((primaryBefore - primaryAfter) / primaryBefore) * 100 : 0,
      cost_eur: s.cost,
      bill_saving_eur_a: billBefore - o.billEur,
    }
  })
}
