import type { UseClass } from './useClass'

/**
 * The normalised building: what the importer writes into `district.geojson` and what every
 * other layer (energy model, geometry, UI) reads. Plain serialisable data only.
 */

/** Where an attribute's value came from, from most to least trusted. */
export type Provenance =
  /** An OSM tag gave it directly (`height`, `building:levels`, `start_date`…). */
  | 'tagged'
  /** The city's attribute overlay CSV gave it (joined by OSM id or address). */
  | 'overlay'
  /**
   * A vector overlay of footprints (`--overlay FILE.geojson`, named `<source>`) gave it,
   * joined by footprint overlap; the match is in the building's `overlay_matches`.
   */
  | `overlay:${string}`
  /** Derived from the storey count (height = levels × storey height + roof). */
  | 'levels'
  /** Derived from the footprint (floor area, flats from floor area). */
  | 'footprint'
  /** A documented typology default for the district. */
  | 'default'
  /** Inferred by a documented rule from other attributes (use class from footprint and storeys). */
  | 'inferred'

/**
 * The classes the data-confidence colouring, its legend and the summaries group provenances
 * into: every `overlay:<source>` is one class, `overlay_match`.
 */
export type ProvenanceClass = Exclude<Provenance, `overlay:${string}`> | 'overlay_match'

export const PROVENANCES: readonly ProvenanceClass[] = [
  'tagged',
  'overlay',
  'overlay_match',
  'levels',
  'footprint',
  'default',
  'inferred',
]

/** The class of a provenance (`overlay:<source>` → `overlay_match`). */
export const provenanceClass = (p: Provenance): ProvenanceClass =>
  p.startsWith('overlay:') ? 'overlay_match' : (p as ProvenanceClass)

/** The source name of an `overlay:<source>` provenance, or null for any other. */
export const overlaySourceOf = (p: Provenance): string | null =>
  p.startsWith('overlay:') ? p.slice('overlay:'.length) : null

/** How a building was joined to one footprint of a vector overlay. */
export interface OverlayMatch {
  /** The overlay's name (its file name), as in the provenance `overlay:<source>`. */
  source: string
  /** The overlay footprint's id (its `id` property, else `feature/N`, N from 0). */
  footprint: string
  /** Intersection over union of the two footprints, 0–1, three decimals. */
  iou: number
}

/** Heating system of a block. */
export type HeatingSystem = 'gas_boiler' | 'district_heating' | 'heat_pump' | 'other'

/** Broad use class used to pick an archetype. */
export type BuildingUse = 'residential' | 'non_residential'

/** Attributes that carry a provenance. */
export type TrackedAttribute =
  | 'height_m'
  | 'levels'
  | 'year'
  | 'use'
  | 'flats'
  | 'heated_area_m2'
  | 'heating'
  | 'rehabilitated'
  | 'epc_class'
  | 'use_class'

/** Properties of one building feature in `district.geojson`. */
export interface BuildingProperties {
  kind: 'building'
  /** OSM id as `way/123` or `relation/45`. */
  id: string
  /** The `building=*` value (`apartments`, `house`, `yes`…). */
  type: string
  name: string | null
  /** `street housenumber`, or null where OSM has no address. */
  address: string | null
  /** Footprint area in m² (planar, local projection). */
  footprint_area_m2: number
  /** Total height from ground to top of roof, metres. Always > 0. */
  height_m: number
  /** Above-ground storeys. Always ≥ 1. */
  levels: number
  /** Construction year, or null when unknown and no default applies. */
  year: number | null
  use: BuildingUse
  /**
   * Apartment block, house, non-residential or unknown (`useClass.ts`). Absent in datasets
   * written before use classes existed: readers then apply `classOfProperties`.
   */
  use_class?: UseClass
  /** Number of dwellings, or null for non-residential buildings. */
  flats: number | null
  /** Conditioned floor area, m². */
  heated_area_m2: number
  heating: HeatingSystem | null
  /** Year of thermal rehabilitation, or null if not known to be rehabilitated. */
  rehabilitated: number | null
  /** A real EPC class from the city, if known. */
  epc_class: string | null
  /** Provenance of each tracked attribute that has a value. */
  provenance: Partial<Record<TrackedAttribute, Provenance>>
  /** `addr:street` (or `addr:place`) of the building or of an address node inside it. */
  addr_street?: string | null
  /** `addr:housenumber` (`123/4` with `addr:conscriptionnumber`) from the same source. */
  addr_housenumber?: string | null
  /**
   * Simple 3D Buildings `building:part`s inside this outline: each drawn as its own
   * extrusion from `min_height_m` to `height_m`. The outline stays the one building counted.
   */
  parts?: BuildingPart[]
  /** The vector-overlay footprints this building was joined to (one per overlay at most). */
  overlay_matches?: OverlayMatch[]
}

/** One `building:part` (Simple 3D Buildings) of an outline. */
export interface BuildingPart {
  /** OSM id of the part, `way/123`. */
  id: string
  geometry: PolygonGeometry | MultiPolygonGeometry
  footprint_area_m2: number
  /** Base of the part above ground, metres (`min_height`, else `building:min_level` storeys). */
  min_height_m: number
  /** Top of the part above ground, metres. */
  height_m: number
  /** `building:levels` of the part (storeys up to its top), or null when untagged. */
  levels: number | null
  /** `building:min_level`: storeys below the part that are not in it. */
  min_level: number
  roof_shape: string | null
  roof_height_m: number | null
}

/** Context layers drawn as a quiet ground plane. */
export type ContextKind = 'street' | 'green' | 'water' | 'boundary'

export interface ContextProperties {
  kind: ContextKind
  id: string
  name: string | null
  /** Street carriageway width in metres (streets only). */
  width_m?: number
}

type Position = number[]
export interface PolygonGeometry {
  type: 'Polygon'
  coordinates: Position[][]
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon'
  coordinates: Position[][][]
}
export interface LineGeometry {
  type: 'LineString' | 'MultiLineString'
  coordinates: Position[] | Position[][]
}

export interface BuildingFeature {
  type: 'Feature'
  id?: string
  geometry: PolygonGeometry | MultiPolygonGeometry
  properties: BuildingProperties
}

export interface ContextFeature {
  type: 'Feature'
  id?: string
  geometry: PolygonGeometry | MultiPolygonGeometry | LineGeometry
  properties: ContextProperties
}

/** The `metadata` foreign member of a dataset (RFC 7946 §6.1 allows foreign members). */
export interface DatasetMetadata {
  /** Describes where the data came from: a file name or an Overpass query/area. */
  source: string
  /** [west, south, east, north] in WGS84 degrees. */
  bbox: [number, number, number, number]
  /** ISO 8601 timestamp of generation. */
  generated: string
  attribution: string
  licence: string
  counts: {
    buildings: number
    byType: Record<string, number>
    /** attribute → provenance → number of buildings. */
    byProvenance: Partial<Record<TrackedAttribute, Partial<Record<Provenance, number>>>>
    context?: Partial<Record<ContextKind, number>>
  }
  /**
   * Street index for search: every street with an addressed building, sorted by name, with
   * the OSM ids of its buildings.
   */
  streets?: { name: string; ids: string[] }[]
  /** True when the input was generated test data (`note=synthetic`), not real OSM. */
  synthetic?: boolean
  /** Validation report: geometries repaired or dropped, with reasons. */
  report?: {
    repaired: { id: string; reason: string }[]
    dropped: { id: string; reason: string }[]
    warnings: string[]
    /** One entry per vector overlay of footprints joined by overlap (`--overlay`). */
    overlays?: OverlayJoinReport[]
  }
}

/** What the footprint join of one vector overlay did (`src/domain/import/footprintOverlay.ts`). */
export interface OverlayJoinReport {
  source: string
  /** Smallest intersection over union joined. */
  threshold: number
  /** Two candidates within this much of each other's IoU are ambiguous. */
  margin: number
  /** Usable footprints in the overlay. */
  footprints: number
  /** Footprints joined to a building (one-to-one). */
  matched: number
  /** Footprints joined to no building, with why and the best IoU any building reached. */
  unmatched: { footprint: string; reason: string; best_iou: number | null }[]
  /**
   * Footprints (`kind: 'footprint'`, candidates are buildings) or buildings (`'building'`,
   * candidates are footprints) with two or more candidates above the threshold whose IoUs lie
   * within the margin of the best: none of those candidates is joined.
   */
  ambiguous: {
    kind: 'footprint' | 'building'
    id: string
    candidates: { id: string; iou: number }[]
  }[]
}

export interface DistrictDataset {
  type: 'FeatureCollection'
  metadata: DatasetMetadata
  features: (BuildingFeature | ContextFeature)[]
}

export const OSM_ATTRIBUTION = '© OpenStreetMap contributors'
export const OSM_LICENCE = 'ODbL 1.0 (https://www.openstreetmap.org/copyright)'
