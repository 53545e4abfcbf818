import { useTranslation } from 'react-i18next'

import { selectFindOpen, selectSelectedId } from '@/state/selectors'
import { useAppStore } from '@/state/store'

import './kiosk.css'

/** The exhibit's title and what to do first: tap your block, or find it by its address. */
export function KioskHeader() {
  const { t } = useTranslation()
  const findOpen = useAppStore(selectFindOpen)
  const selected = useAppStore(selectSelectedId)
  const setFindOpen = useAppStore((s) => s.setFindOpen)
  return (
    <header className="panel kiosk-header" data-testid="kiosk-header">
      <div>
        <h1>{t('app.title')}</h1>
        <p className="kiosk-prompt" data-testid="kiosk-prompt">
          {selected ? t('resident.promptSelected') : t('resident.prompt')}
        </p>
      </div>
      <button
        type="button"
        className="button big primary"
        aria-pressed={findOpen}
        onClick={() => setFindOpen(!findOpen)}
        data-testid="find-toggle"
      >
        {t('find.toggle')}
      </button>
    </header>
  )
}
