import type { FeatureCollection } from 'geojson'
import osmtogeojson from 'osmtogeojson'

import { getBuildingType } from '../buildings/tags'

import type {
  OverpassElement,
  OverpassJson,
  OverpassNode,
  OverpassRelation,
  OverpassWay,
} from './overpassTypes'

/** Ways converted per osmtogeojson call: bounds the intermediate GeoJSON held at once. */
export const WAYS_PER_BATCH = 2000
/** Relations converted per osmtogeojson call (with their member ways). */
export const RELATIONS_PER_BATCH = 500

/** One slice of the input, converted to GeoJSON by osmtogeojson. */
export interface ConvertedBatch {
  /** osmtogeojson output (`properties.tags`, `properties.tainted`, id `way/123`). */
  geojson: FeatureCollection
  /** Building ways and relations in this batch, by `type/id`, for drop detection. */
  buildingIds: string[]
  /** Reasons known before conversion (missing members/nodes), by `type/id`. */
  problems: Map<string, string>
}

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

const isBuildingRelation = (r: OverpassRelation): boolean =>
  r.tags !== undefined && getBuildingType(r.tags) !== null && r.tags['type'] === 'multipolygon'

/** Count of the elements `convertOverpass` will work through (for progress totals). */
export function countWork(json: OverpassJson): number {
  let n = 0
  for (const e of json.elements) if (e.type !== 'node') n++
  return n
}

/**
 * Convert Overpass JSON (`out geom`, or `out body; >; out skel` with separate nodes) to GeoJSON
 * with osmtogeojson, in batches: relations `RELATIONS_PER_BATCH` at a time with their member ways, the other
 * ways `WAYS_PER_BATCH` at a time, each with just the nodes it references. Tagged nodes that no
 * way uses (POIs) are not converted: the twin has no point layer.
 *
 * @param onBatch receives each converted batch and the number of elements done so far.
 */
export function convertOverpass(
  json: OverpassJson,
  onBatch: (batch: ConvertedBatch, doneElements: number) => void,
): void {
  const nodes = new Map<number, OverpassNode>()
  const ways = new Map<number, OverpassWay>()
  const relations: OverpassRelation[] = []
  for (const e of json.elements) {
    if (e.type === 'node') nodes.set(e.id, e)
    else if (e.type === 'way') ways.set(e.id, e)
    else relations.push(e)
  }

  // Ways that make up a building multipolygon are represented by the relation, not reported alone.
  const buildingMembers = new Set<number>()
  for (const r of relations) {
    if (!isBuildingRelation(r)) continue
    for (const m of r.members ?? []) if (m.type === 'way') buildingMembers.add(m.ref)
  }

  const batchOf = (wayList: OverpassWay[], rels: OverpassRelation[]): ConvertedBatch => {
    const elements: OverpassElement[] = []
    const buildingIds: string[] = []
    const problems = new Map<string, string>()
    const seenNodes = new Set<number>()
    for (const w of wayList) {
      elements.push(w)
      const missing: number[] = []
      if (!w.geometry) {
        for (const ref of w.nodes ?? []) {
          const n = nodes.get(ref)
          if (n === undefined) missing.push(ref)
          else if (!seenNodes.has(ref)) {
            seenNodes.add(ref)
            elements.push(n)
          }
        }
      }
      if (w.tags && getBuildingType(w.tags) !== null && !buildingMembers.has(w.id)) {
        const id = `way/${w.id}`
        buildingIds.push(id)
        if (missing.length > 0) {
          problems.set(id, `references ${missing.length} node(s) missing from the file`)
        }
      }
    }
    for (const r of rels) {
      elements.push(r)
      if (!isBuildingRelation(r)) continue
      const id = `relation/${r.id}`
      buildingIds.push(id)
      const missing = (r.members ?? [])
        .filter((m) => m.type === 'way' && !m.geometry && !ways.has(m.ref))
        .map((m) => `way/${m.ref}`)
      if (missing.length > 0) {
        problems.set(id, `member(s) missing from the file: ${missing.slice(0, 5).join(', ')}`)
      }
    }
    return {
      geojson: osmtogeojson({ elements }, { flatProperties: false }),
      buildingIds,
      problems,
    }
  }

  let done = 0
  // Relations first, each batch with every way its relations use (osmtogeojson needs both).
  const memberWays = new Set<number>()
  for (const r of relations) {
    for (const m of r.members ?? []) if (m.type === 'way') memberWays.add(m.ref)
  }
  for (let i = 0; i < relations.length; i += RELATIONS_PER_BATCH) {
    const rels = relations.slice(i, i + RELATIONS_PER_BATCH)
    const used = new Map<number, OverpassWay>()
    for (const r of rels) {
      for (const m of r.members ?? []) {
        const w = m.type === 'way' ? ways.get(m.ref) : undefined
        if (w) used.set(w.id, w)
      }
    }
    done += rels.length + used.size
    onBatch(batchOf([...used.values()], rels), done)
  }
  let batch: OverpassWay[] = []
  for (const w of ways.values()) {
    if (memberWays.has(w.id)) continue
    batch.push(w)
    if (batch.length >= WAYS_PER_BATCH) {
      done += batch.length
      onBatch(batchOf(batch, []), done)
      batch = []
    }
  }
  if (batch.length > 0) {
    done += batch.length
    onBatch(batchOf(batch, []), done)
  }
}
