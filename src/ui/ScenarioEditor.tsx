import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'

import {
  DEFAULT_PARAMETERS,
  listAssumptions,
  recordAt,
  type AssumptionEntry,
} from '@/domain/energy/parameters'
import {
  MEASURE_IDS,
  measureParameterNames,
  parseScenarioText,
  scenarioToJson,
  type MeasureId,
  type Scenario,
} from '@/domain/energy/scenario'
import {
  deleteSavedScenario,
  loadSavedScenarios,
  saveScenario,
  StorageProblem,
} from '@/state/savedScenarios'
import {
  setAssumption,
  setMeasureParam,
  setRollout,
  setSelection,
  toggleMeasure,
} from '@/state/scenarioEdit'
import {
  selectLanguage,
  selectPickedIds,
  selectPickMode,
  selectScenario,
  selectSelectedId,
} from '@/state/selectors'
import { useAppStore } from '@/state/store'

import { downloadText } from './download'
import { formatNumber } from './i18n'
import { parameterLabel } from './labels'
import { PanelHeader } from './PanelHeader'

/** The D-grade assumptions, listed once: the user must be able to see and change them. */
const ASSUMPTIONS: AssumptionEntry[] = listAssumptions(DEFAULT_PARAMETERS).filter(
  (a) => typeof a.value === 'number',
)

type Scope = 'all' | 'filter' | 'selection' | 'picked'

function scopeOf(s: Scenario, selectedId: string | null, pickMode: boolean): Scope {
  if (s.buildings === 'all') return 'all'
  if ('filter' in s.buildings) return 'filter'
  const ids = s.buildings.ids
  return !pickMode && ids.length === 1 && ids[0] === selectedId ? 'selection' : 'picked'
}

/** Edit the active scenario: measures and their parameters, where, when, and assumptions. */
export function ScenarioEditor({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const scenario = useAppStore(selectScenario)
  const selectedId = useAppStore(selectSelectedId)
  const pickMode = useAppStore(selectPickMode)
  const pickedIds = useAppStore(selectPickedIds)
  const lng = useAppStore(selectLanguage)
  const { setScenario, setPickMode, clearPicked, showNotice } = useAppStore.getState()
  const [saved, setSaved] = useState<Scenario[]>(() => loadSavedScenarios())
  const file = useRef<HTMLInputElement>(null)
  const update = (next: Scenario) => setScenario(next)
  const scope = scopeOf(scenario, selectedId, pickMode)
  const filter =
    typeof scenario.buildings === 'object' && 'filter' in scenario.buildings
      ? scenario.buildings.filter
      : null
  const activeRow =
    (scenario.assumptions['energy_classes.active_row'] as string | undefined) ?? 'total'

  const setScope = (next: Scope) => {
    if (next === 'all') update(setSelection(scenario, 'all'))
    if (next === 'filter')
      update(setSelection(scenario, { filter: { year_max: 1989, rehabilitated: false } }))
    if (next === 'selection' && selectedId) update(setSelection(scenario, { ids: [selectedId] }))
    if (next === 'picked') update(setSelection(scenario, { ids: pickedIds }))
    setPickMode(next === 'picked')
  }

  return (
    <section
      className="panel scenario-editor"
      aria-label={t('scenario.title')}
      data-testid="scenario-editor"
    >
      <PanelHeader title={t('scenario.title')} onClose={onClose} />
      <label className="field">
        {t('scenario.name')}
        <input
          value={scenario.name}
          maxLength={120}
          onChange={(e) => update({ ...scenario, name: e.currentTarget.value || ' ' })}
        />
      </label>

      <fieldset>
        <legend>{t('scenario.measures')}</legend>
        {MEASURE_IDS.map((id: MeasureId) => {
          const spec = scenario.measures.find((m) => m.id === id)
          return (
            <div key={id} className="measure">
              <label>
                <input
                  type="checkbox"
                  checked={spec !== undefined}
                  onChange={(e) => update(toggleMeasure(scenario, id, e.currentTarget.checked))}
                  data-testid={`measure-${id}`}
                />
                {t(`measures.${id}`)}
              </label>
              {spec &&
                measureParameterNames(id)
                  .filter((p) => p !== 'lifetime_years')
                  .map((p) => {
                    const rec = recordAt(DEFAULT_PARAMETERS, `measures.${id}.${p}`)
                    const value = spec.params[p] ?? (rec?.value as number)
                    const words = parameterLabel(`measures.${id}.${p}`, t)
                    return (
                      <label key={p} className="param" title={rec?.source}>
                        <span>
                          {words.label} <small>({words.unit})</small>
                          <small className="param-help">{words.help}</small>
                        </span>
                        <input
                          type="number"
                          step="any"
                          value={value}
                          onChange={(e) => {
                            const v = e.currentTarget.valueAsNumber
                            update(setMeasureParam(scenario, id, p, Number.isFinite(v) ? v : null))
                          }}
                          data-testid={`param-${id}-${p}`}
                        />
                      </label>
                    )
                  })}
            </div>
          )
        })}
      </fieldset>

      <fieldset>
        <legend>{t('scenario.where')}</legend>
        {(['all', 'filter', 'selection', 'picked'] as const).map((s) => (
          <label key={s} className="radio">
            <input
              type="radio"
              name="scope"
              checked={scope === s}
              disabled={s === 'selection' && !selectedId}
              onChange={() => setScope(s)}
              data-testid={`scope-${s}`}
            />
            {t(`scenario.scope.${s}`, { count: pickedIds.length })}
          </label>
        ))}
        {filter && (
          <label className="param">
            <span>{t('scenario.builtBefore')}</span>
            <input
              type="number"
              value={(filter.year_max ?? 1989) + 1}
              onChange={(e) =>
                update(
                  setSelection(scenario, {
                    filter: { ...filter, year_max: e.currentTarget.valueAsNumber - 1 },
                  }),
                )
              }
            />
          </label>
        )}
        {pickMode && (
          <p className="muted small">
            {t('scenario.pickHint')}{' '}
            <button
              type="button"
              className="link"
              onClick={() => update(setSelection(scenario, { ids: pickedIds }))}
            >
              {t('scenario.applyPicked', { count: pickedIds.length })}
            </button>{' '}
            <button type="button" className="link" onClick={clearPicked}>
              {t('scenario.clearPicked')}
            </button>
          </p>
        )}
      </fieldset>

      <fieldset>
        <legend>{t('scenario.when')}</legend>
        <label>
          <input
            type="checkbox"
            checked={scenario.rollout !== null}
            onChange={(e) =>
              update(
                setRollout(
                  scenario,
                  e.currentTarget.checked
                    ? { start_year: 2026, end_year: 2030, order: 'worst_first' }
                    : null,
                ),
              )
            }
          />
          {t('scenario.rollout')}
        </label>
        {scenario.rollout && (
          <div className="row2">
            <label className="param">
              <span>{t('scenario.from')}</span>
              <input
                type="number"
                value={scenario.rollout.start_year}
                onChange={(e) =>
                  scenario.rollout &&
                  update(
                    setRollout(scenario, {
                      ...scenario.rollout,
                      start_year: e.currentTarget.valueAsNumber,
                    }),
                  )
                }
              />
            </label>
            <label className="param">
              <span>{t('scenario.to')}</span>
              <input
                type="number"
                value={scenario.rollout.end_year}
                onChange={(e) =>
                  scenario.rollout &&
                  update(
                    setRollout(scenario, {
                      ...scenario.rollout,
                      end_year: e.currentTarget.valueAsNumber,
                    }),
                  )
                }
              />
            </label>
          </div>
        )}
      </fieldset>

      <label className="field-inline">
        <input
          type="checkbox"
          checked={activeRow === 'no_cooling_no_ventilation'}
          onChange={(e) =>
            update(
              setAssumption(
                scenario,
                'energy_classes.active_row',
                e.currentTarget.checked ? 'no_cooling_no_ventilation' : undefined,
              ),
            )
          }
          data-testid="class-row"
        />
        {t('scenario.classRow')}
      </label>

      <details className="assumptions">
        <summary>{t('scenario.assumptions', { count: ASSUMPTIONS.length })}</summary>
        <p className="muted small">{t('scenario.assumptionsHint')}</p>
        {ASSUMPTIONS.map((a) => {
          const edited = scenario.assumptions[a.path]
          const words = parameterLabel(a.path, t)
          return (
            <div key={a.path} className="param-block">
              <label className="param assumption">
                <span>
                  {words.label} <small>({words.unit})</small>
                  <small className="param-help">{words.help}</small>
                </span>
                <input
                  type="number"
                  step="any"
                  value={typeof edited === 'number' ? edited : (a.value as number)}
                  onChange={(e) => {
                    const v = e.currentTarget.valueAsNumber
                    update(setAssumption(scenario, a.path, Number.isFinite(v) ? v : undefined))
                  }}
                />
                {edited !== undefined && (
                  <span className="badge badge-overlay">{t('scenario.edited')}</span>
                )}
              </label>
              {/* For experts: the model's own key and its evidence tag, one click away. */}
              <details className="param-source">
                <summary>{t('param.source')}</summary>
                <code>{a.path}</code> ·{' '}
                {a.range ? `${a.range[0]}–${a.range[1]}: ${a.range_source ?? ''}; ` : ''}
                {a.source}
              </details>
            </div>
          )
        })}
      </details>

      <fieldset>
        <legend>{t('scenario.saveLoad')}</legend>
        <div className="buttons">
          <button
            type="button"
            className="button"
            onClick={() => {
              try {
                setSaved(saveScenario(scenario))
              } catch (e) {
                // Full storage, too many or too large: one line, and the file is the way out.
                if (!(e instanceof StorageProblem)) throw e
                showNotice(t(e.key, e.params))
              }
            }}
          >
            {t('scenario.saveBrowser')}
          </button>
          <button
            type="button"
            className="button"
            onClick={() =>
              downloadText(
                `${scenario.name || 'scenario'}.json`,
                scenarioToJson(scenario),
                'application/json',
              )
            }
          >
            {t('scenario.saveFile')}
          </button>
          <button type="button" className="button" onClick={() => file.current?.click()}>
            {t('scenario.openFile')}
          </button>
          <input
            ref={file}
            type="file"
            accept=".json,application/json"
            hidden
            data-testid="scenario-file"
            onChange={(e) => {
              const f = e.currentTarget.files?.[0]
              e.currentTarget.value = ''
              if (!f) return
              void f.text().then((text) => {
                try {
                  update(parseScenarioText(text, f.name))
                } catch (err) {
                  showNotice(err instanceof Error ? err.message : String(err))
                }
              })
            }}
          />
        </div>
        {saved.length > 0 && (
          <ul className="saved">
            {saved.map((s) => (
              <li key={s.name}>
                <button type="button" className="link" onClick={() => update(s)}>
                  {s.name}
                </button>{' '}
                <small>({formatNumber(s.measures.length, lng, 0)})</small>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={t('story.remove', { name: s.name })}
                  onClick={() => setSaved(deleteSavedScenario(s.name))}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
    </section>
  )
}
