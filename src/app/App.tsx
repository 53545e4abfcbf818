import { lazy, Suspense, useEffect, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

import { TwinCanvas } from '@/scene/TwinCanvas'
import {
  selectDetailsOpen,
  selectDistrictShown,
  selectKiosk,
  selectLanguage,
  selectQrOpen,
  selectSidePanel,
  selectStoryIndex,
  selectViewMode,
  type SidePanel,
} from '@/state/selectors'
import { useAppStore } from '@/state/store'
import { Attribution } from '@/ui/Attribution'
import { BuildingTable } from '@/ui/BuildingTable'
import { CompareControl, SwipeDivider } from '@/ui/CompareControl'
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
import { PlannerPanel } from '@/ui/PlannerPanel'
import { PresentingView } from '@/ui/PresentingView'
import { StoryPanel } from '@/ui/StoryPanel'
import { SunControl } from '@/ui/SunControl'
import { MenuSheet, Toolbar } from '@/ui/Toolbar'
import { useCompact } from '@/ui/useCompact'
import { ViewGauges } from '@/ui/ViewGauges'

import { useKiosk } from './useKiosk'
import { usePresenterKeys } from './usePresenterKeys'

// Loaded on first use: deck.gl and the QR encoder stay out of the start-up bundle.
const PlanView = lazy(() => import('@/map/PlanView').then((m) => ({ default: m.PlanView })))
const QrDialog = lazy(() => import('@/ui/QrDialog').then((m) => ({ default: m.QrDialog })))

/** At the exhibit a tapped block opens the resident card; the details are one tap on. */
function SelectedBlock() {
  const kiosk = useAppStore(selectKiosk)
  const details = useAppStore(selectDetailsOpen)
  return kiosk && !details ? <ResidentCard /> : <Inspector />
}

/**
 * The side region's panels, by what selectSidePanel (src/state/selectors.ts) says is shown.
 * To add a panel: give it an open flag in src/state/slices/uiSlice.ts (SIDE_PANEL_FLAGS keeps
 * one open at a time), a line in selectSidePanel, and its component here. The region sizes,
 * scrolls and makes it opaque (a bottom sheet on a phone); the panel sets no position of its own.
 */
const SIDE_PANELS: Record<SidePanel, (presenting: boolean) => ReactNode> = {
  editor: () => (
    <>
      <ScenarioEditor onClose={() => useAppStore.getState().setEditorOpen(false)} />
      {/* The figures follow each edit, so they stay in view under the editor. */}
      <Dashboard />
    </>
  ),
  story: () => (
    <>
      <StoryPanel onClose={() => useAppStore.getState().setStoryOpen(false)} />
      {/* A saved view keeps the figures shown here. */}
      <Dashboard />
    </>
  ),
  table: () => <BuildingTable />,
  menu: () => <MenuSheet />,
  inspector: () => <SelectedBlock />,
  find: () => <FindBlock />,
  dashboard: () => <Dashboard />,
  // While presenting: the plan's verdict, playback and charts, nothing to edit.
  planner: (presenting) => <PlannerPanel readOnly={presenting} />,
}

/**
 * Composition root: wires the URL, the store and the panels around the 3D view. The screen is
 * cut into reserved regions that never overlap (styles.css, "Layout regions"): the top bar, the
 * view, one side panel and the bottom bar; the 3D canvas fills only the view region, so the
 * camera frames the district in the free area and no panel covers a control.
 */
export function App() {
  const { i18n } = useTranslation()
  const language = useAppStore(selectLanguage)
  // Ready, or loading over a district: the bars stay, so the canvas keeps its size.
  const shown = useAppStore(selectDistrictShown)
  const viewMode = useAppStore(selectViewMode)
  const kiosk = useAppStore(selectKiosk)
  const qrOpen = useAppStore(selectQrOpen)
  const sidePanel = useAppStore(selectSidePanel)
  const compact = useCompact()
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
        <main className="app layout" data-side-panel={sidePanel ?? 'none'}>
          {!presenting && <div className="region-top">{kiosk ? <KioskHeader /> : <Toolbar />}</div>}
          <div className="region-view" data-testid="view-region">
            {/* The 3D view stays mounted (hidden) in plan mode so its GPU buffers survive. */}
            <div className="view-3d" hidden={viewMode !== '3d'}>
              <TwinCanvas />
            </div>
            {viewMode === 'plan' && (
              <Suspense fallback={null}>
                <PlanView />
              </Suspense>
            )}
            {shown && viewMode === '3d' && <SwipeDivider />}
            {shown && <ViewGauges />}
            <DataScreens />
            <Notice />
          </div>
          {sidePanel && (!presenting || sidePanel === 'planner') && (
            <div className="region-side" data-testid="side-region" key={sidePanel}>
              {SIDE_PANELS[sidePanel](presenting)}
            </div>
          )}
          <div className="region-bottom">
            {presenting ? <PresentingView /> : kiosk && <KioskBar />}
            {kiosk && qrOpen && (
              <Suspense fallback={null}>
                <QrDialog />
              </Suspense>
            )}
            {shown && <Legend />}
            {shown && !kiosk && !presenting && viewMode === '3d' && <CompareControl />}
            {shown && !kiosk && !compact && viewMode === '3d' && <SunControl />}
            <Attribution />
          </div>
        </main>
      </ErrorBoundary>
    </DropZone>
  )
}
