import { colourByProvenance, colourByType } from '@/domain/colouring/colourBuildings'
import type { BuildingColours } from '@/domain/colouring/colourBuildings'

import { buildingsOf } from './selectors'
import type { AppState } from './store'

let lastKey: unknown[] = []
let lastColours: BuildingColours = new Uint8Array(0)

/**
 * Per-building RGBA for the active colouring, memoised on the inputs that change it, so
 * every subscriber shares one array and nothing recomputes in render (house style §6).
 */
export function selectBuildingColours(s: AppState): BuildingColours {
  const key = [s.dataset, s.colouring]
  if (key.length === lastKey.length && key.every((k, i) => k === lastKey[i])) return lastColours
  const props = s.dataset ? buildingsOf(s.dataset).map((f) => f.properties) : []
  lastColours =
    s.colouring === 'confidence' ? colourByProvenance(props, 'height_m') : colourByType(props)
  lastKey = key
  return lastColours
}
