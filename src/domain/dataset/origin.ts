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
