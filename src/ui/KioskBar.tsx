import { useTranslation } from 'react-i18next'

import { selectAttract, selectColouring, selectLanguage, selectScenario } from '@/state/selectors'
import { CURATED_SCENARIOS } from '@/state/slices/scenarioSlice'
import type { Language } from '@/state/slices/viewSlice'
import { useAppStore } from '@/state/store'

import { LANGUAGES } from './i18n'

const LANGUAGE_LABELS: Record<Language, string> = { ro: 'RO', hu: 'HU', en: 'EN' }

/** The exhibit's only controls: big, touch-first buttons (≥ 48 px), nothing hover-only. */
export function KioskBar() {
  const { t } = useTranslation()
  const language = useAppStore(selectLanguage)
  const colouring = useAppStore(selectColouring)
  const scenario = useAppStore(selectScenario)
  const attract = useAppStore(selectAttract)
  const { setLanguage, setColouring, setScenario, goHome, setQrOpen } = useAppStore.getState()
  return (
    <>
      {attract && (
        <div className="attract-banner" data-testid="attract" aria-live="polite">
          {t('kiosk.touchToStart')}
        </div>
      )}
      <nav className="kiosk-bar panel" aria-label={t('kiosk.controls')} data-testid="kiosk-bar">
        <div className="group" role="group" aria-label={t('kiosk.scenarios')}>
          {CURATED_SCENARIOS.map((s, i) => (
            <button
              key={s.name}
              type="button"
              className="button big"
              aria-pressed={scenario.name === s.name}
              onClick={() => {
                setScenario(s)
                setColouring(i === 0 ? 'class_before' : 'class_after')
              }}
              data-testid={`kiosk-scenario-${i}`}
            >
              {t(`kiosk.curated.${i}`)}
            </button>
          ))}
        </div>
        <div className="group" role="group" aria-label={t('toolbar.colouring')}>
          {(['class_before', 'class_after'] as const).map((c) => (
            <button
              key={c}
              type="button"
              className="button big"
              aria-pressed={colouring === c}
              onClick={() => setColouring(c)}
            >
              {t(`kiosk.${c}`)}
            </button>
          ))}
        </div>
        <div className="group">
          <button type="button" className="button big" onClick={goHome}>
            {t('toolbar.home')}
          </button>
          <button type="button" className="button big" onClick={() => setQrOpen(true)}>
            {t('kiosk.qr')}
          </button>
        </div>
        <div className="group" role="group" aria-label={t('toolbar.language')}>
          {LANGUAGES.map((l) => (
            <button
              key={l}
              type="button"
              className="button big"
              lang={l}
              aria-pressed={language === l}
              onClick={() => setLanguage(l)}
            >
              {LANGUAGE_LABELS[l]}
            </button>
          ))}
        </div>
      </nav>
    </>
  )
}
