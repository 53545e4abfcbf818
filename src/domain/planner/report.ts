/**
 * A plan as files: the JSON `npm run plan` writes (and the app exports), and a CSV of the steps
 * (one row per block) with the year-by-year trajectory after them.
 */
import type { EnergyClass } from '../energy/classes'
import { ENERGY_CLASS_LABELS } from '../energy/classes'
import { csvCell } from '../energy/report'

import { PlanError } from './plan'
import type { Plan, PlanTarget } from './plan'

/** The plan's JSON text (fields as `Plan` lists them). */
export function planJson(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`
}

const STEP_COLUMNS = [
  'id',
  'year',
  'measures',
  'cost_eur',
  'co2_saved_t_a',
  'primary_saved_mwh_a',
  'mac_eur_per_t',
] as const
const YEAR_COLUMNS = [
  'year',
  'spend_eur',
  'cumulative_spend_eur',
  'blocks_done',
  'co2_t_a',
  'primary_mwh_a',
] as const

/** Steps (measures joined by `+`), a blank line, then the trajectory by year. */
export function planCsv(plan: Plan): string {
  const lines = [STEP_COLUMNS.join(',')]
  for (const s of plan.steps) {
    lines.push(
      STEP_COLUMNS.map((c) => csvCell(c === 'measures' ? s.measures.join('+') : s[c])).join(','),
    )
  }
  lines.push('', YEAR_COLUMNS.join(','))
  for (const y of plan.by_year) lines.push(YEAR_COLUMNS.map((c) => csvCell(y[c])).join(','))
  return `${lines.join('\n')}\n`
}

/** `co2:-55`, `primary:-40` or `class:C` → a target; one-line `PlanError` otherwise. */
export function parseTarget(text: string): PlanTarget {
  const m = /^(co2|primary|class):(.+)$/.exec(text.trim())
  if (!m) fail(text)
  const [, kind, arg] = m as unknown as [string, string, string]
  if (kind === 'class') {
    const c = arg.toUpperCase()
    if (!(ENERGY_CLASS_LABELS as readonly string[]).includes(c)) fail(text)
    return { kind: 'class', class: c as EnergyClass }
  }
  const pct = Number(arg)
  if (!Number.isFinite(pct) || pct >= 0 || pct < -100) fail(text)
  return { kind: kind as 'co2' | 'primary', reductionPct: -pct }
}

function fail(text: string): never {
  throw new PlanError(`--target: "${text}" is not a target (use co2:-55, primary:-40 or class:C)`)
}
