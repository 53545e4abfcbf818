import type { StateCreator } from 'zustand'

import type { AppState } from '../store'

import type { CameraPose, Colouring, ViewMode } from './viewSlice'

/** One saved view of a presentation: everything needed to put the screen back as it was. */
export interface StoryView {
  name: string
  camera: CameraPose | null
  colouring: Colouring
  viewMode: ViewMode
  selectedId: string | null
  /** Scenario in its JSON form (see the energy engine), or null for "today". */
  scenario: unknown
  panels: { table: boolean }
}

export interface StorySlice {
  story: StoryView[]
  /** Index of the view on screen while presenting; null when not presenting. */
  storyIndex: number | null
  /** Bumped with a pose to ask the camera to fly there (smoothly unless reduced motion). */
  cameraRequest: { pose: CameraPose; seq: number; instant: boolean } | null
  saveCurrentView: (name: string) => void
  removeView: (index: number) => void
  moveView: (index: number, by: -1 | 1) => void
  setStory: (views: StoryView[]) => void
  /** Show a saved view; `instant` skips the camera flight (used when exporting). */
  goToView: (index: number, instant?: boolean) => void
  stepStory: (by: -1 | 1) => void
  stopPresenting: () => void
  flyTo: (pose: CameraPose, instant?: boolean) => void
}

export const createStorySlice: StateCreator<AppState, [], [], StorySlice> = (set, get) => ({
  story: [],
  storyIndex: null,
  cameraRequest: null,
  saveCurrentView: (name) =>
    set((s) => ({
      story: [
        ...s.story,
        {
          name,
          camera: s.camera,
          colouring: s.colouring,
          viewMode: s.viewMode,
          selectedId: s.selectedId,
          scenario: s.scenarioForStory(),
          panels: { table: s.tableOpen },
        },
      ],
    })),
  removeView: (index) => set((s) => ({ story: s.story.filter((_, i) => i !== index) })),
  moveView: (index, by) =>
    set((s) => {
      const target = index + by
      if (target < 0 || target >= s.story.length) return {}
      const story = [...s.story]
      const [view] = story.splice(index, 1)
      if (view) story.splice(target, 0, view)
      return { story }
    }),
  setStory: (story) => set({ story, storyIndex: null }),
  goToView: (index, instant = false) => {
    const view = get().story[index]
    if (!view) return
    set({
      storyIndex: index,
      colouring: view.colouring,
      viewMode: view.viewMode,
      selectedId: view.selectedId,
      tableOpen: view.panels.table,
    })
    get().applyStoryScenario(view.scenario)
    if (view.camera) get().flyTo(view.camera, instant)
  },
  stepStory: (by) => {
    const { story, storyIndex } = get()
    if (story.length === 0) return
    const next = storyIndex === null ? 0 : Math.min(story.length - 1, Math.max(0, storyIndex + by))
    get().goToView(next)
  },
  stopPresenting: () => set({ storyIndex: null }),
  flyTo: (pose, instant = false) =>
    set((s) => ({ cameraRequest: { pose, instant, seq: (s.cameraRequest?.seq ?? 0) + 1 } })),
})
