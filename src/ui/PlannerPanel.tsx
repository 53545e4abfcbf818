import { useDeferredValue, useEffect, useRef, useState, type ReactNode } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'

import { ENERGY_CLASS_LABELS } from '@/domain/energy/classes'
import { PACKAGES, packageAllowed } from '@/domain/planner/packages'
import type { PlanSummary } from '@/domain/session/planSummary'
import { applyPlanAsScenario, planExport, runPlan } from '@/state/planner'
import {
  selectClassPalette,
  selectLanguage,
  selectPlan,
  selectPlanError,
  selectPlanForm,
  selectPlanProgress,
  selectPlanStatus,
  selectPlanYear,
} from '@/state/selectors'
import { PLAN_MEASURES } from '@/state/slices/plannerSlice'
import type { PlanForm } from '@/state/slices/plannerSlice'
import { useAppStore } from '@/state/store'

import { downloadText } from './download'
import { formatNumber } from './i18n'
import { legendEntries } from './Legend'
import { verdictLines } from './planChartData'
import { MacChart, TrajectoryChart } from './PlanCharts'
import { PanelHeader } from './PanelHeader'
import './planner.css'

/** How long the playback shows each year, ms. */
const PLAY_STEP_MS = 900

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="plan-field">
      <span>{label}</span>
      {children}
    </label>
  )
}

/** A select field of the form: `options` are [value, label] pairs. */
function Choice({
  label,
  field,
  options,
  testId,
}: {
  label: string
  field: { value: string; onChange: (e: { currentTarget: { value: string } }) => void }
  options: readonly (readonly [string, string])[]
  testId?: string
}) {
  return (
    <Field label={label}>
      <select {...field} data-testid={testId}>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </Field>
  )
}

/** One checkbox per item, for the allowed measures and packages. */
function CheckList({
  legend,
  items,
  checked,
  onChange,
  testId,
}: {
  legend: string
  items: readonly { id: string; label: string; disabled?: boolean }[]
  checked: readonly string[]
  onChange: (next: string[]) => void
  testId: string
}) {
  return (
    <fieldset className="plan-checks" data-testid={testId}>
      <legend>{legend}</legend>
      {items.map((item) => (
        <label key={item.id} className="field-inline">
          <input
            type="checkbox"
            checked={checked.includes(item.id) && !item.disabled}
            disabled={item.disabled}
            onChange={(e) =>
              onChange(
                e.currentTarget.checked
                  ? [...checked, item.id]
                  : checked.filter((id) => id !== item.id),
              )
            }
            data-testid={`${testId}-${item.id}`}
          />
          {item.label}
        </label>
      ))}
    </fieldset>
  )
}

/** Which measures and packages a plan may use (a package needing a measure left out is off). */
function AllowedChecks() {
  const { t } = useTranslation()
  const form = useAppStore(selectPlanForm)
  const setForm = useAppStore((s) => s.setPlanForm)
  return (
    <>
      <CheckList
        legend={t('planner.allowedMeasures')}
        items={PLAN_MEASURES.map((m) => ({ id: m, label: t(`measures.${m}`) }))}
        checked={form.measures}
        onChange={(next) => setForm({ measures: PLAN_MEASURES.filter((m) => next.includes(m)) })}
        testId="planner-measure"
      />
      <CheckList
        legend={t('planner.allowedPackages')}
        items={PACKAGES.map((p) => ({
          id: p.id,
          label: p.measures.map((m) => t(`measures.${m}`)).join(' + '),
          disabled: !packageAllowed(p, form.measures),
        }))}
        checked={form.packages}
        onChange={(next) => setForm({ packages: next })}
        testId="planner-package"
      />
    </>
  )
}

/** Target, years, budget and constraints; the run button with its progress. */
function PlanFormView() {
  const { t } = useTranslation()
  const form = useAppStore(selectPlanForm)
  const status = useAppStore(selectPlanStatus)
  const progress = useAppStore(selectPlanProgress)
  const error = useAppStore(selectPlanError)
  const setForm = useAppStore((s) => s.setPlanForm)
  const running = status === 'running'
  const text = (key: keyof PlanForm) => ({
    value: form[key] as string,
    onChange: (e: { currentTarget: { value: string } }) =>
      setForm({ [key]: e.currentTarget.value }),
  })
  return (
    <form
      className="plan-form"
      onSubmit={(e) => {
        e.preventDefault()
        void runPlan()
      }}
    >
      <fieldset>
        <legend>{t('planner.target')}</legend>
        <Choice
          label={t('planner.targetKind')}
          field={text('target')}
          options={(['co2', 'primary', 'class'] as const).map((k) => [
            k,
            t(`planner.targets.${k}`),
          ])}
          testId="planner-target"
        />
        {form.target === 'class' ? (
          <Choice
            label={t('planner.class')}
            field={text('targetClass')}
            options={ENERGY_CLASS_LABELS.map((c) => [c, c])}
            testId="planner-class"
          />
        ) : (
          <div className="plan-row">
            <Field label={t('planner.reduction')}>
              <input
                type="number"
                inputMode="decimal"
                min={1}
                max={100}
                {...text('reductionPct')}
                data-testid="planner-reduction"
              />
            </Field>
            <Choice
              label={t('planner.scope')}
              field={text('scope')}
              options={(['district', 'apartments'] as const).map((k) => [
                k,
                t(`planner.scopes.${k}`),
              ])}
            />
          </div>
        )}
        <div className="plan-row">
          <Field label={t('planner.from')}>
            <input type="number" inputMode="numeric" {...text('from')} data-testid="planner-from" />
          </Field>
          <Field label={t('planner.by')}>
            <input type="number" inputMode="numeric" {...text('by')} data-testid="planner-by" />
          </Field>
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('planner.budget')}</legend>
        <div className="plan-row">
          <Choice
            label={t('planner.budgetKind')}
            field={text('budgetKind')}
            options={(['perYear', 'total'] as const).map((k) => [k, t(`planner.budgetKinds.${k}`)])}
          />
          <Field label={t('planner.amount')}>
            <input
              type="number"
              inputMode="numeric"
              min={0}
              step={100000}
              {...text('budgetEur')}
              data-testid="planner-budget"
            />
          </Field>
        </div>
      </fieldset>
      <details className="plan-constraints">
        <summary data-testid="planner-constraints">{t('planner.constraints')}</summary>
        <div className="plan-row">
          <Field label={t('planner.maxBlocks')}>
            <input type="number" inputMode="numeric" min={1} {...text('maxBlocksPerYear')} />
          </Field>
        </div>
        <div className="plan-row">
          <Field label={t('planner.ownerShare')}>
            <input type="number" inputMode="decimal" min={0} max={99} {...text('ownerSharePct')} />
          </Field>
          <Field label={t('planner.grantShare')}>
            <input type="number" inputMode="decimal" min={0} max={99} {...text('grantSharePct')} />
          </Field>
        </div>
        <label className="field-inline">
          <input
            type="checkbox"
            checked={form.excludeRehabilitated}
            onChange={(e) => setForm({ excludeRehabilitated: e.currentTarget.checked })}
          />
          {t('planner.excludeRehabilitated')}
        </label>
        <AllowedChecks />
      </details>
      <div className="plan-run">
        <button
          type="submit"
          className="button primary"
          disabled={running}
          data-testid="planner-run"
        >
          {running ? t('planner.running') : t('planner.run')}
        </button>
        {running && (
          <progress
            value={progress}
            max={1}
            aria-label={t('planner.progress')}
            data-testid="planner-progress"
          />
        )}
      </div>
      {error && (
        <p className="plan-error" role="alert" data-testid="planner-error">
          {t(error.key)}
          {error.detail && ` (${error.detail})`}
        </p>
      )}
    </form>
  )
}

/** Feasible or not, and the shortfall in words. */
function Verdict({ plan }: { plan: PlanSummary }) {
  const { t } = useTranslation()
  const lng = useAppStore(selectLanguage)
  const lines = verdictLines(plan, t, lng)
  return (
    <div
      className={`plan-verdict ${plan.feasible ? 'ok' : 'short'}`}
      role="status"
      data-testid="planner-verdict"
    >
      {lines.map((l) => (
        <p key={l}>{l}</p>
      ))}
    </div>
  )
}

/** The year slider and play button: the district recoloured as each year leaves it. */
function Playback({ plan }: { plan: PlanSummary }) {
  const { t } = useTranslation()
  const lng = useAppStore(selectLanguage)
  const palette = useAppStore(selectClassPalette)
  const year = useAppStore(selectPlanYear) ?? plan.target.year
  const setYear = useAppStore((s) => s.setPlanYear)
  const [playing, setPlaying] = useState(false)
  const first = plan.target.from - 1
  const last = plan.target.year
  useEffect(() => {
    if (!playing) return
    const timer = setInterval(() => {
      const now = useAppStore.getState().planYear ?? first
      if (now >= last) {
        setPlaying(false)
        return
      }
      setYear(now + 1)
    }, PLAY_STEP_MS)
    return () => clearInterval(timer)
  }, [playing, first, last, setYear])
  const label = year <= first ? t('planner.today') : String(year)
  const done = plan.byYear.find((y) => y.year === year)?.blocks_done ?? 0
  return (
    <div className="plan-playback">
      <label className="plan-field">
        <span>{t('planner.playback')}</span>
        <input
          type="range"
          min={first}
          max={last}
          step={1}
          value={year}
          aria-valuetext={label}
          onChange={(e) => {
            setPlaying(false)
            setYear(Number(e.currentTarget.value))
          }}
          data-testid="planner-year"
        />
      </label>
      <div className="plan-play-row">
        <button
          type="button"
          className="button"
          aria-pressed={playing}
          onClick={() => {
            if (!playing && year >= last) setYear(first)
            setPlaying(!playing)
          }}
          data-testid="planner-play"
        >
          {playing ? t('planner.pause') : t('planner.play')}
        </button>
        <output aria-live="polite" data-testid="planner-year-label">
          {t('planner.yearShows', { year: label, count: done })}
        </output>
      </div>
      <ul className="plan-classes" aria-label={t('planner.classLegend')}>
        {legendEntries('class_after', palette, lng, t).map((e) => (
          <li key={e.label}>
            <i
              aria-hidden="true"
              style={{ background: `rgb(${e.colour[0]} ${e.colour[1]} ${e.colour[2]})` }}
            />
            {e.label}
          </li>
        ))}
      </ul>
    </div>
  )
}

/** The year-by-year figures as a table (the charts' accessible twin, and the spend). */
function YearTable({ plan }: { plan: PlanSummary }) {
  const { t } = useTranslation()
  const lng = useAppStore(selectLanguage)
  const n = (v: number) => formatNumber(v, lng, 0)
  return (
    <details className="plan-years">
      <summary>{t('planner.yearTable')}</summary>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('planner.year')}</th>
            <th scope="col">{t('planner.spend')}</th>
            <th scope="col">{t('planner.co2')}</th>
            <th scope="col">{t('planner.primary')}</th>
            <th scope="col">{t('planner.blocksDone')}</th>
          </tr>
        </thead>
        <tbody>
          {plan.byYear.map((y) => (
            <tr key={y.year}>
              <th scope="row">{y.year}</th>
              <td>{n(y.spend_eur)}</td>
              <td>{n(y.co2_t_a)}</td>
              <td>{n(y.primary_mwh_a)}</td>
              <td>{y.blocks_done}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  )
}

/** The plan's scenario name in the page's language. */
function planName(plan: PlanSummary, t: TFunction): string {
  const g = plan.target
  return g.kind === 'class'
    ? t('planner.nameClass', { class: g.class ?? '', year: g.year })
    : t('planner.name', {
        quantity: t(`planner.quantity.${g.kind}`),
        pct: Math.abs(g.reduction_pct ?? 0),
        year: g.year,
      })
}

/** The whole file, written only once it is complete (a failed export leaves nothing half-saved). */
async function exportPlan(format: 'csv' | 'json', failed: string): Promise<void> {
  try {
    const text = await planExport(format)
    if (text === null) throw new Error(failed)
    downloadText(
      `manastur-plan.${format}`,
      text,
      format === 'csv' ? 'text/csv' : 'application/json',
    )
  } catch {
    useAppStore.getState().showNotice(failed)
  }
}

/** The goal-seeking planner: a target and a budget in, a year-by-year rollout out. */
export function PlannerPanel({ readOnly = false }: { readOnly?: boolean }) {
  const { t } = useTranslation()
  // The results (verdict, charts, table) render at transition priority, which React splits
  // into short slices: rendered in the task the plan arrives in, they made one long task.
  const plan = useDeferredValue(useAppStore(selectPlan))
  const setOpen = useAppStore((s) => s.setPlannerOpen)
  const results = useRef<HTMLDivElement>(null)
  const shown = useRef(plan)
  // A new plan brings its results into view (the form above them is long on a small screen),
  // after the frame that lays them out: scrolling at once forces that layout into this task.
  useEffect(() => {
    const fresh = plan !== null && plan !== shown.current
    shown.current = plan
    if (!fresh) return
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => results.current?.scrollIntoView({ block: 'start' }))
    })
    return () => cancelAnimationFrame(frame)
  }, [plan])
  return (
    <section
      className="panel planner-panel"
      aria-label={t('planner.title')}
      data-testid="planner-panel"
    >
      <PanelHeader title={t('planner.title')} onClose={() => setOpen(false)} />
      {!readOnly && (
        <>
          <p className="hint">{t('planner.intro')}</p>
          <PlanFormView />
        </>
      )}
      {plan && (
        <div className="plan-results" data-testid="planner-results" ref={results}>
          <Verdict plan={plan} />
          <Playback plan={plan} />
          <div className="plan-charts">
            <TrajectoryChart plan={plan} />
            <MacChart plan={plan} />
          </div>
          <YearTable plan={plan} />
          {!readOnly && (
            <div className="export-buttons" role="group" aria-label={t('export.title')}>
              <button
                type="button"
                className="button"
                onClick={() => applyPlanAsScenario(planName(plan, t))}
                data-testid="planner-use"
              >
                {t('planner.useAsScenario')}
              </button>
              <button
                type="button"
                className="button"
                onClick={() => void exportPlan('csv', t('planner.errors.export'))}
                data-testid="planner-csv"
              >
                CSV
              </button>
              <button
                type="button"
                className="button"
                onClick={() => void exportPlan('json', t('planner.errors.export'))}
                data-testid="planner-json"
              >
                JSON
              </button>
            </div>
          )}
          <p className="small">{t('attribution')}</p>
        </div>
      )}
    </section>
  )
}
