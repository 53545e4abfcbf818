import type { BuildingFeature } from '@/domain/buildings/types'
import type { LocalProjection } from '@/domain/geo/projection'

/**
 * All building footprints of a dataset projected once to local metres (east, north), packed
 * into flat typed arrays: buildings → polygons → rings → points. Closing points are dropped.
 */
export interface FootprintSet {
  /** east, north pairs in metres from the projection origin. */
  coords: Float64Array
  /** Per ring: index of its first point; one extra entry closes the last ring. */
  ringStart: Uint32Array
  /** Per polygon: index of its first ring (the outer one); one extra entry at the end. */
  polygonRingStart: Uint32Array
  /** Per building: index of its first polygon; one extra entry at the end. */
  buildingPolygonStart: Uint32Array
  /** Per building: height from ground to roof top, metres. */
  heightM: Float32Array
  /** Per building: OSM id, in the same order. */
  ids: string[]
}

/** Distinct points of a GeoJSON ring (closing duplicate and repeated points removed). */
function ringPoints(ring: readonly (readonly number[])[]): (readonly number[])[] {
  const out: (readonly number[])[] = []
  for (const p of ring) {
    const last = out[out.length - 1]
    if (p.length < 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) continue
    if (last && last[0] === p[0] && last[1] === p[1]) continue
    out.push(p)
  }
  const first = out[0]
  const last = out[out.length - 1]
  if (out.length > 1 && first && last && first[0] === last[0] && first[1] === last[1]) out.pop()
  return out
}

/**
 * Project and pack building features. Rings with fewer than 3 distinct points are dropped
 * (a polygon whose outer ring is dropped goes with it); a building left with no polygon keeps
 * its index so ids and indices stay aligned, and simply draws nothing.
 */
export function prepareFootprints(
  features: readonly BuildingFeature[],
  projection: LocalProjection,
): FootprintSet {
  const coords: number[] = []
  const ringStart: number[] = []
  const polygonRingStart: number[] = []
  const buildingPolygonStart: number[] = []
  const heightM = new Float32Array(features.length)
  const ids: string[] = []
  features.forEach((f, b) => {
    buildingPolygonStart.push(polygonRingStart.length)
    heightM[b] = f.properties.height_m
    ids.push(f.properties.id)
    const g = f.geometry
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates
    for (const polygon of polygons) {
      const rings = polygon.map(ringPoints)
      if (!rings[0] || rings[0].length < 3) continue
      polygonRingStart.push(ringStart.length)
      for (const ring of rings) {
        if (ring.length < 3) continue
        ringStart.push(coords.length / 2)
        for (const p of ring) {
          const [e, n] = projection.toLocal([p[0] ?? 0, p[1] ?? 0])
          coords.push(e, n)
        }
      }
    }
  })
  buildingPolygonStart.push(polygonRingStart.length)
  polygonRingStart.push(ringStart.length)
  ringStart.push(coords.length / 2)
  return {
    coords: Float64Array.from(coords),
    ringStart: Uint32Array.from(ringStart),
    polygonRingStart: Uint32Array.from(polygonRingStart),
    buildingPolygonStart: Uint32Array.from(buildingPolygonStart),
    heightM,
    ids,
  }
}
