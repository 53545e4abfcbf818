import type { StateCreator } from 'zustand'

import type { AppState } from '../store'

/** A camera pose around a target on the ground; angles in radians, distances in metres. */
export interface CameraPose {
  /** Target east, metres from the dataset origin. */
  targetEastM: number
  /** Target north, metres from the dataset origin. */
  targetNorthM: number
  distanceM: number
  /** Heading of the camera's view direction, clockwise from north. */
  azimuthRad: number
  /** Angle between the view direction and straight down (0 = top-down). */
  tiltRad: number
}

export type Language = 'en' | 'ro' | 'hu'

/** What the blocks are coloured by. */
export type Colouring =
  'class_before' | 'class_after' | 'need' | 'saving' | 'co2' | 'confidence' | 'type'

/** 3D scene or 2D plan view. */
export type ViewMode = '3d' | 'plan'

export const COLOURINGS: readonly Colouring[] = [
  'class_before',
  'class_after',
  'need',
  'saving',
  'co2',
  'confidence',
  'type',
]

/** Class colours: the conventional greens-to-reds, or a colour-blind-safe sequence. */
export type ClassPalette = 'conventional' | 'cvd'

export interface ViewSlice {
  /**
   * The last committed camera pose (after a gesture ends). The live camera moves outside React
   * and only lands here when it settles, so renders do not follow every pointer move.
   */
  camera: CameraPose | null
  language: Language
  colouring: Colouring
  classPalette: ClassPalette
  /** Compare: show the after-state; with `swipe`, before left of the divider and after right. */
  compare: { after: boolean; swipe: boolean; dividerX: number }
  viewMode: ViewMode
  /** Sun and shadows: off by default (software rendering pays for every shadow pass). */
  sun: {
    enabled: boolean
    /** ISO 8601 date-time, local to the browser when edited. */ time: string
  }
  /** True when the browser draws WebGL in software: shadows will be slow (the sun control says so). */
  slowGraphics: boolean
  setSlowGraphics: (slow: boolean) => void
  /** Bumped to ask the camera to fly back to the home view. */
  homeRequest: number
  commitCamera: (pose: CameraPose) => void
  setLanguage: (language: Language) => void
  setColouring: (colouring: Colouring) => void
  setClassPalette: (palette: ClassPalette) => void
  setCompare: (compare: Partial<ViewSlice['compare']>) => void
  goHome: () => void
  setViewMode: (mode: ViewMode) => void
  setSun: (sun: Partial<ViewSlice['sun']>) => void
}

export const createViewSlice: StateCreator<AppState, [], [], ViewSlice> = (set) => ({
  camera: null,
  language: 'en',
  commitCamera: (pose) => set({ camera: pose }),
  setLanguage: (language) => set({ language }),
  colouring: 'type',
  homeRequest: 0,
  setColouring: (colouring) => set({ colouring }),
  classPalette: 'conventional',
  setClassPalette: (classPalette) => set({ classPalette }),
  compare: { after: false, swipe: false, dividerX: 0.5 },
  setCompare: (compare) => set((s) => ({ compare: { ...s.compare, ...compare } })),
  goHome: () => set((s) => ({ homeRequest: s.homeRequest + 1 })),
  viewMode: '3d',
  setViewMode: (viewMode) => set({ viewMode }),
  sun: { enabled: false, time: '2026-06-21T10:00:00.000Z' },
  setSun: (sun) => set((s) => ({ sun: { ...s.sun, ...sun } })),
  slowGraphics: false,
  setSlowGraphics: (slowGraphics) => set({ slowGraphics }),
})
