import { useRef } from 'react'
import { useTranslation } from 'react-i18next'

import { importFile } from '@/state/loadData'
import { selectKiosk } from '@/state/selectors'
import { useAppStore } from '@/state/store'

/** Accepted inputs: the importer's formats plus a prepared dataset. */
export const ACCEPTED_FILES =
  '.osm,.xml,.pbf,.json,.geojson,.fgb,application/json,application/geo+json'

/** A real button that opens the file picker (keyboard and touch reachable). */
export function OpenFileButton({ primary = false }: { primary?: boolean }) {
  const { t } = useTranslation()
  const input = useRef<HTMLInputElement>(null)
  // A visitor at the exhibit cannot replace the district's data.
  if (useAppStore(selectKiosk)) return null
  return (
    <>
      <button
        type="button"
        className={primary ? 'button primary' : 'button'}
        onClick={() => input.current?.click()}
      >
        {t('toolbar.open')}
      </button>
      <input
        ref={input}
        type="file"
        accept={ACCEPTED_FILES}
        hidden
        data-testid="file-input"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0]
          if (file) void importFile(file)
          e.currentTarget.value = ''
        }}
      />
    </>
  )
}
