import type { TFunction } from 'i18next'

import { DEFAULT_PARAMETERS } from '@/domain/energy/parameters'

import type { Kpi } from './Dashboard'
import { formatNumber } from './i18n'

type Unit = (key: string, value: string) => string

/** One figure with its unit, with non-breaking spaces so it never wraps mid-number. */
export function figureText(v: number | null, k: Kpi, lng: string, unit: Unit): string {
  if (v === null || !Number.isFinite(v)) return '—'
  return unit(k.unit, formatNumber(v, lng, k.digits)).replace(/ /g, '\u00a0')
}

/** A KPI as "before → after" (or the after value alone), never wrapping mid-number. */
export function kpiText(k: Kpi, lng: string, unit: Unit): string {
  const after = figureText(k.after, k, lng, unit)
  return k.before === null ? after : `${figureText(k.before, k, lng, unit)} → ${after}`
}

/**
 * The ends of a range as written: a true minus sign, and spaces around the dash where an end is
 * negative ("−27.9 – −1.2", not "-27.9–-1.2").
 */
function rangeEnds(
  [lo, hi]: readonly [number, number],
  f: (x: number) => string,
): { low: string; high: string } {
  const m = (x: number) => f(x).replace('-', '\u2212')
  return lo < 0 || hi < 0 ? { low: `${m(lo)} `, high: ` ${m(hi)}` } : { low: m(lo), high: m(hi) }
}

/** No measure in the defaults lasts longer (`measures.*.lifetime_years`): a payback beyond it may never come. */
export const LONGEST_SERVICE_LIFE_YEARS = Math.max(
  ...Object.values(DEFAULT_PARAMETERS.measures).map((m) => m.lifetime_years.value),
)

/**
 * "≈ X (Y–Z)" for a figure already written with its unit, or X alone without a known range. A
 * range with no upper end, or one above `openAbove` (a payback outliving the works), is written
 * as "at least Y".
 */
export function approxText(
  value: string,
  range: readonly [number, number] | null | undefined,
  f: (x: number) => string,
  t: TFunction,
  openAbove = Infinity,
): string {
  if (!range || !Number.isFinite(range[0])) return value
  if (range[1] === Infinity || range[1] > openAbove)
    return t('dashboard.approxOpen', { value, low: f(range[0]) })
  if (Number.isFinite(range[1])) return t('dashboard.approx', { value, ...rangeEnds(range, f) })
  return value
}
