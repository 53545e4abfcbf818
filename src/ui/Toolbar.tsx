import { useEffect, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

import {
  selectColouring,
  selectEditorOpen,
  selectLanguage,
  selectPlannerOpen,
  selectSidePanel,
  selectStoryOpen,
  selectTableOpen,
  selectViewMode,
} from '@/state/selectors'
import { useAppStore } from '@/state/store'
import { COLOURINGS, type Colouring, type Language } from '@/state/slices/viewSlice'

import { LANGUAGES } from './i18n'
import { OpenFileButton } from './OpenFileButton'
import { PanelHeader } from './PanelHeader'
import { useCompact } from './useCompact'

const LANGUAGE_NAMES: Record<Language, string> = { ro: 'Română', hu: 'Magyar', en: 'English' }

/** A button that shows an on/off state to assistive technology (aria-pressed). */
function ToggleButton({
  pressed,
  onToggle,
  testId,
  children,
}: {
  pressed: boolean
  onToggle: () => void
  testId: string
  children: ReactNode
}) {
  return (
    <button
      type="button"
      className="button"
      aria-pressed={pressed}
      onClick={onToggle}
      data-testid={testId}
    >
      {children}
    </button>
  )
}

/** The main controls: a row in the toolbar, or the compact menu's list on a phone. */
function ToolbarControls() {
  const { t } = useTranslation()
  const colouring = useAppStore(selectColouring)
  const language = useAppStore(selectLanguage)
  const viewMode = useAppStore(selectViewMode)
  const tableOpen = useAppStore(selectTableOpen)
  const storyOpen = useAppStore(selectStoryOpen)
  const editorOpen = useAppStore(selectEditorOpen)
  const plannerOpen = useAppStore(selectPlannerOpen)
  const dashboardShown = useAppStore((s) => selectSidePanel(s) === 'dashboard')
  const {
    setColouring,
    setLanguage,
    goHome,
    setViewMode,
    setTableOpen,
    setStoryOpen,
    setEditorOpen,
    setDashboardOpen,
    setMenuOpen,
    setPlannerOpen,
  } = useAppStore.getState()
  return (
    <div className="controls">
      <OpenFileButton />
      <ToggleButton
        pressed={editorOpen}
        onToggle={() => setEditorOpen(!editorOpen)}
        testId="editor-toggle"
      >
        {t('scenario.toggle')}
      </ToggleButton>
      <ToggleButton
        pressed={plannerOpen}
        onToggle={() => setPlannerOpen(!plannerOpen)}
        testId="planner-toggle"
      >
        {t('planner.toggle')}
      </ToggleButton>
      <ToggleButton
        pressed={dashboardShown}
        onToggle={() => {
          if (dashboardShown) {
            setDashboardOpen(false)
            return
          }
          // The figures take the side region (opening them closes the other panels).
          setDashboardOpen(true)
        }}
        testId="dashboard-toggle"
      >
        {t('toolbar.figures')}
      </ToggleButton>
      <ToggleButton
        pressed={viewMode === 'plan'}
        onToggle={() => {
          setViewMode(viewMode === '3d' ? 'plan' : '3d')
          setMenuOpen(false)
        }}
        testId="view-toggle"
      >
        {viewMode === '3d' ? t('toolbar.planView') : t('toolbar.view3d')}
      </ToggleButton>
      <ToggleButton
        pressed={tableOpen}
        onToggle={() => setTableOpen(!tableOpen)}
        testId="table-toggle"
      >
        {t('table.toggle')}
      </ToggleButton>
      <ToggleButton
        pressed={storyOpen}
        onToggle={() => setStoryOpen(!storyOpen)}
        testId="story-toggle"
      >
        {t('story.toggle')}
      </ToggleButton>
      <label>
        {t('toolbar.colouring')}
        <select
          value={colouring}
          onChange={(e) => setColouring(e.currentTarget.value as Colouring)}
          data-testid="colouring"
        >
          {COLOURINGS.map((c) => (
            <option key={c} value={c}>
              {t(`colouring.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('toolbar.language')}
        <select
          value={language}
          onChange={(e) => setLanguage(e.currentTarget.value as Language)}
          data-testid="language"
        >
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="button" onClick={goHome}>
        {t('toolbar.home')}
      </button>
    </div>
  )
}

/** The compact menu's sheet (a side panel; a bottom sheet on a phone). */
export function MenuSheet() {
  const { t } = useTranslation()
  const setMenuOpen = useAppStore((s) => s.setMenuOpen)
  return (
    <nav className="panel menu-sheet" aria-label={t('toolbar.menu')} data-testid="menu-sheet">
      <PanelHeader title={t('toolbar.menu')} onClose={() => setMenuOpen(false)} />
      <ToolbarControls />
    </nav>
  )
}

/** Title and the main controls; on a phone, the title, Home and a menu button. */
export function Toolbar() {
  const { t } = useTranslation()
  const compact = useCompact()
  const menuOpen = useAppStore((s) => s.menuOpen)
  const { goHome, setMenuOpen } = useAppStore.getState()
  // Widening the window (or turning the phone) shows the controls inline: the menu goes.
  useEffect(() => {
    if (!compact && menuOpen) setMenuOpen(false)
  }, [compact, menuOpen, setMenuOpen])
  return (
    <header className="toolbar panel">
      <div className="title">
        <h1>{t('app.title')}</h1>
        {!compact && <p>{t('app.subtitle')}</p>}
      </div>
      {compact ? (
        <div className="controls">
          <button type="button" className="button" onClick={goHome}>
            {t('toolbar.home')}
          </button>
          <button
            type="button"
            className="button"
            aria-expanded={menuOpen}
            onClick={() => setMenuOpen(!menuOpen)}
            data-testid="menu-toggle"
          >
            {t('toolbar.menu')}
          </button>
        </div>
      ) : (
        <ToolbarControls />
      )}
    </header>
  )
}
