import type { DistrictDataset } from '@/domain/buildings/types'
import { datasetOrigin } from '@/domain/dataset/origin'
import { datasetParts, type DatasetParts } from '@/domain/dataset/packedDataset'
import { createLocalProjection } from '@/domain/geo/projection'
import { prepareFootprintsPacked } from '@/geometry/footprints'
import { buildGroundBuffers } from '@/geometry/groundBuffers'
import { buildMeshBuffers } from '@/geometry/meshBuffers'

import type { SceneGeometry } from './districtProtocol'

/** Build everything the 3D scene draws for a dataset (pure; runs in the worker or in tests). */
export function buildSceneGeometry(dataset: DistrictDataset): SceneGeometry {
  return buildSceneFromParts(datasetParts(dataset))
}

/** The scene of a dataset taken apart (`datasetParts`): footprints read from packed arrays. */
export function buildSceneFromParts(parts: DatasetParts): SceneGeometry {
  const origin = datasetOrigin(parts.metadata)
  const projection = createLocalProjection(origin)
  const props = parts.properties
  const footprints = prepareFootprintsPacked(
    parts.geometry,
    props.map((p) => p.height_m),
    props.map((p) => p.id),
    projection,
  )
  return {
    buffers: buildMeshBuffers(footprints),
    ground: buildGroundBuffers(parts.context, projection),
    origin,
    bbox: parts.metadata.bbox,
  }
}
