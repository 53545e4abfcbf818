import { useTranslation } from 'react-i18next'

import { selectNotice } from '@/state/selectors'
import { useAppStore } from '@/state/store'

/** A dismissable one-line notice (malformed link, rejected file…), rendered as text only. */
export function Notice() {
  const { t } = useTranslation()
  const notice = useAppStore(selectNotice)
  const dismiss = useAppStore((s) => s.dismissNotice)
  if (!notice) return null
  return (
    <div className="notice notice-top" role="status" data-testid="notice">
      <span>{notice}</span>
      <button
        type="button"
        className="icon-button"
        onClick={dismiss}
        aria-label={t('inspector.close')}
      >
        ×
      </button>
    </div>
  )
}
