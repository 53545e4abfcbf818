import { useId } from 'react'
import { useTranslation } from 'react-i18next'

import type { PlanSummary } from '@/domain/session/planSummary'

import { formatNumber } from './i18n'
import { axisNumber, ticksOf, trajectoryOf } from './planChartData'

/** Chart frame in SVG units (the SVG scales to the panel's width). */
const W = 320
const H = 190
const PAD = { left: 44, right: 22, top: 24, bottom: 36 }

function YAxis({ ticks, y, lng }: { ticks: number[]; y: (v: number) => number; lng: string }) {
  return (
    <g className="chart-axis" aria-hidden="true">
      {ticks.map((v) => (
        <g key={v}>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} className="chart-grid" />
          <text x={PAD.left - 4} y={y(v) + 3} textAnchor="end">
            {axisNumber(v, lng)}
          </text>
        </g>
      ))}
    </g>
  )
}

/** The district year by year under the plan against the target line (SVG, with a text twin). */
export function TrajectoryChart({ plan }: { plan: PlanSummary }) {
  const { t, i18n } = useTranslation()
  const lng = i18n.language
  const id = useId()
  const { values, goal, unit } = trajectoryOf(plan)
  const years = [plan.target.from - 1, ...plan.byYear.map((y) => y.year)]
  const ticks = ticksOf(Math.max(goal, ...values) * 1.05)
  const top = ticks[ticks.length - 1] ?? 1
  const x = (i: number) =>
    PAD.left + ((W - PAD.left - PAD.right) * i) / Math.max(1, years.length - 1)
  const y = (v: number) => H - PAD.bottom - ((H - PAD.top - PAD.bottom) * v) / top
  const points = values.map((v, i) => `${x(i)},${y(v)}`).join(' ')
  const quantity = t(`planner.quantity.${plan.target.kind}`)
  const unitText =
    unit === 'blocks' ? t('planner.unitBlocks') : t(`units.${unit}`, { value: '' }).trim()
  const last = values[values.length - 1] ?? 0
  const every = Math.ceil(years.length / 6)
  return (
    <figure className="plan-chart" data-testid="plan-trajectory">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        className="chart"
      >
        <title id={`${id}-t`}>{t('planner.trajectoryTitle', { quantity })}</title>
        <desc id={`${id}-d`}>
          {t('planner.trajectoryDesc', {
            quantity,
            from: axisNumber(values[0] ?? 0, lng),
            to: axisNumber(last, lng),
            goal: axisNumber(goal, lng),
            unit: unitText,
            year: plan.target.year,
          })}
        </desc>
        <YAxis ticks={ticks} y={y} lng={lng} />
        <g className="chart-axis" aria-hidden="true">
          {years.map((yr, i) =>
            i % every === 0 || i === years.length - 1 ? (
              <text key={yr} x={x(i)} y={H - PAD.bottom + 13} textAnchor="middle">
                {i === 0 ? t('planner.today') : yr}
              </text>
            ) : null,
          )}
          <text x={W - PAD.right} y={H - 6} className="chart-label" textAnchor="end">
            {t('planner.axisYear')}
          </text>
          <text x={4} y={10} className="chart-label">
            {unitText}
          </text>
        </g>
        <line x1={PAD.left} x2={W - PAD.right} y1={y(goal)} y2={y(goal)} className="chart-target" />
        <polyline points={points} className="chart-line" fill="none" />
        {values.map((v, i) => (
          <circle key={i} cx={x(i)} cy={y(v)} r={2.5} className="chart-dot" />
        ))}
      </svg>
      <figcaption className="chart-legend">
        <span>
          <i className="plan-key plan-key-line" aria-hidden="true" />
          {t('planner.legendPlan', { quantity })}
        </span>
        <span>
          <i className="plan-key plan-key-target" aria-hidden="true" />
          {t('planner.legendTarget', { value: axisNumber(goal, lng), unit: unitText })}
        </span>
        <span className="chart-source">{t('planner.source')}</span>
      </figcaption>
    </figure>
  )
}

/** The marginal abatement cost curve: cheapest tonnes first, bar width = CO2 avoided. */
export function MacChart({ plan }: { plan: PlanSummary }) {
  const { t, i18n } = useTranslation()
  const lng = i18n.language
  const id = useId()
  const widths = plan.macCo2T
  const heights = plan.macEurPerT
  const total = widths.reduce((a, b) => a + b, 0)
  if (widths.length === 0 || !(total > 0)) {
    return <p className="hint">{t('planner.macEmpty')}</p>
  }
  const xTicks = ticksOf(total, 3)
  const right = xTicks[xTicks.length - 1] ?? total
  const ticks = ticksOf(Math.max(...heights) * 1.05)
  const top = ticks[ticks.length - 1] ?? 1
  const x = (v: number) => PAD.left + ((W - PAD.left - PAD.right) * v) / right
  const y = (v: number) => H - PAD.bottom - ((H - PAD.top - PAD.bottom) * v) / top
  const bars: { x0: number; x1: number; h: number }[] = []
  let at = 0
  for (let k = 0; k < widths.length; k++) {
    const w = widths[k] ?? 0
    bars.push({ x0: at, x1: at + w, h: heights[k] ?? 0 })
    at += w
  }
  const unitText = t('planner.macUnit')
  return (
    <figure className="plan-chart" data-testid="plan-mac">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        className="chart"
      >
        <title id={`${id}-t`}>{t('planner.macTitle')}</title>
        <desc id={`${id}-d`}>
          {t('planner.macDesc', {
            total: formatNumber(total, lng, 0),
            low: formatNumber(heights[0] ?? 0, lng, 0),
            high: formatNumber(heights[heights.length - 1] ?? 0, lng, 0),
          })}
        </desc>
        <YAxis ticks={ticks} y={y} lng={lng} />
        <g className="chart-axis" aria-hidden="true">
          {xTicks.map((v) => (
            <text key={v} x={x(v)} y={H - PAD.bottom + 13} textAnchor="middle">
              {axisNumber(v, lng)}
            </text>
          ))}
          <text x={W - PAD.right} y={H - 6} className="chart-label" textAnchor="end">
            {t('planner.macAxisX')}
          </text>
          <text x={4} y={10} className="chart-label">
            {unitText}
          </text>
        </g>
        {bars.map((b, k) => (
          <rect
            key={k}
            x={x(b.x0)}
            width={Math.max(0.5, x(b.x1) - x(b.x0))}
            y={y(b.h)}
            height={Math.max(0, y(0) - y(b.h))}
            className="chart-bar"
          />
        ))}
      </svg>
      <figcaption className="chart-legend">
        <span>
          <i className="plan-key plan-key-bar" aria-hidden="true" />
          {t('planner.macLegend')}
        </span>
        <span className="chart-source">{t('planner.source')}</span>
      </figcaption>
    </figure>
  )
}
