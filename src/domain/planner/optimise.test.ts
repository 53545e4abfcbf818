import { describe, expect, it } from 'vitest'

import { seededRandom } from '../random'

import { exactOptimum, exhaustiveOptimum } from '../../../test/helpers/exactPlan'

import { leastCostToReach, optimise } from './optimise'
import type { Problem } from './optimise'

/**
 * A made-up instance shaped like the planner's: per block, options whose value grows more
 * slowly than their cost (deeper packages), block sizes spread over a factor of ~5.
 */
function instance(
  seed: number,
  blocks: number,
  options: number,
  budgets: number[],
  over: Partial<Problem> = {},
): Problem {
  const r = seededRandom(seed)
  const cost = new Float64Array(blocks * options)
  const value = new Float64Array(blocks * options)
  for (let b = 0; b < blocks; b++) {
    const size = 0.5 + r() * 2.5
    const worst = 0.5 + r()
    for (let p = 0; p < options; p++) {
      if (r() < 0.15) continue // package does not apply to this block
      const depth = 0.2 + r() * 1.5
      cost[b * options + p] = Math.round(size * depth * 100_000)
      value[b * options + p] = size * worst * Math.sqrt(depth) * (0.7 + 0.6 * r()) * 50
    }
  }
  return {
    blocks,
    options,
    cost,
    value,
    eligible: new Uint8Array(blocks).fill(1),
    budgets,
    sharedBudget: false,
    maxPerYear: Infinity,
    required: Infinity,
    ...over,
  }
}

function check(pr: Problem, s: ReturnType<typeof optimise>): void {
  // Within budget every year, at most one option per block, value adds up.
  let v = 0
  const spend = new Float64Array(pr.budgets.length)
  const count = new Int32Array(pr.budgets.length)
  for (let b = 0; b < pr.blocks; b++) {
    const p = s.option[b] ?? -1
    if (p < 0) continue
    const y = s.year[b] ?? -1
    expect(y).toBeGreaterThanOrEqual(0)
    spend[y] = (spend[y] ?? 0) + (pr.cost[b * pr.options + p] ?? 0)
    count[y] = (count[y] ?? 0) + 1
    v += pr.value[b * pr.options + p] ?? 0
  }
  expect(s.value).toBeCloseTo(v, 6)
  if (pr.sharedBudget) {
    expect(spend.reduce((a, x) => a + x, 0)).toBeLessThanOrEqual((pr.budgets[0] ?? 0) + 1e-6)
  } else {
    spend.forEach((x, y) => expect(x).toBeLessThanOrEqual((pr.budgets[y] ?? 0) + 1e-6))
  }
  count.forEach((n) => expect(n).toBeLessThanOrEqual(pr.maxPerYear))
}

describe('planner optimisation against exact optima', () => {
  it('matches an exhaustive search on tiny instances (and HiGHS agrees with it)', async () => {
    for (let seed = 1; seed <= 6; seed++) {
      const pr = instance(seed, 5, 3, [200_000, 200_000])
      const s = optimise(pr)
      check(pr, s)
      const exhaustive = exhaustiveOptimum(pr)
      expect(Math.abs((await exactOptimum(pr)) - exhaustive)).toBeLessThanOrEqual(
        0.003 * exhaustive,
      )
      expect(s.value).toBeGreaterThanOrEqual(0.97 * exhaustive)
    }
  })

  it('is within 1 % of the HiGHS optimum on 300-block, 10-option, 5-year instances', async () => {
    for (const [seed, perYear] of [
      [11, 3_000_000],
      [12, 9_000_000],
    ] as const) {
      // Budgets differ a little from year to year, as real ones do (identical years make the
      // integer programme needlessly symmetric for the exact solver).
      const pr = instance(
        seed,
        300,
        10,
        [1, 1.1, 0.9, 1.05, 0.95].map((f) => f * perYear),
      )
      const s = optimise(pr)
      check(pr, s)
      const exact = await exactOptimum(pr)
      expect(s.value).toBeGreaterThanOrEqual(0.99 * exact)
    }
  }, 120_000)

  it('is within 1 % with a shared total budget and with a cap on blocks a year', async () => {
    const shared = instance(21, 300, 10, [20_000_000, 0, 0, 0, 0], { sharedBudget: true })
    const s1 = optimise(shared)
    check(shared, s1)
    expect(s1.value).toBeGreaterThanOrEqual(0.99 * (await exactOptimum(shared)))
    const capped = instance(22, 200, 8, [4_000_000, 4_000_000, 4_000_000], { maxPerYear: 12 })
    const s2 = optimise(capped)
    check(capped, s2)
    expect(s2.value).toBeGreaterThanOrEqual(0.99 * (await exactOptimum(capped)))
  }, 120_000)

  it('reaches a required value at within 1 % of the least cost', async () => {
    const pr = instance(31, 300, 10, [8_000_000, 8_000_000, 8_000_000, 8_000_000, 8_000_000])
    const best = optimise(pr).value
    const target = { ...pr, required: 0.6 * best }
    const s = optimise(target)
    check(target, s)
    expect(s.value).toBeGreaterThanOrEqual(target.required - 1e-6)
    const spent = s.spend.reduce((a, x) => a + x, 0)
    const least = await exactOptimum(target)
    expect(spent).toBeLessThanOrEqual(1.01 * least)
    // The greedy's unlimited-budget estimate is close to the least cost too.
    expect(
      leastCostToReach({ ...target, budgets: target.budgets.map(() => Infinity) }),
    ).toBeLessThanOrEqual(1.01 * least)
  }, 120_000)

  it('stays within budget when nothing fits and with ineligible blocks', () => {
    const none = instance(41, 50, 5, [10, 10])
    const s = optimise(none)
    expect(s.value).toBe(0)
    expect(Array.from(s.option).every((p) => p === -1)).toBe(true)
    const half = instance(42, 50, 5, [2_000_000], {
      eligible: Uint8Array.from({ length: 50 }, (_, b) => b % 2),
    })
    const h = optimise(half)
    check(half, h)
    h.option.forEach((p, b) => {
      if (b % 2 === 0) expect(p).toBe(-1)
    })
  })
})
