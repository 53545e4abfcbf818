import type { BuildingProperties } from '@/domain/buildings/types'
import {
  categorise,
  colourByCategory,
  colourByClass,
  colourByValue,
  heightConfidenceOf,
  type BuildingColours,
  type Categories,
} from '@/domain/colouring/colourBuildings'
import {
  CLASS_COLOURS,
  CLASS_COLOURS_CVD,
  DEMAND_RAMP,
  SAVING_RAMP,
} from '@/domain/colouring/energyPalettes'
import { PROVENANCE_COLOURS, TYPE_COLOURS } from '@/domain/colouring/palettes'
import type { DistrictDataset } from '@/domain/buildings/types'

import { buildingsOf, selectDataset } from './selectors'
import type { AppState } from './store'

interface DatasetCategories {
  type: Categories
  heightProvenance: Categories
}

const categoryCache = new WeakMap<DistrictDataset, DatasetCategories>()

/** Category indices per building, computed once per dataset (not per recolour). */
function categoriesOf(dataset: DistrictDataset): DatasetCategories {
  let c = categoryCache.get(dataset)
  if (!c) {
    const props: BuildingProperties[] = buildingsOf(dataset).map((f) => f.properties)
    c = {
      type: categorise(props, (b) => b.type),
      heightProvenance: categorise(props, heightConfidenceOf),
    }
    categoryCache.set(dataset, c)
  }
  return c
}

/** A one-entry memo: the same inputs give the very same array (subscribers compare by ===). */
function memoOne<T>(compute: (s: AppState) => T, keyOf: (s: AppState) => unknown[]) {
  let lastKey: unknown[] | null = null
  let last: T
  return (s: AppState): T => {
    const key = keyOf(s)
    if (lastKey && key.length === lastKey.length && key.every((k, i) => k === lastKey?.[i])) {
      return last
    }
    lastKey = key
    last = compute(s)
    return last
  }
}

const colourKey = (s: AppState) => [
  selectDataset(s),
  s.colouring,
  s.energy,
  s.classPalette,
  s.compare.after,
  s.plannerOpen,
  s.plan,
  s.planYear,
]

/** Colours for a state, unmemoised. */
function computeColours(s: AppState): BuildingColours {
  const dataset = selectDataset(s)
  if (!dataset) return new Uint8Array(0)
  const playback = playbackColoursOf(s)
  if (playback) return playback
  const energyColours = energyColoursOf(s)
  if (energyColours) return energyColours
  const categories = categoriesOf(dataset)
  return s.colouring === 'confidence'
    ? colourByCategory(categories.heightProvenance, PROVENANCE_COLOURS)
    : colourByCategory(categories.type, TYPE_COLOURS)
}

/**
 * Per-building RGBA for the active colouring, memoised on the inputs that change it, so
 * every subscriber shares one array and nothing recomputes in render (house style §6).
 */
export const selectBuildingColours = memoOne(computeColours, colourKey)

/** Value ranges of the continuous colourings (legend and ramp share them). */
export const VALUE_RANGES = {
  need: { min: 0, max: 250 },
  saving: { min: 0, max: 80 },
  co2: { min: 0, max: 80 },
} as const

/**
 * Colours of the energy colourings, or null for the others. "Before" values follow the
 * compare toggle: with `compare.after`, class and figures show the after-state.
 */
function energyColoursOf(s: AppState): BuildingColours | null {
  const e = s.energy
  const palette = s.classPalette === 'cvd' ? CLASS_COLOURS_CVD : CLASS_COLOURS
  const after = s.compare.after
  switch (s.colouring) {
    case 'class_before':
      return e ? colourByClass(after ? e.classAfter : e.classBefore, palette) : neutral(s)
    case 'class_after':
      return e ? colourByClass(e.classAfter, palette) : neutral(s)
    case 'need': {
      const r = VALUE_RANGES.need
      return e
        ? colourByValue(after ? e.needAfter : e.needBefore, r.min, r.max, DEMAND_RAMP)
        : neutral(s)
    }
    case 'saving': {
      const r = VALUE_RANGES.saving
      return e ? colourByValue(e.savingPct, r.min, r.max, SAVING_RAMP) : neutral(s)
    }
    case 'co2': {
      const r = VALUE_RANGES.co2
      return e
        ? colourByValue(after ? e.co2After : e.co2Before, r.min, r.max, DEMAND_RAMP)
        : neutral(s)
    }
    default:
      return null
  }
}

/**
 * The planner's playback: each block in the class it has at the end of `planYear` (after its
 * package once the plan has reached it), while the planner is open.
 */
function playbackColoursOf(s: AppState): BuildingColours | null {
  const plan = s.plan
  if (!s.plannerOpen || !plan || s.planYear === null) return null
  const { blockYear, classBefore, classAfter } = plan
  const year = s.planYear
  // A plain loop: Uint8Array.from with a map function costs milliseconds at 100k blocks, on
  // the main thread, every playback year.
  const classes = new Uint8Array(classBefore.length)
  for (let i = 0; i < classes.length; i++) {
    const y = blockYear[i] ?? 0
    const before = classBefore[i] ?? 255
    classes[i] = y !== 0 && y <= year ? (classAfter[i] ?? before) : before
  }
  return colourByClass(classes, s.classPalette === 'cvd' ? CLASS_COLOURS_CVD : CLASS_COLOURS)
}

/** Every building neutral, while the energy model is still computing. */
function neutral(s: AppState): BuildingColours {
  const dataset = selectDataset(s)
  const n = dataset ? buildingsOf(dataset).length : 0
  return colourByClass(new Uint8Array(n).fill(255), [])
}

/**
 * Colours for the "before" and "after" halves of the swipe compare, for the active colouring
 * (the same as the single view for colourings that have no before/after).
 */
export const selectCompareColours = memoOne(
  (s: AppState) => ({
    before: computeColours({
      ...s,
      colouring: s.colouring === 'class_after' ? 'class_before' : s.colouring,
      compare: { ...s.compare, after: false },
    }),
    after: computeColours({
      ...s,
      colouring: s.colouring === 'class_before' ? 'class_after' : s.colouring,
      compare: { ...s.compare, after: true },
    }),
  }),
  (s) => [selectDataset(s), s.colouring, s.energy, s.classPalette],
)
