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
        <button
          type="button"
          className="button"
          aria-pressed={editorOpen}
          onClick={() => setEditorOpen(!editorOpen)}
          data-testid="editor-toggle"
        >
          {t('scenario.toggle')}
        </button>
        <button
          type="button"
          className="button"
          aria-pressed={viewMode === 'plan'}
          onClick={() => setViewMode(viewMode === '3d' ? 'plan' : '3d')}
          data-testid="view-toggle"
        >
          {viewMode === '3d' ? t('toolbar.planView') : t('toolbar.view3d')}
        </button>
        <button
          type="button"
          className="button"
          aria-pressed={tableOpen}
          onClick={() => setTableOpen(!tableOpen)}
          data-testid="table-toggle"
        >
          {t('table.toggle')}
        </button>
        <button
          type="button"
          className="button"
          aria-pressed={storyOpen}
          onClick={() => setStoryOpen(!storyOpen)}
          data-testid="story-toggle"
        >
          {t('story.toggle')}
        </button>
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
