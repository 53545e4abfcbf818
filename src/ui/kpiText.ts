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
export function rangeEnds(
  [lo, hi]: readonly [number, number],
  f: (x: number) => string,
): { low: string; high: string } {
  const m = (x: number) => f(x).replace('-', '\u2212')
  return lo < 0 || hi < 0 ? { low: `${m(lo)} `, high: ` ${m(hi)}` } : { low: m(lo), high: m(hi) }
}
