import earcut from 'earcut'

import type { ContextFeature, ContextKind } from '@/domain/buildings/types'
import type { LocalProjection } from '@/domain/geo/projection'

/** Flat context geometry near y = 0 (scene frame), with a per-vertex kind for colouring. */
export interface GroundBuffers {
  positions: Float32Array
  indices: Uint32Array
  /** 0 street, 1 green, 2 water, 3 boundary (see `CONTEXT_KIND_INDEX`). */
  kindIndex: Uint8Array
}

export const CONTEXT_KIND_INDEX: Readonly<Record<ContextKind, number>> = {
  street: 0,
  green: 1,
  water: 2,
  boundary: 3,
}

/** Heights above ground per kind, metres: small steps keep layers from z-fighting. */
const LIFT_M: Readonly<Record<ContextKind, number>> = {
  boundary: 0.02,
  green: 0.06,
  water: 0.08,
  street: 0.1,
}
const DEFAULT_STREET_WIDTH_M = 6

/**
 * Build the quiet ground plane: areas (green, water, boundary) triangulated with earcut,
 * streets as ribbons of their width along each segment.
 */
export function buildGroundBuffers(
  features: readonly ContextFeature[],
  projection: LocalProjection,
): GroundBuffers {
  const positions: number[] = []
  const indices: number[] = []
  const kinds: number[] = []
  const push = (e: number, n: number, y: number, kind: number) => {
    positions.push(e, y, -n)
    kinds.push(kind)
    return kinds.length - 1
  }
  for (const f of features) {
    const kind = f.properties.kind
    const k = CONTEXT_KIND_INDEX[kind]
    const y = LIFT_M[kind]
    const g = f.geometry
    if (g.type === 'Polygon' || g.type === 'MultiPolygon') {
      const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates
      for (const polygon of polygons) {
        const flat: number[] = []
        const holes: number[] = []
        polygon.forEach((ring, r) => {
          if (r > 0) holes.push(flat.length / 2)
          for (const p of ring) {
            const [e, n] = projection.toLocal([p[0] ?? 0, p[1] ?? 0])
            flat.push(e, n)
          }
        })
        if (flat.length < 6) continue
        const base = kinds.length
        for (let i = 0; i < flat.length; i += 2) push(flat[i] ?? 0, flat[i + 1] ?? 0, y, k)
        for (const t of earcut(flat, holes.length ? holes : undefined, 2)) indices.push(base + t)
      }
    } else {
      const lines = (g.type === 'LineString' ? [g.coordinates] : g.coordinates) as number[][][]
      const half = (f.properties.width_m ?? DEFAULT_STREET_WIDTH_M) / 2
      for (const line of lines) {
        for (let i = 0; i + 1 < line.length; i++) {
          const a = line[i]
          const b = line[i + 1]
          if (!a || !b) continue
          const [ae, an] = projection.toLocal([a[0] ?? 0, a[1] ?? 0])
          const [be, bn] = projection.toLocal([b[0] ?? 0, b[1] ?? 0])
          const len = Math.hypot(be - ae, bn - an)
          if (len === 0) continue
          const oe = (-(bn - an) / len) * half
          const on = ((be - ae) / len) * half
          const v0 = push(ae + oe, an + on, y, k)
          push(ae - oe, an - on, y, k)
          push(be - oe, bn - on, y, k)
          push(be + oe, bn + on, y, k)
          indices.push(v0, v0 + 1, v0 + 2, v0, v0 + 2, v0 + 3)
        }
      }
    }
  }
  return {
    positions: Float32Array.from(positions),
    indices: Uint32Array.from(indices),
    kindIndex: Uint8Array.from(kinds),
  }
}
