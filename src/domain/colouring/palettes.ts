import type { ProvenanceClass } from '../buildings/types'

/** An sRGB colour as 0–255 channels. */
export type Rgb = readonly [r: number, g: number, b: number]

/** Data-confidence colours: measured/tagged reads as solid blue, defaults as warm grey. */
export const PROVENANCE_COLOURS: Readonly<Record<ProvenanceClass, Rgb>> = {
  tagged: [33, 102, 172],
  overlay: [27, 158, 119],
  // Another dataset joined by footprint overlap: green like the city's data, but lighter (a
  // geometric match, not an id).
  overlay_match: [116, 196, 118],
  levels: [103, 169, 207],
  footprint: [209, 229, 240],
  default: [190, 174, 160],
  inferred: [224, 200, 120],
}

/** Neutral block colour when no colouring applies. */
export const NEUTRAL_COLOUR: Rgb = [214, 210, 200]

/** Colours by broad building type, for the default "what is it" view. */
export const TYPE_COLOURS: Readonly<Record<string, Rgb>> = {
  apartments: [226, 196, 150],
  residential: [226, 196, 150],
  dormitory: [214, 178, 140],
  house: [200, 190, 172],
  detached: [200, 190, 172],
  semidetached_house: [200, 190, 172],
  commercial: [170, 180, 205],
  retail: [170, 180, 205],
  office: [170, 180, 205],
  supermarket: [170, 180, 205],
  school: [196, 170, 204],
  university: [196, 170, 204],
  church: [196, 170, 204],
  chapel: [196, 170, 204],
  hospital: [196, 170, 204],
  industrial: [168, 168, 168],
  warehouse: [168, 168, 168],
  garage: [150, 150, 150],
  garages: [150, 150, 150],
}
