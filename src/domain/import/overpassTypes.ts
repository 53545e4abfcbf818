/** The subset of the Overpass API JSON format (`[out:json]`) the importer reads. */
import type { NodeTable } from './osmNodes'

/** Latitude/longitude in WGS84 degrees, as Overpass writes them. */
export interface OverpassLatLon {
  lat: number
  lon: number
}

export interface OverpassNode {
  type: 'node'
  id: number
  lat: number
  lon: number
  tags?: Record<string, string>
}

export interface OverpassWay {
  type: 'way'
  id: number
  /** Node ids (`out body` / `out skel`). */
  nodes?: number[]
  /** Inline coordinates (`out geom`), same length as `nodes`. */
  geometry?: (OverpassLatLon | null)[]
  tags?: Record<string, string>
}

export interface OverpassMember {
  type: 'node' | 'way' | 'relation'
  ref: number
  role: string
  /** Inline coordinates of a way member (`out geom`). */
  geometry?: (OverpassLatLon | null)[]
}

export interface OverpassRelation {
  type: 'relation'
  id: number
  members?: OverpassMember[]
  tags?: Record<string, string>
}

export type OverpassElement = OverpassNode | OverpassWay | OverpassRelation

export interface OverpassJson {
  version?: number
  generator?: string
  osm3s?: { copyright?: string; timestamp_osm_base?: string }
  elements: OverpassElement[]
  /**
   * Untagged nodes kept compactly by the streamed readers (not Overpass JSON): when present,
   * way nodes are looked up here and node elements are only the tagged ones.
   */
  nodeTable?: NodeTable
}
