import type { DistrictDataset } from '@/domain/buildings/types'

/**
 * The open district's dataset, kept here and not in the store: its buildings are
 * `PackedBuildingFeature` instances over the worker's packed footprints, which the plan view,
 * the table and the exports read, but a store holds plain view data only (issue #11). The
 * store's `datasetVersion` names the dataset to show; `selectDataset` looks it up here.
 */
let held: { version: number; dataset: DistrictDataset } | null = null

/** Keep `dataset` as version `version` (null: no district). Only the latest is kept. */
export function holdDataset(version: number, dataset: DistrictDataset | null): void {
  held = dataset ? { version, dataset } : null
}

/** The dataset of `version`, or null when that version has none (or is no longer held). */
export const datasetOfVersion = (version: number): DistrictDataset | null =>
  held?.version === version ? held.dataset : null
