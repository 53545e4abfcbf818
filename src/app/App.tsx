import { lazy, Suspense, useEffect } from 'react'
import { useTranslation } from 'react-i18next'

import { TwinCanvas } from '@/scene/TwinCanvas'
import {
  selectDashboardOpen,
  selectDataStatus,
  selectEditorOpen,
  selectKiosk,
  selectLanguage,
  selectQrOpen,
  selectSelectedId,
  selectStoryOpen,
  selectTableOpen,
  selectViewMode,
} from '@/state/selectors'
import { useAppStore } from '@/state/store'
import { Attribution } from '@/ui/Attribution'
import { BuildingTable } from '@/ui/BuildingTable'
import { CompareControl } from '@/ui/CompareControl'
import { Dashboard } from '@/ui/Dashboard'
import { DataScreens } from '@/ui/DataScreens'
import { DropZone } from '@/ui/DropZone'
import { ErrorBoundary } from '@/ui/ErrorBoundary'
import { Inspector } from '@/ui/Inspector'
import { Legend } from '@/ui/Legend'
import { Notice } from '@/ui/Notice'
import { KioskBar } from '@/ui/KioskBar'
import { ScenarioEditor } from '@/ui/ScenarioEditor'
import { PresenterBar, StoryPanel } from '@/ui/StoryPanel'
import { Toolbar } from '@/ui/Toolbar'

import { useKiosk } from './useKiosk'
import { usePresenterKeys } from './usePresenterKeys'

// Loaded on first use: deck.gl and the QR encoder stay out of the start-up bundle.
const PlanView = lazy(() => import('@/map/PlanView').then((m) => ({ default: m.PlanView })))
const QrDialog = lazy(() => import('@/ui/QrDialog').then((m) => ({ default: m.QrDialog })))

/** Composition root: wires the URL, the store and the panels around the 3D view. */
export function App() {
  const { i18n } = useTranslation()
  const language = useAppStore(selectLanguage)
  const status = useAppStore(selectDataStatus)
  const viewMode = useAppStore(selectViewMode)
  const kiosk = useAppStore(selectKiosk)
  const qrOpen = useAppStore(selectQrOpen)
  const tableOpen = useAppStore(selectTableOpen)
  const storyOpen = useAppStore(selectStoryOpen)
  const editorOpen = useAppStore(selectEditorOpen)
  const dashboardOpen = useAppStore(selectDashboardOpen)
  const selectedId = useAppStore(selectSelectedId)
  usePresenterKeys()
  useKiosk()

  useEffect(() => {
    void i18n.changeLanguage(language)
    document.documentElement.lang = language
  }, [i18n, language])

  return (
    <DropZone>
      <ErrorBoundary>
        <main className={editorOpen ? 'app editor-open' : 'app'}>
          {/* The 3D view stays mounted (hidden) in plan mode so its GPU buffers survive. */}
          <div className="view-3d" hidden={viewMode !== '3d'}>
            <TwinCanvas />
          </div>
          {viewMode === 'plan' && (
            <Suspense fallback={null}>
              <PlanView />
            </Suspense>
          )}
          {kiosk ? <KioskBar /> : <Toolbar />}
          {kiosk && qrOpen && (
            <Suspense fallback={null}>
              <QrDialog />
            </Suspense>
          )}
          {status === 'ready' && <Legend />}
          {status === 'ready' && !kiosk && viewMode === '3d' && <CompareControl />}
          <Inspector />
          {/* The inspector takes the right side while a block is selected. */}
          {dashboardOpen && status === 'ready' && !selectedId && <Dashboard />}
          {tableOpen && status === 'ready' && <BuildingTable />}
          {editorOpen && !kiosk && status === 'ready' && (
            <ScenarioEditor onClose={() => useAppStore.getState().setEditorOpen(false)} />
          )}
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
