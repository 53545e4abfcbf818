import earcut from 'earcut'

import type { FootprintSet } from './footprints'

/**
 * One merged mesh for all buildings (house style §9), in the scene frame:
 * x = east m, y = up m, z = −north m. Each building's vertices are one contiguous range.
 */
export interface MeshBuffers {
  positions: Float32Array
  /** Unit normals × 127 (use as a normalised attribute): a quarter of the bytes of floats. */
  normals: Int8Array
  /** Per vertex: the building's index (exact integers in float32 below 2^24). */
  buildingIndex: Float32Array
  indices: Uint32Array
  /** Per building: x, y, z of the roof point used for labels and `screenPointOf`. NaN if none. */
  roofCentres: Float32Array
  vertexStart: Uint32Array
  vertexCount: Uint32Array
  buildingCount: number
  totalVertices: number
  triangleCount: number
}

/** Twice the signed area of ring [start, end) in east/north; > 0 means counter-clockwise. */
function signedArea2(c: Float64Array, start: number, end: number): number {
  let a = 0
  for (let i = start, j = end - 1; i < end; j = i++) {
    a += c[j * 2]! * c[i * 2 + 1]! - c[i * 2]! * c[j * 2 + 1]!
  }
  return a
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

interface RoofPlan {
  /** Flat east/north coordinates of the polygon, outer ring CCW then holes CW. */
  flat: Float64Array
  holes: number[]
  triangles: number[]
}

/** Triangulate one polygon's roof with consistent orientation (outer CCW, holes CW). */
function planRoof(fp: FootprintSet, polygon: number): RoofPlan {
  const r0 = fp.polygonRingStart[polygon]!
  const r1 = fp.polygonRingStart[polygon + 1]!
  const flat: number[] = []
  const holes: number[] = []
  for (let r = r0; r < r1; r++) {
    const s = fp.ringStart[r]!
    const e = fp.ringStart[r + 1]!
    const ccw = signedArea2(fp.coords, s, e) > 0
    const wantCcw = r === r0
    if (r > r0) holes.push(flat.length / 2)
    if (ccw === wantCcw)
      for (let i = s; i < e; i++) flat.push(fp.coords[i * 2]!, fp.coords[i * 2 + 1]!)
    else for (let i = e - 1; i >= s; i--) flat.push(fp.coords[i * 2]!, fp.coords[i * 2 + 1]!)
  }
  const coords = Float64Array.from(flat)
  const triangles = earcut(coords, holes.length > 0 ? holes : undefined, 2)
  // earcut's output orientation follows the data; force CCW seen from above (front faces up).
  for (let t = 0; t < triangles.length; t += 3) {
    const a = triangles[t]!
    const b = triangles[t + 1]!
    const c = triangles[t + 2]!
    const cross =
      (coords[b * 2]! - coords[a * 2]!) * (coords[c * 2 + 1]! - coords[a * 2 + 1]!) -
      (coords[b * 2 + 1]! - coords[a * 2 + 1]!) * (coords[c * 2]! - coords[a * 2]!)
    if (cross < 0) {
      triangles[t + 1] = c
      triangles[t + 2] = b
    }
  }
  return { flat: coords, holes, triangles }
}

/**
 * Extrude every footprint to its height: one quad per ring edge (flat outward normals, for
 * outer rings and courtyards alike) and an earcut roof. Counting first, then one pass writing
 * into pre-sized typed arrays: no per-vertex objects.
 */
export function buildMeshBuffers(fp: FootprintSet): MeshBuffers {
  const buildingCount = fp.heightM.length
  const polygonCount = fp.polygonRingStart.length - 1
  const roofs: RoofPlan[] = new Array<RoofPlan>(polygonCount)
  let vertices = 0
  let indexCount = 0
  for (let p = 0; p < polygonCount; p++) {
    const roof = planRoof(fp, p)
    roofs[p] = roof
    const points = roof.flat.length / 2
    vertices += points * 4 + points
    indexCount += points * 6 + roof.triangles.length
  }

  const positions = new Float32Array(vertices * 3)
  const normals = new Int8Array(vertices * 3)
  const buildingIndex = new Float32Array(vertices)
  const indices = new Uint32Array(indexCount)
  const roofCentres = new Float32Array(buildingCount * 3).fill(Number.NaN)
  const vertexStart = new Uint32Array(buildingCount)
  const vertexCount = new Uint32Array(buildingCount)
  let v = 0
  let ix = 0

  for (let b = 0; b < buildingCount; b++) {
    vertexStart[b] = v
    const h = fp.heightM[b]!
    let bestArea = -1
    for (let p = fp.buildingPolygonStart[b]!; p < fp.buildingPolygonStart[b + 1]!; p++) {
      const roof = roofs[p]!
      const c = roof.flat
      const points = c.length / 2
      const ringEnds = [...roof.holes, points]
      // Walls: material is on the left of every (re-oriented) ring, so outward is the right.
      let ringFrom = 0
      for (const ringTo of ringEnds) {
        for (let i = ringFrom; i < ringTo; i++) {
          const j = i + 1 < ringTo ? i + 1 : ringFrom
          const ax = c[i * 2]!
          const an = c[i * 2 + 1]!
          const bx = c[j * 2]!
          const bn = c[j * 2 + 1]!
          const len = Math.hypot(bx - ax, bn - an) || 1
          const ne = Math.round(((bn - an) / len) * 127)
          const nn = Math.round((-(bx - ax) / len) * 127)
          const quad = [ax, 0, an, bx, 0, bn, bx, h, bn, ax, h, an]
          for (let k = 0; k < 4; k++) {
            positions[(v + k) * 3] = quad[k * 3]!
            positions[(v + k) * 3 + 1] = quad[k * 3 + 1]!
            positions[(v + k) * 3 + 2] = -quad[k * 3 + 2]!
            normals[(v + k) * 3] = ne
            normals[(v + k) * 3 + 2] = -nn
            buildingIndex[v + k] = b
          }
          indices[ix++] = v
          indices[ix++] = v + 1
          indices[ix++] = v + 2
          indices[ix++] = v
          indices[ix++] = v + 2
          indices[ix++] = v + 3
          v += 4
        }
        ringFrom = ringTo
      }
      // Roof.
      const roofBase = v
      for (let i = 0; i < points; i++) {
        positions[v * 3] = c[i * 2]!
        positions[v * 3 + 1] = h
        positions[v * 3 + 2] = -c[i * 2 + 1]!
        normals[v * 3 + 1] = 127
        buildingIndex[v] = b
        v++
      }
      let area = 0
      let largest = -1
      let largestAt = 0
      for (let t = 0; t < roof.triangles.length; t += 3) {
        const a = roof.triangles[t]!
        const bb = roof.triangles[t + 1]!
        const cc = roof.triangles[t + 2]!
        indices[ix++] = roofBase + a
        indices[ix++] = roofBase + bb
        indices[ix++] = roofBase + cc
        const tArea =
          ((c[bb * 2]! - c[a * 2]!) * (c[cc * 2 + 1]! - c[a * 2 + 1]!) -
            (c[bb * 2 + 1]! - c[a * 2 + 1]!) * (c[cc * 2]! - c[a * 2]!)) /
          2
        area += tArea
        if (tArea > largest) {
          largest = tArea
          largestAt = t
        }
      }
      if (area > bestArea && roof.triangles.length > 0) {
        bestArea = area
        // Area centroid of the outer ring if it lies on the roof; else the centre of the
        // largest roof triangle (an L-shape's or courtyard block's centroid can be outside).
        const outerEnd = roof.holes[0] ?? points
        const a2 = signedArea2(c, 0, outerEnd)
        let cx = 0
        let cy = 0
        for (let i = 0, j = outerEnd - 1; i < outerEnd; j = i++) {
          const f = c[j * 2]! * c[i * 2 + 1]! - c[i * 2]! * c[j * 2 + 1]!
          cx += (c[j * 2]! + c[i * 2]!) * f
          cy += (c[j * 2 + 1]! + c[i * 2 + 1]!) * f
        }
        cx /= 3 * a2
        cy /= 3 * a2
        let inside = Number.isFinite(cx) && pointInRing(c, 0, outerEnd, cx, cy)
        for (let hIdx = 0; inside && hIdx < roof.holes.length; hIdx++) {
          const hs = roof.holes[hIdx]!
          const he = roof.holes[hIdx + 1] ?? points
          if (pointInRing(c, hs, he, cx, cy)) inside = false
        }
        if (!inside) {
          const a = roof.triangles[largestAt]!
          const bb = roof.triangles[largestAt + 1]!
          const cc = roof.triangles[largestAt + 2]!
          cx = (c[a * 2]! + c[bb * 2]! + c[cc * 2]!) / 3
          cy = (c[a * 2 + 1]! + c[bb * 2 + 1]! + c[cc * 2 + 1]!) / 3
        }
        roofCentres[b * 3] = cx
        roofCentres[b * 3 + 1] = h
        roofCentres[b * 3 + 2] = -cy
      }
    }
    vertexCount[b] = v - vertexStart[b]!
  }

  return {
    positions,
    normals,
    buildingIndex,
    indices: ix === indices.length ? indices : indices.slice(0, ix),
    roofCentres,
    vertexStart,
    vertexCount,
    buildingCount,
    totalVertices: v,
    triangleCount: ix / 3,
  }
}
