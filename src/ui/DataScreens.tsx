import { useTranslation } from 'react-i18next'

import {
  selectDataLoadKind,
  selectDataMessage,
  selectDataMessageKey,
  selectDataProgress,
  selectDataSource,
  selectDataStatus,
  selectDistrictShown,
} from '@/state/selectors'
import { useAppStore } from '@/state/store'

import { OpenFileButton } from './OpenFileButton'

/** The loading, empty and error states: never a blank page, never a stack trace. */
export function DataScreens() {
  const { t } = useTranslation()
  const status = useAppStore(selectDataStatus)
  const text = useAppStore(selectDataMessage)
  const translated = useAppStore(selectDataMessageKey)
  // A message with a key is shown in the current language; the reason is translated first.
  const message = translated
    ? t(translated.key, {
        ...translated.params,
        ...(translated.reasonKey && { reason: t(translated.reasonKey, translated.params) }),
      })
    : text
  const progress = useAppStore(selectDataProgress)
  const source = useAppStore(selectDataSource)
  const kind = useAppStore(selectDataLoadKind)
  const shown = useAppStore(selectDistrictShown)

  if (status === 'loading' || status === 'idle') {
    // Over a shown district: a bar at the top of the view, which lets taps through to the scene.
    return (
      <div
        className={shown ? 'overlay-card over-district' : 'overlay-card'}
        role="status"
        aria-live="polite"
      >
        <p>
          {source && kind === 'import' ? t('data.importing', { name: source }) : t('data.loading')}
        </p>
        <progress
          max={1}
          {...(progress === null ? {} : { value: progress })}
          aria-label={t('data.loading')}
        />
      </div>
    )
  }
  if (status === 'empty' || status === 'error') {
    return (
      <div className="overlay-card" role={status === 'error' ? 'alert' : 'status'}>
        <h2>{status === 'empty' ? t('data.emptyTitle') : t('data.errorTitle')}</h2>
        {message && (
          <p className="message" data-testid="data-message">
            {message}
          </p>
        )}
        {status === 'empty' && <p>{t('data.emptyBody')}</p>}
        <OpenFileButton primary />
      </div>
    )
  }
  // A failed import over a loaded dataset keeps the district and shows a dismissable notice.
  return message ? (
    <div className="notice" role="alert" data-testid="data-message">
      {message}
    </div>
  ) : null
}
