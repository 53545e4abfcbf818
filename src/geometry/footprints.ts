import type { BuildingFeature } from '@/domain/buildings/types'
import { packGeometry, type PackedGeometry } from '@/domain/dataset/packedDataset'
import type { LocalProjection } from '@/domain/geo/projection'
import type { LngLat } from '@/domain/geo/types'

/**
 * All building footprints of a dataset projected once to local metres (east, north), packed
 * into flat typed arrays: buildings → polygons → rings → points. Closing and repeated points
 * are dropped, and every ring is oriented the same way whatever the input: outer rings
 * counter-clockwise and holes clockwise in the east/north plane, so the material of a ring is
 * always on its left.
 */
export interface FootprintSet {
  /** east, north pairs in metres from the projection origin (local metres). */
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
  /** Per building: minEast, minNorth, maxEast, maxNorth in local metres; NaN with no polygon. */
  bbox: Float64Array
  /**
   * Per building: east, north (local metres) of a roof point that lies on the largest
   * polygon: its area centroid when that is on the roof, else the middle of the widest roof
   * span through it (L-shapes, courtyard blocks). NaN with no polygon.
   */
  roofCentre: Float64Array
  /**
   * Per polygon, when buildings are drawn from parts: base and top above ground, metres (two
   * floats per polygon). Without it every polygon stands from the ground to `heightM`.
   */
  polygonSpan?: Float32Array
  /** Per building, with `polygonSpan`: the top of the polygon its roof point lies on, metres. */
  roofTopM?: Float32Array
}

/** Twice the signed area of ring [start, end) in east/north, m²; > 0 is counter-clockwise. */
export function ringSignedArea2(c: Float64Array, start: number, end: number): number {
  let a = 0
  for (let i = start, j = end - 1; i < end; j = i++) {
    a += c[j * 2]! * c[i * 2 + 1]! - c[i * 2]! * c[j * 2 + 1]!
  }
  return a
}

function reverseRing(c: Float64Array, start: number, end: number): void {
  for (let i = start, j = end - 1; i < j; i++, j--) {
    const e = c[i * 2]!
    const n = c[i * 2 + 1]!
    c[i * 2] = c[j * 2]!
    c[i * 2 + 1] = c[j * 2 + 1]!
    c[j * 2] = e
    c[j * 2 + 1] = n
  }
}

function pointInRing(c: Float64Array, start: number, end: number, x: number, y: number): boolean {
  let inside = false
  for (let i = start, j = end - 1; i < end; j = i++) {
    const xi = c[i * 2]!
    const yi = c[i * 2 + 1]!
    const xj = c[j * 2]!
    const yj = c[j * 2 + 1]!
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

/** Scratch for scanline crossings; reused because the fallback can run for many buildings. */
const _crossings: number[] = []

/**
 * Write a roof point of polygon `p` into `out[at], out[at + 1]`: the area centroid if it is
 * inside the polygon (outside every hole), else the middle of the widest span of the
 * horizontal line through it (always on the roof, unlike the centroid of an L or a courtyard).
 */
function roofPointOf(fp: FootprintSet, p: number, out: Float64Array, at: number): void {
  const c = fp.coords
  const r0 = fp.polygonRingStart[p]!
  const r1 = fp.polygonRingStart[p + 1]!
  // Holes are clockwise, so summing signed contributions over all rings subtracts them.
  let a2 = 0
  let cx = 0
  let cy = 0
  for (let r = r0; r < r1; r++) {
    const s = fp.ringStart[r]!
    const e = fp.ringStart[r + 1]!
    for (let i = s, j = e - 1; i < e; j = i++) {
      const f = c[j * 2]! * c[i * 2 + 1]! - c[i * 2]! * c[j * 2 + 1]!
      a2 += f
      cx += (c[j * 2]! + c[i * 2]!) * f
      cy += (c[j * 2 + 1]! + c[i * 2 + 1]!) * f
    }
  }
  cx /= 3 * a2
  cy /= 3 * a2
  const outerS = fp.ringStart[r0]!
  const outerE = fp.ringStart[r0 + 1]!
  let inside = Number.isFinite(cx) && pointInRing(c, outerS, outerE, cx, cy)
  for (let r = r0 + 1; inside && r < r1; r++) {
    if (pointInRing(c, fp.ringStart[r]!, fp.ringStart[r + 1]!, cx, cy)) inside = false
  }
  if (!inside) {
    if (!Number.isFinite(cy)) {
      let lo = Infinity
      let hi = -Infinity
      for (let i = outerS; i < outerE; i++) {
        lo = Math.min(lo, c[i * 2 + 1]!)
        hi = Math.max(hi, c[i * 2 + 1]!)
      }
      cy = (lo + hi) / 2
    }
    _crossings.length = 0
    for (let r = r0; r < r1; r++) {
      const s = fp.ringStart[r]!
      const e = fp.ringStart[r + 1]!
      for (let i = s, j = e - 1; i < e; j = i++) {
        const yi = c[i * 2 + 1]!
        const yj = c[j * 2 + 1]!
        if (yi > cy !== yj > cy) {
          const xi = c[i * 2]!
          _crossings.push(xi + ((c[j * 2]! - xi) * (cy - yi)) / (yj - yi))
        }
      }
    }
    _crossings.sort((x, y) => x - y)
    let best = -1
    for (let k = 0; k + 1 < _crossings.length; k += 2) {
      const w = _crossings[k + 1]! - _crossings[k]!
      if (w > best) {
        best = w
        cx = (_crossings[k]! + _crossings[k + 1]!) / 2
      }
    }
    if (best < 0) cx = c[outerS * 2]!
  }
  out[at] = cx
  out[at + 1] = cy
}

/**
 * Project and pack building features (WGS84 GeoJSON → local metres), once per dataset.
 * See `prepareFootprintsPacked`, which does the work.
 */
export function prepareFootprints(
  features: readonly BuildingFeature[],
  projection: LocalProjection,
): FootprintSet {
  return prepareFootprintsPacked(
    packGeometry(features),
    features.map((f) => f.properties.height_m),
    features.map((f) => f.properties.id),
    projection,
  )
}

/**
 * Project packed WGS84 footprints to local metres, once per dataset. Rings with fewer than 3
 * distinct points or no area are dropped defensively (the importer already validates); a
 * polygon whose outer ring is dropped goes with its holes; a building left with no polygon
 * keeps its index so ids and indices stay aligned, and draws nothing. Typed arrays in, typed
 * arrays out: no per-point objects beyond the projection's tuple.
 */
export function prepareFootprintsPacked(
  packed: PackedGeometry,
  heights: ArrayLike<number>,
  ids: string[],
  projection: LocalProjection,
  /** Per polygon of `packed`: base and top, metres (see `FootprintSet.polygonSpan`). */
  span?: Float32Array,
): FootprintSet {
  const buildingCount = packed.buildingPolygonStart.length - 1
  const src = packed.coords
  const coords = new Float64Array(src.length)
  const ringStart = new Uint32Array(packed.ringStart.length)
  const polygonRingStart = new Uint32Array(packed.polygonRingStart.length)
  const buildingPolygonStart = new Uint32Array(buildingCount + 1)
  const heightM = Float32Array.from(heights)
  const polygonSpan = span ? new Float32Array(span.length) : undefined
  let pt = 0
  let rings = 0
  let polygonCount = 0

  for (let b = 0; b < buildingCount; b++) {
    buildingPolygonStart[b] = polygonCount
    for (let p = packed.buildingPolygonStart[b]!; p < packed.buildingPolygonStart[b + 1]!; p++) {
      const firstRing = rings
      const firstPt = pt
      const r0 = packed.polygonRingStart[p]!
      const r1 = packed.polygonRingStart[p + 1]!
      for (let r = r0; r < r1; r++) {
        const s = pt
        let lastLng = NaN
        let lastLat = NaN
        for (let i = packed.ringStart[r]!; i < packed.ringStart[r + 1]!; i++) {
          const lng = src[i * 2]!
          const lat = src[i * 2 + 1]!
          if (!Number.isFinite(lng) || !Number.isFinite(lat)) continue
          if (lng === lastLng && lat === lastLat) continue
          lastLng = lng
          lastLat = lat
          const [e, n] = projection.toLocal([lng, lat] as LngLat)
          coords[pt * 2] = e
          coords[pt * 2 + 1] = n
          pt++
        }
        // Drop the GeoJSON closing point (equal after projection because the input was equal).
        if (
          pt - s > 1 &&
          coords[s * 2] === coords[(pt - 1) * 2] &&
          coords[s * 2 + 1] === coords[(pt - 1) * 2 + 1]
        ) {
          pt--
        }
        const a2 = pt - s >= 3 ? ringSignedArea2(coords, s, pt) : 0
        if (!(Math.abs(a2) > 0)) {
          pt = s
          // Without its outer ring a polygon's holes mean nothing: drop the polygon.
          if (r === r0) break
          continue
        }
        if (a2 > 0 !== (r === r0)) reverseRing(coords, s, pt)
        ringStart[rings++] = s
      }
      if (rings === firstRing) {
        pt = firstPt
        continue
      }
      if (polygonSpan && span) {
        polygonSpan[polygonCount * 2] = span[p * 2]!
        polygonSpan[polygonCount * 2 + 1] = span[p * 2 + 1]!
      }
      polygonRingStart[polygonCount++] = firstRing
    }
  }
  buildingPolygonStart[buildingCount] = polygonCount
  polygonRingStart[polygonCount] = rings
  ringStart[rings] = pt

  const fp: FootprintSet = {
    coords: pt * 2 === coords.length ? coords : coords.slice(0, pt * 2),
    ringStart: rings + 1 === ringStart.length ? ringStart : ringStart.slice(0, rings + 1),
    polygonRingStart:
      polygonCount + 1 === polygonRingStart.length
        ? polygonRingStart
        : polygonRingStart.slice(0, polygonCount + 1),
    buildingPolygonStart,
    heightM,
    ids,
    bbox: new Float64Array(buildingCount * 4).fill(Number.NaN),
    roofCentre: new Float64Array(buildingCount * 2).fill(Number.NaN),
  }
  if (polygonSpan) {
    fp.polygonSpan = polygonSpan.slice(0, polygonCount * 2)
    fp.roofTopM = new Float32Array(buildingCount).fill(Number.NaN)
  }
  computeBoundsAndRoofPoints(fp)
  return fp
}

function computeBoundsAndRoofPoints(fp: FootprintSet): void {
  const c = fp.coords
  const buildingCount = fp.heightM.length
  for (let b = 0; b < buildingCount; b++) {
    const p0 = fp.buildingPolygonStart[b]!
    const p1 = fp.buildingPolygonStart[b + 1]!
    if (p0 === p1) continue
    let minE = Infinity
    let minN = Infinity
    let maxE = -Infinity
    let maxN = -Infinity
    // Outer rings bound the building; holes lie inside them.
    let bestArea = -Infinity
    let best = p0
    for (let p = p0; p < p1; p++) {
      const r0 = fp.polygonRingStart[p]!
      const r1 = fp.polygonRingStart[p + 1]!
      for (let i = fp.ringStart[r0]!; i < fp.ringStart[r0 + 1]!; i++) {
        const e = c[i * 2]!
        const n = c[i * 2 + 1]!
        if (e < minE) minE = e
        if (e > maxE) maxE = e
        if (n < minN) minN = n
        if (n > maxN) maxN = n
      }
      let a2 = 0
      for (let r = r0; r < r1; r++) a2 += ringSignedArea2(c, fp.ringStart[r]!, fp.ringStart[r + 1]!)
      if (a2 > bestArea) {
        bestArea = a2
        best = p
      }
    }
    fp.bbox[b * 4] = minE
    fp.bbox[b * 4 + 1] = minN
    fp.bbox[b * 4 + 2] = maxE
    fp.bbox[b * 4 + 3] = maxN
    roofPointOf(fp, best, fp.roofCentre, b * 2)
    if (fp.roofTopM && fp.polygonSpan) fp.roofTopM[b] = fp.polygonSpan[best * 2 + 1]!
  }
}
