import { useTranslation } from 'react-i18next'

/** ODbL requires the attribution wherever OSM data is shown. */
export function Attribution() {
  const { t } = useTranslation()
  return (
    <div className="attribution" data-testid="attribution">
      <a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noreferrer">
        {t('attribution')}
      </a>
    </div>
  )
}
