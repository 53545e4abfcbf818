import { useTranslation } from 'react-i18next'

import { selectKiosk } from '@/state/selectors'
import { useAppStore } from '@/state/store'

/**
 * ODbL requires the attribution wherever OSM data is shown. At the exhibit it is plain text:
 * a link there would open a browser window a visitor cannot close, and the exhibit is gone.
 */
export function Attribution() {
  const { t } = useTranslation()
  const kiosk = useAppStore(selectKiosk)
  return (
    <div className="attribution" data-testid="attribution">
      {kiosk ? (
        <span>{t('attribution')}</span>
      ) : (
        <a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noreferrer">
          {t('attribution')}
        </a>
      )}
    </div>
  )
}
