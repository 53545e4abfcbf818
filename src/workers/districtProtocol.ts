import type { DistrictDataset } from '@/domain/buildings/types'
import type { DatasetParts } from '@/domain/dataset/packedDataset'
import type { LngLat } from '@/domain/geo/types'
import type { GroundBuffers } from '@/geometry/groundBuffers'
import type { MeshBuffers } from '@/geometry/meshBuffers'

import type { BuildingInspection, BuildingOverrides } from './districtModel'
import type { EnergySummary } from './energySummary'

/**
 * What the 3D scene draws for a dataset: typed arrays, transferred rather than copied. Building
 * `i` of the mesh is building `i` of the dataset (ids are not sent: the page gets them with
 * the dataset's properties).
 */
export interface SceneGeometry {
  buffers: MeshBuffers
  ground: GroundBuffers
  /** The local origin the coordinates are relative to. */
  origin: LngLat
  /** The dataset's [west, south, east, north], degrees: frames the home view. */
  bbox: [number, number, number, number]
}

/** A dataset URL the worker fetches itself, and the name to use for it in messages. */
export interface DatasetSource {
  url: string
  label: string
}

/** What `open` finds at a URL with no dataset (404, an HTML page, no answer): not an error. */
export interface MissingDataset {
  missing: string
}

/**
 * `DatasetParts` as they travel: the properties as JSON text, because objects made by
 * JSON.parse share their short strings ("apartments", "tagged", …) while structured clone
 * gives every object its own copies (measured: ~2× the page's heap at 100,000 buildings).
 */
export type DatasetPartsMessage = Omit<DatasetParts, 'properties'> & { propertiesJson: string }

/** The scene of a dataset the worker opened, with how long each step took. */
export interface OpenedDataset extends SceneGeometry {
  timings: {
    /** When parsing ended, epoch milliseconds (performance.timeOrigin + now, any thread). */
    parsedAtEpochMs: number
    /** Packing, projecting and extruding the footprints, ms. */
    geometryMs: number
  }
}

/**
 * The district worker's whole protocol in one map (house style §8): request type →
 * [request payload, response payload]. Scenarios travel in their JSON form.
 */
export interface DistrictMessageMap {
  /**
   * Geometry and energy model at once, for a dataset the page already holds (an imported
   * file).
   */
  load: [
    {
      input: { dataset: DistrictDataset }
    },
    SceneGeometry,
  ]
  /**
   * Fetch and parse a dataset here, off the page's thread, parsing while the bytes arrive,
   * and build its scene; the worker keeps the dataset (footprints packed) for `parts` and
   * `model`. index.html sends this one before the app's code has even loaded.
   */
  open: [{ source: DatasetSource }, OpenedDataset | MissingDataset]
  /** The opened dataset for the page: properties, packed footprints (a copy), context. */
  parts: [Record<string, never>, DatasetPartsMessage]
  /** Build the energy model of the opened dataset (its columns are prepared lazily). */
  model: [{ input: { opened: true } }, null]
  evaluate: [{ scenario: unknown; overrides: BuildingOverrides }, EnergySummary]
  inspect: [
    { scenario: unknown; buildingId: string; overrides: BuildingOverrides },
    BuildingInspection | null,
  ]
  report: [{ scenario: unknown; format: 'csv' | 'json'; overrides: BuildingOverrides }, string]
}

export type DistrictRequestType = keyof DistrictMessageMap

export type DistrictRequest = {
  [K in DistrictRequestType]: { id: number; type: K } & DistrictMessageMap[K][0]
}[DistrictRequestType]

export type DistrictResponse =
  | { id: number; ok: true; value: DistrictMessageMap[DistrictRequestType][1] }
  | { id: number; ok: false; error: string }
  /** A long request's progress so far, 0..1 (before its answer; `open`: bytes downloaded). */
  | { id: number; progress: number }

/** Every ArrayBuffer in a scene geometry, for postMessage's transfer list. */
export function geometryTransferables(g: SceneGeometry): ArrayBuffer[] {
  const b = g.buffers
  return [
    b.positions,
    b.normals,
    b.buildingIndex,
    b.indices,
    b.roofCentres,
    b.vertexStart,
    b.vertexCount,
    g.ground.positions,
    g.ground.indices,
    g.ground.kindIndex,
  ].map((a) => a.buffer as ArrayBuffer)
}
