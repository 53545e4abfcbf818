import { parseScenario, type Scenario } from '@/domain/energy/scenario'

const KEY = 'manastur-twin.scenarios'

/** At most this many scenarios are kept in the browser (more made the editor unresponsive). */
export const MAX_SAVED_SCENARIOS = 50
/** The largest scenario kept in the browser, as JSON characters (one with many picked blocks). */
export const MAX_SAVED_SCENARIO_CHARS = 256 * 1024

/** Why a scenario could not be saved in the browser: its locale key and parameters. */
export class StorageProblem extends Error {
  override name = 'StorageProblem'
  constructor(
    readonly key: 'safety.storageFull' | 'safety.tooManySaved' | 'safety.tooBigToSave',
    readonly params: Readonly<Record<string, number>> = {},
  ) {
    super(key)
  }
}

/** Scenarios saved in this browser, by name. Corrupt entries are skipped, never thrown. */
export function loadSavedScenarios(storage: Storage = localStorage): Scenario[] {
  try {
    const raw = JSON.parse(storage.getItem(KEY) ?? '[]') as unknown
    if (!Array.isArray(raw)) return []
    // A list written elsewhere may be longer than this app keeps: read only the first ones.
    return raw.slice(0, MAX_SAVED_SCENARIOS).flatMap((s) => {
      try {
        return [parseScenario(s)]
      } catch {
        return []
      }
    })
  } catch {
    return []
  }
}

/**
 * Save (or replace, by name) a scenario in this browser. Throws a `StorageProblem` when it is
 * too large, when the list is full, or when the browser's storage is; nothing saved is lost.
 */
export function saveScenario(scenario: Scenario, storage: Storage = localStorage): Scenario[] {
  if (JSON.stringify(scenario).length > MAX_SAVED_SCENARIO_CHARS)
    throw new StorageProblem('safety.tooBigToSave')
  const list = loadSavedScenarios(storage).filter((s) => s.name !== scenario.name)
  if (list.length >= MAX_SAVED_SCENARIOS)
    throw new StorageProblem('safety.tooManySaved', { max: MAX_SAVED_SCENARIOS })
  list.push(scenario)
  try {
    storage.setItem(KEY, JSON.stringify(list))
  } catch {
    // QuotaExceededError (its name and code differ between browsers) or storage turned off.
    throw new StorageProblem('safety.storageFull')
  }
  return list
}

export function deleteSavedScenario(name: string, storage: Storage = localStorage): Scenario[] {
  const list = loadSavedScenarios(storage).filter((s) => s.name !== name)
  storage.setItem(KEY, JSON.stringify(list))
  return list
}
