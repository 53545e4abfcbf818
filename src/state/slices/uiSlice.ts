import type { StateCreator } from 'zustand'

import type { AppState } from '../store'

export interface UiSlice {
  /** A one-line, dismissable notice (e.g. "the link's camera was malformed; using defaults"). */
  notice: string | null
  /** Whether the accessible table view is open. */
  tableOpen: boolean
  setTableOpen: (open: boolean) => void
  /** Whether the district dashboard is shown. */
  dashboardOpen: boolean
  setDashboardOpen: (open: boolean) => void
  /** Whether the scenario editor is open. */
  editorOpen: boolean
  setEditorOpen: (open: boolean) => void
  /** Whether the presentation (story) panel is open. */
  storyOpen: boolean
  setStoryOpen: (open: boolean) => void
  showNotice: (text: string) => void
  dismissNotice: () => void
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  notice: null,
  tableOpen: false,
  setTableOpen: (tableOpen) => set({ tableOpen }),
  storyOpen: false,
  editorOpen: false,
  dashboardOpen: true,
  setDashboardOpen: (dashboardOpen) => set({ dashboardOpen }),
  setEditorOpen: (editorOpen) =>
    set(editorOpen ? { editorOpen, storyOpen: false } : { editorOpen }),
  // The story and the scenario editor share the left side: opening one closes the other.
  setStoryOpen: (storyOpen) => set(storyOpen ? { storyOpen, editorOpen: false } : { storyOpen }),
  showNotice: (text) => set({ notice: text }),
  dismissNotice: () => set({ notice: null }),
})
