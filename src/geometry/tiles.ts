import type { FootprintSet } from './footprints'
import { buildMeshBuffers, type MeshBuffers } from './meshBuffers'

/** One square spatial tile of the merged building mesh, for frustum culling at city scale. */
export interface BlockTile {
  /** Tile column: floor(east / tileSizeM), east in local metres. */
  col: number
  /** Tile row: floor(north / tileSizeM), north in local metres. */
  row: number
  /** Global building indices in this tile, in mesh order (ascending). */
  buildings: Uint32Array
  /**
   * The tile's mesh; `buildingIndex` stays GLOBAL (an index into `FootprintSet.ids`), while
   * its per-building arrays (`roofCentres`, `vertexStart`, `vertexCount`) follow `buildings`.
   */
  buffers: MeshBuffers
  /** Bounding sphere of every vertex of the tile, scene metres (x east, y up, z −north). */
  sphere: { x: number; y: number; z: number; radiusM: number }
}

/**
 * Split the buildings into square tiles of `tileSizeM` metres and build one mesh per
 * non-empty tile. Each building goes to exactly one tile, the one holding its roof point, so
 * a building straddling a tile edge is never cut or drawn twice; buildings that draw nothing
 * (no valid polygon) go to tile (0, 0). Tiles are ordered by row, then column.
 */
export function buildBlockTiles(fp: FootprintSet, tileSizeM: number): BlockTile[] {
  if (!(tileSizeM > 0)) throw new RangeError(`tile size must be > 0 m, got ${String(tileSizeM)}`)
  const count = fp.heightM.length
  const cols = new Int32Array(count)
  const rows = new Int32Array(count)
  const order = new Uint32Array(count)
  for (let b = 0; b < count; b++) {
    const e = fp.roofCentre[b * 2]!
    const n = fp.roofCentre[b * 2 + 1]!
    cols[b] = Number.isFinite(e) ? Math.floor(e / tileSizeM) : 0
    rows[b] = Number.isFinite(n) ? Math.floor(n / tileSizeM) : 0
    order[b] = b
  }
  // Stable grouping by (row, col): ties keep ascending building order, so output is deterministic.
  order.sort((a, b) => rows[a]! - rows[b]! || cols[a]! - cols[b]! || a - b)

  const tiles: BlockTile[] = []
  for (let start = 0; start < count;) {
    const first = order[start]!
    let end = start + 1
    while (end < count && rows[order[end]!] === rows[first] && cols[order[end]!] === cols[first])
      end++
    const buildings = order.slice(start, end)
    const buffers = buildMeshBuffers(fp, { buildings })
    tiles.push({
      col: cols[first]!,
      row: rows[first]!,
      buildings,
      buffers,
      sphere: boundingSphereOf(buffers.positions),
    })
    start = end
  }
  return tiles
}

/** Sphere around the axis-aligned box centre that holds every point; zero radius if empty. */
function boundingSphereOf(positions: Float32Array): BlockTile['sphere'] {
  if (positions.length === 0) return { x: 0, y: 0, z: 0, radiusM: 0 }
  let x0 = Infinity
  let y0 = Infinity
  let z0 = Infinity
  let x1 = -Infinity
  let y1 = -Infinity
  let z1 = -Infinity
  for (let i = 0; i < positions.length; i += 3) {
    const x = positions[i]!
    const y = positions[i + 1]!
    const z = positions[i + 2]!
    if (x < x0) x0 = x
    if (x > x1) x1 = x
    if (y < y0) y0 = y
    if (y > y1) y1 = y
    if (z < z0) z0 = z
    if (z > z1) z1 = z
  }
  const x = (x0 + x1) / 2
  const y = (y0 + y1) / 2
  const z = (z0 + z1) / 2
  let r2 = 0
  for (let i = 0; i < positions.length; i += 3) {
    const dx = positions[i]! - x
    const dy = positions[i + 1]! - y
    const dz = positions[i + 2]! - z
    const d = dx * dx + dy * dy + dz * dz
    if (d > r2) r2 = d
  }
  return { x, y, z, radiusM: Math.sqrt(r2) }
}
