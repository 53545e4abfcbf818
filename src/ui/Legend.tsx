import { useTranslation } from 'react-i18next'

import { PROVENANCES } from '@/domain/buildings/types'
import { PROVENANCE_COLOURS, TYPE_COLOURS, type Rgb } from '@/domain/colouring/palettes'
import { selectColouring } from '@/state/selectors'
import { useAppStore } from '@/state/store'

const swatch = (c: Rgb) => ({ background: `rgb(${c[0]} ${c[1]} ${c[2]})` })

const TYPE_ENTRIES: readonly (keyof typeof TYPE_COLOURS)[] = [
  'apartments',
  'house',
  'commercial',
  'school',
  'industrial',
  'garage',
]

/** Legend for the active colouring; names its meaning and unit. */
export function Legend() {
  const { t } = useTranslation()
  const colouring = useAppStore(selectColouring)
  const entries: { label: string; colour: Rgb }[] =
    colouring === 'confidence'
      ? PROVENANCES.map((p) => ({ label: t(`provenance.${p}`), colour: PROVENANCE_COLOURS[p] }))
      : TYPE_ENTRIES.flatMap((k) => {
          const colour = TYPE_COLOURS[k]
          return colour ? [{ label: k, colour }] : []
        })
  return (
    <section className="panel legend" aria-label={t('legend.title')} data-testid="legend">
      <h2>{t(`colouring.${colouring}`)}</h2>
      <ul>
        {entries.map((e) => (
          <li key={e.label}>
            <span className="swatch" style={swatch(e.colour)} aria-hidden="true" />
            {e.label}
          </li>
        ))}
      </ul>
    </section>
  )
}
