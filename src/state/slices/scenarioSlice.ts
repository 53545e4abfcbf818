import type { StateCreator } from 'zustand'

import type { AppState } from '../store'

/** The active retrofit scenario, in its JSON form (validated by the energy engine). */
export interface ScenarioSlice {
  scenario: unknown
  setScenario: (scenario: unknown) => void
  scenarioForStory: () => unknown
  applyStoryScenario: (scenario: unknown) => void
}

export const createScenarioSlice: StateCreator<AppState, [], [], ScenarioSlice> = (set, get) => ({
  scenario: null,
  setScenario: (scenario) => set({ scenario }),
  scenarioForStory: () => get().scenario,
  applyStoryScenario: (scenario) => set({ scenario }),
})
