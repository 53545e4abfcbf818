import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'

import { selectLanguage } from '@/state/selectors'
import { useAppStore } from '@/state/store'
import { scaleBarOf, subscribeViewGauge } from '@/state/viewGauge'

import { formatNumber } from './i18n'

/**
 * Compass and scale bar over the view. They change every frame of a gesture, so they are
 * written straight to the DOM from the view's gauge, never through React state.
 */
export function ViewGauges() {
  const { t } = useTranslation()
  const lng = useAppStore(selectLanguage)
  const needle = useRef<HTMLDivElement>(null)
  const bar = useRef<HTMLSpanElement>(null)
  const label = useRef<HTMLSpanElement>(null)
  useEffect(
    () =>
      subscribeViewGauge((g) => {
        // The heading turns the view clockwise, so north turns the other way on screen.
        if (needle.current) needle.current.style.transform = `rotate(${-g.headingRad}rad)`
        const { metres, px } = scaleBarOf(g.metresPerPx)
        if (bar.current) bar.current.style.width = `${px.toFixed(1)}px`
        if (label.current) {
          label.current.textContent =
            metres >= 1000
              ? t('gauge.km', { value: formatNumber(metres / 1000, lng) })
              : t('units.m', { value: formatNumber(metres, lng, 0) })
          label.current.dataset['metres'] = String(metres)
        }
      }),
    [t, lng],
  )
  return (
    <div className="view-gauges" data-testid="view-gauges">
      <div className="compass" role="img" aria-label={t('gauge.compass')}>
        <div className="compass-needle" ref={needle} data-testid="compass-needle">
          <span className="compass-north">{t('gauge.north')}</span>
          <svg viewBox="0 0 20 40" width="14" height="28" aria-hidden="true">
            <polygon points="10,0 18,20 2,20" fill="#c62828" />
            <polygon points="2,20 18,20 10,40" fill="#5f6b73" />
          </svg>
        </div>
      </div>
      <div className="scale-bar" role="img" aria-label={t('gauge.scale')}>
        <span className="scale-bar-line" ref={bar} data-testid="scale-bar" />
        <span className="scale-bar-label" ref={label} data-testid="scale-label" />
      </div>
    </div>
  )
}
