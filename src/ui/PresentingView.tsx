import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'

import {
  selectColouring,
  selectEnergy,
  selectLanguage,
  selectPlan,
  selectPlannerOpen,
  selectStory,
  selectStoryIndex,
} from '@/state/selectors'
import type { Colouring } from '@/state/slices/viewSlice'
import { useAppStore } from '@/state/store'

import { districtKpis, scenarioLabel, type Kpi } from './Dashboard'
import { kpiText } from './kpiText'
import './presenting.css'

/** The district figures each colouring is about: what the council looks at on that view. */
const FIGURES_OF: Record<Colouring, readonly string[]> = {
  class_before: ['primary', 'co2', 'retrofitted'],
  class_after: ['primary', 'co2', 'retrofitted'],
  need: ['heatingNeed', 'investment', 'payback'],
  saving: ['primary', 'saving', 'payback'],
  co2: ['co2', 'investment', 'perEuro'],
  confidence: ['retrofitted', 'investment', 'saving'],
  type: ['retrofitted', 'investment', 'saving'],
}

/** Full screen while presenting (where the browser allows it), and back when it stops. */
function useFullscreen(presenting: boolean): void {
  useEffect(() => {
    if (!presenting) return
    const root = document.documentElement
    if (!document.fullscreenElement) root.requestFullscreen?.().catch(() => {})
    // Leaving full screen with the browser's own Escape ends the presentation too.
    const onChange = () => {
      if (!document.fullscreenElement) useAppStore.getState().stopPresenting()
    }
    document.addEventListener('fullscreenchange', onChange)
    return () => {
      document.removeEventListener('fullscreenchange', onChange)
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => {})
    }
  }, [presenting])
}

/**
 * Presenting mode: the view, a caption, a strip of the figures that view is about, and step
 * controls (buttons, swipe; clicker keys in usePresenterKeys) with an exit. Nothing to edit.
 */
export function PresentingView() {
  const { t } = useTranslation()
  const story = useAppStore(selectStory)
  const index = useAppStore(selectStoryIndex)
  const energy = useAppStore(selectEnergy)
  const colouring = useAppStore(selectColouring)
  const lng = useAppStore(selectLanguage)
  const hasPlan = useAppStore(selectPlan) !== null
  const plannerOpen = useAppStore(selectPlannerOpen)
  const { stepStory, stopPresenting, setPlannerOpen } = useAppStore.getState()
  const swipe = useRef<{ x: number; id: number } | null>(null)
  useFullscreen(index !== null)
  if (index === null) return null
  const view = story[index]
  const kpis = energy ? districtKpis(energy.totals) : []
  const shown = FIGURES_OF[colouring]
    .map((key) => kpis.find((k) => k.key === key))
    .filter((k): k is Kpi => k !== undefined)
  return (
    <nav
      className="panel presenter-bar"
      aria-label={t('story.presenting')}
      data-testid="presenter-bar"
      onPointerDown={(e) => {
        swipe.current = { x: e.clientX, id: e.pointerId }
      }}
      onPointerUp={(e) => {
        const start = swipe.current
        swipe.current = null
        if (!start || start.id !== e.pointerId) return
        const dx = e.clientX - start.x
        if (Math.abs(dx) > 60) stepStory(dx < 0 ? 1 : -1)
      }}
    >
      <div className="presenter-caption" aria-live="polite">
        <strong data-testid="presenter-view">{view?.name}</strong>
        <span>
          {energy && scenarioLabel(energy.scenarioName, t)} · {t(`colouring.${colouring}`)}
        </span>
      </div>
      {shown.length > 0 && (
        <dl className="presenter-figures" data-testid="presenter-figures">
          {shown.map((k) => (
            <div key={k.key}>
              <dt>{t(`dashboard.${k.key}`)}</dt>
              <dd>{kpiText(k, lng, (unit, value) => t(`units.${unit}`, { value }))}</dd>
            </div>
          ))}
        </dl>
      )}
      <div className="presenter-steps">
        <button
          type="button"
          className="button big"
          onClick={() => stepStory(-1)}
          disabled={index === 0}
          aria-label={t('story.previous')}
        >
          ‹
        </button>
        <span className="presenter-count">
          {index + 1} / {story.length}
        </span>
        <button
          type="button"
          className="button big"
          onClick={() => stepStory(1)}
          disabled={index === story.length - 1}
          aria-label={t('story.next')}
        >
          ›
        </button>
        {hasPlan && (
          <button
            type="button"
            className="button big"
            aria-pressed={plannerOpen}
            onClick={() => setPlannerOpen(!plannerOpen)}
            data-testid="presenter-plan"
          >
            {t('planner.toggle')}
          </button>
        )}
        <button
          type="button"
          className="button big"
          onClick={stopPresenting}
          data-testid="presenter-exit"
        >
          {t('story.stop')}
        </button>
      </div>
    </nav>
  )
}
