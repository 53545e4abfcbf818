import type { BuildingResult } from '@/domain/energy/district/building'

import { formatNumber } from './i18n'
import { LONGEST_SERVICE_LIFE_YEARS } from './kpiText'

/** Fields the energy model adds for who pays and how sure it is (read when present). */
type Funding = Partial<{
  owner_cost_per_flat_eur: number | null
  bill_change_per_flat_eur_month: number | null
  owner_payback_years: number | null
  ranges: Readonly<Record<string, readonly [number, number] | null | undefined>>
}>

/** A figure as a resident reads it: central value with the range the model gives, if any. */
export interface Estimate {
  value: number
  range: readonly [number, number] | null
}

/** How much warmer a flat gets: from the cut in the block's heating need. */
export type ComfortLevel = 'much' | 'warmer' | 'little' | 'same'

/** What the resident card shows for one block under the scenario; null entries are not shown. */
export interface ResidentFigures {
  flats: number
  costPerFlat: Estimate | null
  ownerPerFlat: Estimate | null
  /** Monthly heating-bill change per flat, € (negative: the bill goes down). */
  billChangeMonth: Estimate | null
  paybackYears: number | null
  /** How the payback reads against the works' service life: within it, perhaps not, or not. */
  paybackWithin: 'yes' | 'maybe' | 'no'
  comfort: ComfortLevel
  co2CutPct: number
  co2TonnesPerFlatYear: number
}

const finite = (v: number | null | undefined): v is number =>
  typeof v === 'number' && Number.isFinite(v)

function estimate(
  value: number | null | undefined,
  range: readonly [number, number] | null | undefined,
): Estimate | null {
  if (!finite(value)) return null
  return { value, range: range && finite(range[0]) && finite(range[1]) ? range : null }
}

export function comfortLevel(heatingNeedCutPct: number): ComfortLevel {
  if (heatingNeedCutPct >= 50) return 'much'
  if (heatingNeedCutPct >= 20) return 'warmer'
  if (heatingNeedCutPct > 3) return 'little'
  return 'same'
}

/** The resident's figures for a block the scenario renovates; null when it has no flats. */
export function residentFigures(r: BuildingResult & Funding): ResidentFigures | null {
  const a = r.after
  if (!a || r.flats <= 0) return null
  const ranges = r.ranges ?? {}
  const saving = ranges['bill_saving_per_flat_eur_a']
  const billChange =
    r.bill_change_per_flat_eur_month ??
    (finite(r.bill_saving_per_flat_eur_a) ? -r.bill_saving_per_flat_eur_a / 12 : null)
  const billRange =
    ranges['bill_change_per_flat_eur_month'] ??
    (saving ? ([-saving[1] / 12, -saving[0] / 12] as const) : null)
  const paybackYears = r.owner_payback_years ?? r.payback_years ?? null
  const paybackHigh = (
    r.owner_payback_years !== undefined && r.owner_payback_years !== null
      ? ranges['owner_payback_years']
      : ranges['payback_years']
  )?.[1]
  const co2Before = r.co2_kg_m2a * r.heated_area_m2
  const co2After = a.co2_kg_m2a * r.heated_area_m2
  return {
    flats: r.flats,
    costPerFlat: estimate(r.cost_per_flat_eur, ranges['cost_per_flat_eur']),
    ownerPerFlat: estimate(r.owner_cost_per_flat_eur, ranges['owner_cost_per_flat_eur']),
    billChangeMonth: estimate(billChange, billRange),
    paybackYears,
    paybackWithin:
      paybackYears !== null && paybackYears > LONGEST_SERVICE_LIFE_YEARS
        ? 'no'
        : paybackHigh !== undefined && paybackHigh > LONGEST_SERVICE_LIFE_YEARS
          ? 'maybe'
          : 'yes',
    comfort: comfortLevel(r.heating_need_saving_pct ?? 0),
    co2CutPct: co2Before > 0 ? Math.max(0, ((co2Before - co2After) / co2Before) * 100) : 0,
    co2TonnesPerFlatYear: Math.max(0, (co2Before - co2After) / 1000 / r.flats),
  }
}

/** Rounded as a person would say it: 4.100, 380, 23; never more precise than the model. */
export function roundForPeople(v: number): number {
  const a = Math.abs(v)
  const step = a >= 1000 ? 100 : a >= 100 ? 10 : 1
  return Math.round(v / step) * step
}

/** "≈ 4.100 € (3.200–5.300)" in the reader's number format, with non-breaking spaces. */
export function formatEstimate(e: Estimate, lng: string, unit = '€'): string {
  const n = (v: number) => formatNumber(roundForPeople(v), lng, 0)
  const central = `≈\u00a0${n(e.value)}\u00a0${unit}`
  if (!e.range) return central
  const [lo, hi] = e.range[0] <= e.range[1] ? e.range : [e.range[1], e.range[0]]
  return `${central} (${n(lo)}–${n(hi)})`
}
