/**
 * The planner's optimisation: a multiple-choice knapsack across years. Each block takes at most
 * one option (a package) in one year; each year's spend stays within its budget (or all years
 * share one total); at most `maxPerYear` blocks a year. Maximises the summed value (CO2 or
 * primary energy saved, or blocks brought to a class) and stops once `required` is reached, so
 * a reachable target is met at close to the least cost.
 *
 * Method: (1) each block's options reduced to the upper convex hull of (cost, value) from
 * (0, 0), as increments; (2) all increments taken greedily by value per euro, each new block
 * into the earliest year it fits, an upgrade in its year or moved to a later one; an increment
 * that fits nowhere freezes its block's hull (the later ones build on it); (3) a fill pass that
 * spends what is left on the best single addition or upgrade among all options, hull or not,
 * which recovers most of what the greedy's integrality loses; (4) on small districts, where one
 * block is a large share of a year's budget, swaps of one placed block for a better one and,
 * on tiny ones, an exhaustive search. With a cap on blocks a year the greedy prices a year's
 * slot into each new block's cost (Lagrangian) at a few prices and keeps the best plan. Tests
 * compare it with an exact solver (HiGHS); O(blocks × options) per pass.
 */

/** A knapsack instance; option columns are `block * options + option`. */
export interface Problem {
  readonly blocks: number
  readonly options: number
  /** Cost counted against the budget, EUR; an option with cost ≤ 0 or value ≤ 0 is unavailable. */
  readonly cost: Float64Array
  readonly value: Float64Array
  /** 1 where the block may be retrofitted. */
  readonly eligible: Uint8Array
  /** Budget of each year, EUR; with `sharedBudget` one pool of `budgets[0]` for all years. */
  readonly budgets: readonly number[]
  readonly sharedBudget: boolean
  /** Most blocks retrofitted in one year; Infinity when unconstrained. */
  readonly maxPerYear: number
  /** Stop once the summed value reaches this; Infinity to maximise. */
  readonly required: number
}

/** Chosen option and year index of every block (−1 = none), and the totals. */
export interface Solution {
  readonly option: Int16Array
  readonly year: Int16Array
  readonly value: number
  /** Spend per year, EUR. */
  readonly spend: Float64Array
}

/** Increments of the option chains, flattened. */
interface Increments {
  readonly incBlock: readonly number[]
  readonly incFrom: readonly number[]
  readonly incTo: readonly number[]
  readonly incDc: readonly number[]
  readonly incDv: readonly number[]
  /** Increment indices by value per euro (slot price included), best first. */
  readonly sorted: Uint32Array
}

const available = (pr: Problem, j: number) => (pr.cost[j] ?? 0) > 0 && (pr.value[j] ?? 0) > 0

/**
 * (1) The upper convex hull of every eligible block's options from (0, 0), as increments; a
 * block's first option is priced `slotPrice` more (a year's slot it takes).
 */
function hullIncrements(pr: Problem, slotPrice = 0): Increments {
  // Budget variants of one problem (shortfall searches) share its option arrays: hull once.
  const cached = HULLS.get(pr.cost)
  if (
    cached &&
    cached.value === pr.value &&
    cached.eligible === pr.eligible &&
    cached.slotPrice === slotPrice
  ) {
    return cached.increments
  }
  const increments = computeHull(pr, slotPrice)
  HULLS.set(pr.cost, { value: pr.value, eligible: pr.eligible, slotPrice, increments })
  return increments
}

const HULLS = new WeakMap<
  Float64Array,
  { value: Float64Array; eligible: Uint8Array; slotPrice: number; increments: Increments }
>()

function computeHull(pr: Problem, slotPrice: number): Increments {
  const { blocks: n, options: P, cost, value } = pr
  const incBlock: number[] = []
  const incFrom: number[] = []
  const incTo: number[] = []
  const incDc: number[] = []
  const incDv: number[] = []
  const ratio: number[] = []
  const order: number[] = []
  const hull: number[] = []
  for (let b = 0; b < n; b++) {
    if (pr.eligible[b] !== 1) continue
    const base = b * P
    order.length = 0
    for (let p = 0; p < P; p++) if (available(pr, base + p)) order.push(p)
    order.sort((x, y) => (cost[base + x] ?? 0) - (cost[base + y] ?? 0))
    hull.length = 0
    for (const p of order) {
      const c = (cost[base + p] ?? 0) + slotPrice
      const v = value[base + p] ?? 0
      const top = hull[hull.length - 1]
      if (top !== undefined) {
        if (v <= (value[base + top] ?? 0)) continue
        if ((cost[base + top] ?? 0) + slotPrice === c) hull.pop()
      }
      // Pop while the last hull point lies on or below the chord from its predecessor to p.
      for (;;) {
        const last = hull[hull.length - 1]
        if (last === undefined) break
        const prev = hull[hull.length - 2]
        const c0 = prev === undefined ? 0 : (cost[base + prev] ?? 0) + slotPrice
        const v0 = prev === undefined ? 0 : (value[base + prev] ?? 0)
        const c1 = (cost[base + last] ?? 0) + slotPrice
        const v1 = value[base + last] ?? 0
        if ((v1 - v0) * (c - c0) <= (v - v0) * (c1 - c0)) hull.pop()
        else break
      }
      hull.push(p)
    }
    let from = -1
    for (const p of hull) {
      const c0 = from < 0 ? 0 : (cost[base + from] ?? 0)
      const v0 = from < 0 ? 0 : (value[base + from] ?? 0)
      const dc = (cost[base + p] ?? 0) - c0
      const dv = (value[base + p] ?? 0) - v0
      incBlock.push(b)
      incFrom.push(from)
      incTo.push(p)
      incDc.push(dc)
      incDv.push(dv)
      ratio.push(dv / (dc + (from < 0 ? slotPrice : 0)))
      from = p
    }
  }
  const sorted = Uint32Array.from({ length: incBlock.length }, (_, k) => k).sort(
    (a, b) => (ratio[b] ?? 0) - (ratio[a] ?? 0) || a - b,
  )
  return { incBlock, incFrom, incTo, incDc, incDv, sorted }
}

/**
 * The least total cost at which the hull greedy reaches `required` with no budget limit (a
 * near-exact estimate of the budget a target needs), or Infinity when no mix of the allowed
 * options reaches it.
 */
export function leastCostToReach(pr: Problem): number {
  const { incBlock, incFrom, incTo, incDc, incDv, sorted } = hullIncrements(pr)
  const cur = new Int32Array(pr.blocks).fill(-1)
  let total = 0
  let spent = 0
  const tol = 1e-9 * Math.max(1, Math.abs(pr.required))
  for (const k of sorted) {
    if (total >= pr.required - tol) return spent
    const b = incBlock[k] ?? 0
    if ((cur[b] ?? -1) !== (incFrom[k] ?? -1)) continue
    cur[b] = incTo[k] ?? -1
    total += incDv[k] ?? 0
    spent += incDc[k] ?? 0
  }
  return total >= pr.required - tol ? spent : Infinity
}

/** Most fill moves a year; each is one pass over every option. */
const FILL_MOVES_PER_YEAR = 10
/** Swaps are tried up to this many options (blocks × options): small districts. */
const SWAP_LIMIT = 40_000
const MAX_SWAPS = 200
/** Exhaustive search up to this many combinations. */
const EXHAUSTIVE_LIMIT = 50_000
/** Slot prices tried with a cap on blocks a year, × the median option cost. */
const SLOT_PRICES = [0, 0.1, 0.2, 0.35, 0.5, 0.75, 1, 1.5, 2, 3, 4, 6, 8, 16]

/** A plan under construction: every block's option and year, spend and counts per year. */
class Plan {
  readonly option: Int16Array
  readonly year: Int16Array
  readonly spend: Float64Array
  readonly count: Int32Array
  total = 0
  private pool: number

  constructor(readonly pr: Problem) {
    this.option = new Int16Array(pr.blocks).fill(-1)
    this.year = new Int16Array(pr.blocks).fill(-1)
    this.spend = new Float64Array(pr.budgets.length)
    this.count = new Int32Array(pr.budgets.length)
    this.pool = pr.sharedBudget ? (pr.budgets[0] ?? 0) : 0
  }

  left(y: number): number {
    return this.pr.sharedBudget ? this.pool : (this.pr.budgets[y] ?? 0) - (this.spend[y] ?? 0)
  }

  slot(y: number): boolean {
    return (this.count[y] ?? 0) < this.pr.maxPerYear
  }

  reached(): boolean {
    const r = this.pr.required
    return this.total >= r - 1e-9 * Math.max(1, Math.abs(r))
  }

  /** Earliest year, other than `skip`, with `c` left and a free slot, or −1. */
  fitYear(c: number, skip = -1): number {
    for (let y = 0; y < this.spend.length; y++) {
      if (y !== skip && this.slot(y) && c <= this.left(y) + 1e-9) return y
    }
    return -1
  }

  /** Block b takes option p (−1: none) in year y. */
  set(b: number, p: number, y: number): void {
    const P = this.pr.options
    const old = this.option[b] ?? -1
    const oldY = this.year[b] ?? -1
    if (old >= 0)
      this.move(oldY, -(this.pr.cost[b * P + old] ?? 0), -1, -(this.pr.value[b * P + old] ?? 0))
    this.option[b] = p
    this.year[b] = p < 0 ? -1 : y
    if (p >= 0) this.move(y, this.pr.cost[b * P + p] ?? 0, 1, this.pr.value[b * P + p] ?? 0)
  }

  private move(y: number, dc: number, dn: number, dv: number): void {
    this.spend[y] = (this.spend[y] ?? 0) + dc
    this.count[y] = (this.count[y] ?? 0) + dn
    if (this.pr.sharedBudget) this.pool -= dc
    this.total += dv
  }

  solution(): Solution {
    return { option: this.option, year: this.year, value: this.total, spend: this.spend }
  }
}

/** (2) + (3): greedy over the hull increments, then fill. */
function greedy(pr: Problem, slotPrice: number): Plan {
  const P = pr.options
  const plan = new Plan(pr)
  const { incBlock, incFrom, incTo, incDc, sorted } = hullIncrements(pr, slotPrice)
  const frozen = new Uint8Array(pr.blocks)
  for (let s = 0; s < sorted.length && !plan.reached(); s++) {
    const k = sorted[s] ?? 0
    const b = incBlock[k] ?? 0
    if (frozen[b] === 1 || (plan.option[b] ?? -1) !== (incFrom[k] ?? -1)) continue
    const p = incTo[k] ?? 0
    const y0 = plan.year[b] ?? -1
    if (y0 >= 0 && (incDc[k] ?? 0) <= plan.left(y0) + 1e-9) {
      plan.set(b, p, y0)
      continue
    }
    const y = plan.fitYear(pr.cost[b * P + p] ?? 0, y0)
    if (y >= 0) plan.set(b, p, y)
    else frozen[b] = 1
  }
  fill(plan)
  return plan
}

/** (3) The best single addition or upgrade that still fits, until none is left. */
function fill(plan: Plan): void {
  const pr = plan.pr
  const { options: P, cost, value } = pr
  const Y = pr.budgets.length
  for (let moves = 0; moves < FILL_MOVES_PER_YEAR * Y && !plan.reached(); moves++) {
    let bestB = -1
    let bestP = -1
    let bestY = -1
    let bestDv = 0
    let bestDc = Infinity
    // The year with the most left and a free slot takes additions and moves.
    let roomY = -1
    for (let y = 0; y < Y; y++) {
      if (plan.slot(y) && (roomY < 0 || plan.left(y) > plan.left(roomY))) roomY = y
    }
    for (let b = 0; b < pr.blocks; b++) {
      if (pr.eligible[b] !== 1) continue
      const cur = plan.option[b] ?? -1
      const y0 = plan.year[b] ?? -1
      const cv = cur < 0 ? 0 : (value[b * P + cur] ?? 0)
      const cc = cur < 0 ? 0 : (cost[b * P + cur] ?? 0)
      for (let p = 0; p < P; p++) {
        const j = b * P + p
        if (!available(pr, j)) continue
        const dv = (value[j] ?? 0) - cv
        if (dv <= 0 || dv < bestDv) continue
        const c = cost[j] ?? 0
        let y = -1
        if (y0 >= 0 && c - cc <= plan.left(y0) + 1e-9) y = y0
        else if (roomY >= 0 && roomY !== y0 && c <= plan.left(roomY) + 1e-9) y = roomY
        if (y < 0) continue
        const dc = y === y0 ? c - cc : c
        if (dv > bestDv || dc < bestDc) {
          bestB = b
          bestP = p
          bestY = y
          bestDv = dv
          bestDc = dc
        }
      }
    }
    if (bestB < 0) break
    plan.set(bestB, bestP, bestY)
  }
}

/**
 * (4) Swap one placed block out for one option of an unplaced block in the same year when that
 * gains value, then fill again; until no swap gains.
 */
function swaps(plan: Plan): void {
  const pr = plan.pr
  const { options: P, cost, value } = pr
  for (let k = 0; k < MAX_SWAPS && !plan.reached(); k++) {
    let best = 0
    let out = -1
    let inB = -1
    let inP = -1
    for (let a = 0; a < pr.blocks; a++) {
      const pa = plan.option[a] ?? -1
      if (pa < 0) continue
      const y = plan.year[a] ?? 0
      const room = plan.left(y) + (cost[a * P + pa] ?? 0) + 1e-9
      const va = value[a * P + pa] ?? 0
      for (let b = 0; b < pr.blocks; b++) {
        if (pr.eligible[b] !== 1 || (plan.option[b] ?? -1) >= 0) continue
        for (let p = 0; p < P; p++) {
          const j = b * P + p
          if (!available(pr, j) || (cost[j] ?? 0) > room) continue
          const gain = (value[j] ?? 0) - va
          if (gain > best + 1e-12) {
            best = gain
            out = a
            inB = b
            inP = p
          }
        }
      }
    }
    if (out < 0) return
    const y = plan.year[out] ?? 0
    plan.set(out, -1, -1)
    plan.set(inB, inP, y)
    fill(plan)
  }
}

/** Exhaustive search of a tiny instance (maximising, or least cost reaching `required`). */
function exhaustive(pr: Problem, start: Plan): Plan {
  const P = pr.options
  const Y = pr.budgets.length
  const blocks = Array.from({ length: pr.blocks }, (_, b) => b).filter((b) => pr.eligible[b] === 1)
  const plan = new Plan(pr)
  const minimise = Number.isFinite(pr.required)
  const score = (p: Plan) =>
    minimise ? (p.reached() ? -p.spend.reduce((a, x) => a + x, 0) : -Infinity) : p.total
  let best = score(start)
  let bestOption = Int16Array.from(start.option)
  let bestYear = Int16Array.from(start.year)
  const walk = (k: number) => {
    if (k === blocks.length) {
      const s = score(plan)
      if (s > best + 1e-9) {
        best = s
        bestOption = Int16Array.from(plan.option)
        bestYear = Int16Array.from(plan.year)
      }
      return
    }
    const b = blocks[k] ?? 0
    walk(k + 1)
    for (let p = 0; p < P; p++) {
      if (!available(pr, b * P + p)) continue
      const c = pr.cost[b * P + p] ?? 0
      for (let y = 0; y < Y; y++) {
        if (!plan.slot(y) || c > plan.left(y) + 1e-9) continue
        plan.set(b, p, y)
        walk(k + 1)
        plan.set(b, -1, -1)
      }
    }
  }
  walk(0)
  const out = new Plan(pr)
  bestOption.forEach((p, b) => {
    if (p >= 0) out.set(b, p, bestYear[b] ?? 0)
  })
  return out
}

function combinations(pr: Problem): number {
  let n = 1
  for (let b = 0; b < pr.blocks && n <= EXHAUSTIVE_LIMIT; b++) {
    if (pr.eligible[b] !== 1) continue
    let k = 0
    for (let p = 0; p < pr.options; p++) if (available(pr, b * pr.options + p)) k++
    n *= 1 + k * pr.budgets.length
  }
  return n
}

/** Move each block, best value per euro first, to the earliest year it fits: savings start sooner. */
function frontLoad(plan: Plan): void {
  const { options: P, cost, value } = plan.pr
  const placed: number[] = []
  plan.option.forEach((p, b) => {
    if (p >= 0) placed.push(b)
  })
  const eff = (b: number) => {
    const j = b * P + (plan.option[b] ?? 0)
    return (value[j] ?? 0) / (cost[j] ?? 1)
  }
  placed.sort((a, b) => eff(b) - eff(a) || a - b)
  for (const b of placed) {
    const p = plan.option[b] ?? 0
    const y0 = plan.year[b] ?? 0
    const y = plan.fitYear(cost[b * P + p] ?? 0)
    if (y >= 0 && y < y0) plan.set(b, p, y)
  }
}

/** Better plan: more value; at a required value, reaching it for less. */
function better(a: Plan, b: Plan): boolean {
  if (Number.isFinite(a.pr.required) && a.reached() && b.reached()) {
    return a.spend.reduce((s, x) => s + x, 0) < b.spend.reduce((s, x) => s + x, 0)
  }
  return a.total > b.total + 1e-9
}

export function optimise(pr: Problem): Solution {
  let prices = [0]
  if (Number.isFinite(pr.maxPerYear)) {
    const costs: number[] = []
    for (let j = 0; j < pr.cost.length; j++) if (available(pr, j)) costs.push(pr.cost[j] ?? 0)
    costs.sort((a, b) => a - b)
    const median = costs[costs.length >> 1] ?? 0
    prices = SLOT_PRICES.map((f) => f * median)
  }
  let best: Plan | null = null
  for (const price of prices) {
    const plan = greedy(pr, price)
    if (best === null || better(plan, best)) best = plan
  }
  let plan = best ?? new Plan(pr)
  if (pr.blocks * pr.options <= SWAP_LIMIT) swaps(plan)
  if (combinations(pr) <= EXHAUSTIVE_LIMIT) plan = exhaustive(pr, plan)
  frontLoad(plan)
  return plan.solution()
}
