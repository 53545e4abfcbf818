import polygonClipping from 'polygon-clipping'
import type { MultiPolygon as PcMultiPolygon, Polygon as PcPolygon } from 'polygon-clipping'

import type { MultiPolygonGeometry, PolygonGeometry } from '../buildings/types'
import { createLocalProjection } from '../geo/projection'

/** A ring as [lng, lat] pairs, closed (first = last). */
type Ring = [number, number][]

/** Smallest footprint kept, m²: anything smaller is a digitising slip, not a building. */
export const MIN_FOOTPRINT_M2 = 1
/**
 * Two areas (m²) differ when they differ by more than this fraction (or 0.05 m²): how a real
 * crossing or an overlap is told from the rounding of the clipping library.
 */
const AREA_TOLERANCE = 1e-4
const AREA_TOLERANCE_M2 = 0.05

/** One input ring and what to call it in the report (`way/12`, `way/12 + way/13`). */
export interface RingInput {
  coords: readonly unknown[]
  label: string
}

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

/** Planar area of a polygon-clipping multipolygon (holes subtracted), m², around `origin`. */
function areaOf(mp: PcMultiPolygon, origin: readonly [number, number]): number {
  const proj = createLocalProjection(origin)
  let sum = 0
  for (const poly of mp) {
    poly.forEach((ring, i) => {
      const a = Math.abs(ringArea(ring as Ring, proj.toLocal))
      sum += i === 0 ? a : -a
    })
  }
  return sum
}

/** Signed shoelace area of a closed ring (positive = counter-clockwise), m². */
function ringArea(ring: Ring, toLocal: (p: [number, number]) => readonly number[]): number {
  let sum = 0
  let prev: readonly number[] | null = null
  for (const p of ring) {
    const cur = toLocal(p)
    if (prev) sum += (prev[0] ?? 0) * (cur[1] ?? 0) - (cur[0] ?? 0) * (prev[1] ?? 0)
    prev = cur
  }
  return sum / 2
}

const differ = (a: number, b: number): boolean =>
  Math.abs(a - b) > Math.max(AREA_TOLERANCE_M2, AREA_TOLERANCE * Math.max(a, b))

/**
 * Clean one ring: drop invalid positions and extra coordinates (altitude), remove duplicate
 * consecutive nodes and close it. Returns why when fewer than 3 distinct points remain.
 */
function cleanRing(raw: readonly unknown[], repairs: Set<string>): Ring | string {
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
  const start = pts[0]
  return start ? [...pts, [start[0], start[1]]] : 'ring has no points'
}

/** Largest ring checked by hand for simplicity; longer ones always go through the library. */
const SIMPLE_CHECK_MAX_POINTS = 64

/** Do segments ab and cd cross or touch (collinear overlaps included)? */
function segmentsMeet(a: Ring[number], b: Ring[number], c: Ring[number], d: Ring[number]): boolean {
  const o = (p: Ring[number], q: Ring[number], r: Ring[number]): number =>
    Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]))
  const d1 = o(a, b, c)
  const d2 = o(a, b, d)
  const d3 = o(c, d, a)
  const d4 = o(c, d, b)
  if (d1 !== d2 && d3 !== d4 && d1 !== 0 && d2 !== 0 && d3 !== 0 && d4 !== 0) return true
  const on = (p: Ring[number], q: Ring[number], r: Ring[number]): boolean =>
    Math.min(p[0], q[0]) <= r[0] &&
    r[0] <= Math.max(p[0], q[0]) &&
    Math.min(p[1], q[1]) <= r[1] &&
    r[1] <= Math.max(p[1], q[1])
  return (
    (d1 === 0 && on(a, b, c)) ||
    (d2 === 0 && on(a, b, d)) ||
    (d3 === 0 && on(c, d, a)) ||
    (d4 === 0 && on(c, d, b))
  )
}

/**
 * True for a short ring whose edges meet only where neighbours share a node: the common
 * case (a block's rectangle), which needs no boolean operation at all. Conservative: any
 * touch sends the ring through polygon-clipping.
 */
function isSimpleRing(ring: Ring): boolean {
  const n = ring.length - 1
  if (n > SIMPLE_CHECK_MAX_POINTS) return false
  for (let i = 0; i < n; i++) {
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue
      const [a, b, c, d] = [ring[i], ring[i + 1], ring[j], ring[j + 1]]
      if (!a || !b || !c || !d || segmentsMeet(a, b, c, d)) return false
    }
  }
  return true
}

/**
 * The area a ring encloses, as polygon-clipping reads it: a ring touching itself at a node
 * keeps both lobes (or the hole it closes around); a ring that really crosses itself (a
 * bow-tie) is split at the crossing into its simple pieces.
 */
const fillRing = (ring: Ring): PcMultiPolygon => polygonClipping.union([ring] as PcPolygon)

/**
 * Build a valid area from outer and inner rings, as OSM and OGC define validity: rings may
 * touch themselves and each other at points (kept as they are); a ring that really crosses
 * itself is split at the crossing; overlapping outers are unioned; holes are the union of
 * the inners and are only ever subtracted (a repair never turns a hole into floor). Boolean
 * operations are done by `polygon-clipping` (Martinez–Rueda sweep with robust predicates).
 * Each repair is one line naming the ring (`label`). Drops (with a reason) areas whose every
 * outer ring has < 3 distinct points, that lie outside WGS84, or that are smaller than 1 m².
 * Never throws.
 */
export function buildArea(
  outers: readonly RingInput[],
  inners: readonly RingInput[],
): RepairedFootprint | DroppedFootprint {
  const repairs = new Set<string>()
  const outerRings: { ring: Ring; label: string }[] = []
  let lastReason = 'no outer ring'
  for (const o of outers) {
    const r = cleanRing(o.coords, repairs)
    if (typeof r === 'string') {
      lastReason = `outer ${r}`
      if (outers.length > 1) repairs.add(`removed outer ${o.label}: ${r}`)
    } else outerRings.push({ ring: r, label: o.label })
  }
  if (outerRings.length === 0) return { ok: false, reason: lastReason }
  const innerRings: { ring: Ring; label: string }[] = []
  for (const h of inners) {
    const r = cleanRing(h.coords, repairs)
    if (typeof r === 'string') repairs.add(`removed a hole: ${r}`)
    else innerRings.push({ ring: r, label: h.label })
  }
  const firstOuter = outerRings[0]
  const origin = firstOuter?.ring[0]
  if (!firstOuter || !origin) return { ok: false, reason: lastReason }
  const proj = createLocalProjection(origin)

  if (outerRings.length === 1 && innerRings.length === 0 && isSimpleRing(firstOuter.ring)) {
    const only: PcMultiPolygon = [[firstOuter.ring]]
    const areaM2 = areaOf(only, origin)
    if (areaM2 < MIN_FOOTPRINT_M2) {
      return { ok: false, reason: `footprint area below ${MIN_FOOTPRINT_M2} m²` }
    }
    return {
      ok: true,
      geometry: toGeometry(only, proj.toLocal),
      areaM2: Math.round(areaM2 * 10) / 10,
      repairs: [...repairs],
    }
  }
  try {
    const fill = (x: { ring: Ring; label: string }, what: string): PcMultiPolygon => {
      const f = fillRing(x.ring)
      if (differ(areaOf(f, origin), Math.abs(ringArea(x.ring, proj.toLocal)))) {
        repairs.add(`${what} ${x.label} crosses itself; split at the crossing`)
      }
      return f
    }
    const outerFills = outerRings.map((o) => fill(o, 'outer'))
    const [firstFill = [], ...moreFills] = outerFills
    let floor: PcMultiPolygon = firstFill
    if (moreFills.length > 0) {
      floor = polygonClipping.union(firstFill, ...moreFills)
      const sum = outerFills.reduce((s, f) => s + areaOf(f, origin), 0)
      if (differ(sum, areaOf(floor, origin))) {
        repairs.add(
          `overlapping outers unioned (${overlappingPairs(outerRings, outerFills, origin)})`,
        )
      }
    }
    if (innerRings.length > 0) {
      const holes = innerRings.map((h) => fill(h, 'inner'))
      const before = areaOf(floor, origin)
      const holeArea = holes.reduce((s, f) => s + areaOf(f, origin), 0)
      floor = polygonClipping.difference(floor, ...holes)
      if (differ(before - areaOf(floor, origin), holeArea)) {
        repairs.add(
          'an inner ring overlaps another or lies partly outside the outers; only its overlap is a hole',
        )
      }
    }
    const areaM2 = areaOf(floor, origin)
    if (floor.length === 0 || areaM2 < MIN_FOOTPRINT_M2) {
      return { ok: false, reason: `footprint area below ${MIN_FOOTPRINT_M2} m²` }
    }
    return {
      ok: true,
      geometry: toGeometry(floor, proj.toLocal),
      areaM2: Math.round(areaM2 * 10) / 10,
      repairs: [...repairs],
    }
  } catch (e) {
    return {
      ok: false,
      reason: `geometry could not be made valid (${e instanceof Error ? e.message : 'unknown'})`,
    }
  }
}

/** `way/1 and way/2` for each pair of outers that overlap, for the report. */
function overlappingPairs(
  rings: readonly { label: string }[],
  fills: readonly PcMultiPolygon[],
  origin: readonly [number, number],
): string {
  const pairs: string[] = []
  fills.forEach((a, i) => {
    fills.slice(i + 1).forEach((b, k) => {
      if (pairs.length >= 5) return
      if (areaOf(polygonClipping.intersection(a, b), origin) > AREA_TOLERANCE_M2) {
        pairs.push(`${rings[i]?.label ?? '?'} and ${rings[i + 1 + k]?.label ?? '?'}`)
      }
    })
  })
  return pairs.join(', ')
}

/** GeoJSON geometry with RFC 7946 winding (outer counter-clockwise, holes clockwise). */
function toGeometry(
  mp: PcMultiPolygon,
  toLocal: (p: [number, number]) => readonly number[],
): PolygonGeometry | MultiPolygonGeometry {
  const polys = mp.map((poly) =>
    poly.map((ring, i) => {
      const r = ring.map((p) => [p[0], p[1]] as [number, number])
      const ccw = ringArea(r, toLocal) > 0
      return ccw === (i === 0) ? r : r.reverse()
    }),
  )
  return polys.length === 1 && polys[0]
    ? { type: 'Polygon', coordinates: polys[0] }
    : { type: 'MultiPolygon', coordinates: polys }
}

/**
 * Validate and repair a GeoJSON building footprint (Polygon or MultiPolygon in WGS84; a
 * LineString, i.e. an unclosed OSM way, is treated as one unclosed ring) with `buildArea`:
 * the first ring of each polygon is an outer, the others its holes. Repairs: invalid
 * positions removed, duplicate consecutive nodes removed, rings closed, real crossings split,
 * overlapping polygons unioned, holes with < 3 points removed, winding set to RFC 7946.
 * Never throws.
 */
export function repairFootprint(geometry: unknown): RepairedFootprint | DroppedFootprint {
  const g = geometry as { type?: unknown; coordinates?: unknown } | null
  if (g === null || typeof g !== 'object') return { ok: false, reason: 'no geometry' }
  let polys: unknown[]
  if (g.type === 'Polygon') polys = [g.coordinates]
  else if (g.type === 'MultiPolygon' && Array.isArray(g.coordinates)) polys = g.coordinates
  else if (g.type === 'LineString') polys = [[g.coordinates]]
  else return { ok: false, reason: `geometry type ${String(g.type)} is not an area` }
  const outers: RingInput[] = []
  const inners: RingInput[] = []
  polys.forEach((p, i) => {
    if (!Array.isArray(p)) return
    p.forEach((ring: unknown, j) => {
      if (!Array.isArray(ring)) return
      const label = polys.length > 1 ? `polygon ${i + 1} ring ${j + 1}` : `ring ${j + 1}`
      ;(j === 0 ? outers : inners).push({ coords: ring, label })
    })
  })
  if (outers.length === 0) return { ok: false, reason: 'polygon has no rings' }
  return buildArea(outers, inners)
}
