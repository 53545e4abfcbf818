import type { LngLat, LocalMeters } from './types'

/** WGS84 semi-major axis, metres. */
const EARTH_RADIUS_M = 6_378_137
const DEG = Math.PI / 180

/**
 * A projection from WGS84 degrees to east/north metres around `origin`.
 * Local transverse (equirectangular at the origin's latitude, with the meridian scale
 * corrected per point): error stays below 0.1 % within ~20 km of the origin, a whole city.
 */
export interface LocalProjection {
  readonly origin: LngLat
  toLocal(p: LngLat): LocalMeters
  toLngLat(p: readonly [number, number]): LngLat
}

/** Create the local projection used for all geometry of one dataset; project once, at load. */
export function createLocalProjection(origin: LngLat): LocalProjection {
  const [lng0, lat0] = origin
  if (!Number.isFinite(lng0) || !Number.isFinite(lat0) || Math.abs(lat0) > 85) {
    throw new RangeError(`invalid projection origin ${String(lng0)},${String(lat0)}`)
  }
  const cosLat0 = Math.cos(lat0 * DEG)
  return {
    origin,
    toLocal([lng, lat]) {
      const east = (lng - lng0) * DEG * EARTH_RADIUS_M * Math.cos(((lat + lat0) / 2) * DEG)
      const north = (lat - lat0) * DEG * EARTH_RADIUS_M
      return [east, north] as unknown as LocalMeters
    },
    toLngLat([east, north]) {
      const lat = lat0 + north / EARTH_RADIUS_M / DEG
      const cosMid = Math.cos(((lat + lat0) / 2) * DEG) || cosLat0
      return [lng0 + east / (EARTH_RADIUS_M * cosMid) / DEG, lat]
    },
  }
}
