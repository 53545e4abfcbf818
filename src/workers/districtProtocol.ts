import type { DistrictDataset } from '@/domain/buildings/types'
import type { LngLat } from '@/domain/geo/types'
import type { FootprintSet } from '@/geometry/footprints'
import type { GroundBuffers } from '@/geometry/groundBuffers'
import type { MeshBuffers } from '@/geometry/meshBuffers'

import type { BuildingInspection, BuildingOverrides } from './districtModel'
import type { EnergySummary } from './energySummary'

/**
 * What the 3D scene draws for a dataset: typed arrays, transferred rather than copied. Building
 * `i` of the mesh is building `i` of the dataset (ids are not sent: the page has them).
 */
export interface SceneGeometry {
  buffers: MeshBuffers
  ground: GroundBuffers
  /** The local origin the coordinates are relative to. */
  origin: LngLat
}

/**
 * The district worker's whole protocol in one map (house style §8): request type →
 * [request payload, response payload]. Scenarios travel in their JSON form.
 */
export interface DistrictMessageMap {
  /**
   * Geometry and energy model at once, for a dataset the page already holds (an imported file)
   * or a URL the worker fetches itself.
   */
  load: [
    {
      input: { dataset: DistrictDataset } | { url: string }
    },
    SceneGeometry,
  ]
  /** Extrude footprints prepared by the page (typed arrays, transferred both ways). */
  mesh: [{ footprints: FootprintSet }, MeshBuffers]
  /** Keep a dataset for the energy model (no geometry). */
  model: [{ input: { url: string } | { dataset: DistrictDataset } }, null]
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
