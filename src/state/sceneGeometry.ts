import type { DistrictDataset } from '@/domain/buildings/types'
import { PackedBuildingFeature } from '@/domain/dataset/packedDataset'
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
  // Datasets that did not come through loadData (imported files): the worker does it all.
  // Structured clone keeps own fields only, so packed features travel as plain GeoJSON.
  const plain = {
    ...dataset,
    features: dataset.features.map((f) => (f instanceof PackedBuildingFeature ? f.toJSON() : f)),
  }
  const request = districtClient().request('load', { input: { dataset: plain } })
  requests.set(dataset, request)
  return request
}

const models = new WeakMap<DistrictDataset, Promise<unknown>>()

/** Remember the request that gives the worker this dataset's energy model. */
export function registerModel(dataset: DistrictDataset, model: Promise<unknown>): void {
  models.set(dataset, model)
}

/**
 * Resolves once the worker holds this dataset's energy model: the request made at load time,
 * or the all-in-one load that `geometryFor` sends for imported datasets.
 */
export function modelFor(dataset: DistrictDataset): Promise<unknown> {
  return models.get(dataset) ?? geometryFor(dataset)
}
