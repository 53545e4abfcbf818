import { kinks } from '@turf/kinks'
import { unkinkPolygon } from '@turf/unkink-polygon'

import type { MultiPolygonGeometry, PolygonGeometry } from '../buildings/types'
import { createLocalProjection } from '../geo/projection'

/** A ring as [lng, lat] pairs, closed (first = last). */
type Ring = [number, number][]

/** Smallest footprint kept, m²: anything smaller is a digitising slip, not a building. */
export const MIN_FOOTPRINT_M2 = 1

/** A footprint that could be used, possibly after repairs (each with a one-line reason). */
export interface RepairedFootprint {
  ok: true
  geometry: PolygonGeometry | MultiPolygonGeometry
  /** Planar footprint area, m² (outer rings minus holes, in a local projection). */
  areaM2: number
  repairs: string[]
}

/** A footprint that had to be dropped, with the reason. */
export interface DroppedFootprint {
  ok: false
  reason: string
}

const isPosition = (p: unknown): p is [number, number] =>
  Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1])

/** Signed planar area of a closed ring in local metres (positive = counter-clockwise), m². */
function signedAreaM2(ring: Ring, origin: readonly [number, number]): number {
  const proj = createLocalProjection(origin)
  let sum = 0
  let prev = proj.toLocal(ring[0] ?? origin)
  for (let i = 1; i < ring.length; i++) {
    const p = ring[i]
    if (p === undefined) continue
    const cur = proj.toLocal(p)
    sum += prev[0] * cur[1] - cur[0] * prev[1]
    prev = cur
  }
  return sum / 2
}

/**
 * Clean one ring: drop invalid positions and extra coordinates (altitude), remove duplicate
 * consecutive nodes and close it. Returns null (with why) when fewer than 3 distinct points remain.
 */
function cleanRing(raw: unknown, repairs: Set<string>): Ring | string {
  if (!Array.isArray(raw)) return 'ring is not an array of positions'
  const pts: [number, number][] = []
  let invalid = 0
  let dupes = 0
  for (const p of raw) {
    if (!isPosition(p)) {
      invalid++
      continue
    }
    const last = pts[pts.length - 1]
    if (last && last[0] === p[0] && last[1] === p[1]) {
      dupes++
      continue
    }
    pts.push([p[0], p[1]])
  }
  const first = pts[0]
  const last = pts[pts.length - 1]
  const closed =
    first !== undefined &&
    last !== undefined &&
    pts.length > 1 &&
    first[0] === last[0] &&
    first[1] === last[1]
  if (closed) pts.pop()
  if (invalid > 0) repairs.add(`removed ${invalid} invalid coordinate(s)`)
  if (dupes > 0) repairs.add(`removed ${dupes} duplicate consecutive node(s)`)
  const distinct = new Set(pts.map((p) => `${p[0]},${p[1]}`)).size
  if (distinct < 3) return `ring has fewer than 3 distinct points (${distinct})`
  if (!closed) repairs.add('closed an unclosed ring')
  for (const [lng, lat] of pts) {
    if (Math.abs(lng) > 180 || Math.abs(lat) > 90) {
      return 'coordinates are outside the WGS84 range (projected CRS?)'
    }
  }
  const ring: Ring = [...pts, [pts[0]?.[0] ?? 0, pts[0]?.[1] ?? 0]]
  return ring
}

/** Orient a ring: counter-clockwise for outers, clockwise for holes (RFC 7946 §3.1.6). */
function orient(ring: Ring, outer: boolean, origin: readonly [number, number]): Ring {
  const ccw = signedAreaM2(ring, origin) > 0
  return ccw === outer ? ring : [...ring].reverse()
}

/** Clean the rings of one polygon; null outer means the polygon is dropped. */
function cleanPolygon(
  rings: unknown,
  repairs: Set<string>,
): { rings: Ring[] } | { reason: string } {
  if (!Array.isArray(rings) || rings.length === 0) return { reason: 'polygon has no rings' }
  const outer = cleanRing(rings[0], repairs)
  if (typeof outer === 'string') return { reason: `outer ${outer}` }
  const out: Ring[] = [outer]
  for (let i = 1; i < rings.length; i++) {
    const hole = cleanRing(rings[i], repairs)
    if (typeof hole === 'string') repairs.add(`removed a hole: ${hole}`)
    else out.push(hole)
  }
  return { rings: out }
}

/** Split self-intersecting polygons into simple ones (turf unkink-polygon). */
function unkink(polys: Ring[][], repairs: Set<string>): Ring[][] | string {
  const out: Ring[][] = []
  for (const rings of polys) {
    const poly = { type: 'Polygon' as const, coordinates: rings }
    if (kinks(poly).features.length === 0) {
      out.push(rings)
      continue
    }
    try {
      const parts = unkinkPolygon(poly).features.map((f) => f.geometry.coordinates as Ring[])
      if (parts.length === 0) return 'self-intersecting ring could not be repaired'
      repairs.add(`split a self-intersecting ring into ${parts.length} part(s)`)
      out.push(...parts)
    } catch (e) {
      return `self-intersecting ring could not be repaired (${e instanceof Error ? e.message : 'unknown'})`
    }
  }
  return out
}

/**
 * Validate and repair a building footprint (GeoJSON Polygon or MultiPolygon in WGS84; a
 * LineString, i.e. an unclosed OSM way, is treated as one unclosed ring). Repairs: invalid
 * positions removed, duplicate consecutive nodes removed, rings closed, self-intersections split,
 * holes with < 3 points removed, winding set to RFC 7946. Drops (with a reason) footprints whose
 * outer ring has < 3 distinct points, that lie outside WGS84, or that are smaller than 1 m².
 * Never throws.
 */
export function repairFootprint(geometry: unknown): RepairedFootprint | DroppedFootprint {
  const repairs = new Set<string>()
  const g = geometry as { type?: unknown; coordinates?: unknown } | null
  let polys: unknown[]
  if (g === null || typeof g !== 'object') return { ok: false, reason: 'no geometry' }
  if (g.type === 'Polygon') polys = [g.coordinates]
  else if (g.type === 'MultiPolygon' && Array.isArray(g.coordinates)) polys = g.coordinates
  else if (g.type === 'LineString') polys = [[g.coordinates]]
  else return { ok: false, reason: `geometry type ${String(g.type)} is not an area` }

  const cleaned: Ring[][] = []
  let lastReason = 'no usable polygon'
  for (const p of polys) {
    const c = cleanPolygon(p, repairs)
    if ('reason' in c) {
      lastReason = c.reason
      if (polys.length > 1) repairs.add(`removed a part: ${c.reason}`)
    } else cleaned.push(c.rings)
  }
  if (cleaned.length === 0) return { ok: false, reason: lastReason }

  const simple = unkink(cleaned, repairs)
  if (typeof simple === 'string') return { ok: false, reason: simple }

  const origin = simple[0]?.[0]?.[0] ?? [0, 0]
  let areaM2 = 0
  const parts: Ring[][] = []
  for (const rings of simple) {
    const oriented = rings.map((r, i) => orient(r, i === 0, origin))
    const area = oriented.reduce((sum, r) => sum + signedAreaM2(r, origin), 0)
    if (area < MIN_FOOTPRINT_M2 / 100) {
      if (simple.length > 1) repairs.add('removed a part with no area')
      continue
    }
    areaM2 += area
    parts.push(oriented)
  }
  if (parts.length === 0 || areaM2 < MIN_FOOTPRINT_M2) {
    return { ok: false, reason: `footprint area below ${MIN_FOOTPRINT_M2} m²` }
  }
  const geometryOut: PolygonGeometry | MultiPolygonGeometry =
    parts.length === 1 && parts[0]
      ? { type: 'Polygon', coordinates: parts[0] }
      : { type: 'MultiPolygon', coordinates: parts }
  return {
    ok: true,
    geometry: geometryOut,
    areaM2: Math.round(areaM2 * 10) / 10,
    repairs: [...repairs],
  }
}
