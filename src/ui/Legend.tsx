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
  selectEnergyStatus,
  selectLanguage,
} from '@/state/selectors'
import type { ClassPalette, Colouring } from '@/state/slices/viewSlice'
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
    entries = [0, 0.25, 0.5, 0.75, 1].map((f) => ({
      label: `${f === 1 ? '≥ ' : ''}${formatNumber(r.min + (r.max - r.min) * f, lng, 0)} ${r.unit}`,
      colour: rampColour(ramp, f),
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
  const setClassPalette = useAppStore((s) => s.setClassPalette)
  const entries = legendEntries(colouring, palette, lng, t)
  const isClass = colouring === 'class_before' || colouring === 'class_after'
  return (
    <section className="panel legend" aria-label={t('legend.title')} data-testid="legend">
      <h2>{t(`colouring.${colouring}`)}</h2>
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
