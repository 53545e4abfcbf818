import type { StateCreator } from 'zustand'

import type { AppState } from '../store'

/** Exhibit settings (`?kiosk`): idle timings in seconds. */
export interface KioskSettings {
  /** Seconds without input before the attract loop starts. */
  attractAfterS: number
  /** Seconds without input before everything resets to the home view. */
  resetAfterS: number
  /** Seconds each scenario stays on screen during the attract loop. */
  cycleEveryS: number
}

export const DEFAULT_KIOSK_SETTINGS: KioskSettings = {
  attractAfterS: 90,
  resetAfterS: 180,
  cycleEveryS: 12,
}

export interface KioskSlice {
  kiosk: boolean
  kioskSettings: KioskSettings
  /** True while the attract loop tours the district. */
  attract: boolean
  /** Whether the QR hand-off dialog is open. */
  qrOpen: boolean
  /** Whether the "find your block" street search is open. */
  findOpen: boolean
  /** Whether the architect's details replace the resident card for the selected block. */
  detailsOpen: boolean
  enableKiosk: (settings?: Partial<KioskSettings>) => void
  setAttract: (on: boolean) => void
  setQrOpen: (open: boolean) => void
  setFindOpen: (open: boolean) => void
  setDetailsOpen: (open: boolean) => void
}

export const createKioskSlice: StateCreator<AppState, [], [], KioskSlice> = (set) => ({
  kiosk: false,
  kioskSettings: DEFAULT_KIOSK_SETTINGS,
  attract: false,
  qrOpen: false,
  findOpen: false,
  detailsOpen: false,
  enableKiosk: (settings = {}) =>
    set({ kiosk: true, kioskSettings: { ...DEFAULT_KIOSK_SETTINGS, ...settings } }),
  setAttract: (attract) => set({ attract }),
  setQrOpen: (qrOpen) => set({ qrOpen }),
  setFindOpen: (findOpen) => set({ findOpen }),
  setDetailsOpen: (detailsOpen) => set({ detailsOpen }),
})
