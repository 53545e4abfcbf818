import type { BuildingPart, PolygonGeometry } from '@/domain/buildings/types'
import type { PackedGeometry } from '@/domain/dataset/packedDataset'

/** What the scene draws for a dataset whose buildings may have Simple 3D Buildings parts. */
export interface DrawnFootprints {
  /** Per building: its parts' polygons where it has parts, else its own footprint. */
  packed: PackedGeometry
  /** Per polygon of `packed`: base and top above ground, metres (two floats per polygon). */
  span: Float32Array
}

const finiteOr = (x: unknown, fallback: number): number =>
  typeof x === 'number' && Number.isFinite(x) ? x : fallback

type Rings = PolygonGeometry['coordinates']

const isRings = (x: unknown): x is Rings =>
  Array.isArray(x) && x.every((ring) => Array.isArray(ring) && ring.every(Array.isArray))

/**
 * A part's polygons, or none when its geometry is not a well-formed Polygon/MultiPolygon
 * (parts come from a dataset file whose validator checks the outlines, not the parts).
 */
function polygonsOf(part: BuildingPart): Rings[] {
  const g = (part as { geometry?: unknown }).geometry as Partial<BuildingPart['geometry']> | null
  if (g?.type === 'Polygon') return isRings(g.coordinates) ? [g.coordinates] : []
  if (g?.type === 'MultiPolygon' && Array.isArray(g.coordinates)) {
    return g.coordinates.every(isRings) ? g.coordinates : []
  }
  return []
}

/** The parts of a building that have drawable polygons (none: draw its own footprint). */
const drawableParts = (parts: unknown): BuildingPart[] =>
  Array.isArray(parts)
    ? (parts as BuildingPart[]).filter((part) => polygonsOf(part).length > 0)
    : []

/**
 * The footprints to extrude: a building with `parts` is drawn from its parts' polygons, each
 * from its own base to its own top (Simple 3D Buildings: the outline is then not drawn), and
 * keeps its building index, so picking and colouring still address the outline. Null when no
 * building has parts, so ordinary datasets keep their packed arrays as they are.
 */
export function drawnFootprints(
  packed: PackedGeometry,
  /** Each building's `parts` property (undefined where it has none). */
  partsProperty: readonly unknown[],
  /** Each building's `height_m`: the top of a part that has no height of its own. */
  heights: readonly unknown[],
): DrawnFootprints | null {
  const partsOf = partsProperty.map(drawableParts)
  if (!partsOf.some((parts) => parts.length > 0)) return null
  // Counting pass, then one writing pass into typed arrays (most buildings are copied ranges).
  let polygons = 0
  let rings = 0
  let points = 0
  partsOf.forEach((parts, b) => {
    if (parts.length > 0) {
      for (const part of parts) {
        for (const polygon of polygonsOf(part)) {
          polygons++
          rings += polygon.length
          for (const ring of polygon) points += ring.length
        }
      }
      return
    }
    const p0 = packed.buildingPolygonStart[b]!
    const p1 = packed.buildingPolygonStart[b + 1]!
    polygons += p1 - p0
    rings += packed.polygonRingStart[p1]! - packed.polygonRingStart[p0]!
    points +=
      packed.ringStart[packed.polygonRingStart[p1]!]! -
      packed.ringStart[packed.polygonRingStart[p0]!]!
  })

  const coords = new Float64Array(points * 2)
  const ringStart = new Uint32Array(rings + 1)
  const polygonRingStart = new Uint32Array(polygons + 1)
  const buildingPolygonStart = new Uint32Array(partsOf.length + 1)
  const span = new Float32Array(polygons * 2)
  let pt = 0
  let r = 0
  let p = 0
  partsOf.forEach((parts, b) => {
    buildingPolygonStart[b] = p
    const height = finiteOr(heights[b], 0)
    if (parts.length === 0) {
      for (let q = packed.buildingPolygonStart[b]!; q < packed.buildingPolygonStart[b + 1]!; q++) {
        polygonRingStart[p] = r
        span[p * 2 + 1] = height
        p++
        for (let s = packed.polygonRingStart[q]!; s < packed.polygonRingStart[q + 1]!; s++) {
          ringStart[r++] = pt
          const i0 = packed.ringStart[s]!
          const i1 = packed.ringStart[s + 1]!
          coords.set(packed.coords.subarray(i0 * 2, i1 * 2), pt * 2)
          pt += i1 - i0
        }
      }
      return
    }
    for (const part of parts) {
      const base = Math.max(0, finiteOr(part.min_height_m, 0))
      const top = Math.max(base, finiteOr(part.height_m, height))
      for (const polygon of polygonsOf(part)) {
        polygonRingStart[p] = r
        span[p * 2] = base
        span[p * 2 + 1] = top
        p++
        for (const ring of polygon) {
          ringStart[r++] = pt
          for (const c of ring) {
            coords[pt * 2] = finiteOr(c[0], Number.NaN)
            coords[pt * 2 + 1] = finiteOr(c[1], Number.NaN)
            pt++
          }
        }
      }
    }
  })
  buildingPolygonStart[partsOf.length] = p
  polygonRingStart[p] = r
  ringStart[r] = pt
  const multi = new Uint8Array(partsOf.length).fill(1)
  return { packed: { coords, ringStart, polygonRingStart, buildingPolygonStart, multi }, span }
}
