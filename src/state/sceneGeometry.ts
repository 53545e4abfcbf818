import type { DistrictDataset } from '@/domain/buildings/types'
import { createDistrictClient, type DistrictClient } from '@/workers/districtClient'
import type { SceneGeometry } from '@/workers/districtProtocol'

let client: DistrictClient | null = null
/** The district worker, started once and kept (it is reused for every dataset). */
export const districtClient = () => (client ??= createDistrictClient())

const requests = new WeakMap<DistrictDataset, Promise<SceneGeometry>>()

/** Remember geometry already being built for a dataset (e.g. from its text, during load). */
export function registerGeometry(dataset: DistrictDataset, geometry: Promise<SceneGeometry>): void {
  requests.set(dataset, geometry)
}

/** Geometry of a dataset: the request started at load time, or a new one. */
export function geometryFor(dataset: DistrictDataset): Promise<SceneGeometry> {
  const known = requests.get(dataset)
  if (known) return known
  const request = districtClient().request('load', { input: { dataset } })
  requests.set(dataset, request)
  return request
}
