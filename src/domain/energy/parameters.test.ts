import { describe, expect, it } from 'vitest'

import SHARED_SHAPE from './parameters.json'
import {
  DEFAULT_PARAMETERS as P,
  isSourcedRecord,
  listAssumptions,
  recordAt,
  withOverrides,
} from './parameters'

function allRecords(): { path: string; rec: Record<string, unknown> }[] {
  const out: { path: string; rec: Record<string, unknown> }[] = []
  const walk = (node: unknown, path: string): void => {
    if (isSourcedRecord(node)) {
      out.push({ path, rec: node as unknown as Record<string, unknown> })
      return
    }
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return
    for (const [k, v] of Object.entries(node))
      if (!k.startsWith('_')) walk(v, path ? `${path}.${k}` : k)
  }
  walk(SHARED_SHAPE, '')
  return out
}

describe('parameters as data', () => {
  it('every number the model reads is a sourced record with a confidence grade', () => {
    const recs = allRecords()
    expect(recs.length).toBeGreaterThan(100)
    for (const { path, rec } of recs) {
      expect(typeof rec.unit, path).toBe('string')
      expect(['A', 'B', 'C', 'D'], path).toContain(rec.confidence)
      // a source tag from energy-evidence.md §0, a derivation, or a declared assumption
      expect(rec.source, path).toMatch(
        /\[S\d+\]|\[calc\]|assumption|calendar|open end|BNR|energy-evidence §\d+|Law \d+\/\d{4}/,
      )
    }
    // No bare numbers outside records (labels, carriers and class labels are strings).
    const bare: string[] = []
    const walk = (node: unknown, path: string) => {
      if (isSourcedRecord(node)) return
      if (typeof node === 'number') bare.push(path)
      if (typeof node !== 'object' || node === null) return
      for (const [k, v] of Object.entries(node)) if (!k.startsWith('_')) walk(v, `${path}.${k}`)
    }
    walk(SHARED_SHAPE, '')
    expect(bare).toEqual([])
  })

  it('lists the D-grade assumptions with path, value, unit and source', () => {
    const list = listAssumptions(P)
    expect(list.length).toBeGreaterThan(20)
    for (const a of list) {
      expect(a.confidence).toBe('D')
      expect(recordAt(P, a.path)?.value).toEqual(a.value)
      expect(a.unit.length).toBeGreaterThan(0)
    }
    const paths = list.map((a) => a.path)
    expect(paths).toContain('geometry.window_to_wall_ratio')
    expect(paths).toContain('archetypes.RO_MFH_1961_1980.air_change_per_h')
    expect(paths).toContain('energy_classes.active_row')
    expect(paths).not.toContain('climate.monthly_mean_temp_C') // grade A
    expect(listAssumptions(P, ['C']).map((a) => a.path)).toContain(
      'carriers.electricity.price_lei_per_kWh',
    )
  })

  it('overrides return a copy and leave the defaults alone', () => {
    const p = withOverrides(P, {
      'geometry.window_to_wall_ratio': 0.3,
      'carriers.gas.price_lei_per_kWh': 0.5,
    })
    expect(p.geometry.window_to_wall_ratio.value).toBe(0.3)
    expect(p.geometry.window_to_wall_ratio.source).toMatch(/^user override/)
    expect(p.carriers.gas.price_lei_per_kWh.value).toBe(0.5)
    expect(P.geometry.window_to_wall_ratio.value).toBe(0.2)
    expect(P.carriers.gas.price_lei_per_kWh.value).toBe(0.31)
  })

  it('rejects unknown paths and mistyped values with one line naming the path', () => {
    expect(() => withOverrides(P, { 'geometry.wwr': 0.3 })).toThrow(
      'geometry.wwr: unknown parameter path',
    )
    expect(() => withOverrides(P, { 'geometry.window_to_wall_ratio': '0.3' })).toThrow(
      'geometry.window_to_wall_ratio: must be a finite number',
    )
    expect(() => withOverrides(P, { 'climate.monthly_mean_temp_C': [1, 2] })).toThrow(
      /must be an array of 12 numbers/,
    )
    expect(() => withOverrides(P, { 'energy_classes.active_row': 'cooling' })).toThrow(
      /must be "total"/,
    )
  })
})
