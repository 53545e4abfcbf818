import type { TFunction } from 'i18next'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'

import { ENERGY_CLASS_LABELS } from '@/domain/energy/classes'
import type { GroupTotals } from '@/domain/energy/district/results'
import { DEFAULT_PARAMETERS } from '@/domain/energy/parameters'
import type { TotalRangeFigure } from '@/domain/energy/ranges'
import { exportCsv, exportGeoJson } from '@/state/exports'
import { selectEnergy, selectEnergyStatus, selectLanguage } from '@/state/selectors'
import { CURATED_SCENARIOS } from '@/state/slices/scenarioSlice'
import { useAppStore } from '@/state/store'

import { downloadBlob, downloadText } from './download'
import { ClassBadge } from './EnergyDetails'
import { exportViewPng } from './exportPng'
import { formatNumber } from './i18n'
import { approxText, LONGEST_SERVICE_LIFE_YEARS } from './kpiText'
import { legendCaption, legendEntries } from './Legend'

/** The figures a council asks for, as plain values with units (also used by the council pack). */
export interface Kpi {
  key: string
  before: number | null
  after: number | null
  /** Key of the unit under `units.*` in the translations. */
  unit: string
  digits: number
  /** Low–high of `after` (or of `before` where there is no after), when computed. */
  range?: readonly [number, number] | null
  /** Low–high of `before`, when computed. */
  beforeRange?: readonly [number, number] | null
}

/** Ranges of one scope's totals, by figure (ranges.ts). */
export type KpiRanges = Readonly<
  Partial<Record<TotalRangeFigure, readonly [number, number] | null>>
>

/**
 * KPIs of one group of buildings (apartment blocks by default, or the whole district) from the
 * scenario totals: one list, shown by the dashboard and the council pack alike.
 */
export function districtKpis(t: GroupTotals, r: KpiRanges = {}): Kpi[] {
  const savedMWh = t.before.primaryMWhPerYear - t.after.primaryMWhPerYear
  const pair = (
    key: string,
    unit: string,
    before: number,
    after: number,
    b: TotalRangeFigure,
    a: TotalRangeFigure,
  ): Kpi => ({
    key,
    before,
    after,
    unit,
    digits: 0,
    beforeRange: r[b] ?? null,
    range: r[a] ?? null,
  })
  return [
    pair(
      'heatingNeed',
      'mwhYr',
      t.before.heatingNeedMWhPerYear,
      t.after.heatingNeedMWhPerYear,
      'heating_need_mwh_a',
      'after_heating_need_mwh_a',
    ),
    pair(
      'primary',
      'mwhYr',
      t.before.primaryMWhPerYear,
      t.after.primaryMWhPerYear,
      'primary_mwh_a',
      'after_primary_mwh_a',
    ),
    pair(
      'co2',
      'tYr',
      t.before.co2TonnesPerYear,
      t.after.co2TonnesPerYear,
      'co2_t_a',
      'after_co2_t_a',
    ),
    pair(
      'bills',
      'eurYr',
      t.before.billEurPerYear,
      t.after.billEurPerYear,
      'bill_eur_a',
      'after_bill_eur_a',
    ),
    {
      key: 'generation',
      before: t.before.pvMWhPerYear,
      after: t.after.pvMWhPerYear,
      unit: 'mwhYr',
      digits: 0,
    },
    {
      key: 'investment',
      before: null,
      after: t.investmentEur,
      unit: 'eur',
      digits: 0,
      range: r.investment_eur ?? null,
    },
    { key: 'perFlat', before: null, after: t.investmentPerFlatEur, unit: 'eur', digits: 0 },
    { key: 'ownerPerFlat', before: null, after: t.ownerCostPerFlatEur, unit: 'eur', digits: 0 },
    {
      key: 'saving',
      before: null,
      after: t.billSavingEurPerYear,
      unit: 'eurYr',
      digits: 0,
      range: r.bill_saving_eur_a ?? null,
    },
    {
      key: 'payback',
      before: null,
      after: t.paybackYears,
      unit: 'yr',
      digits: 1,
      range: r.payback_years ?? null,
    },
    {
      key: 'perEuro',
      before: null,
      after: t.investmentEur > 0 ? (savedMWh * 1000) / (t.investmentEur / 1000) : null,
      unit: 'kwhPerKeur',
      digits: 0,
    },
    { key: 'retrofitted', before: null, after: t.retrofittedBuildings, unit: 'blocks', digits: 0 },
  ]
}

/** "≈ X (Y–Z)" where a range is known, else X; every part with its unit. */
export function withRange(
  v: number | null,
  range: readonly [number, number] | null | undefined,
  k: Pick<Kpi, 'unit' | 'digits'>,
  lng: string,
  t: TFunction,
): string {
  if (v === null || !Number.isFinite(v)) return '—'
  const f = (x: number) => formatNumber(x, lng, k.digits)
  const value = t(`units.${k.unit}`, { value: f(v) })
  return approxText(value, range, f, t, k.unit === 'yr' ? LONGEST_SERVICE_LIFE_YEARS : Infinity)
}

/** "≈ X (Y–Z)" with the figure unbroken: a narrow cell breaks before the range, or in it. */
export function RangeText({ text }: { text: string }) {
  const cut = text.indexOf(' (')
  if (cut < 0) return <>{text}</>
  // A long range may also break after its dash, never inside a number.
  const [low, ...high] = text.slice(cut + 1).split('–')
  return (
    <>
      <span className="nowrap">{text.slice(0, cut)}</span>{' '}
      <span>
        {high.length > 0 ? (
          <>
            {low}–<wbr />
            {high.join('–')}
          </>
        ) : (
          low
        )}
      </span>
    </>
  )
}

/** The built-in scenarios are shown in the reader's language; user-named ones as named. */
export function scenarioLabel(name: string, t: TFunction): string {
  const curated = CURATED_SCENARIOS.findIndex((s) => s.name === name)
  return curated >= 0 ? t(`kiosk.curated.${curated}`) : name
}

/** District totals before/after, the class histogram, and what each euro saves. */
export function Dashboard() {
  const { t } = useTranslation()
  const energy = useAppStore(selectEnergy)
  const status = useAppStore(selectEnergyStatus)
  const lng = useAppStore(selectLanguage)
  const ranges = useAppStore((s) => s.energyRanges)
  // Apartment blocks lead; houses and other buildings join only when the user includes them.
  const [everything, setEverything] = useState(false)
  if (!energy) return null
  const scope = everything ? 'all' : 'apartment_block'
  const totals = everything ? energy.totals : energy.totals.byUseClass.apartment_block
  const fmt = (v: number | null, d: number) =>
    v === null || !Number.isFinite(v) ? '—' : formatNumber(v, lng, d)
  const maxCount = Math.max(1, ...totals.before.classCounts, ...totals.after.classCounts)
  const bm = DEFAULT_PARAMETERS.programme_benchmarks
  return (
    <section
      className="panel dashboard"
      aria-label={t('dashboard.title')}
      data-testid="dashboard"
      aria-busy={status === 'computing'}
    >
      <h2>
        {t('dashboard.title')}:{' '}
        <span data-testid="dashboard-scenario">{scenarioLabel(energy.scenarioName, t)}</span>
      </h2>
      <p className="muted small" data-testid="dashboard-scope">
        {everything
          ? t('dashboard.scopeAll', { count: energy.totals.buildings })
          : t('dashboard.scopeBlocks', {
              count: totals.buildings,
              flats: fmt(totals.flats, 0),
            })}{' '}
        <label className="inline">
          <input
            type="checkbox"
            checked={everything}
            onChange={(e) => setEverything(e.target.checked)}
            data-testid="dashboard-include-all"
          />{' '}
          {t('dashboard.includeAll')}
        </label>
      </p>
      <table className="figures kpis">
        <thead>
          <tr>
            <td />
            <th scope="col">{t('energy.today')}</th>
            <th scope="col">{t('energy.after')}</th>
          </tr>
        </thead>
        <tbody>
          {districtKpis(totals, ranges?.[scope] ?? {}).map((k) => (
            <tr key={k.key}>
              <th scope="row">{t(`dashboard.${k.key}`)}</th>
              <td>
                {k.before === null ? (
                  ''
                ) : (
                  <RangeText text={withRange(k.before, k.beforeRange, k, lng, t)} />
                )}
              </td>
              <td data-testid={`kpi-${k.key}`}>
                <RangeText text={withRange(k.after, k.range, k, lng, t)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small" data-testid="dashboard-benchmark">
        {t('dashboard.benchmark', {
          rop: fmt(bm.cluj_rop_2018_eur_per_flat.value, 0),
          pnrr: fmt(bm.cluj_pnrr_2022_eur_per_flat_incl_vat.value, 0),
          capLow: fmt(bm.pnrr_cap_moderate_eur_per_m2_built.value, 0),
          capHigh: fmt(bm.pnrr_cap_deep_eur_per_m2_built.value, 0),
        })}
      </p>
      {totals.withHigherBill > 0 && (
        <p className="notice small" role="status" data-testid="dashboard-higher-bill">
          {t('dashboard.higherBill', { count: totals.withHigherBill })}
        </p>
      )}
      <p className="muted small" data-testid="dashboard-ranges" data-ready={ranges !== null}>
        {ranges ? t('dashboard.rangesNote') : t('dashboard.rangesComputing')}
      </p>
      <figure className="histogram" aria-label={t('dashboard.histogram')}>
        <figcaption>{t('dashboard.histogram')}</figcaption>
        {ENERGY_CLASS_LABELS.map((c, i) => {
          const before = totals.before.classCounts[i] ?? 0
          const after = totals.after.classCounts[i] ?? 0
          return (
            <div key={c} className="bar-row">
              <ClassBadge value={c} />
              <div className="bars">
                <span className="bar before" style={{ width: `${(before / maxCount) * 100}%` }} />
                <span className="bar after" style={{ width: `${(after / maxCount) * 100}%` }} />
              </div>
              <span className="counts">
                {before} → {after}
              </span>
            </div>
          )
        })}
        <p className="muted small">
          <span className="bar-key before" /> {t('energy.today')} <span className="bar-key after" />{' '}
          {t('energy.after')} · {t('dashboard.buildings')}
        </p>
      </figure>
      <div className="export-buttons" role="group" aria-label={t('export.title')}>
        <span>{t('export.title')}:</span>
        <button
          type="button"
          className="button"
          data-testid="export-csv"
          onClick={() =>
            void exportCsv(useAppStore.getState()).then((csv) =>
              downloadText('manastur-results.csv', csv, 'text/csv'),
            )
          }
        >
          CSV
        </button>
        <button
          type="button"
          className="button"
          data-testid="export-geojson"
          onClick={() =>
            void exportGeoJson(useAppStore.getState()).then((geojson) =>
              downloadText('manastur-results.geojson', geojson, 'application/geo+json'),
            )
          }
        >
          GeoJSON
        </button>
        <button
          type="button"
          className="button"
          data-testid="export-png"
          onClick={() => {
            const s = useAppStore.getState()
            void exportViewPng({
              title: `${t('app.title')} — ${energy.scenarioName}`,
              legendTitle: legendCaption(s.colouring, s.compare, t),
              legend: legendEntries(s.colouring, s.classPalette, s.language, t),
              attribution: t('attribution'),
            }).then((blob) => blob && downloadBlob('manastur-view.png', blob))
          }}
        >
          PNG
        </button>
      </div>
    </section>
  )
}
