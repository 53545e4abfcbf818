import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'

import { ENERGY_CLASS_LABELS } from '@/domain/energy/classes'
import type { DistrictTotals } from '@/domain/energy/district/results'
import { exportCsv, exportGeoJson } from '@/state/exports'
import { selectEnergy, selectEnergyStatus, selectLanguage } from '@/state/selectors'
import { CURATED_SCENARIOS } from '@/state/slices/scenarioSlice'
import { useAppStore } from '@/state/store'

import { downloadBlob, downloadText } from './download'
import { ClassBadge } from './EnergyDetails'
import { exportViewPng } from './exportPng'
import { formatNumber } from './i18n'
import { legendEntries } from './Legend'

/** The figures a council asks for, as plain values with units (also used by the council pack). */
export interface Kpi {
  key: string
  before: number | null
  after: number | null
  /** Key of the unit under `units.*` in the translations. */
  unit: string
  digits: number
}

/** District KPIs from the scenario totals: one list, shown by the dashboard and the PDF alike. */
export function districtKpis(t: DistrictTotals): Kpi[] {
  const savedMWh = t.before.primaryMWhPerYear - t.after.primaryMWhPerYear
  return [
    {
      key: 'heatingNeed',
      before: t.before.heatingNeedMWhPerYear,
      after: t.after.heatingNeedMWhPerYear,
      unit: 'mwhYr',
      digits: 0,
    },
    {
      key: 'primary',
      before: t.before.primaryMWhPerYear,
      after: t.after.primaryMWhPerYear,
      unit: 'mwhYr',
      digits: 0,
    },
    {
      key: 'co2',
      before: t.before.co2TonnesPerYear,
      after: t.after.co2TonnesPerYear,
      unit: 'tYr',
      digits: 0,
    },
    {
      key: 'bills',
      before: t.before.billEurPerYear,
      after: t.after.billEurPerYear,
      unit: 'eurYr',
      digits: 0,
    },
    { key: 'investment', before: null, after: t.investmentEur, unit: 'eur', digits: 0 },
    { key: 'saving', before: null, after: t.billSavingEurPerYear, unit: 'eurYr', digits: 0 },
    { key: 'payback', before: null, after: t.paybackYears, unit: 'yr', digits: 1 },
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
  if (!energy) return null
  const totals = energy.totals
  const fmt = (v: number | null, d: number) =>
    v === null || !Number.isFinite(v) ? '—' : formatNumber(v, lng, d)
  const withUnit = (v: number | null, k: Kpi) =>
    v === null || !Number.isFinite(v) ? '—' : t(`units.${k.unit}`, { value: fmt(v, k.digits) })
  const maxCount = Math.max(1, ...totals.before.classCounts, ...totals.after.classCounts)
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
      <table className="figures kpis">
        <thead>
          <tr>
            <td />
            <th scope="col">{t('energy.today')}</th>
            <th scope="col">{t('energy.after')}</th>
          </tr>
        </thead>
        <tbody>
          {districtKpis(totals).map((k) => (
            <tr key={k.key}>
              <th scope="row">{t(`dashboard.${k.key}`)}</th>
              <td>
                {k.before === null ? '' : t(`units.${k.unit}`, { value: fmt(k.before, k.digits) })}
              </td>
              <td data-testid={`kpi-${k.key}`}>{withUnit(k.after, k)}</td>
            </tr>
          ))}
        </tbody>
      </table>
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
            downloadText(
              'manastur-results.geojson',
              exportGeoJson(useAppStore.getState()),
              'application/geo+json',
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
              legendTitle: t(`colouring.${s.colouring}`),
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
