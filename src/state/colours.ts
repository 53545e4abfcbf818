import type { BuildingProperties } from '@/domain/buildings/types'
import {
  categorise,
  colourByClass,
  type BuildingColours,
  type Categories,
} from '@/domain/colouring/colourBuildings'
import { NEUTRAL_COLOUR, PROVENANCE_COLOURS, TYPE_COLOURS } from '@/domain/colouring/palettes'
import type { DistrictDataset, Provenance } from '@/domain/buildings/types'

import { buildingsOf } from './selectors'
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
      heightProvenance: categorise(props, (b) => b.provenance.height_m),
    }
    categoryCache.set(dataset, c)
  }
  return c
}

let lastKey: unknown[] = []
let lastColours: BuildingColours = new Uint8Array(0)

/**
 * Per-building RGBA for the active colouring, memoised on the inputs that change it, so
 * every subscriber shares one array and nothing recomputes in render (house style §6).
 */
export function selectBuildingColours(s: AppState): BuildingColours {
  const key = [s.dataset, s.colouring]
  if (key.length === lastKey.length && key.every((k, i) => k === lastKey[i])) return lastColours
  lastKey = key
  if (!s.dataset) return (lastColours = new Uint8Array(0))
  const categories = categoriesOf(s.dataset)
  if (s.colouring === 'confidence') {
    const { index, labels } = categories.heightProvenance
    const palette = labels.map((l) => PROVENANCE_COLOURS[l as Provenance] ?? NEUTRAL_COLOUR)
    lastColours = colourByClass(index, palette)
  } else {
    const { index, labels } = categories.type
    lastColours = colourByClass(
      index,
      labels.map((l) => TYPE_COLOURS[l] ?? NEUTRAL_COLOUR),
    )
  }
  return lastColours
}
