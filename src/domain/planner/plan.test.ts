import { describe, expect, it } from 'vitest'

import { exactOptimum } from '../../../test/helpers/exactPlan'
import { evaluateScenario } from '../energy/district/evaluate'
import { prepareDistrict } from '../energy/district/prepare'
import { envelopeFromFootprint } from '../energy/envelope'
import type { BuildingInput } from '../energy/input'
import { DEFAULT_PARAMETERS as P } from '../energy/parameters'
import { parseScenario, scenarioToJson } from '../energy/scenario'
import type { LocalMeters } from '../geo/types'
import { seededRandom } from '../random'

import { optimise } from './optimise'
import { planDistrict, PlanError, planningProblem } from './plan'
import type { Plan, PlanRequest } from './plan'
import { planCsv, parseTarget } from './report'

/** A made-up district: slabs and towers of several periods, heating systems and states. */
function district(count: number, seed: number) {
  const r = seededRandom(seed)
  const heating = ['gas_boiler', 'district_heating', 'gas_boiler', null] as const
  const blocks: BuildingInput[] = []
  for (let i = 0; i < count; i++) {
    const w = 20 + r() * 70
    const d = 10 + r() * 5
    const levels = r() < 0.7 ? 5 : 10
    const ring = [
      [0, 0],
      [w, 0],
      [w, d],
      [0, d],
    ] as unknown as LocalMeters[]
    const school = i % 23 === 7
    blocks.push({
      id: `way/${100 + i}`,
      type: school ? 'school' : 'apartments',
      use: school ? 'non_residential' : 'residential',
      year: 1962 + Math.floor(r() * 40),
      flats: null,
      heatedAreaM2: 0,
      heating: heating[i % heating.length] ?? null,
      rehabilitated: r() < 0.2 ? 2012 : null,
      envelope: envelopeFromFootprint([ring], levels, levels * 2.75),
    })
  }
  return prepareDistrict(blocks, P)
}

const SMALL = district(300, 5)

const request = (over: Partial<PlanRequest> = {}): PlanRequest => ({
  target: { kind: 'co2', reductionPct: 55 },
  scope: 'district',
  from: 2026,
  by: 2030,
  budget: { perYear: 5_000_000 },
  ...over,
})

/** The plan's scenario through the engine, as `npm run assess` evaluates it. */
function reproduce(plan: Plan) {
  const scenario = parseScenario(JSON.parse(scenarioToJson(plan.scenario)))
  return evaluateScenario(SMALL, scenario, P)
}

const budgetOf = (plan: Plan) => plan.target.budget_per_year_eur ?? Infinity

describe('goal-seeking planner', () => {
  it('keeps every year within budget and the scenario reproduces by_year to 0.1 %', () => {
    const plan = planDistrict(SMALL, P, request({ budget: { perYear: 3_000_000 } }))
    expect(plan.steps.length).toBeGreaterThan(0)
    for (const y of plan.by_year) expect(y.spend_eur).toBeLessThanOrEqual(budgetOf(plan) + 1e-6)
    const r = reproduce(plan)
    expect(r.byYear.map((y) => y.year)).toEqual(plan.by_year.map((y) => y.year))
    const close = (a: number, b: number) =>
      expect(Math.abs(a - b)).toBeLessThanOrEqual(0.001 * Math.max(1, Math.abs(b)))
    plan.by_year.forEach((y, k) => {
      const e = r.byYear[k]
      if (!e) throw new Error('missing year')
      close(y.co2_t_a, e.co2TonnesPerYear)
      close(y.primary_mwh_a, e.primaryMWhPerYear)
      close(y.spend_eur, e.investmentEur)
      expect(y.blocks_done).toBe(e.retrofittedBuildings)
    })
    // Each step's block got exactly its package in its year.
    const step = plan.steps[0]
    if (!step) throw new Error('no step')
    const i = SMALL.indexById.get(step.id) ?? -1
    expect(r.retrofitYear[i]).toBe(step.year)
    expect(r.costEur[i]).toBeCloseTo(step.cost_eur, 6)
  })

  it('is within 1 % of the exact optimum (HiGHS) on a 300-block district', async () => {
    const req = request({
      by: 2028,
      packages: [
        'roof',
        'windows',
        'wall',
        'envelope',
        'heat_pump',
        'dh_upgrade',
        'envelope+heat_pump',
        'envelope+heat_pump+pv',
      ],
    })
    const problem = planningProblem(SMALL, P, req)
    const pr = { ...problem, required: Infinity, budgets: [2_000_000, 2_600_000, 1_700_000] }
    const s = optimise(pr)
    const exact = await exactOptimum(pr)
    expect(s.value).toBeGreaterThanOrEqual(0.99 * exact)
    s.spend.forEach((x, y) => expect(x).toBeLessThanOrEqual((pr.budgets[y] ?? 0) + 1e-6))
  }, 120_000)

  it('reports a budget shortfall with the budget needed and the year it is reached', () => {
    const plan = planDistrict(SMALL, P, request({ target: { kind: 'co2', reductionPct: 40 } }))
    expect(plan.feasible).toBe(false)
    const s = plan.shortfall
    expect(s?.kind).toBe('budget')
    expect(s?.needed_budget_eur).toBeGreaterThan(5_000_000)
    expect(s?.reached_year).toBeGreaterThan(2030)
    expect(s?.message).toMatch(/needs about [\d,]+ EUR a year/)
    // The budget it names is enough; the year it names is the first that works.
    const more = planDistrict(
      SMALL,
      P,
      request({
        target: { kind: 'co2', reductionPct: 40 },
        budget: { perYear: s?.needed_budget_eur ?? 0 },
      }),
    )
    expect(more.feasible).toBe(true)
    const later = (by: number) =>
      planDistrict(SMALL, P, request({ target: { kind: 'co2', reductionPct: 40 }, by }))
    expect(later(s?.reached_year ?? 0).feasible).toBe(true)
    expect(later((s?.reached_year ?? 0) - 1).feasible).toBe(false)
  })

  it('reports a target no package mix reaches as unreachable, not silently missed', () => {
    const plan = planDistrict(
      SMALL,
      P,
      request({ target: { kind: 'co2', reductionPct: 55 }, packages: ['roof', 'windows'] }),
    )
    expect(plan.feasible).toBe(false)
    expect(plan.shortfall?.kind).toBe('unreachable')
    expect(plan.shortfall?.best_possible_pct).toBeLessThan(55)
    expect(plan.shortfall?.message).toMatch(/cannot be reached/)
  })

  it('meets a reachable target without spending the whole budget', () => {
    const plan = planDistrict(
      SMALL,
      P,
      request({ target: { kind: 'co2', reductionPct: 10 }, budget: { perYear: 20_000_000 } }),
    )
    expect(plan.feasible).toBe(true)
    expect(plan.shortfall).toBeNull()
    expect(plan.target.achieved).toBeLessThanOrEqual(plan.target.goal)
    const spent = plan.by_year.at(-1)?.cumulative_spend_eur ?? 0
    expect(spent).toBeLessThan(0.5 * 5 * 20_000_000)
  })

  it('brings apartment blocks to class C, respecting the constraints', () => {
    const plan = planDistrict(
      SMALL,
      P,
      request({
        target: { kind: 'class', class: 'C' },
        budget: { total: 400_000_000 },
        maxBlocksPerYear: 70,
        excludeRehabilitated: true,
      }),
    )
    const perYear = new Map<number, number>()
    for (const s of plan.steps) {
      const i = SMALL.indexById.get(s.id) ?? -1
      expect(SMALL.rehabilitated[i]).toBe(0)
      expect(SMALL.residential[i]).toBe(1)
      perYear.set(s.year, (perYear.get(s.year) ?? 0) + 1)
    }
    for (const n of perYear.values()) expect(n).toBeLessThanOrEqual(70)
    const r = reproduce(plan)
    for (const s of plan.steps) {
      expect(r.after.classIndex[SMALL.indexById.get(s.id) ?? -1]).toBeLessThanOrEqual(3)
    }
    // Rehabilitated blocks below C are excluded, so "every block" may be out of reach.
    if (!plan.feasible) expect(plan.shortfall).not.toBeNull()
  })

  it('counts only the budget share with owner and grant shares', () => {
    const plan = planDistrict(
      SMALL,
      P,
      request({ budget: { perYear: 1_000_000 }, ownerShare: 0.25, grantShare: 0.5 }),
    )
    for (const y of plan.by_year) expect(y.spend_eur).toBeLessThanOrEqual(1_000_000 + 1e-6)
    const full = plan.steps.filter((s) => s.year === 2026).reduce((a, s) => a + s.cost_eur, 0)
    expect(full).toBeGreaterThan(1_000_000)
    expect(full * 0.25).toBeCloseTo(plan.by_year[0]?.spend_eur ?? 0, 3)
  })

  it('reports MAC per step, writes CSV, and rejects bad requests in one line', () => {
    const plan = planDistrict(SMALL, P, request({ budget: { perYear: 1_000_000 } }))
    for (const s of plan.steps) {
      if (s.co2_saved_t_a > 0) expect(s.mac_eur_per_t).toBeGreaterThan(0)
    }
    const csv = planCsv(plan).split('\n')
    expect(csv[0]).toBe('id,year,measures,cost_eur,co2_saved_t_a,primary_saved_mwh_a,mac_eur_per_t')
    expect(csv).toHaveLength(plan.steps.length + plan.by_year.length + 4)
    expect(parseTarget('co2:-55')).toEqual({ kind: 'co2', reductionPct: 55 })
    expect(parseTarget('class:c')).toEqual({ kind: 'class', class: 'C' })
    expect(() => parseTarget('co2:55')).toThrow(PlanError)
    expect(() => planDistrict(SMALL, P, request({ by: 2020 }))).toThrow(/before the start year/)
    expect(() => planDistrict(SMALL, P, request({ packages: ['nope'] }))).toThrow(
      /unknown package "nope"/,
    )
  })
})
