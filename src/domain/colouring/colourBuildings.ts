import type { BuildingProperties, TrackedAttribute } from '../buildings/types'

import { NEUTRAL_COLOUR, PROVENANCE_COLOURS, TYPE_COLOURS, type Rgb } from './palettes'

/**
 * Per-building RGBA bytes (4 per building, in building order): the only thing recolouring
 * writes. Geometry is never rebuilt for a new colouring (house style §9).
 */
export type BuildingColours = Uint8Array

function fill(n: number, colourOf: (i: number) => Rgb): BuildingColours {
  const out = new Uint8Array(n * 4)
  for (let i = 0; i < n; i++) {
    const c = colourOf(i)
    out[i * 4] = c[0]
    out[i * 4 + 1] = c[1]
    out[i * 4 + 2] = c[2]
    out[i * 4 + 3] = 255
  }
  return out
}

/** Colour by `building=*` type family. */
export function colourByType(buildings: readonly BuildingProperties[]): BuildingColours {
  return fill(buildings.length, (i) => TYPE_COLOURS[buildings[i]?.type ?? ''] ?? NEUTRAL_COLOUR)
}

/** Colour by where one attribute came from (tagged / overlay / levels / footprint / default). */
export function colourByProvenance(
  buildings: readonly BuildingProperties[],
  attribute: TrackedAttribute,
): BuildingColours {
  return fill(buildings.length, (i) => {
    const p = buildings[i]?.provenance[attribute]
    return p ? PROVENANCE_COLOURS[p] : NEUTRAL_COLOUR
  })
}
