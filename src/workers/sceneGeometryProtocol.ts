import type { DistrictDataset } from '@/domain/buildings/types'
import type { LngLat } from '@/domain/geo/types'
import type { GroundBuffers } from '@/geometry/groundBuffers'
import type { MeshBuffers } from '@/geometry/meshBuffers'

/** Main thread → geometry worker. */
export interface SceneGeometryRequest {
  id: number
  /** The dataset, or its JSON text: the worker parses text itself, in parallel with the page. */
  input: { dataset: DistrictDataset } | { text: string; source: string }
}

/** What the worker sends back: typed arrays, transferred rather than copied. */
export interface SceneGeometry {
  buffers: MeshBuffers
  ground: GroundBuffers
  /** Building ids in buffer order: `buildingIndex` i is `ids[i]`. */
  ids: string[]
  /** The local origin the coordinates are relative to. */
  origin: LngLat
}

export type SceneGeometryMessage =
  | { id: number; type: 'result'; geometry: SceneGeometry }
  | { id: number; type: 'error'; error: string }

/** Every ArrayBuffer in a scene geometry, for postMessage's transfer list. */
export function transferablesOf(g: SceneGeometry): ArrayBuffer[] {
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
