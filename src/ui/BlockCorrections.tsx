import { useTranslation } from 'react-i18next'

import type { BuildingProperties, HeatingSystem } from '@/domain/buildings/types'
import { selectBuildingOverrides } from '@/state/selectors'
import { useAppStore } from '@/state/store'

const HEATING: readonly HeatingSystem[] = ['district_heating', 'gas_boiler', 'heat_pump', 'other']

/**
 * The assumptions the model used for this block, editable where the user knows better: year
 * (which picks the archetype), heating system, rehabilitation and storeys. Edits are marked and
 * the district is recomputed with them.
 */
export function BlockCorrections({ building }: { building: BuildingProperties }) {
  const { t } = useTranslation()
  const overrides = useAppStore(selectBuildingOverrides)
  const setOverride = useAppStore((s) => s.setBuildingOverride)
  const o = overrides[building.id] ?? {}
  const year = o.year !== undefined ? o.year : building.year
  const heating = o.heating !== undefined ? o.heating : building.heating
  const rehabilitated = o.rehabilitated !== undefined ? o.rehabilitated : building.rehabilitated
  const levels = o.levels ?? building.levels
  const edited = Object.keys(o).length > 0
  const num = (v: string) => (v.trim() === '' ? null : Number(v))
  return (
    <details className="corrections" data-testid="corrections">
      <summary>
        {t('corrections.title')}{' '}
        {edited && <span className="badge badge-overlay">{t('scenario.edited')}</span>}
      </summary>
      <p className="muted small">{t('corrections.hint')}</p>
      <label className="param">
        <span>{t('inspector.year')}</span>
        <input
          type="number"
          min={1850}
          max={2100}
          value={year ?? ''}
          placeholder={t('provenance.default')}
          onChange={(e) => {
            const v = num(e.currentTarget.value)
            if (v === null || (v >= 1850 && v <= 2100)) setOverride(building.id, { year: v })
          }}
          data-testid="correct-year"
        />
      </label>
      <label className="param">
        <span>{t('corrections.heating')}</span>
        <select
          value={heating ?? ''}
          onChange={(e) =>
            setOverride(building.id, {
              heating: (e.currentTarget.value || null) as HeatingSystem | null,
            })
          }
        >
          <option value="">{t('provenance.default')}</option>
          {HEATING.map((h) => (
            <option key={h} value={h}>
              {t(`corrections.heatingTypes.${h}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="param">
        <span>{t('corrections.rehabilitated')}</span>
        <input
          type="number"
          min={1990}
          max={2100}
          value={rehabilitated ?? ''}
          placeholder={t('corrections.no')}
          onChange={(e) => setOverride(building.id, { rehabilitated: num(e.currentTarget.value) })}
        />
      </label>
      <label className="param">
        <span>{t('inspector.levels')}</span>
        <input
          type="number"
          min={1}
          max={40}
          value={levels}
          onChange={(e) => {
            const v = e.currentTarget.valueAsNumber
            if (Number.isInteger(v) && v >= 1 && v <= 40) setOverride(building.id, { levels: v })
          }}
        />
      </label>
      {edited && (
        <button type="button" className="button" onClick={() => setOverride(building.id, null)}>
          {t('corrections.reset')}
        </button>
      )}
    </details>
  )
}
