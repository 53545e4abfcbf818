import type { TFunction } from 'i18next'
import type { jsPDF } from 'jspdf'

import type { PlanSummary } from '@/domain/session/planSummary'

import { drawBlocks, type PackSection } from './councilPack'
import { axisNumber, ticksOf, trajectoryOf, verdictLines } from './planChartData'

const INK: [number, number, number] = [29, 42, 51]
const MUTED: [number, number, number] = [79, 93, 102]
const GRID: [number, number, number] = [215, 220, 224]
const LINE: [number, number, number] = [21, 101, 192]
const TARGET: [number, number, number] = [198, 40, 40]
const BAR: [number, number, number] = [46, 125, 50]

interface Box {
  x: number
  y: number
  w: number
  h: number
}

/** Horizontal grid lines with their values, the unit above and the x label below (mm). */
function axes(doc: jsPDF, b: Box, ticks: number[], unit: string, xLabel: string, lng: string) {
  const top = ticks[ticks.length - 1] ?? 1
  doc.setFontSize(7)
  doc.setLineWidth(0.2)
  for (const v of ticks) {
    const y = b.y + b.h - (b.h * v) / top
    doc.setDrawColor(...GRID)
    doc.line(b.x, y, b.x + b.w, y)
    doc.setTextColor(...MUTED)
    doc.text(axisNumber(v, lng), b.x - 1.5, y + 1, { align: 'right' })
  }
  doc.setTextColor(...INK)
  doc.text(unit, b.x - 12, b.y - 4)
  doc.text(xLabel, b.x + b.w, b.y + b.h + 9, { align: 'right' })
  return (v: number) => b.y + b.h - (b.h * v) / top
}

function trajectory(doc: jsPDF, plan: PlanSummary, b: Box, t: TFunction, lng: string) {
  const { values, goal, unit } = trajectoryOf(plan)
  const unitText =
    unit === 'blocks' ? t('planner.unitBlocks') : t(`units.${unit}`, { value: '' }).trim()
  const y = axes(
    doc,
    b,
    ticksOf(Math.max(goal, ...values) * 1.05),
    unitText,
    t('planner.axisYear'),
    lng,
  )
  const x = (i: number) => b.x + (b.w * i) / Math.max(1, values.length - 1)
  const years = [t('planner.today'), ...plan.byYear.map((r) => String(r.year))]
  const every = Math.ceil(years.length / 8)
  doc.setFontSize(7)
  doc.setTextColor(...MUTED)
  years.forEach((label, i) => {
    if (i % every === 0 || i === years.length - 1)
      doc.text(label, x(i), b.y + b.h + 4, { align: 'center' })
  })
  doc.setDrawColor(...TARGET)
  doc.setLineWidth(0.5)
  doc.setLineDashPattern([2, 1.2], 0)
  doc.line(b.x, y(goal), b.x + b.w, y(goal))
  doc.setLineDashPattern([], 0)
  doc.setDrawColor(...LINE)
  doc.setLineWidth(0.7)
  for (let i = 1; i < values.length; i++) {
    doc.line(x(i - 1), y(values[i - 1] ?? 0), x(i), y(values[i] ?? 0))
  }
  const quantity = t(`planner.quantity.${plan.target.kind}`)
  legend(doc, b, [
    [LINE, t('planner.legendPlan', { quantity }), false],
    [TARGET, t('planner.legendTarget', { value: axisNumber(goal, lng), unit: unitText }), true],
  ])
}

function mac(doc: jsPDF, plan: PlanSummary, b: Box, t: TFunction, lng: string) {
  const widths = plan.macCo2T
  const total = widths.reduce((a, v) => a + v, 0)
  if (!(total > 0)) {
    drawBlocks(doc, [{ kind: 'text', text: t('planner.macEmpty') }], b.x, b.y + 10, b.w)
    return
  }
  const xTicks = ticksOf(total, 4)
  const right = xTicks[xTicks.length - 1] ?? total
  const y = axes(
    doc,
    b,
    ticksOf(Math.max(...plan.macEurPerT) * 1.05),
    t('planner.macUnit'),
    t('planner.macAxisX'),
    lng,
  )
  const x = (v: number) => b.x + (b.w * v) / right
  doc.setFontSize(7)
  doc.setTextColor(...MUTED)
  for (const v of xTicks) doc.text(axisNumber(v, lng), x(v), b.y + b.h + 4, { align: 'center' })
  doc.setFillColor(...BAR)
  let at = 0
  for (let k = 0; k < widths.length; k++) {
    const w = widths[k] ?? 0
    const top = y(plan.macEurPerT[k] ?? 0)
    doc.rect(x(at), top, Math.max(0.2, x(at + w) - x(at)), b.y + b.h - top, 'F')
    at += w
  }
  legend(doc, b, [[BAR, t('planner.macLegend'), false]])
}

/** Keys under a chart: a line (dashed for the target) and its label. */
function legend(doc: jsPDF, b: Box, entries: [[number, number, number], string, boolean][]) {
  let y = b.y + b.h + 15
  doc.setFontSize(8)
  for (const [colour, label, dashed] of entries) {
    doc.setDrawColor(...colour)
    doc.setLineWidth(0.7)
    doc.setLineDashPattern(dashed ? [2, 1.2] : [], 0)
    doc.line(b.x, y - 1, b.x + 6, y - 1)
    doc.setLineDashPattern([], 0)
    doc.setTextColor(...INK)
    const lines = doc.splitTextToSize(label, b.w - 8) as string[]
    doc.text(lines, b.x + 8, y)
    y += 4 * lines.length
  }
}

/**
 * The planner's page: the verdict, the trajectory against the target and the marginal abatement
 * cost curve, drawn as vectors from the plan's own figures.
 */
export function planSection(plan: PlanSummary, t: TFunction, lng: string) {
  const section: PackSection = (doc, { M, W }) => {
    doc.setFontSize(16)
    doc.setTextColor(...INK)
    doc.text(t('planner.title'), M, M + 8)
    drawBlocks(
      doc,
      verdictLines(plan, t, lng).map((text) => ({ kind: 'text', text })),
      M,
      M + 16,
      W - 2 * M,
    )
    // Two columns with a gap; each chart leaves its left 14 mm to the axis values.
    const w = (W - 2 * M - 24) / 2
    const right = M + w + 24
    const top = M + 52
    const quantity = t(`planner.quantity.${plan.target.kind}`)
    doc.setFontSize(11)
    doc.setTextColor(...INK)
    doc.text(t('planner.trajectoryTitle', { quantity }), M, top - 12)
    doc.text(t('planner.macTitle'), right, top - 12)
    trajectory(doc, plan, { x: M + 14, y: top, w: w - 14, h: 80 }, t, lng)
    mac(doc, plan, { x: right + 14, y: top, w: w - 14, h: 80 }, t, lng)
    doc.setFontSize(8)
    doc.setTextColor(...MUTED)
    doc.text(t('planner.source'), M, top + 118)
  }
  return section
}
