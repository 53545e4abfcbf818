import { useId } from 'react'
import { useTranslation } from 'react-i18next'

import { selectSun } from '@/state/selectors'
import { useAppStore } from '@/state/store'

const pad = (n: number) => String(n).padStart(2, '0')

/** Date and time of the sun (local time of the browser), and shadows on/off. */
export function SunControl() {
  const { t } = useTranslation()
  const sun = useAppStore(selectSun)
  const setSun = useAppStore((s) => s.setSun)
  const slow = useAppStore((s) => s.slowGraphics)
  const id = useId()
  const date = new Date(sun.time)
  const dateValue = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
  const minutes = date.getHours() * 60 + date.getMinutes()
  const update = (day: string, minuteOfDay: number) => {
    const [y = 2026, m = 6, d = 21] = day.split('-').map(Number)
    const next = new Date(y, m - 1, d, Math.floor(minuteOfDay / 60), minuteOfDay % 60)
    if (!Number.isNaN(next.getTime())) setSun({ time: next.toISOString() })
  }
  return (
    <fieldset className="sun-control" data-testid="sun-control">
      <legend>{t('sun.title')}</legend>
      <label>
        <input
          type="checkbox"
          checked={sun.enabled}
          onChange={(e) => setSun({ enabled: e.currentTarget.checked })}
        />
        {t('sun.shadows')}
      </label>
      {sun.enabled && slow && (
        <p className="sun-hint" role="status" data-testid="sun-slow">
          {t('sun.slow')}
        </p>
      )}
      <label htmlFor={`${id}-date`}>{t('sun.date')}</label>
      <input
        id={`${id}-date`}
        type="date"
        value={dateValue}
        disabled={!sun.enabled}
        onChange={(e) => update(e.currentTarget.value, minutes)}
      />
      <label htmlFor={`${id}-time`}>
        {t('sun.time')} {pad(Math.floor(minutes / 60))}:{pad(minutes % 60)}
      </label>
      <input
        id={`${id}-time`}
        type="range"
        min={0}
        max={1439}
        step={15}
        value={minutes}
        disabled={!sun.enabled}
        onChange={(e) => update(dateValue, Number(e.currentTarget.value))}
      />
    </fieldset>
  )
}
