import { lazy, Suspense, useEffect } from 'react'
import { useTranslation } from 'react-i18next'

import { TwinCanvas } from '@/scene/TwinCanvas'
import {
  selectDashboardOpen,
  selectDataStatus,
  selectDetailsOpen,
  selectEditorOpen,
  selectFindOpen,
  selectKiosk,
  selectLanguage,
  selectQrOpen,
  selectSelectedId,
  selectStoryIndex,
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
import { FindBlock } from '@/ui/FindBlock'
import { Inspector } from '@/ui/Inspector'
import { KioskHeader } from '@/ui/KioskHeader'
import { Legend } from '@/ui/Legend'
import { Notice } from '@/ui/Notice'
import { KioskBar } from '@/ui/KioskBar'
import { ResidentCard } from '@/ui/ResidentCard'
import { ScenarioEditor } from '@/ui/ScenarioEditor'
import { PresentingView } from '@/ui/PresentingView'
import { StoryPanel } from '@/ui/StoryPanel'
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
  const findOpen = useAppStore(selectFindOpen)
  const detailsOpen = useAppStore(selectDetailsOpen)
  // Presenting shows the view, its caption and figures, and nothing to edit.
  const presenting = useAppStore(selectStoryIndex) !== null && !kiosk
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
          {status === 'ready' && <Legend />}
          {presenting ? (
            <PresentingView />
          ) : (
            <>
              {kiosk ? <KioskBar /> : <Toolbar />}
              {kiosk && <KioskHeader />}
              {kiosk && findOpen && status === 'ready' && <FindBlock />}
              {kiosk && qrOpen && (
                <Suspense fallback={null}>
                  <QrDialog />
                </Suspense>
              )}
              {status === 'ready' && !kiosk && viewMode === '3d' && <CompareControl />}
              {/* At the exhibit a tapped block opens the resident card; the details are one tap on. */}
              {kiosk && !detailsOpen ? <ResidentCard /> : <Inspector />}
              {/* The inspector takes the right side while a block is selected. */}
              {dashboardOpen && status === 'ready' && !selectedId && <Dashboard />}
              {tableOpen && status === 'ready' && <BuildingTable />}
              {editorOpen && !kiosk && status === 'ready' && (
                <ScenarioEditor onClose={() => useAppStore.getState().setEditorOpen(false)} />
              )}
              {storyOpen && !kiosk && (
                <StoryPanel onClose={() => useAppStore.getState().setStoryOpen(false)} />
              )}
            </>
          )}
          <DataScreens />
          <Notice />
          <Attribution />
        </main>
      </ErrorBoundary>
    </DropZone>
  )
}
