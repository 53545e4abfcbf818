import earcut from 'earcut'

import type { FootprintSet } from './footprints'

/**
 * One merged mesh for all buildings (house style §9), in the scene frame:
 * x = east m, y = up m, z = −north m (three.js Y-up, right-handed; front faces wind
 * counter-clockwise seen from outside). Each building's vertices are one contiguous range.
 */
export interface MeshBuffers {
  /** x, y, z per vertex, scene metres. */
  positions: Float32Array
  /** Unit normals × 127 (use as a normalised attribute): a quarter of the bytes of floats. */
  normals: Int8Array
  /** Per vertex: the building's GLOBAL index into `FootprintSet.ids` (exact below 2^24). */
  buildingIndex: Float32Array
  /** Triangle list, three vertex indices per triangle. */
  indices: Uint32Array
  /** Per building in this mesh: x, y, z (scene metres) of its roof point. NaN if none. */
  roofCentres: Float32Array
  /** Per building in this mesh: first vertex of its contiguous range. */
  vertexStart: Uint32Array
  /** Per building in this mesh: number of vertices in its range (0 when it draws nothing). */
  vertexCount: Uint32Array
  /** Buildings in this mesh (all of them, or the subset given in `MeshOptions.buildings`). */
  buildingCount: number
  /** Vertices written: `positions.length / 3`. */
  totalVertices: number
  /** Triangles written: `indices.length / 3`. */
  triangleCount: number
}

/** Options of `buildMeshBuffers`. */
export interface MeshOptions {
  /**
   * Global building indices to include, in mesh order (a spatial tile); per-building arrays
   * follow this order while `buildingIndex` keeps the global index. @default every building
   */
  buildings?: ArrayLike<number>
}

/** True when the 4-point ring in `q` (x, y pairs, counter-clockwise) turns left at every corner. */
function isConvexQuad(q: Float64Array): boolean {
  for (let i = 0; i < 4; i++) {
    const a = i * 2
    const b = ((i + 1) % 4) * 2
    const d = ((i + 2) % 4) * 2
    const cross =
      (q[b]! - q[a]!) * (q[d + 1]! - q[b + 1]!) - (q[b + 1]! - q[a + 1]!) * (q[d]! - q[b]!)
    if (!(cross > 0)) return false
  }
  return true
}

/**
 * Extrude footprints to their heights: one quad per ring edge (flat outward normals, outer
 * rings and courtyards alike, 4 vertices and 2 triangles each) and an earcut roof at height
 * with normal +y; no ground faces. With `polygonSpan` (building parts) each polygon stands
 * from its own base to its own top, and one above the ground gets a floor facing down. A counting pass sizes the typed arrays, then one pass
 * writes them: no per-vertex objects. Relies on `prepareFootprints` having oriented outer
 * rings counter-clockwise and holes clockwise (material on the left of every ring).
 */
export function buildMeshBuffers(fp: FootprintSet, opts: MeshOptions = {}): MeshBuffers {
  const all = fp.heightM.length
  const list = opts.buildings
  const buildingCount = list ? list.length : all
  const c = fp.coords

  // Counting pass: 5 vertices per footprint point (4 wall + 1 roof); triangles per polygon
  // are at most n + 2·holes − 2 (earcut's exact count for a simple polygon).
  // A part standing above the ground (`polygonSpan` base > 0) also gets a floor face.
  const span = fp.polygonSpan
  let vertices = 0
  let indexBound = 0
  for (let k = 0; k < buildingCount; k++) {
    const b = list ? list[k]! : k
    for (let p = fp.buildingPolygonStart[b]!; p < fp.buildingPolygonStart[b + 1]!; p++) {
      const r0 = fp.polygonRingStart[p]!
      const r1 = fp.polygonRingStart[p + 1]!
      const points = fp.ringStart[r1]! - fp.ringStart[r0]!
      const caps = span && span[p * 2]! > 0 ? 2 : 1
      vertices += points * (4 + caps)
      indexBound += points * 6 + (points + 2 * (r1 - r0 - 1) - 2) * 3 * caps
    }
  }

  const positions = new Float32Array(vertices * 3)
  const normals = new Int8Array(vertices * 3)
  const buildingIndex = new Float32Array(vertices)
  const indices = new Uint32Array(indexBound)
  const roofCentres = new Float32Array(buildingCount * 3)
  const vertexStart = new Uint32Array(buildingCount)
  const vertexCount = new Uint32Array(buildingCount)
  const out: CapArrays = { positions, normals, buildingIndex, indices }
  let v = 0
  let ix = 0

  for (let k = 0; k < buildingCount; k++) {
    const b = list ? list[k]! : k
    vertexStart[k] = v
    for (let p = fp.buildingPolygonStart[b]!; p < fp.buildingPolygonStart[b + 1]!; p++) {
      const r0 = fp.polygonRingStart[p]!
      const r1 = fp.polygonRingStart[p + 1]!
      const base = span ? span[p * 2]! : 0
      const h = span ? span[p * 2 + 1]! : fp.heightM[b]!
      // Walls: material is on the left of every ring, so outward is the right-hand side.
      for (let r = r0; r < r1; r++) {
        const s = fp.ringStart[r]!
        const e = fp.ringStart[r + 1]!
        for (let i = s; i < e; i++) {
          const j = i + 1 < e ? i + 1 : s
          const ax = c[i * 2]!
          const an = c[i * 2 + 1]!
          const bx = c[j * 2]!
          const bn = c[j * 2 + 1]!
          const len = Math.hypot(bx - ax, bn - an) || 1
          const nx = Math.round(((bn - an) / len) * 127)
          const nz = Math.round(((bx - ax) / len) * 127) // −(outward north component)
          const o = v * 3
          // a@base, b@base, b@h, a@h: counter-clockwise seen from outside.
          positions[o] = ax
          positions[o + 1] = base
          positions[o + 2] = -an
          positions[o + 3] = bx
          positions[o + 4] = base
          positions[o + 5] = -bn
          positions[o + 6] = bx
          positions[o + 7] = h
          positions[o + 8] = -bn
          positions[o + 9] = ax
          positions[o + 10] = h
          positions[o + 11] = -an
          for (let q = 0; q < 4; q++) {
            normals[o + q * 3] = nx
            normals[o + q * 3 + 2] = nz
            buildingIndex[v + q] = b
          }
          indices[ix++] = v
          indices[ix++] = v + 1
          indices[ix++] = v + 2
          indices[ix++] = v
          indices[ix++] = v + 2
          indices[ix++] = v + 3
          v += 4
        }
      }
      // Roof at the top, and a floor under a part that stands above the ground.
      ix = writeCap(fp, out, r0, r1, h, b, false, v, ix)
      v += fp.ringStart[r1]! - fp.ringStart[r0]!
      if (base > 0) {
        ix = writeCap(fp, out, r0, r1, base, b, true, v, ix)
        v += fp.ringStart[r1]! - fp.ringStart[r0]!
      }
    }
    vertexCount[k] = v - vertexStart[k]!
    roofCentres[k * 3] = fp.roofCentre[b * 2]!
    roofCentres[k * 3 + 1] =
      vertexCount[k]! > 0 ? (fp.roofTopM ? fp.roofTopM[b]! : fp.heightM[b]!) : Number.NaN
    roofCentres[k * 3 + 2] = -fp.roofCentre[b * 2 + 1]!
  }

  return {
    positions,
    normals,
    buildingIndex,
    // earcut returns fewer triangles only for degenerate rings; copy only then.
    indices: ix === indices.length ? indices : indices.slice(0, ix),
    roofCentres,
    vertexStart,
    vertexCount,
    buildingCount,
    totalVertices: v,
    triangleCount: ix / 3,
  }
}

const holes: number[] = []

type CapArrays = Pick<MeshBuffers, 'positions' | 'normals' | 'buildingIndex' | 'indices'>

/**
 * One flat face over polygon rings [r0, r1) at height `y`: a roof facing up, or (`down`) a
 * floor facing down. Its vertices start at `v`; returns the next free index slot.
 */
function writeCap(
  fp: FootprintSet,
  { positions, normals, buildingIndex, indices }: CapArrays,
  r0: number,
  r1: number,
  y: number,
  b: number,
  down: boolean,
  v: number,
  ix: number,
): number {
  const c = fp.coords
  // earcut over a view of the polygon's own coordinates (no copy).
  const ps = fp.ringStart[r0]!
  const pe = fp.ringStart[r1]!
  const capBase = v
  for (let i = ps; i < pe; i++) {
    positions[v * 3] = c[i * 2]!
    positions[v * 3 + 1] = y
    positions[v * 3 + 2] = -c[i * 2 + 1]!
    normals[v * 3 + 1] = down ? -127 : 127
    buildingIndex[v] = b
    v++
  }
  const flat = c.subarray(ps * 2, pe * 2)
  if (r1 - r0 === 1 && (pe - ps === 3 || (pe - ps === 4 && isConvexQuad(flat)))) {
    // Most blocks are rectangles: a fan is their triangulation (the ring is already
    // counter-clockwise), and earcut would cost more than everything else per building.
    const second = down ? 2 : 1
    const third = down ? 1 : 2
    indices[ix++] = capBase
    indices[ix++] = capBase + second
    indices[ix++] = capBase + third
    if (pe - ps === 4) {
      indices[ix++] = capBase
      indices[ix++] = capBase + second + 1
      indices[ix++] = capBase + third + 1
    }
    return ix
  }
  holes.length = 0
  for (let r = r0 + 1; r < r1; r++) holes.push(fp.ringStart[r]! - ps)
  const triangles = earcut(flat, holes.length > 0 ? holes : undefined, 2)
  for (let t = 0; t + 2 < triangles.length && ix + 3 <= indices.length; t += 3) {
    const a = triangles[t]!
    let tb = triangles[t + 1]!
    let tc = triangles[t + 2]!
    // earcut's output orientation follows the data; force CCW seen from above (east,
    // north), which is counter-clockwise from +y in the scene too: front faces up (or
    // clockwise for a floor, whose front faces down).
    const cross =
      (flat[tb * 2]! - flat[a * 2]!) * (flat[tc * 2 + 1]! - flat[a * 2 + 1]!) -
      (flat[tb * 2 + 1]! - flat[a * 2 + 1]!) * (flat[tc * 2]! - flat[a * 2]!)
    if (cross < 0 !== down) {
      const swap = tb
      tb = tc
      tc = swap
    }
    indices[ix++] = capBase + a
    indices[ix++] = capBase + tb
    indices[ix++] = capBase + tc
  }
  return ix
}
