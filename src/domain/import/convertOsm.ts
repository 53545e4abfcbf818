import type { Feature } from 'geojson'

import { getBuildingType } from '../buildings/tags'
import type { Tags } from '../buildings/tags'

import type { RingInput } from './repairGeometry'
import type {
  OverpassElement,
  OverpassJson,
  OverpassLatLon,
  OverpassRelation,
  OverpassWay,
} from './overpassTypes'
import { isJsonObject } from '../own'

/** What a building or part element of the file is, before its geometry is validated. */
export type OsmArea =
  | { ok: true; id: string; tags: Tags; outers: RingInput[]; inners: RingInput[]; notes: string[] }
  | { ok: false; id: string; tags: Tags; reason: string }

/** Elements between progress reports. */
const ELEMENTS_PER_STEP = 2000

/** True for an element that has the shape of an Overpass JSON element. */
export function isOverpassElement(e: unknown): e is OverpassElement {
  if (typeof e !== 'object' || e === null) return false
  const o = e as { type?: unknown; id?: unknown }
  return (
    (o.type === 'node' || o.type === 'way' || o.type === 'relation') &&
    typeof o.id === 'number' &&
    Number.isFinite(o.id)
  )
}

/**
 * What is wrong with the fields of an element `isOverpassElement` accepted, in a few words
 * naming the field, or null. Overpass never writes these; a hand-edited file can, and the
 * converter reads tags as text and members, nodes and geometry as lists.
 */
export function overpassElementProblem(e: OverpassElement): string | null {
  const o = e as unknown as Record<string, unknown>
  const tags = o['tags']
  if (tags !== undefined) {
    if (!isJsonObject(tags)) return 'tags is not an object'
    for (const [k, v] of Object.entries(tags))
      if (typeof v !== 'string') return `tag ${JSON.stringify(k.slice(0, 40))} is not text`
  }
  const isList = (k: string) => o[k] === undefined || Array.isArray(o[k])
  if (e.type === 'node') {
    if (!Number.isFinite(o['lat']) || !Number.isFinite(o['lon'])) return 'lat/lon is not a number'
  } else if (e.type === 'way') {
    if (!isList('nodes')) return 'nodes is not a list'
    if (!isList('geometry')) return 'geometry is not a list'
  } else {
    const members = o['members']
    if (!isList('members')) return 'members is not a list'
    for (const [i, m] of ((members ?? []) as unknown[]).entries()) {
      if (!isJsonObject(m) || typeof m['type'] !== 'string' || !Number.isFinite(m['ref']))
        return `member #${i + 1} has no type and ref`
      if (m['geometry'] !== undefined && !Array.isArray(m['geometry']))
        return `member #${i + 1}'s geometry is not a list`
    }
  }
  return null
}

/** `building:part=*` other than `no`. */
export const isBuildingPart = (tags: Tags): boolean => {
  const v = tags['building:part']?.trim().toLowerCase()
  return v !== undefined && v !== '' && v !== 'no'
}

/** A building or a part: the elements whose area the importer builds. */
const isBuildingLike = (tags: Tags | undefined): boolean =>
  tags !== undefined && (getBuildingType(tags) !== null || isBuildingPart(tags))

const isAreaRelation = (r: OverpassRelation): boolean =>
  r.tags !== undefined && (r.tags['type'] === 'multipolygon' || r.tags['type'] === 'boundary')

/** Keys whose closed ways are lines, not areas, unless tagged `area=yes`. */
const LINE_KEYS = ['highway', 'barrier', 'railway', 'power', 'waterway', 'aerialway'] as const

/** Is a closed, tagged way an area (as the OSM wiki's area rules read it)? */
function isAreaWay(tags: Tags): boolean {
  if (tags['area'] === 'yes') return true
  if (tags['area'] === 'no') return false
  if (tags['waterway'] === 'riverbank') return true
  if (tags['natural'] === 'coastline' || tags['natural'] === 'tree_row') return false
  return !LINE_KEYS.some((k) => tags[k] !== undefined)
}

type Position = [number, number]

/** Count of the elements `convertOsm` will work through (for progress totals). */
export function countWork(json: OverpassJson): number {
  let n = 0
  for (const e of json.elements) if (e.type !== 'node') n++
  return n
}

/**
 * Join member ways into closed rings by their shared end points (reversing ways as needed),
 * as the OSM multipolygon rules define. Returns the rings (labelled with their ways) and the
 * ways left in rings that do not close.
 */
export function assembleRings(ways: readonly { label: string; coords: Position[] }[]): {
  rings: RingInput[]
  open: string[]
} {
  const key = (p: Position): string => `${p[0]},${p[1]}`
  const rings: RingInput[] = []
  const open: string[] = []
  const byEnd = new Map<string, number[]>()
  const used = new Uint8Array(ways.length)
  ways.forEach((w, i) => {
    const a = w.coords[0]
    const b = w.coords[w.coords.length - 1]
    if (!a || !b) {
      used[i] = 1
      open.push(w.label)
      return
    }
    if (key(a) === key(b)) {
      used[i] = 1
      rings.push({ coords: w.coords, label: w.label })
      return
    }
    for (const k of [key(a), key(b)]) {
      const list = byEnd.get(k)
      if (list) list.push(i)
      else byEnd.set(k, [i])
    }
  })
  ways.forEach((first, i) => {
    if (used[i]) return
    used[i] = 1
    const coords = [...first.coords]
    const labels = [first.label]
    const startKey = key(coords[0] ?? [NaN, NaN])
    let endKey = key(coords[coords.length - 1] ?? [NaN, NaN])
    while (endKey !== startKey) {
      const next = (byEnd.get(endKey) ?? []).find((j) => !used[j])
      const w = next === undefined ? undefined : ways[next]
      if (next === undefined || !w) break
      used[next] = 1
      const seg = key(w.coords[0] ?? [NaN, NaN]) === endKey ? w.coords : [...w.coords].reverse()
      coords.push(...seg.slice(1))
      labels.push(w.label)
      endKey = key(coords[coords.length - 1] ?? [NaN, NaN])
    }
    const label = labels.join(' + ')
    if (endKey === startKey) rings.push({ coords, label })
    else open.push(label)
  })
  return { rings, open }
}

/**
 * Walk Overpass JSON (`out geom`, or `out body; >; out skel` with separate nodes, or what the
 * XML and PBF readers produce) and build, without any third-party converter:
 * - every building and `building:part` way and multipolygon relation as outer and inner rings
 *   (`onArea`), or a reason when it cannot be built: a node missing from the file (or a
 *   `null` position from Overpass `out geom`), a member way missing (a relation clipped by
 *   the extract), a ring that does not close. Duplicate members are removed with a note.
 *   A building way that is an outer of a building multipolygon is represented by the relation.
 * - every other tagged way and area relation as a GeoJSON Feature with `properties.tags`
 *   (`onOther`), for the context layers: closed ways by the OSM area rules become Polygons.
 * Tagged nodes are not converted (the importer reads address nodes itself).
 */
export function convertOsm(
  json: OverpassJson,
  onArea: (area: OsmArea) => void,
  onOther: (feature: Feature) => void,
  onProgress: (doneElements: number) => void,
): void {
  const nodes = new Map<number, Position>()
  const table = json.nodeTable
  const ways = new Map<number, OverpassWay>()
  const relations: OverpassRelation[] = []
  for (const e of json.elements) {
    if (e.type === 'node') {
      if (!json.nodeTable) nodes.set(e.id, [e.lon, e.lat])
    } else if (e.type === 'way') ways.set(e.id, e)
    else relations.push(e)
  }

  /** The positions of a way, or how many are missing. */
  const coordsOf = (
    nodeIds: readonly number[] | undefined,
    geometry: readonly (OverpassLatLon | null)[] | undefined,
  ): Position[] | number => {
    const out: Position[] = []
    let missing = 0
    if (geometry && geometry.length > 0) {
      for (const g of geometry) {
        if (g === null || !Number.isFinite(g.lat) || !Number.isFinite(g.lon)) missing++
        else out.push([g.lon, g.lat])
      }
    } else {
      for (const ref of nodeIds ?? []) {
        const p = table ? table.get(ref) : nodes.get(ref)
        if (p === undefined) missing++
        else out.push(p)
      }
    }
    return missing > 0 ? missing : out
  }

  const buildingOuters = new Set<number>()
  for (const r of relations) {
    if (!isAreaRelation(r) || !isBuildingLike(r.tags)) continue
    for (const m of r.members ?? []) {
      if (m.type === 'way' && m.role !== 'inner') buildingOuters.add(m.ref)
    }
  }

  let done = 0
  const step = (): void => {
    if (++done % ELEMENTS_PER_STEP === 0) onProgress(done)
  }

  for (const r of relations) {
    step()
    const tags = r.tags ?? {}
    if (!isAreaRelation(r)) continue
    const id = `relation/${r.id}`
    const building = isBuildingLike(tags)
    const notes: string[] = []
    const seen = new Set<number>()
    const outerWays: { label: string; coords: Position[] }[] = []
    const innerWays: { label: string; coords: Position[] }[] = []
    let problem: string | null = null
    for (const m of r.members ?? []) {
      if (m.type !== 'way') continue
      const label = `way/${m.ref}`
      if (seen.has(m.ref)) {
        notes.push(`member ${label} listed twice; duplicate removed`)
        continue
      }
      seen.add(m.ref)
      const w = ways.get(m.ref)
      if (!m.geometry && !w) {
        problem = `member ${label} is missing from the file (relation clipped by the extract?)`
        break
      }
      const coords = coordsOf(w?.nodes, m.geometry ?? w?.geometry)
      if (typeof coords === 'number') {
        problem = `member ${label} has ${coords} node(s) missing from the file`
        break
      }
      ;(m.role === 'inner' ? innerWays : outerWays).push({ label, coords })
    }
    if (problem === null) {
      const outer = assembleRings(outerWays)
      const inner = assembleRings(innerWays)
      const open = [...outer.open, ...inner.open]
      if (open.length > 0) problem = `ring of ${open[0]} does not close`
      else if (outer.rings.length === 0) problem = 'has no outer ring'
      else if (building) {
        onArea({ ok: true, id, tags, outers: outer.rings, inners: inner.rings, notes })
      } else {
        onOther(ringsFeature(id, tags, outer.rings, inner.rings))
      }
    }
    if (problem !== null && building) onArea({ ok: false, id, tags, reason: problem })
  }

  for (const w of ways.values()) {
    step()
    const tags = w.tags
    if (!tags) continue
    const id = `way/${w.id}`
    const building = isBuildingLike(tags)
    if (building && buildingOuters.has(w.id) && getBuildingType(tags) !== null) continue
    const coords = coordsOf(w.nodes, w.geometry)
    if (typeof coords === 'number') {
      if (building) {
        onArea({ ok: false, id, tags, reason: `way has ${coords} node(s) missing from the file` })
      }
      continue
    }
    if (building) {
      onArea({ ok: true, id, tags, outers: [{ coords, label: id }], inners: [], notes: [] })
      continue
    }
    const a = coords[0]
    const b = coords[coords.length - 1]
    const closed =
      coords.length >= 4 && a !== undefined && b !== undefined && a[0] === b[0] && a[1] === b[1]
    onOther({
      type: 'Feature',
      id,
      properties: { tags },
      geometry:
        closed && isAreaWay(tags)
          ? { type: 'Polygon', coordinates: [coords] }
          : { type: 'LineString', coordinates: coords },
    })
  }
  onProgress(done)
}

/** A context area relation as a GeoJSON MultiPolygon (each outer with the inners inside it). */
function ringsFeature(
  id: string,
  tags: Tags,
  outers: readonly RingInput[],
  inners: readonly RingInput[],
): Feature {
  const polys = outers.map((o) => [o.coords as Position[]])
  for (const h of inners) {
    const p = (h.coords as Position[])[0]
    const host = p ? polys.find((poly) => poly[0] && pointInRing(poly[0], p)) : undefined
    host?.push(h.coords as Position[])
  }
  return {
    type: 'Feature',
    id,
    properties: { tags },
    geometry:
      polys.length === 1 && polys[0]
        ? { type: 'Polygon', coordinates: polys[0] }
        : { type: 'MultiPolygon', coordinates: polys },
  }
}

/** Even-odd point-in-ring test in degrees (good enough for a few hundred metres). */
export function pointInRing(ring: readonly Position[], p: Position): boolean {
  let inside = false
  let prev = ring[ring.length - 1]
  for (const cur of ring) {
    if (!prev) break
    const [xi, yi] = cur
    const [xj, yj] = prev
    prev = cur
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) {
      inside = !inside
    }
  }
  return inside
}
