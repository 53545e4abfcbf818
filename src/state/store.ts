import { create } from 'zustand'

import { createDataSlice, type DataSlice } from './slices/dataSlice'
import { createKioskSlice, type KioskSlice } from './slices/kioskSlice'
import { createPlannerSlice, type PlannerSlice } from './slices/plannerSlice'
import { createScenarioSlice, type ScenarioSlice } from './slices/scenarioSlice'
import { createSelectionSlice, type SelectionSlice } from './slices/selectionSlice'
import { createStorySlice, type StorySlice } from './slices/storySlice'
import { createUiSlice, type UiSlice } from './slices/uiSlice'
import { createViewSlice, type ViewSlice } from './slices/viewSlice'

/** The whole app state: one store composed of slices (house style §5). */
export type AppState = DataSlice &
  SelectionSlice &
  ViewSlice &
  UiSlice &
  KioskSlice &
  ScenarioSlice &
  StorySlice &
  PlannerSlice

/** The single store. Middleware, if any, goes only here. */
export const useAppStore = create<AppState>()((...a) => ({
  ...createDataSlice(...a),
  ...createSelectionSlice(...a),
  ...createViewSlice(...a),
  ...createUiSlice(...a),
  ...createKioskSlice(...a),
  ...createScenarioSlice(...a),
  ...createStorySlice(...a),
  ...createPlannerSlice(...a),
}))
