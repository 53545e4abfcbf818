import type { BuildingFeature } from '@/domain/buildings/types'
import { datasetOrigin } from '@/domain/dataset/origin'
import { createLocalProjection } from '@/domain/geo/projection'
import type { LngLat } from '@/domain/geo/types'

import { selectDataset } from './selectors'
import { useAppStore } from './store'
import { buildingIdOf, isBuildingFeature } from '@/domain/dataset/packedDataset'

/** How close a found block is shown: a few blocks around it stay in view. */
const FOCUS_DISTANCE_M = 320

/** Fly the camera to look at a point of the district, keeping the current heading and tilt. */
export function focusPoint(at: LngLat): void {
  const s = useAppStore.getState()
  const dataset = selectDataset(s)
  if (!dataset) return
  const [east, north] = createLocalProjection(datasetOrigin(dataset.metadata)).toLocal(at)
  const from = s.camera
  s.flyTo({
    targetEastM: east,
    targetNorthM: north,
    distanceM: FOCUS_DISTANCE_M,
    azimuthRad: from?.azimuthRad ?? (-20 * Math.PI) / 180,
    tiltRad: from?.tiltRad ?? (50 * Math.PI) / 180,
  })
}

/** Select a block and fly to it, as finding it by its address does. */
export function focusBuilding(id: string): void {
  const s = useAppStore.getState()
  const f = selectDataset(s)?.features.find(
    (b): b is BuildingFeature => isBuildingFeature(b) && buildingIdOf(b) === id,
  )
  if (!f) return
  s.selectBuilding(id)
  const ring = (
    f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates[0]
  )?.[0]
  if (!ring || ring.length === 0) return
  let lng = 0
  let lat = 0
  for (const p of ring) {
    lng += p[0] ?? 0
    lat += p[1] ?? 0
  }
  focusPoint([lng / ring.length, lat / ring.length])
}
