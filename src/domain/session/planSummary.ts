import type { Plan, PlanShortfall, PlanTargetReport, PlanYear } from '@/domain/planner/plan'
import type { Scenario } from '@/domain/energy/scenario'

import type { EnergySummary } from './energySummary'

/** Most bars the MAC curve travels with: a 100,000-step plan becomes this many bars. */
export const MAC_BARS = 120

/**
 * What the page needs of a plan: the figures its panel, charts and playback show, per block in
 * DATASET order where per block (typed arrays, transferred). The steps themselves stay in the
 * worker (`planReport` writes them out): 100,000 small objects would cost the page a long task.
 */
export interface PlanSummary {
  feasible: boolean
  target: PlanTargetReport
  shortfall: PlanShortfall | null
  byYear: readonly PlanYear[]
  /** The district before the first year (t/a, MWh/a). */
  today: { co2_t_a: number; primary_mwh_a: number }
  stepCount: number
  /**
   * The marginal abatement cost curve, cheapest first: bar k is `macCo2T[k]` t/a wide and
   * `macEurPerT[k]` EUR/t high (a CO2-weighted mean where steps were merged into one bar).
   */
  macCo2T: Float64Array
  macEurPerT: Float64Array
  /** The year each block is retrofitted, 0 where the plan leaves it. */
  blockYear: Uint16Array
  classBefore: Uint8Array
  classAfter: Uint8Array
  /** The listed-rollout scenario that reproduces the plan. */
  scenario: Scenario
}

/** Merge the steps, cheapest first, into at most `bars` bars of about equal CO2. */
function macCurve(plan: Plan, bars: number): { co2: Float64Array; mac: Float64Array } {
  const priced = plan.steps
    .filter((s) => s.mac_eur_per_t !== null && s.co2_saved_t_a > 0)
    .sort((a, b) => (a.mac_eur_per_t ?? 0) - (b.mac_eur_per_t ?? 0))
  const total = priced.reduce((a, s) => a + s.co2_saved_t_a, 0)
  const co2: number[] = []
  const mac: number[] = []
  let width = 0
  let area = 0
  for (const s of priced) {
    width += s.co2_saved_t_a
    area += s.co2_saved_t_a * (s.mac_eur_per_t ?? 0)
    if (width >= total / bars || priced.length <= bars) {
      co2.push(width)
      mac.push(area / width)
      width = 0
      area = 0
    }
  }
  if (width > 0) {
    co2.push(width)
    mac.push(area / width)
  }
  return { co2: Float64Array.from(co2), mac: Float64Array.from(mac) }
}

/** The page's summary of `plan`; `evaluated` is the plan's scenario evaluated (dataset order). */
export function summarisePlan(
  plan: Plan,
  evaluated: EnergySummary,
  datasetIds: readonly string[],
): PlanSummary {
  const yearOf = new Map(plan.steps.map((s) => [s.id, s.year]))
  const first = plan.target.from
  let co2 = plan.by_year[0]?.co2_t_a ?? 0
  let primary = plan.by_year[0]?.primary_mwh_a ?? 0
  for (const s of plan.steps) {
    if (s.year !== first) break
    co2 += s.co2_saved_t_a
    primary += s.primary_saved_mwh_a
  }
  const { co2: macCo2T, mac: macEurPerT } = macCurve(plan, MAC_BARS)
  return {
    feasible: plan.feasible,
    target: plan.target,
    shortfall: plan.shortfall,
    byYear: plan.by_year,
    today: { co2_t_a: co2, primary_mwh_a: primary },
    stepCount: plan.steps.length,
    macCo2T,
    macEurPerT,
    blockYear: Uint16Array.from(datasetIds, (id) => yearOf.get(id) ?? 0),
    classBefore: evaluated.classBefore,
    classAfter: evaluated.classAfter,
    scenario: plan.scenario,
  }
}

/** Every ArrayBuffer of a plan summary, for postMessage's transfer list. */
export function planTransferables(s: PlanSummary): ArrayBuffer[] {
  return [s.macCo2T, s.macEurPerT, s.blockYear, s.classBefore, s.classAfter].map(
    (a) => a.buffer as ArrayBuffer,
  )
}
