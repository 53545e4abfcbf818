import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'

import { PlanView } from '@/map/PlanView'
import { TwinCanvas } from '@/scene/TwinCanvas'
import { loadDatasetFromUrl } from '@/state/loadData'
import {
  selectDataStatus,
  selectKiosk,
  selectLanguage,
  selectStoryOpen,
  selectTableOpen,
  selectViewMode,
} from '@/state/selectors'
import { useAppStore } from '@/state/store'
import { Attribution } from '@/ui/Attribution'
import { BuildingTable } from '@/ui/BuildingTable'
import { DataScreens } from '@/ui/DataScreens'
import { DropZone } from '@/ui/DropZone'
import { ErrorBoundary } from '@/ui/ErrorBoundary'
import { Inspector } from '@/ui/Inspector'
import { Legend } from '@/ui/Legend'
import { Notice } from '@/ui/Notice'
import { KioskBar } from '@/ui/KioskBar'
import { QrDialog } from '@/ui/QrDialog'
import { PresenterBar, StoryPanel } from '@/ui/StoryPanel'
import { Toolbar } from '@/ui/Toolbar'

import { useKiosk } from './useKiosk'
import { usePresenterKeys } from './usePresenterKeys'

/** Composition root: wires the URL, the store and the panels around the 3D view. */
export function App({ dataUrl }: { dataUrl: string }) {
  const { i18n } = useTranslation()
  const language = useAppStore(selectLanguage)
  const status = useAppStore(selectDataStatus)
  const viewMode = useAppStore(selectViewMode)
  const kiosk = useAppStore(selectKiosk)
  const tableOpen = useAppStore(selectTableOpen)
  const storyOpen = useAppStore(selectStoryOpen)
  usePresenterKeys()
  useKiosk()

  useEffect(() => {
    void loadDatasetFromUrl(dataUrl)
  }, [dataUrl])

  useEffect(() => {
    void i18n.changeLanguage(language)
    document.documentElement.lang = language
  }, [i18n, language])

  return (
    <DropZone>
      <ErrorBoundary>
        <main className="app">
          {/* The 3D view stays mounted (hidden) in plan mode so its GPU buffers survive. */}
          <div className="view-3d" hidden={viewMode !== '3d'}>
            <TwinCanvas />
          </div>
          {viewMode === 'plan' && <PlanView />}
          {kiosk ? <KioskBar /> : <Toolbar />}
          {kiosk && <QrDialog />}
          {status === 'ready' && <Legend />}
          <Inspector />
          {tableOpen && status === 'ready' && <BuildingTable />}
          {storyOpen && !kiosk && (
            <StoryPanel onClose={() => useAppStore.getState().setStoryOpen(false)} />
          )}
          <PresenterBar />
          <DataScreens />
          <Notice />
          <Attribution />
        </main>
      </ErrorBoundary>
    </DropZone>
  )
}
