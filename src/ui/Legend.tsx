import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'

import { PROVENANCES } from '@/domain/buildings/types'
import {
  CLASS_COLOURS,
  CLASS_COLOURS_CVD,
  DEMAND_RAMP,
  rampColour,
  SAVING_RAMP,
} from '@/domain/colouring/energyPalettes'
import { ENERGY_CLASS_LABELS } from '@/domain/energy/classes'
import { PROVENANCE_COLOURS, TYPE_COLOURS, type Rgb } from '@/domain/colouring/palettes'
import { VALUE_RANGES } from '@/state/colours'
import {
  selectClassPalette,
  selectColouring,
  selectCompare,
  selectEnergyStatus,
  selectLanguage,
} from '@/state/selectors'
import type { ClassPalette, Colouring, ViewSlice } from '@/state/slices/viewSlice'
import { useAppStore } from '@/state/store'

import { formatNumber } from './i18n'

const swatch = (c: Rgb) => ({ background: `rgb(${c[0]} ${c[1]} ${c[2]})` })

const TYPE_ENTRIES = [
  'apartments',
  'house',
  'commercial',
  'school',
  'industrial',
  'garage',
] as const

/** Which state the view shows: today, after the scenario, both (swipe), or no such choice. */
export function shownState(
  colouring: Colouring,
  compare: Pick<ViewSlice['compare'], 'after' | 'swipe'>,
): 'today' | 'after' | 'both' | null {
  if (colouring !== 'class_before' && colouring !== 'class_after') {
    if (colouring !== 'need' && colouring !== 'co2') return null
  }
  if (compare.swipe) return 'both'
  return compare.after || colouring === 'class_after' ? 'after' : 'today'
}

/** The legend's title for what the view shows (exports use it too). */
export function legendTitle(
  colouring: Colouring,
  compare: Pick<ViewSlice['compare'], 'after' | 'swipe'>,
  t: TFunction,
): string {
  const state = shownState(colouring, compare)
  if (state === null) return t(`colouring.${colouring}`)
  const base = colouring === 'need' || colouring === 'co2' ? colouring : 'class'
  return t(`legendView.${base}_${state}`)
}

/** The title on one line, with which side is which under the swipe (for exported images). */
export function legendCaption(
  colouring: Colouring,
  compare: Pick<ViewSlice['compare'], 'after' | 'swipe'>,
  t: TFunction,
): string {
  const title = legendTitle(colouring, compare, t)
  return shownState(colouring, compare) === 'both' ? `${title} — ${t('legendView.sides')}` : title
}

/** Round breaks from `min` to `max`: about five steps of 1, 2, 2.5 or 5 × a power of ten. */
export function roundBreaks(min: number, max: number): number[] {
  const raw = (max - min) / 5
  const magnitude = 10 ** Math.floor(Math.log10(raw))
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= raw - 1e-9) ?? 10) * magnitude
  const breaks: number[] = []
  for (let v = Math.ceil(min / step) * step; v <= max + 1e-9; v += step) breaks.push(v)
  return breaks
}

/** The legend's entries for a colouring (also drawn into exported PNGs and the council pack). */
export function legendEntries(
  colouring: Colouring,
  palette: ClassPalette,
  lng: string,
  t: TFunction,
): { label: string; colour: Rgb }[] {
  let entries: { label: string; colour: Rgb }[]
  if (colouring === 'class_before' || colouring === 'class_after') {
    const colours = palette === 'cvd' ? CLASS_COLOURS_CVD : CLASS_COLOURS
    entries = ENERGY_CLASS_LABELS.map((c, i) => ({ label: c, colour: colours[i] ?? [0, 0, 0] }))
  } else if (colouring === 'need' || colouring === 'saving' || colouring === 'co2') {
    const r = VALUE_RANGES[colouring]
    const ramp = colouring === 'saving' ? SAVING_RAMP : DEMAND_RAMP
    entries = roundBreaks(r.min, r.max).map((v) => ({
      label: `${v >= r.max ? '≥ ' : ''}${t(`legendView.unit_${colouring}`, { value: formatNumber(v, lng, 1) })}`,
      colour: rampColour(ramp, (v - r.min) / (r.max - r.min)),
    }))
  } else if (colouring === 'confidence') {
    entries = PROVENANCES.map((p) => ({
      label: t(`provenance.${p}`),
      colour: PROVENANCE_COLOURS[p],
    }))
  } else {
    entries = TYPE_ENTRIES.map((k) => ({
      label: t(`types.${k}`),
      colour: TYPE_COLOURS[k] ?? [0, 0, 0],
    }))
  }
  return [...entries, { label: t('legend.noData'), colour: [214, 210, 200] }]
}

/** Legend for the active colouring: names what it shows and its unit. */
export function Legend() {
  const { t } = useTranslation()
  const colouring = useAppStore(selectColouring)
  const palette = useAppStore(selectClassPalette)
  const lng = useAppStore(selectLanguage)
  const energyStatus = useAppStore(selectEnergyStatus)
  const compare = useAppStore(selectCompare)
  const setClassPalette = useAppStore((s) => s.setClassPalette)
  const entries = legendEntries(colouring, palette, lng, t)
  const isClass = colouring === 'class_before' || colouring === 'class_after'
  return (
    <section className="panel legend" aria-label={t('legend.title')} data-testid="legend">
      <h2>{legendTitle(colouring, compare, t)}</h2>
      {shownState(colouring, compare) === 'both' && (
        <p className="legend-sides" data-testid="legend-sides">
          {t('legendView.sides')}
        </p>
      )}
      {energyStatus === 'computing' && colouring !== 'type' && colouring !== 'confidence' && (
        <p className="muted" role="status">
          {t('energy.computing')}
        </p>
      )}
      <ul>
        {entries.map((e) => (
          <li key={e.label}>
            <span className="swatch" style={swatch(e.colour)} aria-hidden="true" />
            {e.label}
          </li>
        ))}
      </ul>
      {isClass && (
        <label className="legend-option">
          <input
            type="checkbox"
            checked={palette === 'cvd'}
            onChange={(e) => setClassPalette(e.currentTarget.checked ? 'cvd' : 'conventional')}
          />
          {t('legend.cvd')}
        </label>
      )}
    </section>
  )
}
