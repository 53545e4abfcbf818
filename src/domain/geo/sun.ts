import { getPosition } from 'suncalc'

import type { LngLat } from './types'

/** Unit vector towards the sun in the local frame, and its altitude in radians. */
export interface SunDirection {
  east: number
  north: number
  up: number
  altitudeRad: number
}

const DEG = Math.PI / 180

/**
 * Direction to the sun at `date` seen from `at` (suncalc 2: altitude and azimuth in degrees,
 * azimuth clockwise from north).
 */
export function sunDirection(date: Date, at: LngLat): SunDirection {
  const position = getPosition(date, at[1], at[0])
  const altitude = position.altitude * DEG
  const bearing = position.azimuth * DEG
  const horizontal = Math.cos(altitude)
  return {
    east: Math.sin(bearing) * horizontal,
    north: Math.cos(bearing) * horizontal,
    up: Math.sin(altitude),
    altitudeRad: altitude,
  }
}
