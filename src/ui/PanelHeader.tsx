import { useTranslation } from 'react-i18next'

/** A side panel's title with its close button (keyboard and screen-reader labelled). */
export function PanelHeader({ title, onClose }: { title: string; onClose: () => void }) {
  const { t } = useTranslation()
  return (
    <header>
      <h2>{title}</h2>
      <button
        type="button"
        className="icon-button"
        onClick={onClose}
        aria-label={t('inspector.close')}
      >
        ×
      </button>
    </header>
  )
}
