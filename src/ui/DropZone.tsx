import { useState, type DragEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

import { importFile } from '@/state/loadData'
import { selectKiosk } from '@/state/selectors'
import { useAppStore } from '@/state/store'

/** Whole-window drop target for OSM files; shows a hint while a file is dragged over. */
export function DropZone({ children }: { children: ReactNode }) {
  const { t } = useTranslation()
  const [over, setOver] = useState(false)
  // The exhibit takes no files: a drop is swallowed (the browser must not open it either).
  const kiosk = useAppStore(selectKiosk)
  const hasFiles = (e: DragEvent) => e.dataTransfer.types.includes('Files')
  return (
    <div
      className="drop-zone"
      onDragOver={(e) => {
        if (!hasFiles(e)) return
        e.preventDefault()
        setOver(!kiosk)
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault()
        setOver(false)
        const file = e.dataTransfer.files[0]
        if (file && !kiosk) void importFile(file)
      }}
    >
      {children}
      {over && <div className="drop-hint">{t('data.dropHere')}</div>}
    </div>
  )
}
