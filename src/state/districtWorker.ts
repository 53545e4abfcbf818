import type { DistrictDataset } from '@/domain/buildings/types'
import type { SceneGeometry } from '@/geometry/sceneGeometry'
import { createDistrictClient, type DistrictClient } from '@/workers/districtClient'

let client: DistrictClient | null = null
/** The district worker, started once and kept (it is reused for every dataset). */
export const districtClient = () => (client ??= createDistrictClient())

/**
 * Scene geometry by version, kept here, not in the store: the store holds only the version
 * number (`geometryVersion`), the scene looks the typed arrays up. Only the latest is kept.
 */
let latest: { version: number; geometry: SceneGeometry; dataset: DistrictDataset | null } | null =
  null
let nextVersion = 1

/** Keep the geometry the worker sent; returns its version for the store. */
export function registerGeometry(geometry: SceneGeometry): number {
  latest = { version: nextVersion++, geometry, dataset: null }
  return latest.version
}

/** The dataset whose buildings geometry `version` draws (its ids pick them). */
export function linkGeometry(version: number, dataset: DistrictDataset): void {
  if (latest?.version === version) latest = { ...latest, dataset }
}

export const geometryOf = (version: number): SceneGeometry | null =>
  latest?.version === version ? latest.geometry : null

export const datasetOfGeometry = (version: number): DistrictDataset | null =>
  latest?.version === version ? latest.dataset : null

const ready = new WeakMap<DistrictDataset, Promise<unknown>>()

/** Remember when the worker's session for this dataset may start work (after the first frame). */
export function registerReady(dataset: DistrictDataset, when: Promise<unknown>): void {
  ready.set(dataset, when)
}

/** Resolves once energy requests about `dataset` may be sent. */
export const readyFor = (dataset: DistrictDataset): Promise<unknown> =>
  ready.get(dataset) ?? Promise.resolve()
