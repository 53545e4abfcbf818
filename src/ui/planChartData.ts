/** What the planner's charts draw, shared by the panel's SVG and the council pack's page. */
import type { TFunction } from 'i18next'

import type { PlanSummary } from '@/domain/session/planSummary'

import { formatNumber } from './i18n'

/** About `count` round tick values from 0 to at least `max`. */
export function ticksOf(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1]
  const raw = max / count
  const mag = 10 ** Math.floor(Math.log10(raw))
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag
  const out: number[] = []
  for (let v = 0; v < max + step * 0.999; v += step) out.push(v)
  return out
}

/** A short number for an axis: 12 300 → "12,3 k" in the page's language. */
export function axisNumber(v: number, lng: string): string {
  if (Math.abs(v) >= 1e6) return `${formatNumber(v / 1e6, lng, 1)} M`
  if (Math.abs(v) >= 1e4) return `${formatNumber(v / 1e3, lng, 0)} k`
  return formatNumber(v, lng, 0)
}

/** The trajectory's quantity, its unit key and the target line, by the plan's target. */
export function trajectoryOf(plan: PlanSummary): { values: number[]; goal: number; unit: string } {
  const t = plan.target
  if (t.kind === 'class') {
    return {
      values: [t.baseline, ...plan.byYear.map((y) => t.baseline + y.blocks_done)],
      goal: t.goal,
      unit: 'blocks',
    }
  }
  const co2 = t.kind === 'co2'
  const today = co2 ? plan.today.co2_t_a : plan.today.primary_mwh_a
  // A target on the apartment blocks only is the same cut off the district's total.
  return {
    values: [today, ...plan.byYear.map((y) => (co2 ? y.co2_t_a : y.primary_mwh_a))],
    goal: today - (t.baseline - t.goal),
    unit: co2 ? 'tYr' : 'mwhYr',
  }
}

/** Feasible or not, how much it spends, and the shortfall in words (panel and council pack). */
export function verdictLines(plan: PlanSummary, t: TFunction, lng: string): string[] {
  const eur = (v: number) => t('units.eur', { value: formatNumber(v, lng, 0) })
  const f = plan.shortfall
  const spent = plan.byYear[plan.byYear.length - 1]?.cumulative_spend_eur ?? 0
  const lines = [
    t('planner.steps', { count: plan.stepCount, spend: eur(spent), year: plan.target.year }),
  ]
  if (!f) lines.unshift(t('planner.feasible', { year: plan.target.year }))
  else if (f.kind === 'unreachable') {
    lines.unshift(t('planner.unreachable', { best: formatNumber(f.best_possible_pct, lng, 1) }))
  } else {
    lines.unshift(t('planner.short', { year: plan.target.year }))
    if (f.needed_budget_eur !== null && f.extra_budget_eur !== null) {
      lines.push(
        t(plan.target.budget_total_eur === null ? 'planner.neededPerYear' : 'planner.neededTotal', {
          needed: eur(f.needed_budget_eur),
          extra: eur(f.extra_budget_eur),
        }),
      )
    }
    lines.push(
      f.reached_year === null
        ? t('planner.neverReached')
        : t('planner.reachedIn', { year: f.reached_year }),
    )
  }
  return lines
}
