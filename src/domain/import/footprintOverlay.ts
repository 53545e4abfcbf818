/**
 * Vector overlays of footprints (`npm run data --overlay FILE.geojson`): a cadastre extract or
 * a building-height dataset whose features carry heights, storeys or years, joined to the OSM
 * buildings by footprint overlap.
 *
 * The join: a footprint and a building are candidates when their intersection over union
 * (IoU, planar areas) is at least `OVERLAY_MIN_IOU`. Where a footprint, or a building, has two
 * or more candidates whose IoUs lie within `OVERLAY_AMBIGUITY_MARGIN` of its best, the match is
 * ambiguous: reported, not joined. The remaining candidates are joined one-to-one, best IoU
 * first. Buildings are found through a grid of bounding boxes, so each footprint is compared
 * with the few buildings near it, never with all of them.
 */
import polygonClipping from 'polygon-clipping'

import type { OverlayField, OverlayValues } from '../buildings/infer'
import type { MultiPolygonGeometry, OverlayJoinReport, PolygonGeometry } from '../buildings/types'

import { BoxGrid, bboxOfGeometry, pcAreaM2, toPc } from './buildingParts'
import { ImportError } from './importError'
import { overlayColumnOf, overlayValuesOf } from './overlay'
import { repairFootprint } from './repairGeometry'

type Geometry = PolygonGeometry | MultiPolygonGeometry

/**
 * Smallest IoU joined: 0.5, the threshold of the SpaceNet building-footprint metric. Above
 * it a footprint overlaps at most one of a set of disjoint buildings, so a match is unique
 * unless the data themselves overlap.
 */
export const OVERLAY_MIN_IOU = 0.5
/** Two candidates whose IoUs differ by less than this are too close to choose between. */
export const OVERLAY_AMBIGUITY_MARGIN = 0.05
/** A building lying at least this share inside a footprint counts as covered by it. */
const COVERED_SHARE = 0.5

/** One usable footprint of a vector overlay. */
export interface OverlayFootprint {
  /** The feature's `id` (or `id` property), else `feature/N`. */
  id: string
  geometry: Geometry
  values: OverlayValues
}

/** A parsed vector overlay. */
export interface FootprintOverlay {
  /** The overlay's name: its file name without the extension. */
  source: string
  footprints: OverlayFootprint[]
  /** Features that could not be used and values that failed validation. */
  warnings: string[]
}

/** `cadastre` from `cadastre.geojson`, `heights` from `heights.fgb`. */
export const overlaySourceName = (fileName: string): string =>
  fileName.replace(/\.(geo)?json$|\.fgb$/i, '') || fileName

/** The label of feature `index`: its id or `id` property, else `feature/index`. */
function footprintId(f: { id?: unknown; properties?: unknown }, index: number): string {
  const props = (f.properties ?? {}) as Record<string, unknown>
  for (const cand of [f.id, props['id'], props['@id']]) {
    if (typeof cand === 'string' && cand !== '') return cand
    if (typeof cand === 'number' && Number.isFinite(cand)) return String(cand)
  }
  return `feature/${index}`
}

/**
 * Parse a GeoJSON vector overlay: every Polygon or MultiPolygon feature with at least one
 * valid attribute (the overlay CSV's columns and aliases: `height`, `levels`, `year`, …) is a
 * footprint. Footprints are repaired as OSM buildings are; unusable ones are counted in one
 * warning per reason. Throws `ImportError` when the text is not a GeoJSON FeatureCollection.
 */
export function parseFootprintOverlay(text: string, fileName: string): FootprintOverlay {
  let value: unknown
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
  } catch {
    throw new ImportError(fileName, 'overlay is not valid JSON', 'notOsm')
  }
  const o = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>
  if (o['type'] !== 'FeatureCollection' || !Array.isArray(o['features'])) {
    throw new ImportError(fileName, 'overlay is not a GeoJSON FeatureCollection', 'notOsm')
  }
  const source = overlaySourceName(fileName)
  const warnings: string[] = []
  const footprints: OverlayFootprint[] = []
  let noGeometry = 0
  let noValues = 0
  ;(o['features'] as unknown[]).forEach((raw, i) => {
    const f = (typeof raw === 'object' && raw !== null ? raw : {}) as {
      id?: unknown
      properties?: unknown
      geometry?: unknown
    }
    const id = footprintId(f, i)
    const fp = repairFootprint(f.geometry)
    if (!fp.ok) {
      noGeometry++
      return
    }
    const cell: Record<string, string> = {}
    const props = (
      typeof f.properties === 'object' && f.properties !== null ? f.properties : {}
    ) as Record<string, unknown>
    for (const [k, v] of Object.entries(props)) {
      const column = overlayColumnOf(k)
      if (column === undefined || column === 'id') continue
      if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) {
        cell[column] = String(v).trim()
      }
    }
    const values = overlayValuesOf(cell, `overlay ${source} ${id}`, warnings)
    if (Object.keys(values).length === 0) {
      noValues++
      return
    }
    const from: Partial<Record<OverlayField, `overlay:${string}`>> = {}
    for (const k of Object.keys(values) as OverlayField[]) from[k] = `overlay:${source}`
    footprints.push({ id, geometry: fp.geometry, values: { ...values, from } })
  })
  if (noGeometry > 0) {
    warnings.push(`overlay ${source}: ${noGeometry} feature(s) without a usable area ignored`)
  }
  if (noValues > 0) {
    warnings.push(`overlay ${source}: ${noValues} footprint(s) without a usable value ignored`)
  }
  return { source, footprints, warnings }
}

/** A building as the join sees it. */
export interface JoinBuilding {
  id: string
  geometry: Geometry
}

/** The join of one overlay: the footprint and IoU per joined building, and the report. */
export interface FootprintJoin {
  /** Building index → its footprint and the IoU. */
  byBuilding: Map<number, { footprint: OverlayFootprint; iou: number }>
  report: OverlayJoinReport
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000

/** Intersection over union of two footprints, planar areas (0 when they do not overlap). */
export function footprintIou(a: Geometry, b: Geometry): number {
  const areaA = pcAreaM2(toPc(a))
  const areaB = pcAreaM2(toPc(b))
  const inter = pcAreaM2(polygonClipping.intersection(toPc(a), toPc(b)))
  const union = areaA + areaB - inter
  return union > 0 ? inter / union : 0
}

interface Pair {
  f: number
  b: number
  iou: number
}

/**
 * Join an overlay's footprints to buildings by IoU (see the module comment): one-to-one, best
 * IoU first, ambiguous candidates reported and not joined, every footprint left over listed
 * with why and the best IoU a building reached.
 */
export function joinFootprints(
  buildings: readonly JoinBuilding[],
  overlay: FootprintOverlay,
  minIou = OVERLAY_MIN_IOU,
  margin = OVERLAY_AMBIGUITY_MARGIN,
): FootprintJoin {
  const grid = new BoxGrid()
  for (const b of buildings) grid.add(bboxOfGeometry(b.geometry))
  const areaOfBuilding = new Map<number, number>()
  const buildingArea = (i: number): number => {
    let a = areaOfBuilding.get(i)
    if (a === undefined) {
      const g = buildings[i]?.geometry
      a = g ? pcAreaM2(toPc(g)) : 0
      areaOfBuilding.set(i, a)
    }
    return a
  }

  const pairs: Pair[] = []
  /** Per footprint: best IoU computed and how many buildings lie mostly inside it. */
  const best: { iou: number | null; covered: number; overlaps: number }[] = []
  overlay.footprints.forEach((fp, f) => {
    const pc = toPc(fp.geometry)
    const areaF = pcAreaM2(pc)
    const stat = { iou: null as number | null, covered: 0, overlaps: 0 }
    best.push(stat)
    for (const b of grid.query(bboxOfGeometry(fp.geometry))) {
      const building = buildings[b]
      if (!building) continue
      const areaB = buildingArea(b)
      const inter = pcAreaM2(polygonClipping.intersection(pc, toPc(building.geometry)))
      if (inter <= 0) continue
      stat.overlaps++
      if (inter >= COVERED_SHARE * areaB) stat.covered++
      const iou = inter / (areaF + areaB - inter)
      if (stat.iou === null || iou > stat.iou) stat.iou = iou
      if (iou >= minIou) pairs.push({ f, b, iou })
    }
  })

  const ambiguous: OverlayJoinReport['ambiguous'] = []
  const excluded = new Set<Pair>()
  const ambiguousFootprints = new Set<number>()
  const group = (key: (p: Pair) => number): Map<number, Pair[]> => {
    const m = new Map<number, Pair[]>()
    for (const p of pairs) {
      const list = m.get(key(p))
      if (list) list.push(p)
      else m.set(key(p), [p])
    }
    return m
  }
  const byIou = (x: Pair, y: Pair): number => y.iou - x.iou || x.f - y.f || x.b - y.b
  for (const [f, list] of group((p) => p.f)) {
    list.sort(byIou)
    const close = list.filter((p) => p.iou > (list[0]?.iou ?? 0) - margin)
    if (close.length < 2) continue
    for (const p of list) excluded.add(p)
    ambiguousFootprints.add(f)
    ambiguous.push({
      kind: 'footprint',
      id: overlay.footprints[f]?.id ?? '',
      candidates: close.map((p) => ({ id: buildings[p.b]?.id ?? '', iou: round3(p.iou) })),
    })
  }
  for (const [b, list] of group((p) => p.b)) {
    list.sort(byIou)
    const close = list.filter((p) => p.iou > (list[0]?.iou ?? 0) - margin)
    if (close.length < 2) continue
    for (const p of list) excluded.add(p)
    for (const p of close) ambiguousFootprints.add(p.f)
    ambiguous.push({
      kind: 'building',
      id: buildings[b]?.id ?? '',
      candidates: close.map((p) => ({
        id: overlay.footprints[p.f]?.id ?? '',
        iou: round3(p.iou),
      })),
    })
  }

  const byBuilding: FootprintJoin['byBuilding'] = new Map()
  const joinedFootprint = new Map<number, Pair>()
  const takenBy = new Map<number, Pair>()
  for (const p of pairs.filter((q) => !excluded.has(q)).sort(byIou)) {
    if (joinedFootprint.has(p.f) || takenBy.has(p.b)) continue
    joinedFootprint.set(p.f, p)
    takenBy.set(p.b, p)
    const footprint = overlay.footprints[p.f]
    if (footprint) byBuilding.set(p.b, { footprint, iou: round3(p.iou) })
  }

  const unmatched: OverlayJoinReport['unmatched'] = []
  overlay.footprints.forEach((fp, f) => {
    if (joinedFootprint.has(f)) return
    const stat = best[f]
    const bestIou = stat?.iou === null || stat === undefined ? null : round3(stat.iou)
    const lost = pairs
      .filter((p) => p.f === f && !excluded.has(p))
      .map((p) => takenBy.get(p.b))
      .find((q) => q !== undefined)
    if (ambiguousFootprints.has(f) && !lost) return
    let reason: string
    if (lost) {
      reason = `its building ${buildings[lost.b]?.id ?? ''} was joined to footprint ${
        overlay.footprints[lost.f]?.id ?? ''
      } (IoU ${round3(lost.iou)})`
    } else if (!stat || stat.overlaps === 0) {
      reason = 'overlaps no building'
    } else if (stat.covered >= 2) {
      reason = `covers ${stat.covered} buildings, none with IoU ≥ ${minIou}`
    } else {
      reason = `best IoU ${bestIou ?? 0} is below ${minIou}`
    }
    unmatched.push({ footprint: fp.id, reason, best_iou: bestIou })
  })

  return {
    byBuilding,
    report: {
      source: overlay.source,
      threshold: minIou,
      margin,
      footprints: overlay.footprints.length,
      matched: joinedFootprint.size,
      unmatched,
      ambiguous,
    },
  }
}
