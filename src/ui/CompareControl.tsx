import { useRef } from 'react'
import { useTranslation } from 'react-i18next'

import { liveDivider } from '@/state/liveValues'
import { selectCompare } from '@/state/selectors'
import { useAppStore } from '@/state/store'

/** Before/after toggle and the swipe divider (drag it, or use its slider with the keyboard). */
export function CompareControl() {
  const { t } = useTranslation()
  const compare = useAppStore(selectCompare)
  const setCompare = useAppStore((s) => s.setCompare)
  return (
    <div className="panel compare-control" role="group" aria-label={t('compare.title')}>
      <label>
        <input
          type="checkbox"
          checked={compare.after}
          disabled={compare.swipe}
          onChange={(e) => setCompare({ after: e.currentTarget.checked })}
          data-testid="compare-after"
        />
        {t('compare.after')}
      </label>
      <label>
        <input
          type="checkbox"
          checked={compare.swipe}
          onChange={(e) => setCompare({ swipe: e.currentTarget.checked })}
          data-testid="compare-swipe"
        />
        {t('compare.swipe')}
      </label>
      {compare.swipe && (
        <input
          type="range"
          min={5}
          max={95}
          value={Math.round(compare.dividerX * 100)}
          aria-label={t('compare.divider')}
          onChange={(e) => setCompare({ dividerX: e.currentTarget.valueAsNumber / 100 })}
        />
      )}
    </div>
  )
}

/** The swipe divider over the 3D view (drag it; the compare control has its keyboard slider). */
export function SwipeDivider() {
  const { t } = useTranslation()
  const compare = useAppStore(selectCompare)
  const setCompare = useAppStore((s) => s.setCompare)
  const dragging = useRef(false)
  if (!compare.swipe) return null
  const release = () => {
    dragging.current = false
    const x = liveDivider.end()
    if (x !== null) setCompare({ dividerX: x })
  }
  return (
    <div
      className="swipe-divider"
      style={{ left: `${compare.dividerX * 100}%` }}
      data-testid="swipe-divider"
      onPointerDown={(e) => {
        dragging.current = true
        e.currentTarget.setPointerCapture(e.pointerId)
      }}
      onPointerMove={(e) => {
        const view = e.currentTarget.parentElement?.getBoundingClientRect()
        if (!dragging.current || !view) return
        // The fraction of the view, not the window: the scene splits its own canvas there.
        const x = Math.min(0.95, Math.max(0.05, (e.clientX - view.left) / Math.max(1, view.width)))
        // Moved here and read by the frame loop; the store hears of it on release only.
        e.currentTarget.style.left = `${x * 100}%`
        liveDivider.move(x)
      }}
      onPointerUp={release}
      onPointerCancel={release}
    >
      <span className="swipe-label left">{t('energy.today')}</span>
      <span className="swipe-handle" aria-hidden="true">
        ⇔
      </span>
      <span className="swipe-label right">{t('energy.after')}</span>
    </div>
  )
}
