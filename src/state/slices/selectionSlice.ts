import type { StateCreator } from 'zustand'

import type { AppState } from '../store'

export interface SelectionSlice {
  /** OSM id (`way/123`) of the selected building, or null. */
  selectedId: string | null
  selectBuilding: (id: string | null) => void
}

export const createSelectionSlice: StateCreator<AppState, [], [], SelectionSlice> = (set) => ({
  selectedId: null,
  selectBuilding: (id) => set({ selectedId: id }),
})
