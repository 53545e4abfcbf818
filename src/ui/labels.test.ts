import { describe, expect, it } from 'vitest'

import { DEFAULT_PARAMETERS, listAssumptions } from '@/domain/energy/parameters'
import { MEASURE_IDS, measureParameterNames } from '@/domain/energy/scenario'

import { BUILDING_TYPE_KEYS, parameterLabelKeys } from './labels'
import { en } from './locales/en'
import { hu } from './locales/hu'
import { ro } from './locales/ro'

const at = (messages: object, key: string): unknown =>
  key.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown>)?.[k], messages)

const PATHS = [
  ...listAssumptions(DEFAULT_PARAMETERS).map((a) => a.path),
  ...MEASURE_IDS.flatMap((id) => measureParameterNames(id).map((p) => `measures.${id}.${p}`)),
]

describe('plain-word labels', () => {
  it('covers the assumptions and every measure parameter', () => {
    expect(listAssumptions(DEFAULT_PARAMETERS).length).toBeGreaterThanOrEqual(68)
    expect(PATHS.length).toBeGreaterThan(90)
  })

  it.each([
    ['en', en],
    ['ro', ro],
    ['hu', hu],
  ])('%s names every parameter: label, unit, explanation and what it belongs to', (_l, m) => {
    const missing: string[] = []
    for (const path of PATHS) {
      const keys = parameterLabelKeys(path)
      for (const part of ['label', 'unit', 'help']) {
        const text = at(m, `${keys.quantity}.${part}`)
        if (typeof text !== 'string' || text.trim() === '') missing.push(`${path} ${part}`)
      }
      if (keys.subject && typeof at(m, keys.subject) !== 'string') missing.push(`${path} subject`)
    }
    expect(missing).toEqual([])
  })

  it.each([
    ['en', en],
    ['ro', ro],
    ['hu', hu],
  ])('%s names every known building type and the untagged one', (_l, m) => {
    for (const k of [...BUILDING_TYPE_KEYS, 'other'])
      expect(typeof at(m, `buildingType.${k}`), k).toBe('string')
  })
})
