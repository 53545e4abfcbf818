import { describe, expect, it } from 'vitest'

import { planRequestOf } from './planner'
import { DEFAULT_PLAN_FORM } from './slices/plannerSlice'

const errorOf = (patch: Partial<typeof DEFAULT_PLAN_FORM>) => {
  try {
    planRequestOf({ ...DEFAULT_PLAN_FORM, ...patch })
    return null
  } catch (e) {
    return e instanceof Error ? e.message : String(e)
  }
}

describe('planner form', () => {
  it('turns the form into the request the planner takes', () => {
    expect(
      planRequestOf({ ...DEFAULT_PLAN_FORM, maxBlocksPerYear: '12', ownerSharePct: '25' }),
    ).toEqual({
      target: { kind: 'co2', reductionPct: 55 },
      scope: 'district',
      from: 2026,
      by: 2030,
      budget: { perYear: 5_000_000 },
      excludeRehabilitated: false,
      ownerShare: 0.25,
      grantShare: 0,
      maxBlocksPerYear: 12,
    })
    const total = planRequestOf({
      ...DEFAULT_PLAN_FORM,
      target: 'class',
      targetClass: 'B',
      budgetKind: 'total',
    })
    expect(total.target).toEqual({ kind: 'class', class: 'B' })
    expect(total.budget).toEqual({ total: 5_000_000 })
  })

  it('passes the allowed packages and measures on, only when they restrict the catalogue', () => {
    const r = planRequestOf({
      ...DEFAULT_PLAN_FORM,
      packages: ['roof', 'windows', 'envelope', 'envelope+heat_pump'],
      measures: DEFAULT_PLAN_FORM.measures.filter((m) => m !== 'heat_pump'),
    })
    // A package that needs a measure left out is not allowed either.
    expect(r.packages).toEqual(['roof', 'windows', 'envelope'])
    expect(r.measures).not.toContain('heat_pump')
    expect(r.measures).toContain('wall')
    const all = planRequestOf(DEFAULT_PLAN_FORM)
    expect(all.packages).toBeUndefined()
    expect(all.measures).toBeUndefined()
  })

  it('names the field that is wrong with a translation key', () => {
    expect(errorOf({ from: '2026.5' })).toBe('planner.errors.year')
    expect(errorOf({ by: '2020' })).toBe('planner.errors.order')
    expect(errorOf({ budgetEur: 'lots' })).toBe('planner.errors.budget')
    expect(errorOf({ budgetEur: '-1' })).toBe('planner.errors.budget')
    expect(errorOf({ ownerSharePct: '60', grantSharePct: '40' })).toBe('planner.errors.shares')
    expect(errorOf({ reductionPct: '0' })).toBe('planner.errors.reduction')
    expect(errorOf({ maxBlocksPerYear: '0' })).toBe('planner.errors.maxBlocks')
    expect(errorOf({ packages: [] })).toBe('planner.errors.packages')
    expect(errorOf({ packages: ['heat_pump'], measures: ['wall', 'roof'] })).toBe(
      'planner.errors.packages',
    )
    expect(errorOf({})).toBeNull()
  })
})
