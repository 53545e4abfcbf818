import polygonClipping from 'polygon-clipping'
import type { MultiPolygon as PcMultiPolygon } from 'polygon-clipping'

import type { PartsSummary } from '../buildings/infer'
import { parseHeightM, parseLevels, parseRoofLevels } from '../buildings/tags'
import type { Tags } from '../buildings/tags'
import type { BuildingPart, MultiPolygonGeometry, PolygonGeometry } from '../buildings/types'
import { createLocalProjection } from '../geo/projection'

import { pointInRing } from './convertOsm'

type Geometry = PolygonGeometry | MultiPolygonGeometry
type Position = [number, number]

/** A part is in the outline that covers at least this share of its footprint. */
export const PART_IN_OUTLINE_SHARE = 0.5

/** polygon-clipping's shape of a GeoJSON polygonal geometry. */
export const toPc = (g: Geometry): PcMultiPolygon =>
  (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as PcMultiPolygon

/** [west, south, east, north] of a geometry's outer rings. */
export function bboxOfGeometry(g: Geometry): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const poly of toPc(g)) {
    for (const p of poly[0] ?? []) {
      if (p[0] < b[0]) b[0] = p[0]
      if (p[1] < b[1]) b[1] = p[1]
      if (p[0] > b[2]) b[2] = p[0]
      if (p[1] > b[3]) b[3] = p[1]
    }
  }
  return b
}

/** Planar area in m² of a polygon-clipping multipolygon (holes subtracted). */
export function pcAreaM2(mp: PcMultiPolygon): number {
  const origin = mp[0]?.[0]?.[0]
  if (!origin) return 0
  const proj = createLocalProjection([origin[0], origin[1]])
  let sum = 0
  for (const poly of mp) {
    poly.forEach((ring, i) => {
      let a = 0
      let prev: readonly number[] | null = null
      for (const p of ring) {
        const cur = proj.toLocal([p[0], p[1]])
        if (prev) a += (prev[0] ?? 0) * (cur[1] ?? 0) - (cur[0] ?? 0) * (prev[1] ?? 0)
        prev = cur
      }
      sum += i === 0 ? Math.abs(a / 2) : -Math.abs(a / 2)
    })
  }
  return sum
}

/**
 * A uniform grid over bounding boxes (degrees) for "which of these could touch that box":
 * buildings are small, so a cell of ~100 m keeps each lookup to a handful of candidates.
 */
export class BoxGrid {
  private readonly cells = new Map<string, number[]>()
  private readonly boxes: [number, number, number, number][] = []
  constructor(private readonly cell = 0.001) {}

  add(box: [number, number, number, number]): void {
    const i = this.boxes.length
    this.boxes.push(box)
    this.forCells(box, (k) => {
      const list = this.cells.get(k)
      if (list) list.push(i)
      else this.cells.set(k, [i])
    })
  }

  /** Indices of the boxes that intersect `box`, each once, ascending. */
  query(box: readonly [number, number, number, number]): number[] {
    const out = new Set<number>()
    this.forCells(box, (k) => {
      for (const i of this.cells.get(k) ?? []) {
        const b = this.boxes[i]
        if (b && b[0] <= box[2] && b[2] >= box[0] && b[1] <= box[3] && b[3] >= box[1]) out.add(i)
      }
    })
    return [...out].sort((a, b) => a - b)
  }

  private forCells(box: readonly [number, number, number, number], f: (key: string) => void): void {
    const x0 = Math.floor(box[0] / this.cell)
    const x1 = Math.floor(box[2] / this.cell)
    const y0 = Math.floor(box[1] / this.cell)
    const y1 = Math.floor(box[3] / this.cell)
    if ((x1 - x0 + 1) * (y1 - y0 + 1) > 10_000) {
      f('huge')
      return
    }
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) f(`${x}:${y}`)
  }
}

/** Is the point inside the geometry (inside an outer ring, outside its holes)? */
export function geometryContains(g: Geometry, p: Position): boolean {
  return toPc(g).some(
    (poly) =>
      pointInRing(poly[0] as Position[], p) &&
      !poly.slice(1).some((h) => pointInRing(h as Position[], p)),
  )
}

/** Non-negative decimal storey count (`building:min_level=0` is valid), else null. */
function parseMinLevel(raw: string | undefined): number | null {
  if (raw === undefined) return null
  const s = raw.trim()
  if (!/^\d{1,3}(?:[.,]\d+)?$/.test(s)) return null
  return Math.round(Number(s.replace(',', '.')))
}

/**
 * A `building:part` from its tags (Simple 3D Buildings): top = `height`, else
 * `building:levels` × storey height + roof, else the outline's height; base = `min_height`,
 * else `building:min_level` × storey height, else the ground.
 */
export function partFromTags(
  id: string,
  tags: Tags,
  geometry: Geometry,
  areaM2: number,
  storeyHeightM: number,
  outlineHeightM: number,
): BuildingPart & { tagged: boolean } {
  const levels = parseLevels(tags['building:levels'])
  const minLevel = parseMinLevel(tags['building:min_level']) ?? 0
  const roofLevels = parseRoofLevels(tags['roof:levels'])
  const roof =
    parseHeightM(tags['roof:height']) ?? (roofLevels === null ? null : roofLevels * storeyHeightM)
  const taggedHeight = parseHeightM(tags['height']) ?? parseHeightM(tags['building:height'])
  const top =
    taggedHeight ?? (levels === null ? outlineHeightM : levels * storeyHeightM + (roof ?? 0))
  const base = parseHeightM(tags['min_height']) ?? minLevel * storeyHeightM
  return {
    id,
    geometry,
    footprint_area_m2: areaM2,
    min_height_m: Math.round(Math.min(base, top) * 100) / 100,
    height_m: Math.round(Math.max(top, base + 0.5) * 100) / 100,
    levels,
    min_level: minLevel,
    roof_shape: tags['roof:shape']?.trim() || null,
    roof_height_m: roof === null ? null : Math.round(roof * 100) / 100,
    tagged: taggedHeight !== null || levels !== null,
  }
}

/**
 * What the parts of one outline say for its attributes: the top storey and height and the
 * floor area of every part's own storeys, or null when no part tags a height or levels.
 * A part's storeys are `building:levels` − `building:min_level` where it tags its levels (the
 * roof is not in `building:levels`); else its height span less its roof (`roof:height`, or
 * `roof:levels` × storey height) ÷ storey height, rounded, at least 1: a pitched or domed roof
 * is not counted as full storeys.
 */
export function summariseParts(
  parts: readonly (BuildingPart & { tagged: boolean })[],
  storeyHeightM: number,
): PartsSummary | null {
  if (!parts.some((p) => p.tagged)) return null
  let levels: number | null = null
  let heightM = 0
  let gross = 0
  for (const p of parts) {
    if (p.levels !== null) levels = Math.max(levels ?? 0, p.levels)
    heightM = Math.max(heightM, p.height_m)
    const storeys =
      p.levels !== null
        ? Math.max(0, p.levels - p.min_level)
        : Math.max(
            1,
            Math.round((p.height_m - p.min_height_m - (p.roof_height_m ?? 0)) / storeyHeightM),
          )
    gross += p.footprint_area_m2 * storeys
  }
  return { levels, heightM, grossFloorM2: gross }
}

/**
 * The outline each part belongs to: the one covering the largest share of the part, when
 * that share is at least `PART_IN_OUTLINE_SHARE`; -1 for a part outside every outline.
 */
export function assignParts(
  outlines: readonly Geometry[],
  parts: readonly { geometry: Geometry; footprint_area_m2: number }[],
): number[] {
  const grid = new BoxGrid()
  for (const g of outlines) grid.add(bboxOfGeometry(g))
  return parts.map((part) => {
    let best = -1
    let bestArea = 0
    const pc = toPc(part.geometry)
    for (const i of grid.query(bboxOfGeometry(part.geometry))) {
      const outline = outlines[i]
      if (!outline) continue
      const a = pcAreaM2(polygonClipping.intersection(pc, toPc(outline)))
      if (a > bestArea) {
        bestArea = a
        best = i
      }
    }
    return bestArea >= PART_IN_OUTLINE_SHARE * part.footprint_area_m2 ? best : -1
  })
}
