import { describe, expect, it } from 'vitest'

import { parseScenario } from '@/domain/energy/scenario'

import {
  loadSavedScenarios,
  MAX_SAVED_SCENARIO_CHARS,
  MAX_SAVED_SCENARIOS,
  saveScenario,
  StorageProblem,
} from './savedScenarios'

/** A Storage that holds at most `quota` characters, as a browser's does. */
function storageWithQuota(quota = Infinity): Storage & { data: Map<string, string> } {
  const data = new Map<string, string>()
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (v.length > quota) throw new DOMException('quota', 'QuotaExceededError')
      data.set(k, v)
    },
  } as unknown as Storage & { data: Map<string, string> }
}

const named = (name: string) => parseScenario({ name, measures: ['wall'] })

function problemOf(work: () => unknown): StorageProblem {
  try {
    work()
  } catch (e) {
    if (e instanceof StorageProblem) return e
    throw e
  }
  throw new Error('expected a StorageProblem')
}

describe('scenarios saved in the browser', () => {
  it('says the storage is full instead of throwing, and keeps what was saved', () => {
    const storage = storageWithQuota(400)
    saveScenario(named('A'), storage)
    const before = storage.data.get('manastur-twin.scenarios')
    expect(problemOf(() => saveScenario(named('B'.repeat(300)), storage)).key).toBe(
      'safety.storageFull',
    )
    expect(storage.data.get('manastur-twin.scenarios')).toBe(before)
    expect(loadSavedScenarios(storage).map((s) => s.name)).toEqual(['A'])
  })

  it('keeps at most MAX_SAVED_SCENARIOS, though one may still be replaced by name', () => {
    const storage = storageWithQuota()
    for (let i = 0; i < MAX_SAVED_SCENARIOS; i++) saveScenario(named(`S${i}`), storage)
    const problem = problemOf(() => saveScenario(named('one more'), storage))
    expect(problem).toMatchObject({
      key: 'safety.tooManySaved',
      params: { max: MAX_SAVED_SCENARIOS },
    })
    expect(saveScenario(parseScenario({ name: 'S0', measures: ['roof'] }), storage)).toHaveLength(
      MAX_SAVED_SCENARIOS,
    )
  })

  it('refuses a scenario larger than the bound', () => {
    const buildings = Array.from({ length: 30_000 }, (_, i) => `way/${1_000_000 + i}`)
    const huge = parseScenario({ name: 'huge', measures: ['wall'], buildings: { ids: buildings } })
    expect(JSON.stringify(huge).length).toBeGreaterThan(MAX_SAVED_SCENARIO_CHARS)
    expect(problemOf(() => saveScenario(huge, storageWithQuota())).key).toBe('safety.tooBigToSave')
  })

  it('reads only the first MAX_SAVED_SCENARIOS of a longer list written elsewhere', () => {
    const storage = storageWithQuota()
    const list = Array.from({ length: 10_000 }, (_, i) => ({ name: `S${i}`, measures: [] }))
    storage.data.set('manastur-twin.scenarios', JSON.stringify(list))
    expect(loadSavedScenarios(storage)).toHaveLength(MAX_SAVED_SCENARIOS)
  })
})
