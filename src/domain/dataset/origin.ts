import type { LngLat } from '../geo/types'
import type { DatasetMetadata } from '../buildings/types'

/**
 * The local metric origin of a dataset: the centre of its bbox. Every view (3D scene, plan
 * view, energy geometry) projects around this one point so their metres agree.
 */
export function datasetOrigin(metadata: Pick<DatasetMetadata, 'bbox'>): LngLat {
  const [w, s, e, n] = metadata.bbox
  return [(w + e) / 2, (s + n) / 2]
}

/** Diagonal of the dataset's bbox in metres (at least 300 m), to frame the home view. */
export function datasetSizeM(metadata: Pick<DatasetMetadata, 'bbox'> | undefined): number {
  if (!metadata) return 1500
  const [w, s, e, n] = metadata.bbox
  const latM = (n - s) * 111_320
  const lngM = (e - w) * 111_320 * Math.cos((((n + s) / 2) * Math.PI) / 180)
  return Math.max(300, Math.hypot(latM, lngM))
}
