import type { BuildingFeature } from '../buildings/types'
import { buildingIdOf } from '../dataset/packedDataset'

/** Even-odd test of a point against a closed ring (any orientation), both in lng/lat. */
export function pointInRing(x: number, y: number, ring: readonly (readonly number[])[]): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i]?.[0] ?? 0
    const yi = ring[i]?.[1] ?? 0
    const xj = ring[j]?.[0] ?? 0
    const yj = ring[j]?.[1] ?? 0
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

/** Vertex average of a building's first outer ring (closing point excluded), lng/lat. */
export function footprintCentre(f: BuildingFeature): [number, number] {
  const ring =
    f.geometry.type === 'Polygon' ? f.geometry.coordinates[0] : f.geometry.coordinates[0]?.[0]
  const pts = ring ?? []
  const n = Math.max(1, pts.length - 1)
  let lng = 0
  let lat = 0
  for (let k = 0; k < n; k++) {
    lng += pts[k]?.[0] ?? 0
    lat += pts[k]?.[1] ?? 0
  }
  return [lng / n, lat / n]
}

/** Ids of the buildings whose footprint centre lies inside a lasso drawn in lng/lat. */
export function idsInsideLasso(
  buildings: readonly BuildingFeature[],
  lasso: readonly (readonly number[])[],
): string[] {
  if (lasso.length < 3) return []
  return buildings
    .filter((f) => {
      const [x, y] = footprintCentre(f)
      return pointInRing(x, y, lasso)
    })
    .map(buildingIdOf)
}
