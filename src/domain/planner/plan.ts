/**
 * The goal-seeking planner: a target (CO2 or primary energy −X % against today, or every
 * apartment block at class C or better), a year and a budget in; which blocks get which
 * package in which year out, with the trajectory, the marginal abatement cost of each step, the
 * shortfall when the target is out of reach, and a scenario (a listed rollout with explicit
 * steps) that `evaluateScenario` / `npm run assess` reproduce exactly.
 */
import { ENERGY_CLASS_LABELS } from '../energy/classes'
import type { EnergyClass } from '../energy/classes'
import type { PreparedDistrict } from '../energy/district/prepare'
import type { EnergyParameters } from '../energy/parameters'
import { MEASURE_IDS, parseScenario } from '../energy/scenario'
import type { MeasureId, Scenario } from '../energy/scenario'

import { evaluateCandidates } from './candidates'
import type { Candidates } from './candidates'
import { bestPossible, leastCostToReach, optimise } from './optimise'
import type { Problem, Solution } from './optimise'
import { PACKAGES, packageAllowed } from './packages'

/** What the plan aims at. */
export type PlanTarget =
  | { readonly kind: 'co2' | 'primary'; readonly reductionPct: number }
  | { readonly kind: 'class'; readonly class: EnergyClass }

/** A planning request; see `parsePlanRequest` for the checks. */
export interface PlanRequest {
  readonly target: PlanTarget
  /** Whose CO2 / primary energy the reduction is measured on (class targets: apartment blocks). */
  readonly scope: 'district' | 'apartments'
  /** First and target year, inclusive. */
  readonly from: number
  readonly by: number
  /** EUR a year from `from`, or one total for all years. */
  readonly budget: { readonly perYear: number } | { readonly total: number }
  /** Allowed package ids (default: all of `PACKAGES`). */
  readonly packages?: readonly string[]
  /** Allowed measures (default: all). */
  readonly measures?: readonly MeasureId[]
  readonly maxBlocksPerYear?: number
  readonly excludeRehabilitated?: boolean
  /** Shares of the cost the owners and grants pay: the budget pays the rest. 0–1. */
  readonly ownerShare?: number
  readonly grantShare?: number
}

/** One block's retrofit. */
export interface PlanStep {
  readonly id: string
  readonly year: number
  readonly measures: readonly MeasureId[]
  /** Full package cost, EUR. */
  readonly cost_eur: number
  readonly co2_saved_t_a: number
  readonly primary_saved_mwh_a: number
  /** Cost ÷ (CO2 saved a year × the measures' lifetime), EUR/t; null when no CO2 is saved. */
  readonly mac_eur_per_t: number | null
}

/** The district at the end of one year of the plan. */
export interface PlanYear {
  readonly year: number
  /** Spend counted against the budget (full cost less owner and grant shares), EUR. */
  readonly spend_eur: number
  readonly cumulative_spend_eur: number
  readonly blocks_done: number
  /** District totals (as `npm run assess` reports them). */
  readonly co2_t_a: number
  readonly primary_mwh_a: number
}

/** Why and by how much a target is missed. */
export interface PlanShortfall {
  /** `budget`: more money reaches it by the year; `unreachable`: no allowed package mix does. */
  readonly kind: 'budget' | 'unreachable'
  /** Of the target quantity (t/a, MWh/a or blocks), still missing at the target year. */
  readonly missing: number
  /** Budget per year (or total) that reaches the target by the year; null when unreachable. */
  readonly needed_budget_eur: number | null
  readonly extra_budget_eur: number | null
  /** First year the target is reached with this budget going on; null when never. */
  readonly reached_year: number | null
  /** Best reduction (%) or share of blocks at the class (%) any budget reaches. */
  readonly best_possible_pct: number
  /** The same in plain English (the app words it in the page's language). */
  readonly message: string
}

/** The target as planned. */
export interface PlanTargetReport {
  readonly kind: PlanTarget['kind']
  readonly scope: PlanRequest['scope']
  readonly year: number
  readonly from: number
  /** −X for reductions; null for class targets. */
  readonly reduction_pct: number | null
  readonly class: EnergyClass | null
  /** Today and the goal in the target's unit (t/a, MWh/a; blocks at the class for class targets). */
  readonly unit: 't/a' | 'MWh/a' | 'blocks'
  readonly baseline: number
  readonly goal: number
  readonly achieved: number
  readonly budget_per_year_eur: number | null
  readonly budget_total_eur: number | null
}

/** A plan, in the JSON shape `npm run plan` writes. */
export interface Plan {
  readonly feasible: boolean
  readonly target: PlanTargetReport
  readonly shortfall: PlanShortfall | null
  readonly steps: readonly PlanStep[]
  readonly by_year: readonly PlanYear[]
  readonly scenario: Scenario
}

/** A request that cannot be planned; one line naming the field. */
export class PlanError extends Error {
  override name = 'PlanError'
}

const fail = (why: string): never => {
  throw new PlanError(why)
}

/** Check a request: years, budget, shares, known packages and measures. */
export function checkPlanRequest(r: PlanRequest): void {
  const t = r.target
  if (t.kind !== 'class' && !(t.reductionPct > 0 && t.reductionPct <= 100)) {
    fail(`target: the reduction must be between 0 and 100 % (got ${t.reductionPct})`)
  }
  if (t.kind === 'class' && !ENERGY_CLASS_LABELS.includes(t.class)) fail('target: unknown class')
  for (const [k, y] of [
    ['from', r.from],
    ['by', r.by],
  ] as const) {
    if (!Number.isInteger(y) || y < 1900 || y > 2200) fail(`${k}: must be a whole year 1900–2200`)
  }
  if (r.by < r.from) fail(`by: the target year ${r.by} is before the start year ${r.from}`)
  if (r.by - r.from > 99) fail('by: at most 100 years of rollout')
  const amount = 'perYear' in r.budget ? r.budget.perYear : r.budget.total
  if (!(Number.isFinite(amount) && amount >= 0)) fail('budget: must be a number of euros ≥ 0')
  const owner = r.ownerShare ?? 0
  const grant = r.grantShare ?? 0
  if (!(owner >= 0 && owner < 1 && grant >= 0 && grant < 1 && owner + grant < 1)) {
    fail('shares: the owner and grant shares must each be 0–1 and leave the budget a part')
  }
  if (r.maxBlocksPerYear !== undefined && !(r.maxBlocksPerYear >= 1)) {
    fail('max blocks per year: must be at least 1')
  }
  for (const p of r.packages ?? []) {
    if (!PACKAGES.some((k) => k.id === p)) {
      fail(`packages: unknown package "${p}" (known: ${PACKAGES.map((k) => k.id).join(', ')})`)
    }
  }
  for (const m of r.measures ?? []) {
    if (!(MEASURE_IDS as readonly string[]).includes(m)) fail(`measures: unknown measure "${m}"`)
  }
}

/** The catalogue packages the request allows. */
export function allowedPackages(r: PlanRequest) {
  const out = PACKAGES.filter(
    (p) =>
      (r.packages === undefined || r.packages.includes(p.id)) &&
      (r.measures === undefined || packageAllowed(p, r.measures)),
  )
  if (out.length === 0) fail('packages: the constraints leave no package to plan with')
  return out
}

const CLASS_TOL = 1e-9

/** The knapsack value of every option, the eligible blocks and the target's own figures. */
function problemOf(
  prepared: PreparedDistrict,
  c: Candidates,
  r: PlanRequest,
  years: number,
  budget: number,
  shared: boolean,
): { problem: Problem; baseline: number; required: number } {
  const n = c.count
  const P = c.packages.length
  const t = r.target
  const scoped = t.kind === 'class' || r.scope === 'apartments'
  const share = 1 - (r.ownerShare ?? 0) - (r.grantShare ?? 0)
  const eligible = new Uint8Array(n)
  // The candidates' own columns where they are the knapsack's (only eligible blocks are read).
  const value =
    t.kind === 'co2'
      ? c.co2SavedT
      : t.kind === 'primary'
        ? c.primarySavedMWh
        : new Float64Array(n * P)
  const cost = share === 1 ? c.costEur : new Float64Array(n * P)
  let baseline = 0
  let needing = 0
  const classMax = t.kind === 'class' ? ENERGY_CLASS_LABELS.indexOf(t.class) : 0
  for (let i = 0; i < n; i++) {
    const inScope = !scoped || prepared.residential[i] === 1
    if (!inScope) continue
    if (t.kind === 'class') {
      baseline++
      const above = (c.classIndex[i] ?? 0) > classMax
      if (above) needing++
      else continue
    } else baseline += t.kind === 'co2' ? (c.co2T[i] ?? 0) : (c.primaryMWh[i] ?? 0)
    if (r.excludeRehabilitated && prepared.rehabilitated[i] === 1) continue
    eligible[i] = 1
    for (let p = 0; p < P; p++) {
      const j = i * P + p
      if (share !== 1) cost[j] = (c.costEur[j] ?? 0) * share
      if (t.kind === 'class') {
        value[j] = (c.classAfter[j] ?? 255) <= classMax && (c.costEur[j] ?? 0) > 0 ? 1 : 0
      }
    }
  }
  const required =
    t.kind === 'class' ? needing : (baseline * t.reductionPct) / 100 - CLASS_TOL * baseline
  // A shared total is one pool (`budgets[0]`) over all the years.
  const budgets = Array.from({ length: years }, () => budget)
  return {
    problem: {
      blocks: n,
      options: P,
      cost,
      value,
      eligible,
      budgets,
      sharedBudget: shared,
      maxPerYear: r.maxBlocksPerYear ?? Infinity,
      required,
    },
    baseline,
    required,
  }
}

const eur = (x: number) => `${Math.round(x).toLocaleString('en')} EUR`

/** The knapsack a request poses (for checking the optimiser against an exact solver). */
export function planningProblem(
  prepared: PreparedDistrict,
  params: EnergyParameters,
  request: PlanRequest,
): Problem {
  checkPlanRequest(request)
  const c = evaluateCandidates(prepared, params, allowedPackages(request))
  const shared = 'total' in request.budget
  const amount = 'total' in request.budget ? request.budget.total : request.budget.perYear
  return problemOf(prepared, c, request, request.by - request.from + 1, amount, shared).problem
}

/** Plan `request` on the prepared district under `params` (with the assumptions applied). */
export function planDistrict(
  prepared: PreparedDistrict,
  params: EnergyParameters,
  request: PlanRequest,
  options: {
    /** Assumption overrides to embed in the scenario (those `params` was built with). */
    readonly assumptions?: Readonly<Record<string, unknown>>
    readonly onProgress?: (fraction: number) => void
  } = {},
): Plan {
  checkPlanRequest(request)
  const packages = allowedPackages(request)
  const progress = options.onProgress
  const c = evaluateCandidates(prepared, params, packages, (d, t) => progress?.((0.8 * d) / t))
  const Y = request.by - request.from + 1
  const shared = 'total' in request.budget
  const amount = 'total' in request.budget ? request.budget.total : request.budget.perYear
  const { problem, baseline, required } = problemOf(prepared, c, request, Y, amount, shared)
  const solution = optimise(problem)
  progress?.(0.9)
  const achieved = solution.value
  const feasible = achieved >= required - 1e-9 * Math.max(1, required)
  const shortfall = feasible
    ? null
    : shortfallOf(request, problem, { baseline, required, achieved, Y, amount })
  progress?.(1)
  const t = request.target
  const goal = t.kind === 'class' ? baseline : baseline * (1 - t.reductionPct / 100)
  const already = t.kind === 'class' ? baseline - required : 0
  return {
    feasible,
    target: {
      kind: t.kind,
      scope: t.kind === 'class' ? 'apartments' : request.scope,
      year: request.by,
      from: request.from,
      reduction_pct: t.kind === 'class' ? null : -t.reductionPct,
      class: t.kind === 'class' ? t.class : null,
      unit: t.kind === 'co2' ? 't/a' : t.kind === 'primary' ? 'MWh/a' : 'blocks',
      baseline: t.kind === 'class' ? already : baseline,
      goal,
      achieved: t.kind === 'class' ? already + achieved : baseline - achieved,
      budget_per_year_eur: shared ? null : amount,
      budget_total_eur: shared ? amount : null,
    },
    shortfall,
    ...stepsOf(prepared, c, request, solution),
    scenario: scenarioOf(prepared, c, request, solution, options.assumptions ?? {}),
  }
}

function stepsOf(
  prepared: PreparedDistrict,
  c: Candidates,
  r: PlanRequest,
  s: Solution,
): { steps: PlanStep[]; by_year: PlanYear[] } {
  const P = c.packages.length
  const share = 1 - (r.ownerShare ?? 0) - (r.grantShare ?? 0)
  const steps: PlanStep[] = []
  for (let i = 0; i < c.count; i++) {
    const p = s.option[i] ?? -1
    if (p < 0) continue
    const j = i * P + p
    const cost = c.costEur[j] ?? 0
    const co2 = c.co2SavedT[j] ?? 0
    steps.push({
      id: prepared.ids[i] ?? '',
      year: r.from + (s.year[i] ?? 0),
      measures: c.packages[p]?.measures ?? [],
      cost_eur: cost,
      co2_saved_t_a: co2,
      primary_saved_mwh_a: c.primarySavedMWh[j] ?? 0,
      mac_eur_per_t: co2 > 0 ? cost / (co2 * (c.lifeYears[j] ?? 1)) : null,
    })
  }
  const mac = (x: PlanStep) => x.mac_eur_per_t ?? Infinity
  steps.sort((a, b) => a.year - b.year || mac(a) - mac(b) || a.id.localeCompare(b.id))
  let co2 = 0
  let primary = 0
  for (let i = 0; i < c.count; i++) {
    co2 += c.co2T[i] ?? 0
    primary += c.primaryMWh[i] ?? 0
  }
  const by_year: PlanYear[] = []
  let cumulative = 0
  let done = 0
  let k = 0
  for (let y = r.from; y <= r.by; y++) {
    let spend = 0
    for (; k < steps.length && steps[k]?.year === y; k++) {
      const st = steps[k]
      if (!st) continue
      spend += st.cost_eur * share
      co2 -= st.co2_saved_t_a
      primary -= st.primary_saved_mwh_a
      done++
    }
    cumulative += spend
    by_year.push({
      year: y,
      spend_eur: spend,
      cumulative_spend_eur: cumulative,
      blocks_done: done,
      co2_t_a: co2,
      primary_mwh_a: primary,
    })
  }
  return { steps, by_year }
}

function scenarioOf(
  prepared: PreparedDistrict,
  c: Candidates,
  r: PlanRequest,
  s: Solution,
  assumptions: Readonly<Record<string, unknown>>,
): Scenario {
  // One rollout step per (year, package), blocks in dataset order.
  const groups = new Map<string, { year: number; measures: MeasureId[]; ids: string[] }>()
  const used = new Set<MeasureId>()
  for (let i = 0; i < c.count; i++) {
    const p = s.option[i] ?? -1
    if (p < 0) continue
    const year = r.from + (s.year[i] ?? 0)
    const pk = c.packages[p]
    if (!pk) continue
    const key = `${year}:${pk.id}`
    let g = groups.get(key)
    if (!g) {
      g = { year, measures: [...pk.measures], ids: [] }
      groups.set(key, g)
    }
    g.ids.push(prepared.ids[i] ?? '')
    for (const m of pk.measures) used.add(m)
  }
  const steps = [...groups.values()].sort(
    (a, b) => a.year - b.year || a.measures.join('+').localeCompare(b.measures.join('+')),
  )
  const t = r.target
  const name =
    t.kind === 'class'
      ? `Plan: every apartment block at class ${t.class} by ${r.by}`
      : `Plan: ${t.kind === 'co2' ? 'CO2' : 'primary energy'} −${t.reductionPct} % by ${r.by}`
  return parseScenario({
    name,
    measures: MEASURE_IDS.filter((m) => used.has(m)),
    buildings: { ids: steps.flatMap((g) => g.ids) },
    rollout: { start_year: r.from, end_year: r.by, order: 'listed', steps },
    assumptions,
  })
}

interface Reach {
  readonly baseline: number
  readonly required: number
  readonly achieved: number
  readonly Y: number
  readonly amount: number
}

/** Most extra years searched for the year a budget reaches the target. */
const MAX_EXTRA_YEARS = 100

function shortfallOf(r: PlanRequest, problem: Problem, reach: Reach): PlanShortfall {
  const { baseline, required, achieved, Y, amount } = reach
  const t = r.target
  const missing = required - achieved
  const unlimited = { ...problem, budgets: problem.budgets.map(() => Infinity) }
  const best = bestPossible(problem)
  const pctOf = (v: number) =>
    t.kind === 'class'
      ? ((baseline - required + v) / Math.max(1, baseline)) * 100
      : (v / Math.max(1e-12, baseline)) * 100
  const bestPct = pctOf(best)
  const what =
    t.kind === 'class'
      ? `every apartment block at class ${t.class}`
      : `−${t.reductionPct} % ${t.kind === 'co2' ? 'CO2' : 'primary energy'}`
  if (best < required - 1e-9 * Math.max(1, required)) {
    const reason = r.excludeRehabilitated
      ? 'with the allowed packages and blocks'
      : 'with the allowed packages'
    return {
      kind: 'unreachable',
      missing,
      needed_budget_eur: null,
      extra_budget_eur: null,
      reached_year: null,
      best_possible_pct: bestPct,
      message: `${what} cannot be reached ${reason}: at most ${bestPct.toFixed(1)} % with every block retrofitted.`,
    }
  }
  const shared = problem.sharedBudget
  // Budget: the least cost the greedy needs, spread over the years, raised until a plan meets it.
  const least = leastCostToReach(unlimited)
  const slotsLimited = Number.isFinite(problem.maxPerYear)
  const meetsWith = (budgets: number[]) =>
    optimise({ ...problem, budgets }, { frontLoad: false }).value >=
    required - 1e-9 * Math.max(1, required)
  let needed = shared ? least : least / Y
  let neededOk = false
  for (let k = 0; k < 6 && !neededOk; k++) {
    neededOk = meetsWith(problem.budgets.map(() => needed))
    if (!neededOk) needed *= 1.03
  }
  // Year: the same budget a year going on; search from the estimate the least cost gives.
  let reachedYear: number | null = null
  if (!shared && amount > 0) {
    const meets = (years: number) => meetsWith(Array.from({ length: years }, () => amount))
    let years = Math.max(Y + 1, Math.ceil(least / amount))
    if (years <= Y + MAX_EXTRA_YEARS) {
      if (meets(years)) {
        while (years > Y + 1 && meets(years - 1)) years--
        reachedYear = r.from + years - 1
      } else {
        for (years++; years <= Y + MAX_EXTRA_YEARS; years++) {
          if (meets(years)) {
            reachedYear = r.from + years - 1
            break
          }
        }
      }
    }
  }
  const per = shared ? 'in all' : 'a year'
  const extra = needed - amount
  const words = [
    neededOk && !slotsLimited
      ? `${what} by ${r.by} needs about ${eur(needed)} ${per} (${eur(extra)} more).`
      : `${what} by ${r.by} is not reached with ${eur(amount)} ${per}.`,
    reachedYear !== null ? `At this budget it is reached in ${reachedYear}.` : '',
  ]
  return {
    kind: 'budget',
    missing,
    needed_budget_eur: neededOk ? needed : null,
    extra_budget_eur: neededOk ? extra : null,
    reached_year: reachedYear,
    best_possible_pct: bestPct,
    message: words.filter((w) => w !== '').join(' '),
  }
}
