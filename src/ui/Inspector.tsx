import { useTranslation } from 'react-i18next'

import type { BuildingProperties, Provenance, TrackedAttribute } from '@/domain/buildings/types'
import { overlaySourceOf, provenanceClass } from '@/domain/buildings/types'
import { selectKiosk, selectLanguage, selectSelectedBuilding } from '@/state/selectors'
import { useAppStore } from '@/state/store'

import { BlockCorrections } from './BlockCorrections'
import { EnergyDetails } from './EnergyDetails'
import { formatNumber } from './i18n'
import { buildingTypeLabel } from './labels'
import { PanelHeader } from './PanelHeader'

/**
 * Where a value came from; a value joined from another dataset by footprint overlap names
 * that dataset and the match quality (IoU).
 */
function ProvenanceBadge({
  value,
  matches,
}: {
  value: Provenance | undefined
  matches: BuildingProperties['overlay_matches']
}) {
  const { t } = useTranslation()
  const lng = useAppStore(selectLanguage)
  if (!value) return null
  const cls = provenanceClass(value)
  const source = overlaySourceOf(value)
  const match = source === null ? undefined : matches?.find((m) => m.source === source)
  return (
    <span className={`badge badge-${cls}`} data-provenance={value}>
      {source === null
        ? t(`provenance.${cls}`)
        : `${t(`provenance.${cls}`)} (${t('provenance.overlayFrom', {
            source,
            iou: match ? formatNumber(match.iou, lng, 2) : '—',
          })})`}
    </span>
  )
}

/** The panel for the selected building: identity, geometry and where each value came from. */
export function Inspector() {
  const { t } = useTranslation()
  const building = useAppStore(selectSelectedBuilding)
  const lng = useAppStore(selectLanguage)
  const selectBuilding = useAppStore((s) => s.selectBuilding)
  const kiosk = useAppStore(selectKiosk)
  if (!building) return null
  const p = building.properties
  const num = (v: number, digits = 1) => formatNumber(v, lng, digits)
  const row = (
    label: string,
    value: string | null,
    attribute?: TrackedAttribute,
    testId?: string,
  ) => (
    <div className="row">
      <dt>{label}</dt>
      <dd data-testid={testId}>
        {value ?? t('inspector.none')}
        {attribute && value !== null && (
          <ProvenanceBadge value={p.provenance[attribute]} matches={p.overlay_matches} />
        )}
      </dd>
    </div>
  )
  return (
    <aside className="panel inspector" aria-label={t('inspector.title')} data-testid="inspector">
      <PanelHeader title={p.name ?? t('inspector.title')} onClose={() => selectBuilding(null)} />
      <dl>
        {row(t('inspector.id'), p.id, undefined, 'inspector-id')}
        {row(t('inspector.type'), buildingTypeLabel(p.type, t))}
        {p.name !== null && row(t('inspector.name'), p.name)}
        {row(t('inspector.address'), p.address)}
        {row(t('inspector.height'), t('units.m', { value: num(p.height_m) }), 'height_m')}
        {row(t('inspector.levels'), num(p.levels, 0), 'levels')}
        {row(t('inspector.year'), p.year === null ? null : String(p.year), 'year')}
        {row(t('inspector.footprint'), t('units.m2', { value: num(p.footprint_area_m2, 0) }))}
        {row(
          t('inspector.heatedArea'),
          t('units.m2', { value: num(p.heated_area_m2, 0) }),
          'heated_area_m2',
        )}
        {(p.overlay_matches ?? []).map((m) => (
          <div className="row" key={m.source} data-testid="inspector-overlay-match">
            <dt>{t('inspector.overlayMatch')}</dt>
            <dd>
              {t('inspector.overlayMatchValue', {
                source: m.source,
                footprint: m.footprint,
                iou: num(m.iou, 2),
              })}
            </dd>
          </div>
        ))}
      </dl>
      {kiosk && (
        <button
          type="button"
          className="button big"
          onClick={() => useAppStore.getState().setDetailsOpen(false)}
          data-testid="details-back"
        >
          {t('resident.back')}
        </button>
      )}
      <EnergyDetails />
      {/* Visitors at the exhibit read the data; only the desktop app corrects it. */}
      {!kiosk && <BlockCorrections building={p} />}
    </aside>
  )
}
