import type { BuildingFeature, ContextFeature, DistrictDataset } from '@/domain/buildings/types'
import { datasetOrigin } from '@/domain/dataset/origin'
import { createLocalProjection } from '@/domain/geo/projection'
import type { LngLat } from '@/domain/geo/types'
import { prepareFootprints, type FootprintSet } from '@/geometry/footprints'
import { buildGroundBuffers, type GroundBuffers } from '@/geometry/groundBuffers'
import { buildMeshBuffers } from '@/geometry/meshBuffers'

import type { SceneGeometry } from './districtProtocol'

/**
 * The cheap half of the scene geometry, done where the dataset is already parsed: footprints
 * projected and packed into typed arrays (to transfer to the worker for extrusion) and the
 * flat ground layers.
 */
export function prepareSceneInputs(dataset: DistrictDataset): {
  footprints: FootprintSet
  ground: GroundBuffers
  origin: LngLat
} {
  const origin = datasetOrigin(dataset.metadata)
  const projection = createLocalProjection(origin)
  const buildings: BuildingFeature[] = []
  const context: ContextFeature[] = []
  for (const f of dataset.features) {
    if (f.properties.kind === 'building') buildings.push(f as BuildingFeature)
    else context.push(f as ContextFeature)
  }
  return {
    footprints: prepareFootprints(buildings, projection),
    ground: buildGroundBuffers(context, projection),
    origin,
  }
}

/** Build everything the 3D scene draws for a dataset (pure; runs in the worker or in tests). */
export function buildSceneGeometry(dataset: DistrictDataset): SceneGeometry {
  const origin = datasetOrigin(dataset.metadata)
  const projection = createLocalProjection(origin)
  const buildings: BuildingFeature[] = []
  const context: ContextFeature[] = []
  for (const f of dataset.features) {
    if (f.properties.kind === 'building') buildings.push(f as BuildingFeature)
    else context.push(f as ContextFeature)
  }
  const footprints = prepareFootprints(buildings, projection)
  return {
    buffers: buildMeshBuffers(footprints),
    ground: buildGroundBuffers(context, projection),
    origin,
  }
}
