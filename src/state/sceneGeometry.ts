import type { DistrictDataset } from '@/domain/buildings/types'
import { createSceneGeometryClient, type SceneGeometryClient } from '@/workers/sceneGeometryClient'
import type { SceneGeometry } from '@/workers/sceneGeometryProtocol'

let client: SceneGeometryClient | null = null
/** The geometry worker, started once and kept (it is reused for every dataset). */
export const geometryClient = () => (client ??= createSceneGeometryClient())

const requests = new WeakMap<DistrictDataset, Promise<SceneGeometry>>()

/** Remember geometry already being built for a dataset (e.g. from its text, during load). */
export function registerGeometry(dataset: DistrictDataset, geometry: Promise<SceneGeometry>): void {
  requests.set(dataset, geometry)
}

/** Geometry of a dataset: the request started at load time, or a new one. */
export function geometryFor(dataset: DistrictDataset): Promise<SceneGeometry> {
  let request = requests.get(dataset)
  if (!request) {
    request = geometryClient().build({ dataset })
    requests.set(dataset, request)
  }
  return request
}
