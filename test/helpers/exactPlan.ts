/**
 * Exact optima of planner knapsacks for the tests: the same problem as a 0/1 integer programme
 * solved by HiGHS (npm `highs`, the HiGHS solver compiled to WebAssembly), and an exhaustive
 * search for tiny cases that checks HiGHS's model too.
 */
import loadHighs from 'highs'

import type { Problem } from '@/domain/planner/optimise'

type Highs = Awaited<ReturnType<typeof loadHighs>>
let highs: Promise<Highs> | undefined

const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toPrecision(15))

/** Options that exist: `[block, option]` with cost > 0 and value > 0 on an eligible block. */
function optionsOf(pr: Problem): [number, number][] {
  const out: [number, number][] = []
  for (let b = 0; b < pr.blocks; b++) {
    if (pr.eligible[b] !== 1) continue
    for (let p = 0; p < pr.options; p++) {
      const j = b * pr.options + p
      if ((pr.cost[j] ?? 0) > 0 && (pr.value[j] ?? 0) > 0) out.push([b, p])
    }
  }
  return out
}

/** Relative gap HiGHS proves its solution within. */
const GAP = 0.002

/**
 * A proven bound on the exact optimum: at least the largest value within the budgets
 * (`required` = Infinity), or at most the least cost that reaches `required`. HiGHS proves its
 * solution within `GAP` of the optimum; the bound adds that gap, so a planner result compared
 * against it is compared against the true optimum or something stricter.
 */
export async function exactOptimum(pr: Problem): Promise<number> {
  highs ??= loadHighs()
  const h = await highs
  const opts = optionsOf(pr)
  const years = pr.sharedBudget ? 1 : pr.budgets.length
  const yearVars = pr.budgets.length
  const v = (k: number, y: number) => `x${k}_${y}`
  const terms = (coef: (k: number) => number, y?: number) =>
    opts
      .flatMap((_, k) =>
        (y === undefined ? Array.from({ length: yearVars }, (_, yy) => yy) : [y]).map(
          (yy) => `${num(coef(k))} ${v(k, yy)}`,
        ),
      )
      .join(' + ')
  const costOf = (k: number) => {
    const [b, p] = opts[k] ?? [0, 0]
    return pr.cost[b * pr.options + p] ?? 0
  }
  const valueOf = (k: number) => {
    const [b, p] = opts[k] ?? [0, 0]
    return pr.value[b * pr.options + p] ?? 0
  }
  const minimise = Number.isFinite(pr.required)
  const lines: string[] = [minimise ? 'Minimize' : 'Maximize']
  lines.push(` obj: ${terms(minimise ? costOf : valueOf)}`, 'Subject To')
  const byBlock = new Map<number, number[]>()
  opts.forEach(([b], k) => byBlock.set(b, [...(byBlock.get(b) ?? []), k]))
  for (const [b, ks] of byBlock) {
    const vars = ks.flatMap((k) => Array.from({ length: yearVars }, (_, y) => v(k, y)))
    lines.push(` b${b}: ${vars.join(' + ')} <= 1`)
  }
  for (let y = 0; y < years; y++) {
    const t = pr.sharedBudget ? terms(costOf) : terms(costOf, y)
    lines.push(` y${y}: ${t} <= ${num(pr.budgets[y] ?? 0)}`)
  }
  if (Number.isFinite(pr.maxPerYear)) {
    for (let y = 0; y < yearVars; y++)
      lines.push(` n${y}: ${terms(() => 1, y)} <= ${pr.maxPerYear}`)
  }
  if (minimise) lines.push(` goal: ${terms(valueOf)} >= ${num(pr.required)}`)
  lines.push('Binary')
  for (let k = 0; k < opts.length; k++) for (let y = 0; y < yearVars; y++) lines.push(` ${v(k, y)}`)
  lines.push('End')
  const r = h.solve(lines.join('\n'), { mip_rel_gap: GAP, time_limit: 120 })
  if (r.Status !== 'Optimal') throw new Error(`HiGHS: ${r.Status}`)
  return minimise ? r.ObjectiveValue * (1 - GAP) : r.ObjectiveValue * (1 + GAP)
}

/** Exhaustive optimum of a tiny instance (same two modes as `exactOptimum`). */
export function exhaustiveOptimum(pr: Problem): number {
  const Y = pr.budgets.length
  const eligible = Array.from({ length: pr.blocks }, (_, b) => b).filter(
    (b) => pr.eligible[b] === 1,
  )
  const spend = new Float64Array(Y)
  const count = new Int32Array(Y)
  let shared = 0
  const minimise = Number.isFinite(pr.required)
  let best = minimise ? Infinity : 0
  const walk = (k: number, value: number, cost: number) => {
    if (k === eligible.length) {
      if (minimise) {
        if (value >= pr.required - 1e-9) best = Math.min(best, cost)
      } else best = Math.max(best, value)
      return
    }
    const b = eligible[k] ?? 0
    walk(k + 1, value, cost)
    for (let p = 0; p < pr.options; p++) {
      const j = b * pr.options + p
      const c = pr.cost[j] ?? 0
      const v = pr.value[j] ?? 0
      if (!(c > 0 && v > 0)) continue
      for (let y = 0; y < Y; y++) {
        if ((count[y] ?? 0) >= pr.maxPerYear) continue
        const room = pr.sharedBudget
          ? (pr.budgets[0] ?? 0) - shared
          : (pr.budgets[y] ?? 0) - (spend[y] ?? 0)
        if (c > room + 1e-9) continue
        spend[y] = (spend[y] ?? 0) + c
        shared += c
        count[y] = (count[y] ?? 0) + 1
        walk(k + 1, value + v, cost + c)
        spend[y] = (spend[y] ?? 0) - c
        shared -= c
        count[y] = (count[y] ?? 0) - 1
      }
    }
  }
  walk(0, 0, 0)
  return best
}
