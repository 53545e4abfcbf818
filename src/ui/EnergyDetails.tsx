import { useTranslation } from 'react-i18next'

import { CLASS_COLOURS, CLASS_COLOURS_CVD } from '@/domain/colouring/energyPalettes'
import { ENERGY_CLASS_LABELS, type EnergyClass } from '@/domain/energy/classes'
import { selectClassPalette, selectLanguage, selectSelectedId } from '@/state/selectors'
import { useAppStore } from '@/state/store'

import { formatNumber } from './i18n'
import { approxText, LONGEST_SERVICE_LIFE_YEARS } from './kpiText'
import { parameterLabel } from './labels'
import { useInspection } from './useInspection'

/** A class letter on its colour, readable on both palettes. */
export function ClassBadge({ value }: { value: string | null }) {
  const palette = useAppStore(selectClassPalette)
  if (value === null) return <span className="class-badge none">–</span>
  const i = ENERGY_CLASS_LABELS.indexOf(value as EnergyClass)
  const c = (palette === 'cvd' ? CLASS_COLOURS_CVD : CLASS_COLOURS)[i] ?? [200, 200, 200]
  const light = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2] > 140
  return (
    <span
      className="class-badge"
      style={{ background: `rgb(${c[0]} ${c[1]} ${c[2]})`, color: light ? '#111' : '#fff' }}
      data-testid="class-badge"
    >
      {value}
    </span>
  )
}

/** The selected block's energy figures before/after, per measure, and per flat. */
export function EnergyDetails() {
  const { t } = useTranslation()
  const id = useAppStore(selectSelectedId)
  const lng = useAppStore(selectLanguage)
  const state = useInspection(id)

  if (!state) return null
  if (state.status === 'computing') return <p className="muted">{t('energy.computing')}</p>
  if (state.status === 'error') return <p className="muted">{state.message}</p>
  if (!state.data) return <p className="muted">{t('energy.notRated')}</p>
  const r = state.data.result
  const ranges = state.data.ranges
  const tornado = state.data.tornado
  const n = (v: number | null | undefined, d = 1) =>
    v === null || v === undefined || !Number.isFinite(v) ? '—' : formatNumber(v, lng, d)
  /** "≈ X (Y–Z) unit" where the figure has a range. */
  const rg = (
    v: number | null | undefined,
    key: string,
    unit: string,
    d = 1,
    openAbove?: number,
  ) => {
    if (v === null || v === undefined || !Number.isFinite(v)) return '—'
    const value = `${n(v, d).replace('-', '\u2212')} ${unit}`
    return approxText(value, ranges[key], (y) => n(y, d), t, openAbove)
  }
  const perYr = `kWh/m²·${t('energy.yr')}`
  const eur = (v: number | null | undefined) =>
    v === null || v === undefined ? '—' : `${n(v, 0)} €`
  const a = r.after
  const row = (label: string, before: string, after?: string) => (
    <tr>
      <th scope="row">{label}</th>
      <td>{before}</td>
      {a && <td>{after ?? '—'}</td>}
    </tr>
  )
  return (
    <section className="energy-details" aria-label={t('energy.title')} data-testid="energy-details">
      <h3>{t('energy.title')}</h3>
      <p className="class-line">
        {t('energy.class')} <ClassBadge value={r.class} />
        {a && (
          <>
            {' → '}
            <ClassBadge value={a.class} />
          </>
        )}
      </p>
      <table className="figures">
        <thead>
          <tr>
            <td />
            <th scope="col">{t('energy.today')}</th>
            {a && <th scope="col">{t('energy.after')}</th>}
          </tr>
        </thead>
        <tbody>
          {row(
            t('energy.need'),
            rg(r.heating_need_kwh_m2a, 'heating_need_kwh_m2a', perYr),
            a && rg(a.heating_need_kwh_m2a, 'after_heating_need_kwh_m2a', perYr),
          )}
          {row(
            t('energy.primary'),
            rg(r.primary_kwh_m2a, 'primary_kwh_m2a', perYr),
            a && rg(a.primary_kwh_m2a, 'after_primary_kwh_m2a', perYr),
          )}
          {row(
            t('energy.co2'),
            rg(r.co2_kg_m2a, 'co2_kg_m2a', `kg/m²·${t('energy.yr')}`),
            a && rg(a.co2_kg_m2a, 'after_co2_kg_m2a', `kg/m²·${t('energy.yr')}`),
          )}
          {row(
            t('energy.bill'),
            rg(r.bill_eur_a, 'bill_eur_a', `€/${t('energy.yr')}`, 0),
            a && rg(a.bill_eur_a, 'after_bill_eur_a', `€/${t('energy.yr')}`, 0),
          )}
          {a &&
            a.generation_kwh_a > 0 &&
            row(
              t('energy.generation'),
              '—',
              t('energy.generationValue', {
                total: n(a.generation_kwh_a / 1000, 1),
                self: n(a.pv_self_consumed_kwh_a / 1000, 1),
                exported: n(a.pv_exported_kwh_a / 1000, 1),
              }),
            )}
        </tbody>
      </table>
      {a && (
        <>
          <dl className="energy-kpis">
            <div>
              <dt>{t('energy.saving')}</dt>
              <dd data-testid="building-saving">{n(r.saving_pct, 0)} %</dd>
            </div>
            <div>
              <dt>{t('energy.cost')}</dt>
              <dd>{rg(r.cost_eur, 'cost_eur', '€', 0)}</dd>
            </div>
            <div>
              <dt>{t('energy.payback')}</dt>
              <dd>
                {r.payback_years === null || r.payback_years === undefined
                  ? '—'
                  : `${n(r.payback_years, 0)} ${t('energy.years')}`}
              </dd>
            </div>
            {/* Per-flat economics only where there are flats (not for schools, shops…). */}
            {r.flats > 0 && (
              <div>
                <dt>{t('energy.perFlat', { flats: n(r.flats, 0) })}</dt>
                {/* One figure a line: what a resident asks, in the order they ask it. */}
                <dd data-testid="building-per-flat" className="per-flat">
                  <span>{rg(r.cost_per_flat_eur, 'cost_per_flat_eur', '€', 0)}</span>{' '}
                  <span>
                    {t('energy.ownerShare', {
                      value: rg(r.owner_cost_per_flat_eur, 'owner_cost_per_flat_eur', '€', 0),
                    })}
                  </span>{' '}
                  <span>
                    {t('energy.billChange', {
                      value: rg(
                        r.bill_change_per_flat_eur_month,
                        'bill_change_per_flat_eur_month',
                        '€',
                        1,
                      ),
                    })}
                  </span>{' '}
                  <span>
                    {t('energy.ownerPayback', {
                      value: rg(
                        r.owner_payback_years,
                        'owner_payback_years',
                        t('energy.years'),
                        1,
                        LONGEST_SERVICE_LIFE_YEARS,
                      ),
                    })}
                  </span>
                </dd>
              </div>
            )}
          </dl>
          {r.bill_rises && (
            <p className="notice small" role="status" data-testid="building-bill-rises">
              {t('energy.billRises')}
            </p>
          )}
          <table className="figures measures" aria-label={t('energy.byMeasure')}>
            <thead>
              <tr>
                <th scope="col">{t('energy.measure')}</th>
                <th scope="col">{t('energy.savingAlone')}</th>
                <th scope="col">{t('energy.cost')}</th>
              </tr>
            </thead>
            <tbody>
              {state.data.perMeasure.map((m) => (
                <tr key={m.id}>
                  <th scope="row">{t(`measures.${m.id}`)}</th>
                  <td>{n(m.saving_pct, 0)} %</td>
                  <td>{eur(m.cost_eur)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {tornado.bars.length > 0 && (
        <figure className="tornado" data-testid="tornado" aria-label={t('energy.tornado')}>
          <figcaption>{t('energy.tornado')}</figcaption>
          {tornado.bars.map((b) => {
            const max = tornado.bars[0]?.swing ?? 1
            return (
              <div key={b.path} className="tornado-row" title={t(`ranges.${b.group}`)}>
                <span>{parameterLabel(b.path, t).label}</span>
                <span className="bar" style={{ width: `${(b.swing / max) * 100}%` }} />
                <span className="counts">
                  {n(Math.min(b.at_low, b.at_high), 0)}–{n(Math.max(b.at_low, b.at_high), 0)}{' '}
                  {tornado.figure === 'bill_saving_eur_a' ? `€/${t('energy.yr')}` : perYr}
                </span>
              </div>
            )
          })}
        </figure>
      )}
      <p className="muted small">
        {t(`useClass.${r.use_class}`)}
        {!r.rated && ` · ${t('energy.notRatedShort')}`}
        {' · '}
        {t('energy.basis', { archetype: t(`param.s.${r.archetype}`), year: r.year })}
        {r.year_is_default && ` (${t('provenance.default')})`}
      </p>
    </section>
  )
}
