import { useTranslation } from 'react-i18next'

import { selectLanguage, selectScenario, selectSelectedBuilding } from '@/state/selectors'
import { useAppStore } from '@/state/store'

import { scenarioLabel } from './Dashboard'
import { ClassBadge } from './EnergyDetails'
import { formatNumber } from './i18n'
import { PanelHeader } from './PanelHeader'
import { formatEstimate, residentFigures, type Estimate } from './residentFigures'
import { useInspection } from './useInspection'
import './kiosk.css'

/**
 * The exhibit's answer to "what would renovating my block cost me and save me?": a few figures
 * per flat in large type, in plain words, each with the range the model gives. The architect's
 * panel is one tap away.
 */
export function ResidentCard() {
  const { t } = useTranslation()
  const building = useAppStore(selectSelectedBuilding)
  const scenario = useAppStore(selectScenario)
  const lng = useAppStore(selectLanguage)
  const { selectBuilding, setDetailsOpen } = useAppStore.getState()
  const state = useInspection(building?.properties.id ?? null)
  if (!building) return null
  const p = building.properties
  const result = state?.status === 'ready' ? state.data?.result : undefined
  const figures = result ? residentFigures(result) : null
  const abs = (e: Estimate): Estimate => ({
    value: Math.abs(e.value),
    range: e.range ? [Math.abs(e.range[0]), Math.abs(e.range[1])] : null,
  })
  const bill = figures?.billChangeMonth
  const billWords = !bill
    ? null
    : Math.abs(bill.value) < 1
      ? t('resident.billSame')
      : t(bill.value < 0 ? 'resident.billLower' : 'resident.billHigher', {
          value: formatEstimate(abs(bill), lng),
        })
  const noMeasures = scenario.measures.length === 0

  return (
    <aside
      className="panel resident-card"
      aria-label={t('resident.title')}
      data-testid="resident-card"
    >
      <PanelHeader
        title={p.address ?? p.name ?? t('resident.title')}
        onClose={() => selectBuilding(null)}
      />
      {result && (
        <p className="resident-lead">
          {result.flats > 0 && (
            <span data-testid="resident-flats">{t('resident.flats', { count: result.flats })}</span>
          )}
          <span className="resident-class">
            {t('energy.class')} <ClassBadge value={result.class} />
            {result.after && !noMeasures && (
              <>
                {' → '}
                <ClassBadge value={result.after.class} />
              </>
            )}
          </span>
        </p>
      )}
      {state?.status === 'computing' && <p className="resident-note">{t('energy.computing')}</p>}
      {state?.status === 'error' && <p className="resident-note">{state.message}</p>}
      {state?.status === 'ready' && !state.data && (
        <p className="resident-note">{t('energy.notRated')}</p>
      )}
      {result && result.flats <= 0 && <p className="resident-note">{t('resident.noFlats')}</p>}
      {result && result.flats > 0 && noMeasures && (
        <p className="resident-note">{t('resident.chooseScenario')}</p>
      )}
      {figures && !noMeasures && (
        <>
          <p className="resident-scenario">{scenarioLabel(scenario.name, t)}</p>
          <dl className="resident-figures">
            {figures.costPerFlat && (
              <div>
                <dt>{t('resident.costPerFlat')}</dt>
                <dd className="figure" data-testid="resident-cost">
                  {formatEstimate(figures.costPerFlat, lng)}
                </dd>
              </div>
            )}
            {figures.ownerPerFlat && (
              <div>
                <dt>{t('resident.ownerShare')}</dt>
                <dd className="figure" data-testid="resident-owner">
                  {formatEstimate(figures.ownerPerFlat, lng)}
                </dd>
              </div>
            )}
            {billWords && (
              <div>
                <dt>{t('resident.bill')}</dt>
                <dd className="figure words" data-testid="resident-bill">
                  {billWords}
                </dd>
              </div>
            )}
            <div>
              <dt>{t('resident.comfort')}</dt>
              <dd>{t(`resident.comfortLevels.${figures.comfort}`)}</dd>
            </div>
            <div>
              <dt>{t('resident.climate')}</dt>
              <dd>
                {figures.co2CutPct < 1
                  ? t('resident.co2Same')
                  : t('resident.co2Less', {
                      pct: formatNumber(figures.co2CutPct, lng, 0),
                      tonnes: formatNumber(figures.co2TonnesPerFlatYear, lng, 1),
                    })}
              </dd>
            </div>
          </dl>
          {figures.paybackYears !== null && Number.isFinite(figures.paybackYears) && (
            <p className="resident-note" data-testid="resident-payback">
              {figures.paybackWithin === 'no'
                ? t('resident.paybackBeyond')
                : t('resident.payback', {
                    count: Math.round(figures.paybackYears),
                    value: formatNumber(figures.paybackYears, lng, 0),
                  })}
              {figures.paybackWithin === 'maybe' && ` ${t('resident.paybackMaybeLonger')}`}
            </p>
          )}
          <p className="resident-source">{t('resident.source')}</p>
        </>
      )}
      <button
        type="button"
        className="button big"
        onClick={() => setDetailsOpen(true)}
        data-testid="resident-details"
      >
        {t('resident.details')}
      </button>
    </aside>
  )
}
