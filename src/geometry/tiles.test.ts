import { describe, expect, it } from 'vitest'

import {
  BOX,
  buildingM,
  COURTYARD,
  fixtureProjection as projection,
  L_SHAPE,
  type PointM,
} from '../../test/helpers/footprints'

import { prepareFootprints } from './footprints'
import { buildMeshBuffers } from './meshBuffers'
import { buildBlockTiles } from './tiles'

const shift = (ring: readonly PointM[], de: number, dn: number) =>
  ring.map(([e, n]) => [e + de, n + dn] as PointM)

/** 25 blocks on a 5 × 5 grid spaced 70 m (some straddle 100 m tile edges), plus an empty one. */
const features = [
  ...Array.from({ length: 25 }, (_, i) => {
    const de = (i % 5) * 70 - 150
    const dn = Math.floor(i / 5) * 70 - 150
    const polygons =
      i % 3 === 0
        ? [COURTYARD.map((r) => shift(r, de, dn))]
        : i % 3 === 1
          ? [[shift(L_SHAPE, de, dn)]]
          : [[shift(BOX, de, dn)], [shift(BOX, de + 25, dn)]]
    return buildingM(`way/${i + 1}`, polygons, 10 + i)
  }),
  buildingM('way/empty', [[[[0, 0] as PointM]]]),
]
const fp = prepareFootprints(features, projection)
const merged = buildMeshBuffers(fp)

describe('buildBlockTiles', () => {
  it.each([[50], [100], [1000]])('covers every building exactly once with %d m tiles', (size) => {
    const tiles = buildBlockTiles(fp, size)
    if (size < 1000) expect(tiles.length).toBeGreaterThan(1)
    const seen = new Uint8Array(features.length)
    for (const t of tiles) for (const b of t.buildings) seen[b]!++
    expect(Array.from(seen).every((n) => n === 1)).toBe(true)
    expect(tiles.reduce((s, t) => s + t.buffers.totalVertices, 0)).toBe(merged.totalVertices)
    expect(tiles.reduce((s, t) => s + t.buffers.triangleCount, 0)).toBe(merged.triangleCount)
  })

  it('keeps the global building index, with the same vertices as the merged mesh', () => {
    for (const t of buildBlockTiles(fp, 100)) {
      const m = t.buffers
      expect(m.buildingCount).toBe(t.buildings.length)
      t.buildings.forEach((b, k) => {
        const start = m.vertexStart[k]!
        const count = m.vertexCount[k]!
        expect(count).toBe(merged.vertexCount[b])
        for (let v = start; v < start + count; v++) expect(m.buildingIndex[v]).toBe(b)
        const mine = m.positions.subarray(start * 3, (start + count) * 3)
        const ref = merged.positions.subarray(
          merged.vertexStart[b]! * 3,
          (merged.vertexStart[b]! + count) * 3,
        )
        expect(Buffer.from(mine.slice().buffer).equals(Buffer.from(ref.slice().buffer))).toBe(true)
        expect(m.roofCentres.subarray(k * 3, k * 3 + 3)).toEqual(
          merged.roofCentres.subarray(b * 3, b * 3 + 3),
        )
      })
    }
  })

  it('assigns each building to the tile holding its roof point', () => {
    for (const t of buildBlockTiles(fp, 100)) {
      for (const b of t.buildings) {
        const e = fp.roofCentre[b * 2]!
        const n = fp.roofCentre[b * 2 + 1]!
        if (Number.isNaN(e)) continue
        expect(Math.floor(e / 100)).toBe(t.col)
        expect(Math.floor(n / 100)).toBe(t.row)
      }
    }
  })

  it('bounds every vertex of a tile by its sphere', () => {
    for (const t of buildBlockTiles(fp, 100)) {
      const p = t.buffers.positions
      for (let i = 0; i < p.length; i += 3) {
        const d = Math.hypot(p[i]! - t.sphere.x, p[i + 1]! - t.sphere.y, p[i + 2]! - t.sphere.z)
        expect(d).toBeLessThanOrEqual(t.sphere.radiusM + 1e-3)
      }
    }
  })

  it('is deterministic', () => {
    const a = buildBlockTiles(fp, 100)
    const b = buildBlockTiles(fp, 100)
    expect(a.map((t) => [t.col, t.row, ...t.buildings])).toEqual(
      b.map((t) => [t.col, t.row, ...t.buildings]),
    )
  })

  it.each([[0], [-5], [Number.NaN]])('rejects a tile size of %d m', (size) => {
    expect(() => buildBlockTiles(fp, size)).toThrow(RangeError)
  })
})
