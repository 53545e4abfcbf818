import type { DistrictRanges } from '@/domain/energy/ranges'
import type { StateCreator } from 'zustand'

import { parseScenario, type Scenario } from '@/domain/energy/scenario'
import type { BuildingOverride, BuildingOverrides } from '@/domain/session/districtSession'
import type { EnergySummary } from '@/domain/session/energySummary'

import type { AppState } from '../store'

/** Scenarios offered as big buttons at the exhibit, and cycled by its attract loop. */
export const CURATED_SCENARIOS: readonly Scenario[] = [
  { name: 'Today', measures: [] },
  { name: 'Insulate walls and roof', measures: [{ id: 'wall' }, { id: 'roof' }] },
  { name: 'Full envelope renovation', measures: [{ id: 'envelope' }] },
  {
    name: 'Envelope, heat pump and solar',
    measures: [{ id: 'envelope' }, { id: 'heat_pump' }, { id: 'pv' }],
  },
].map((s) => parseScenario(s))

/** The scenario a fresh page (and an exhibit reset) starts with. */
export const DEFAULT_SCENARIO: Scenario =
  CURATED_SCENARIOS[2] ?? parseScenario({ name: 'x', measures: [] })

export type EnergyStatus = 'idle' | 'computing' | 'ready' | 'error'

export interface ScenarioSlice {
  /** The active retrofit scenario, canonical form (serialisable, validated). */
  scenario: Scenario
  /** Results of `scenario` over the dataset, per building in dataset order. */
  energy: EnergySummary | null
  /** The scenario `energy` was computed for (=== `scenario` once up to date). */
  energyScenario: Scenario | null
  energyStatus: EnergyStatus
  energyError: string | null
  /** Low–high of `energy`'s district totals; null until computed (they follow the figures). */
  energyRanges: DistrictRanges['totals'] | null
  setEnergyRanges: (ranges: DistrictRanges['totals'], scenario: Scenario) => void
  /** Per-block corrections made in the inspector (year, heating, rehabilitation, storeys). */
  buildingOverrides: BuildingOverrides
  setBuildingOverride: (id: string, override: BuildingOverride | null) => void
  setScenario: (scenario: Scenario) => void
  resetScenarioToDefault: () => void
  /** Next curated scenario (exhibit attract loop). */
  cycleScenario: () => void
  setEnergy: (energy: EnergySummary, scenario: Scenario) => void
  setEnergyStatus: (status: EnergyStatus, error?: string | null) => void
  scenarioForStory: () => unknown
  applyStoryScenario: (scenario: unknown) => void
}

export const createScenarioSlice: StateCreator<AppState, [], [], ScenarioSlice> = (set, get) => ({
  scenario: DEFAULT_SCENARIO,
  energy: null,
  energyScenario: null,
  energyStatus: 'idle',
  energyError: null,
  energyRanges: null,
  setEnergyRanges: (energyRanges, scenario) =>
    set((s) => (s.energyScenario === scenario ? { energyRanges } : {})),
  buildingOverrides: {},
  setBuildingOverride: (id, override) =>
    set((s) => {
      const next = { ...s.buildingOverrides }
      if (override === null) delete next[id]
      else next[id] = { ...next[id], ...override }
      return { buildingOverrides: next }
    }),
  setScenario: (scenario) => set({ scenario }),
  resetScenarioToDefault: () => set({ scenario: DEFAULT_SCENARIO }),
  cycleScenario: () => {
    const i = CURATED_SCENARIOS.findIndex((s) => s.name === get().scenario.name)
    set({ scenario: CURATED_SCENARIOS[(i + 1) % CURATED_SCENARIOS.length] ?? DEFAULT_SCENARIO })
  },
  setEnergy: (energy, energyScenario) =>
    set({ energy, energyScenario, energyStatus: 'ready', energyError: null, energyRanges: null }),
  setEnergyStatus: (energyStatus, energyError = null) => set({ energyStatus, energyError }),
  scenarioForStory: () => get().scenario,
  applyStoryScenario: (scenario) => {
    try {
      set({ scenario: parseScenario(scenario) })
    } catch {
      get().showNotice('The saved view has a scenario that could not be read; it was kept as is.')
    }
  },
})
