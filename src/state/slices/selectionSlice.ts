import type { StateCreator } from 'zustand'

import type { AppState } from '../store'

export interface SelectionSlice {
  /** OSM id (`way/123`) of the selected building, or null. */
  selectedId: string | null
  selectBuilding: (id: string | null) => void
  /** While on, a tap adds or removes a block from `pickedIds` instead of selecting it. */
  pickMode: boolean
  /** Blocks picked by tapping, for a scenario that applies to chosen blocks. */
  pickedIds: string[]
  setPickMode: (on: boolean) => void
  togglePicked: (id: string) => void
  clearPicked: () => void
  setPicked: (ids: string[]) => void
}

export const createSelectionSlice: StateCreator<AppState, [], [], SelectionSlice> = (set) => ({
  selectedId: null,
  // A new selection brings the inspector to the front of the side region (see selectSidePanel);
  // at the exhibit it opens on the resident card, not the details.
  selectBuilding: (id) =>
    set(
      id
        ? { selectedId: id, inspectorFront: true, detailsOpen: false }
        : { selectedId: null, detailsOpen: false },
    ),
  pickMode: false,
  pickedIds: [],
  setPickMode: (pickMode) => set({ pickMode }),
  togglePicked: (id) =>
    set((s) => ({
      pickedIds: s.pickedIds.includes(id)
        ? s.pickedIds.filter((p) => p !== id)
        : [...s.pickedIds, id],
    })),
  clearPicked: () => set({ pickedIds: [] }),
  setPicked: (pickedIds) => set({ pickedIds }),
})
