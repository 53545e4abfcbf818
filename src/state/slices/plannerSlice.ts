import type { StateCreator } from 'zustand'

import { MEASURE_IDS } from '@/domain/energy/scenario'
import type { MeasureId } from '@/domain/energy/scenario'
import { PACKAGES } from '@/domain/planner/packages'
import type { PlanSummary } from '@/domain/session/planSummary'

import type { AppState } from '../store'

/** The planner form as typed (text, so a half-typed number is kept as it is). */
export interface PlanForm {
  target: 'co2' | 'primary' | 'class'
  reductionPct: string
  targetClass: string
  scope: 'district' | 'apartments'
  from: string
  by: string
  budgetKind: 'perYear' | 'total'
  budgetEur: string
  maxBlocksPerYear: string
  excludeRehabilitated: boolean
  ownerSharePct: string
  grantSharePct: string
  /** The measures a plan may use (`envelope` stands for its parts, so it is not listed). */
  measures: readonly PlanMeasure[]
  /** The catalogue packages a plan may use, by id. */
  packages: readonly string[]
}

/** A measure the planner form lists: every measure but `envelope` (its four parts are listed). */
export type PlanMeasure = Exclude<MeasureId, 'envelope'>

export const PLAN_MEASURES: readonly PlanMeasure[] = MEASURE_IDS.filter(
  (m): m is PlanMeasure => m !== 'envelope',
)

export const DEFAULT_PLAN_FORM: PlanForm = {
  target: 'co2',
  reductionPct: '55',
  targetClass: 'C',
  scope: 'district',
  from: '2026',
  by: '2030',
  budgetKind: 'perYear',
  budgetEur: '5000000',
  maxBlocksPerYear: '',
  excludeRehabilitated: false,
  ownerSharePct: '0',
  grantSharePct: '0',
  measures: PLAN_MEASURES,
  packages: PACKAGES.map((p) => p.id),
}

export type PlanStatus = 'idle' | 'running' | 'ready' | 'error'

export interface PlannerSlice {
  planForm: PlanForm
  setPlanForm: (patch: Partial<PlanForm>) => void
  planStatus: PlanStatus
  /** 0..1 while running. */
  planProgress: number
  /** A translation key for why the last run failed, and its one-line detail. */
  planError: { key: string; detail: string } | null
  /** The last plan's figures (plain data and typed arrays only). */
  plan: PlanSummary | null
  /** The year the playback shows (the blocks retrofitted by its end recoloured); null: off. */
  planYear: number | null
  setPlanYear: (year: number | null) => void
  setPlanRunning: (progress: number) => void
  setPlanResult: (plan: PlanSummary) => void
  setPlanError: (key: string, detail: string) => void
}

export const createPlannerSlice: StateCreator<AppState, [], [], PlannerSlice> = (set) => ({
  planForm: DEFAULT_PLAN_FORM,
  setPlanForm: (patch) => set((s) => ({ planForm: { ...s.planForm, ...patch } })),
  planStatus: 'idle',
  planProgress: 0,
  planError: null,
  plan: null,
  planYear: null,
  setPlanYear: (planYear) => set({ planYear }),
  setPlanRunning: (planProgress) => set({ planStatus: 'running', planProgress, planError: null }),
  // The playback opens on the target year: the district as the plan leaves it.
  setPlanResult: (plan) =>
    set({ plan, planStatus: 'ready', planProgress: 1, planYear: plan.target.year }),
  setPlanError: (key, detail) => set({ planStatus: 'error', planError: { key, detail } }),
})
