import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'

import { matchStreets, streetIndex, type StreetEntry } from '@/domain/dataset/streets'
import { focusBuilding, focusPoint } from '@/state/focus'
import { selectDataset } from '@/state/selectors'
import { useAppStore } from '@/state/store'

import { PanelHeader } from './PanelHeader'
import './kiosk.css'

/** The on-screen keyboard: Latin letters (diacritics are matched without typing them). */
const KEY_ROWS = ['QWERTYUIOP', 'ASDFGHJKL', 'ZXCVBNM'] as const
/** Enough streets to choose from without scrolling on a portrait or landscape kiosk. */
const MAX_STREETS = 8

/**
 * Find your block by street and number: type a few letters on a large on-screen keyboard (no
 * system keyboard on a kiosk) or pick from the street list, then tap the house number.
 */
export function FindBlock() {
  const { t } = useTranslation()
  const dataset = useAppStore(selectDataset)
  const setFindOpen = useAppStore((s) => s.setFindOpen)
  const streets = useMemo(() => (dataset ? streetIndex(dataset) : []), [dataset])
  const [typed, setTyped] = useState('')
  const [street, setStreet] = useState<StreetEntry | null>(null)
  const matches = matchStreets(streets, typed)
  const close = () => setFindOpen(false)
  const type = (key: string) => setTyped((v) => (v + key).slice(0, 40))

  return (
    <section className="panel find-block" aria-label={t('find.title')} data-testid="find-block">
      <PanelHeader title={t('find.title')} onClose={close} />
      {streets.length === 0 ? (
        <p className="resident-note" data-testid="find-empty">
          {t('find.empty')}
        </p>
      ) : street ? (
        <>
          <p className="find-street">{street.name}</p>
          {street.blocks.length > 0 ? (
            <>
              <p className="muted">{t('find.pickNumber')}</p>
              <div className="find-numbers" role="group" aria-label={t('find.numbers')}>
                {street.blocks.map((b) => (
                  <button
                    key={b.id}
                    type="button"
                    className="button big"
                    onClick={() => {
                      focusBuilding(b.id)
                      close()
                    }}
                    data-testid="find-number"
                  >
                    {b.number}
                  </button>
                ))}
              </div>
            </>
          ) : (
            <p className="resident-note">{t('find.noNumbers')}</p>
          )}
          <div className="find-actions">
            <button type="button" className="button big" onClick={() => setStreet(null)}>
              {t('find.back')}
            </button>
            {street.blocks.length === 0 && street.at && (
              <button
                type="button"
                className="button big primary"
                onClick={() => {
                  if (street.at) focusPoint(street.at)
                  close()
                }}
              >
                {t('find.showStreet')}
              </button>
            )}
          </div>
        </>
      ) : (
        <>
          <output className="find-typed" aria-live="polite" data-testid="find-typed">
            {typed || <span className="muted">{t('find.typeHint')}</span>}
          </output>
          <ul className="find-streets" aria-label={t('find.streets')}>
            {matches.slice(0, MAX_STREETS).map((s) => (
              <li key={s.key}>
                <button
                  type="button"
                  className="button big"
                  onClick={() => setStreet(s)}
                  data-testid="find-street"
                >
                  {s.name}
                </button>
              </li>
            ))}
            {matches.length === 0 && <li className="muted">{t('find.none')}</li>}
            {matches.length > MAX_STREETS && (
              <li className="muted">{t('find.more', { count: matches.length - MAX_STREETS })}</li>
            )}
          </ul>
          <div className="keyboard" role="group" aria-label={t('find.keyboard')}>
            {KEY_ROWS.map((row) => (
              <div key={row} className="keyboard-row">
                {[...row].map((k) => (
                  <button
                    key={k}
                    type="button"
                    className="key"
                    onClick={() => type(k)}
                    data-testid={`key-${k}`}
                  >
                    {k}
                  </button>
                ))}
              </div>
            ))}
            <div className="keyboard-row">
              <button type="button" className="key wide" onClick={() => type(' ')}>
                {t('find.space')}
              </button>
              <button
                type="button"
                className="key wide"
                onClick={() => setTyped((v) => v.slice(0, -1))}
                aria-label={t('find.backspace')}
              >
                ⌫
              </button>
              <button type="button" className="key wide" onClick={() => setTyped('')}>
                {t('find.clear')}
              </button>
            </div>
          </div>
        </>
      )}
    </section>
  )
}
