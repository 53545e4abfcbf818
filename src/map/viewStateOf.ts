import type { LngLat } from '@/domain/geo/types'
import { createLocalProjection } from '@/domain/geo/projection'
import type { CameraPose } from '@/state/slices/viewSlice'

/** deck.gl's web-mercator view state (degrees, zoom levels). */
export interface PlanViewState {
  longitude: number
  latitude: number
  zoom: number
  bearing: number
  pitch: number
}

const EARTH_CIRCUMFERENCE_M = 40_075_016.686
/** deck.gl's world is 512 px wide at zoom 0. */
const TILE_PX = 512
const FOV_RAD = (45 * Math.PI) / 180
const DEG = Math.PI / 180

/**
 * Convert the 3D camera pose to the plan view's state (and back), so switching views keeps
 * the place: same target, heading, tilt and ground scale at the target.
 */
export function viewStateOf(
  pose: CameraPose,
  origin: LngLat,
  viewportHeightPx: number,
): PlanViewState {
  const [longitude, latitude] = createLocalProjection(origin).toLngLat([
    pose.targetEastM,
    pose.targetNorthM,
  ])
  const metresPerPx = (2 * pose.distanceM * Math.tan(FOV_RAD / 2)) / Math.max(1, viewportHeightPx)
  const zoom = Math.log2(
    (EARTH_CIRCUMFERENCE_M * Math.cos(latitude * DEG)) / (TILE_PX * metresPerPx),
  )
  return {
    longitude,
    latitude,
    zoom,
    bearing: pose.azimuthRad / DEG,
    pitch: Math.min(60, pose.tiltRad / DEG),
  }
}

/** Ground metres per pixel of the plan view at its centre. */
export function planMetresPerPx(view: PlanViewState): number {
  return (EARTH_CIRCUMFERENCE_M * Math.cos(view.latitude * DEG)) / (TILE_PX * 2 ** view.zoom)
}

export function poseOf(view: PlanViewState, origin: LngLat, viewportHeightPx: number): CameraPose {
  const [east, north] = createLocalProjection(origin).toLocal([view.longitude, view.latitude])
  const metresPerPx = planMetresPerPx(view)
  return {
    targetEastM: east,
    targetNorthM: north,
    distanceM: (metresPerPx * viewportHeightPx) / (2 * Math.tan(FOV_RAD / 2)),
    azimuthRad: view.bearing * DEG,
    tiltRad: view.pitch * DEG,
  }
}
