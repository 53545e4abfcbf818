import { parseScenario, type Scenario } from '@/domain/energy/scenario'

const KEY = 'manastur-twin.scenarios'

/** Scenarios saved in this browser, by name. Corrupt entries are skipped, never thrown. */
export function loadSavedScenarios(storage: Storage = localStorage): Scenario[] {
  try {
    const raw = JSON.parse(storage.getItem(KEY) ?? '[]') as unknown
    if (!Array.isArray(raw)) return []
    return raw.flatMap((s) => {
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

/** Save (or replace, by name) a scenario in this browser. */
export function saveScenario(scenario: Scenario, storage: Storage = localStorage): Scenario[] {
  const list = loadSavedScenarios(storage).filter((s) => s.name !== scenario.name)
  list.push(scenario)
  storage.setItem(KEY, JSON.stringify(list))
  return list
}

export function deleteSavedScenario(name: string, storage: Storage = localStorage): Scenario[] {
  const list = loadSavedScenarios(storage).filter((s) => s.name !== name)
  storage.setItem(KEY, JSON.stringify(list))
  return list
}
