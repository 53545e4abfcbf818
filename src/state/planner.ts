import { ENERGY_CLASS_LABELS, type EnergyClass } from '@/domain/energy/classes'
import type { PlanRequest } from '@/domain/planner/plan'
import { PACKAGES, packageAllowed } from '@/domain/planner/packages'

import { districtClient, readyFor } from './districtWorker'
import { oneLine } from './loadData'
import { selectDataset } from './selectors'
import { PLAN_MEASURES } from './slices/plannerSlice'
import type { PlanForm } from './slices/plannerSlice'
import { useAppStore } from './store'

/** Why a form cannot be planned: the field's translation key. */
export class PlanFormError extends Error {
  constructor(readonly key: string) {
    super(key)
  }
}

const YEAR_MIN = 2000
const YEAR_MAX = 2100

function numberOf(text: string, key: string, min: number, max: number): number {
  const n = Number(text.trim().replace(',', '.'))
  if (text.trim() === '' || !Number.isFinite(n) || n < min || n > max) throw new PlanFormError(key)
  return n
}

/** The request a form asks for; PlanFormError naming the first field that is not valid. */
export function planRequestOf(f: PlanForm): PlanRequest {
  const from = numberOf(f.from, 'planner.errors.year', YEAR_MIN, YEAR_MAX)
  const by = numberOf(f.by, 'planner.errors.year', YEAR_MIN, YEAR_MAX)
  if (!Number.isInteger(from) || !Number.isInteger(by))
    throw new PlanFormError('planner.errors.year')
  if (by < from) throw new PlanFormError('planner.errors.order')
  const amount = numberOf(f.budgetEur, 'planner.errors.budget', 0, 1e12)
  const owner = numberOf(f.ownerSharePct, 'planner.errors.shares', 0, 99) / 100
  const grant = numberOf(f.grantSharePct, 'planner.errors.shares', 0, 99) / 100
  if (owner + grant >= 1) throw new PlanFormError('planner.errors.shares')
  const max = f.maxBlocksPerYear.trim()
  const target: PlanRequest['target'] =
    f.target === 'class'
      ? {
          kind: 'class',
          class: (ENERGY_CLASS_LABELS as readonly string[]).includes(f.targetClass)
            ? (f.targetClass as EnergyClass)
            : 'C',
        }
      : {
          kind: f.target,
          reductionPct: numberOf(f.reductionPct, 'planner.errors.reduction', 1, 100),
        }
  const allowed = PACKAGES.filter((p) => f.packages.includes(p.id) && packageAllowed(p, f.measures))
  if (allowed.length === 0) throw new PlanFormError('planner.errors.packages')
  const everyMeasure = PLAN_MEASURES.every((m) => f.measures.includes(m))
  return {
    target,
    scope: f.scope,
    // Only what the form restricts: an unrestricted request plans with the whole catalogue.
    ...(allowed.length < PACKAGES.length && { packages: allowed.map((p) => p.id) }),
    ...(!everyMeasure && { measures: [...f.measures] }),
    from,
    by,
    budget: f.budgetKind === 'total' ? { total: amount } : { perYear: amount },
    excludeRehabilitated: f.excludeRehabilitated,
    ownerShare: owner,
    grantShare: grant,
    ...(max !== '' && {
      maxBlocksPerYear: Math.floor(numberOf(max, 'planner.errors.maxBlocks', 1, 1e7)),
    }),
  }
}

/**
 * Plan the form's request in the district worker (off the main thread), with the editor's
 * assumptions and the inspector's corrections; progress and the result go to the store.
 */
export async function runPlan(): Promise<void> {
  const s = useAppStore.getState()
  const dataset = selectDataset(s)
  if (!dataset || s.planStatus === 'running') return
  let request: PlanRequest
  try {
    request = planRequestOf(s.planForm)
  } catch (e) {
    if (e instanceof PlanFormError) s.setPlanError(e.key, '')
    return
  }
  s.setPlanRunning(0)
  try {
    await readyFor(dataset)
    const summary = await districtClient().request(
      'plan',
      { request, scenario: s.scenario, overrides: s.buildingOverrides },
      [],
      (f) => useAppStore.getState().setPlanRunning(f),
    )
    useAppStore.getState().setPlanResult(summary)
  } catch (e) {
    useAppStore.getState().setPlanError('planner.errors.failed', oneLine(e))
  }
}

/** The last plan as `npm run plan` writes it (CSV or JSON), made whole in the worker. */
export async function planExport(format: 'csv' | 'json'): Promise<string | null> {
  return districtClient().request('planReport', { format })
}

/**
 * Hand the plan to the scenario editor: its listed rollout becomes the active scenario, under
 * `name` (in the page's language).
 */
export function applyPlanAsScenario(name: string): void {
  const s = useAppStore.getState()
  if (!s.plan) return
  s.setScenario({ ...s.plan.scenario, name })
  s.setEditorOpen(true)
}
