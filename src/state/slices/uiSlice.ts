import type { StateCreator } from 'zustand'

import type { AppState } from '../store'

/**
 * Panels that share the one side region (a bottom sheet on a phone). Opening one closes the
 * others and sends the inspector behind it; selecting a block brings the inspector back to the
 * front (see selectSidePanel). To add a panel: add its flag here and to UiSlice, and one
 * entry to SIDE_PANELS in src/app/App.tsx.
 */
export const SIDE_PANEL_FLAGS = [
  'editorOpen',
  'storyOpen',
  'tableOpen',
  'menuOpen',
  'dashboardOpen',
  'plannerOpen',
] as const
export type SidePanelFlag = (typeof SIDE_PANEL_FLAGS)[number]

/** The state that opens `flag` alone (or closes it). */
export function sidePanelState(flag: SidePanelFlag, open: boolean): Partial<UiSlice> {
  if (!open) return { [flag]: false }
  const next: Partial<UiSlice> = { [flag]: true, inspectorFront: false }
  for (const f of SIDE_PANEL_FLAGS) if (f !== flag) next[f] = false
  return next
}

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
  /** Whether the goal-seeking planner is open. */
  plannerOpen: boolean
  setPlannerOpen: (open: boolean) => void
  /** Whether the presentation (story) panel is open. */
  storyOpen: boolean
  setStoryOpen: (open: boolean) => void
  /** The selected block's inspector covers the open panel (set by a selection, cleared by opening a panel). */
  inspectorFront: boolean
  /** Whether the compact (phone) menu sheet is open. */
  menuOpen: boolean
  setMenuOpen: (open: boolean) => void
  showNotice: (text: string) => void
  dismissNotice: () => void
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  notice: null,
  tableOpen: false,
  setTableOpen: (open) => set(sidePanelState('tableOpen', open)),
  storyOpen: false,
  editorOpen: false,
  menuOpen: false,
  inspectorFront: true,
  dashboardOpen: true,
  setDashboardOpen: (open) => set(sidePanelState('dashboardOpen', open)),
  setEditorOpen: (open) => set(sidePanelState('editorOpen', open)),
  setStoryOpen: (open) => set(sidePanelState('storyOpen', open)),
  setMenuOpen: (open) => set(sidePanelState('menuOpen', open)),
  plannerOpen: false,
  setPlannerOpen: (open) => set(sidePanelState('plannerOpen', open)),
  showNotice: (text) => set({ notice: text }),
  dismissNotice: () => set({ notice: null }),
})
