/**
 * The planner's optimisation: a multiple-choice knapsack across years. Each block takes at most
 * one option (a package) in one year; each year's spend stays within its budget (or all years
 * share one total); at most `maxPerYear` blocks a year. Maximises the summed value (CO2 or
 * primary energy saved, or blocks brought to a class) and stops once `required` is reached, so
 * a reachable target is met at close to the least cost.
 *
 * Method: (1) each block's options reduced to the upper convex hull of (cost, value) from
 * (0, 0), as increments; (2) increments taken greedily by value per euro (one radix-sorted
 * order per problem, shared by its budget variants), each new block into the earliest year it
 * fits, an upgrade in its year or moved to a later one; an increment
 * that fits nowhere freezes its block's hull (the later ones build on it); (3) a fill pass that
 * spends what is left on the best single addition or upgrade among all options, hull or not,
 * which recovers most of what the greedy's integrality loses; (4) on small districts, where one
 * block is a large share of a year's budget, swaps of one placed block for a better one and,
 * on tiny ones, an exhaustive search. With a cap on blocks a year the greedy prices a year's
 * slot into each new block's cost (Lagrangian) at a few prices and keeps the best plan. Tests
 * compare it with an exact solver (HiGHS). Everything runs over typed arrays: O(blocks ×
 * options) for the hulls and their order (once per problem), O(increments) for a greedy.
 */

/** A knapsack instance; option columns are `block * options + option`. */
export interface Problem {
  readonly blocks: number
  readonly options: number
  /**
   * Cost counted against the budget, EUR; an option with cost ≤ 0 or value ≤ 0 is unavailable.
   * Only eligible blocks' options are read.
   */
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

/**
 * Increments of the option chains, flattened into typed arrays in greedy order: best value per
 * euro first (see `byValuePerEuro`), a block's chain in its order (each builds on the one before).
 */
interface Increments {
  readonly count: number
  readonly block: Int32Array
  readonly from: Int16Array
  readonly to: Int16Array
  readonly dc: Float64Array
  readonly dv: Float64Array
}

/** Bounds for fill's pruning and the best any budget reaches. */
interface BlockBounds {
  /** Per block: the cheapest available option's cost, and the largest value. */
  readonly minCost: Float64Array
  readonly maxValue: Float64Array
  /** Per option: the cheapest available option of its block worth more (Infinity: none). */
  readonly betterCost: Float64Array
}

const available = (pr: Problem, j: number) => (pr.cost[j] ?? 0) > 0 && (pr.value[j] ?? 0) > 0

/**
 * Hulls and bounds of one problem's option arrays, by slot price: budget variants of a problem
 * (the shortfall searches) share its arrays, so each is computed once.
 */
const CACHE = new WeakMap<
  Float64Array,
  {
    value: Float64Array
    eligible: Uint8Array
    hulls: Map<number, Increments>
    bounds: BlockBounds | null
  }
>()

function cacheOf(pr: Problem) {
  let c = CACHE.get(pr.cost)
  if (!c || c.value !== pr.value || c.eligible !== pr.eligible) {
    c = { value: pr.value, eligible: pr.eligible, hulls: new Map(), bounds: null }
    CACHE.set(pr.cost, c)
  }
  return c
}

/**
 * (1) The upper convex hull of every eligible block's options from (0, 0), as increments; a
 * block's first option is priced `slotPrice` more (a year's slot it takes).
 */
function hullIncrements(pr: Problem, slotPrice = 0): Increments {
  const c = cacheOf(pr)
  let inc = c.hulls.get(slotPrice)
  if (!inc) {
    inc = computeHull(pr, slotPrice)
    c.hulls.set(slotPrice, inc)
  }
  return inc
}

function blockBounds(pr: Problem): BlockBounds {
  const c = cacheOf(pr)
  if (c.bounds) return c.bounds
  const { blocks: n, options: P, cost, value } = pr
  const minCost = new Float64Array(n).fill(Infinity)
  const maxValue = new Float64Array(n)
  const betterCost = new Float64Array(n * P).fill(Infinity)
  const byValue = new Int32Array(P)
  for (let b = 0; b < n; b++) {
    if (pr.eligible[b] !== 1) continue
    const base = b * P
    // Available options by value, highest first (insertion sort: a handful of options).
    let m = 0
    for (let j = base; j < base + P; j++) {
      if (!available(pr, j)) continue
      const v = value[j] ?? 0
      let at = m++
      while (at > 0 && (value[byValue[at - 1] ?? 0] ?? 0) < v) {
        byValue[at] = byValue[at - 1] ?? 0
        at--
      }
      byValue[at] = j
    }
    // Walking down the values: the cheapest cost among strictly higher ones.
    let cheapest = Infinity
    let q = 0
    for (let r = 0; r < m; r++) {
      const j = byValue[r] ?? 0
      const v = value[j] ?? 0
      for (; q < r && (value[byValue[q] ?? 0] ?? 0) > v; q++) {
        cheapest = Math.min(cheapest, cost[byValue[q] ?? 0] ?? 0)
      }
      betterCost[j] = cheapest
      minCost[b] = Math.min(minCost[b] ?? Infinity, cost[j] ?? 0)
    }
    if (m > 0) maxValue[b] = value[byValue[0] ?? 0] ?? 0
  }
  c.bounds = { minCost, maxValue, betterCost }
  return c.bounds
}

function computeHull(pr: Problem, slotPrice: number): Increments {
  const { blocks: n, options: P, cost, value } = pr
  let cap = Math.max(16, n * Math.min(P, 4))
  let block = new Int32Array(cap)
  let from = new Int16Array(cap)
  let to = new Int16Array(cap)
  let dcs = new Float64Array(cap)
  let dvs = new Float64Array(cap)
  let ratio = new Float64Array(cap)
  const order = new Int32Array(P)
  const hull = new Int32Array(P)
  let count = 0
  for (let b = 0; b < n; b++) {
    if (pr.eligible[b] !== 1) continue
    const base = b * P
    // The available options by cost (insertion sort: a handful of options).
    let m = 0
    for (let p = 0; p < P; p++) {
      if (!available(pr, base + p)) continue
      const c = cost[base + p] ?? 0
      let at = m++
      while (at > 0 && (cost[base + (order[at - 1] ?? 0)] ?? 0) > c) {
        order[at] = order[at - 1] ?? 0
        at--
      }
      order[at] = p
    }
    let h = 0
    for (let q = 0; q < m; q++) {
      const p = order[q] ?? 0
      const c = (cost[base + p] ?? 0) + slotPrice
      const v = value[base + p] ?? 0
      if (h > 0) {
        const top = hull[h - 1] ?? 0
        if (v <= (value[base + top] ?? 0)) continue
        if ((cost[base + top] ?? 0) + slotPrice === c) h--
      }
      // Pop while the last hull point lies on or below the chord from its predecessor to p.
      while (h > 0) {
        const last = hull[h - 1] ?? 0
        const prev = h > 1 ? (hull[h - 2] ?? 0) : -1
        const c0 = prev < 0 ? 0 : (cost[base + prev] ?? 0) + slotPrice
        const v0 = prev < 0 ? 0 : (value[base + prev] ?? 0)
        const c1 = (cost[base + last] ?? 0) + slotPrice
        const v1 = value[base + last] ?? 0
        if ((v1 - v0) * (c - c0) <= (v - v0) * (c1 - c0)) h--
        else break
      }
      hull[h++] = p
    }
    if (count + h > cap) {
      cap = Math.max(cap * 2, count + h)
      const grow = <T extends Int32Array | Int16Array | Float64Array>(
        a: T,
        make: (n: number) => T,
      ) => {
        const out = make(cap)
        out.set(a)
        return out
      }
      block = grow(block, (k) => new Int32Array(k))
      from = grow(from, (k) => new Int16Array(k))
      to = grow(to, (k) => new Int16Array(k))
      dcs = grow(dcs, (k) => new Float64Array(k))
      dvs = grow(dvs, (k) => new Float64Array(k))
      ratio = grow(ratio, (k) => new Float64Array(k))
    }
    let prev = -1
    for (let q = 0; q < h; q++) {
      const p = hull[q] ?? 0
      const dc = (cost[base + p] ?? 0) - (prev < 0 ? 0 : (cost[base + prev] ?? 0))
      const dv = (value[base + p] ?? 0) - (prev < 0 ? 0 : (value[base + prev] ?? 0))
      block[count] = b
      from[count] = prev
      to[count] = p
      dcs[count] = dc
      dvs[count] = dv
      // Value per euro, the first increment priced the slot it takes; never above the
      // increment before it (a slot price can make the second look better than the first,
      // and it can only be taken after it).
      const r = dv / (dc + (prev < 0 ? slotPrice : 0))
      ratio[count] = prev < 0 ? r : Math.min(r, ratio[count - 1] ?? r)
      count++
      prev = p
    }
  }
  // Stored in greedy order, so a greedy's scan reads them sequentially.
  const greedyOrder = byValuePerEuro(ratio, count)
  const sorted = <T extends Int32Array | Int16Array | Float64Array>(a: T, out: T): T => {
    for (let s = 0; s < count; s++) out[s] = a[greedyOrder[s] ?? 0] ?? 0
    return out
  }
  return {
    count,
    block: sorted(block, new Int32Array(count)),
    from: sorted(from, new Int16Array(count)),
    to: sorted(to, new Int16Array(count)),
    dc: sorted(dcs, new Float64Array(count)),
    dv: sorted(dvs, new Float64Array(count)),
  }
}

/**
 * Indices `0…count−1` by `ratio` descending, ties by index: a stable LSD radix sort on the
 * ratios as float32 bits (order-preserving for positive numbers; ratios closer than 1 in 10⁷
 * count as tied), O(count). Computed once per hull: the shortfall searches solve many budget
 * variants of one problem, each then a linear scan.
 */
function byValuePerEuro(ratio: Float64Array, count: number): Uint32Array {
  const f = new Float32Array(count)
  for (let k = 0; k < count; k++) f[k] = ratio[k] ?? 0
  // Descending ratio = ascending complement of its bits.
  const keys = new Uint32Array(f.buffer)
  for (let k = 0; k < count; k++) keys[k] = ~(keys[k] ?? 0) >>> 0
  // A plain loop: Uint32Array.from with a map function is several times slower here.
  let from = new Uint32Array(count)
  for (let k = 0; k < count; k++) from[k] = k
  let to = new Uint32Array(count)
  const counts = new Uint32Array(1 << 16)
  for (const shift of [0, 16]) {
    counts.fill(0)
    for (let k = 0; k < count; k++) {
      const d = ((keys[from[k] ?? 0] ?? 0) >>> shift) & 0xffff
      counts[d] = (counts[d] ?? 0) + 1
    }
    let sum = 0
    for (let d = 0; d < counts.length; d++) {
      const c = counts[d] ?? 0
      counts[d] = sum
      sum += c
    }
    for (let k = 0; k < count; k++) {
      const i = from[k] ?? 0
      const d = ((keys[i] ?? 0) >>> shift) & 0xffff
      to[counts[d] ?? 0] = i
      counts[d] = (counts[d] ?? 0) + 1
    }
    ;[from, to] = [to, from]
  }
  return from
}

/**
 * The least total cost at which the hull greedy reaches `required` with no budget limit (a
 * near-exact estimate of the budget a target needs), or Infinity when no mix of the allowed
 * options reaches it.
 */
export function leastCostToReach(pr: Problem): number {
  const { count, block, from, to, dc, dv } = hullIncrements(pr)
  const cur = new Int16Array(pr.blocks).fill(-1)
  let total = 0
  let spent = 0
  const tol = 1e-9 * Math.max(1, Math.abs(pr.required))
  for (let k = 0; k < count; k++) {
    if (total >= pr.required - tol) return spent
    const b = block[k] ?? 0
    if ((cur[b] ?? -1) !== (from[k] ?? -1)) continue
    cur[b] = to[k] ?? -1
    total += dv[k] ?? 0
    spent += dc[k] ?? 0
  }
  return total >= pr.required - tol ? spent : Infinity
}

/** The most value any budget reaches: every eligible block at its best option. */
export function bestPossible(pr: Problem): number {
  const { maxValue } = blockBounds(pr)
  let total = 0
  for (let b = 0; b < pr.blocks; b++) if (pr.eligible[b] === 1) total += maxValue[b] ?? 0
  return total
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
  /** `mostLeft()` until the next change; null when stale. */
  private roomiest: number | null = null

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

  /**
   * The most left in any year with a free slot (−Infinity when none): once the budgets are
   * spent, an increment is turned down without a look at every year.
   */
  mostLeft(): number {
    if (this.roomiest === null) {
      let most = -Infinity
      for (let y = 0; y < this.spend.length; y++) {
        if (this.slot(y)) most = Math.max(most, this.left(y))
      }
      this.roomiest = most
    }
    return this.roomiest
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
    this.roomiest = null
  }

  solution(): Solution {
    return { option: this.option, year: this.year, value: this.total, spend: this.spend }
  }
}

/** (2) + (3): greedy over the hull increments, best value per euro first, then fill. */
function greedy(pr: Problem, slotPrice: number): Plan {
  const P = pr.options
  const plan = new Plan(pr)
  const { count, block, from, to, dc } = hullIncrements(pr, slotPrice)
  const frozen = new Uint8Array(pr.blocks)
  for (let k = 0; k < count && !plan.reached(); k++) {
    const b = block[k] ?? 0
    if (frozen[b] === 1 || (plan.option[b] ?? -1) !== (from[k] ?? -1)) continue
    const p = to[k] ?? 0
    const y0 = plan.year[b] ?? -1
    if (y0 >= 0 && (dc[k] ?? 0) <= plan.left(y0) + 1e-9) {
      plan.set(b, p, y0)
      continue
    }
    const c = pr.cost[b * P + p] ?? 0
    const y = c <= plan.mostLeft() + 1e-9 ? plan.fitYear(c, y0) : -1
    if (y >= 0) plan.set(b, p, y)
    // An increment that fits nowhere ends its block's chain (the later ones build on it).
    else frozen[b] = 1
  }
  fill(plan)
  return plan
}

/** (3) The best single addition or upgrade that still fits, until none is left. */
function fill(plan: Plan): void {
  const pr = plan.pr
  const { options: P, cost, value } = pr
  const { minCost, betterCost } = blockBounds(pr)
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
    const roomLeft = roomY < 0 ? -Infinity : plan.left(roomY) + 1e-9
    for (let b = 0; b < pr.blocks; b++) {
      if (pr.eligible[b] !== 1) continue
      const cur = plan.option[b] ?? -1
      const y0 = plan.year[b] ?? -1
      const cc = cur < 0 ? 0 : (cost[b * P + cur] ?? 0)
      // Skip, without looking at its options, a block whose cheapest better option fits
      // neither in its own year (as an upgrade) nor in the roomiest year.
      if (cur < 0) {
        if ((minCost[b] ?? Infinity) > roomLeft) continue
      } else {
        const need = betterCost[b * P + cur] ?? Infinity
        if (need - cc > plan.left(y0) + 1e-9 && (need > roomLeft || roomY === y0)) continue
      }
      const cv = cur < 0 ? 0 : (value[b * P + cur] ?? 0)
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
  const eff = new Float64Array(plan.pr.blocks)
  for (const b of placed) {
    const j = b * P + (plan.option[b] ?? 0)
    eff[b] = (value[j] ?? 0) / (cost[j] ?? 1)
  }
  placed.sort((a, b) => (eff[b] ?? 0) - (eff[a] ?? 0) || a - b)
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

/**
 * Solve `pr`. With `frontLoad` (the default) each block then moves to the earliest year it
 * fits; the shortfall searches, which read only the value, skip it.
 */
export function optimise(pr: Problem, { frontLoad: early = true } = {}): Solution {
  let prices = [0]
  if (Number.isFinite(pr.maxPerYear)) {
    let m = 0
    const costs = new Float64Array(pr.cost.length)
    for (let j = 0; j < pr.cost.length; j++) {
      if (pr.eligible[Math.floor(j / pr.options)] === 1 && available(pr, j)) {
        costs[m++] = pr.cost[j] ?? 0
      }
    }
    const sorted = costs.subarray(0, m).sort()
    const median = sorted[m >> 1] ?? 0
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
  if (early) frontLoad(plan)
  return plan.solution()
}
