import type { DistrictDataset } from '@/domain/buildings/types'
import { datasetOrigin } from '@/domain/dataset/origin'
import { datasetParts, type DatasetParts } from '@/domain/dataset/packedDataset'
import { idsOf, valuesOf } from '@/domain/dataset/propertyColumns'
import { createLocalProjection } from '@/domain/geo/projection'
import type { LngLat } from '@/domain/geo/types'

import { prepareFootprintsPacked } from './footprints'
import { buildGroundBuffers } from './groundBuffers'
import type { GroundBuffers } from './groundBuffers'
import { buildMeshBuffers } from './meshBuffers'
import type { MeshBuffers } from './meshBuffers'
import { drawnFootprints } from './partsGeometry'

/**
 * What the 3D scene draws for a dataset: typed arrays, transferred rather than copied. Building
 * `i` of the mesh is building `i` of the dataset (ids are not sent: the page gets them with
 * the dataset's properties).
 */
export interface SceneGeometry {
  buffers: MeshBuffers
  ground: GroundBuffers
  /** The local origin the coordinates are relative to. */
  origin: LngLat
  /** The dataset's [west, south, east, north], degrees: frames the home view. */
  bbox: [number, number, number, number]
}

/** Build everything the 3D scene draws for a dataset (pure; runs in the worker or in tests). */
export function buildSceneGeometry(dataset: DistrictDataset): SceneGeometry {
  return buildSceneFromParts(datasetParts(dataset))
}

/** The scene of a dataset taken apart (`datasetParts`): footprints read from packed arrays. */
export function buildSceneFromParts(parts: DatasetParts): SceneGeometry {
  const origin = datasetOrigin(parts.metadata)
  const projection = createLocalProjection(origin)
  const props = parts.properties
  const heights = valuesOf(props, 'height_m') as number[]
  const drawn = drawnFootprints(parts.geometry, valuesOf(props, 'parts'), heights)
  const footprints = prepareFootprintsPacked(
    drawn?.packed ?? parts.geometry,
    heights,
    idsOf(props),
    projection,
    drawn?.span,
  )
  return {
    buffers: buildMeshBuffers(footprints),
    ground: buildGroundBuffers(parts.context, projection),
    origin,
    bbox: parts.metadata.bbox,
  }
}
