import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

import {
  selectColouring,
  selectEditorOpen,
  selectLanguage,
  selectStoryOpen,
  selectTableOpen,
  selectViewMode,
} from '@/state/selectors'
import { useAppStore } from '@/state/store'
import { COLOURINGS, type Colouring, type Language } from '@/state/slices/viewSlice'

import { LANGUAGES } from './i18n'
import { OpenFileButton } from './OpenFileButton'

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

/** Title and the main controls. */
export function Toolbar() {
  const { t } = useTranslation()
  const colouring = useAppStore(selectColouring)
  const language = useAppStore(selectLanguage)
  const viewMode = useAppStore(selectViewMode)
  const tableOpen = useAppStore(selectTableOpen)
  const storyOpen = useAppStore(selectStoryOpen)
  const editorOpen = useAppStore(selectEditorOpen)
  const {
    setColouring,
    setLanguage,
    goHome,
    setViewMode,
    setTableOpen,
    setStoryOpen,
    setEditorOpen,
  } = useAppStore.getState()
  return (
    <header className="toolbar panel">
      <div className="title">
        <h1>{t('app.title')}</h1>
        <p>{t('app.subtitle')}</p>
      </div>
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
          pressed={viewMode === 'plan'}
          onToggle={() => setViewMode(viewMode === '3d' ? 'plan' : '3d')}
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
        <button type="button" className="button" onClick={goHome}>
          {t('toolbar.home')}
        </button>
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
      </div>
    </header>
  )
}
