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
