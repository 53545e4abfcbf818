/**
 * Schema check of a dataset before anything uses it: every feature has a usable geometry
 * (finite WGS84 coordinates, polygons within `MAX_POLYGON_VERTICES`), properties of the
 * right types, nothing nested deeper than `MAX_DEPTH`, at most `MAX_BUILDINGS` buildings, a
 * usable `metadata.bbox`. Both ways a dataset arrives pass here: the parsed GeoJSON
 * (`validateDataset`) and the typed arrays of a packed or columnar dataset (`validateParts`).
 * The first problem is thrown as a `DatasetError` naming the feature, with a translation key.
 */
import type { DatasetParts, PackedGeometry } from './packedDataset'
import { propertiesAt } from './propertyColumns'
import { DatasetError } from './datasetError'
import { isJsonObject } from '../own'

/** Most buildings in one dataset (5× the largest benchmarked district). */
export const MAX_BUILDINGS = 500_000
/**
 * Most vertices in one polygon (all its rings). Triangulation grows quadratically with
 * vertices (25k take about 1 s); the largest real block footprint has a few hundred.
 */
export const MAX_POLYGON_VERTICES = 20_000
/** Deepest nesting of a feature's properties or of the metadata (the importer writes 4). */
export const MAX_DEPTH = 16

const BUILDING_GEOMETRIES = new Set(['Polygon', 'MultiPolygon'])
const CONTEXT_GEOMETRIES = new Set(['Polygon', 'MultiPolygon', 'LineString', 'MultiLineString'])

/** One problem: the reason's key under `safety.reason`, with its parameters. */
interface Problem {
  reason: 'geometry' | 'coordinates' | 'properties' | 'depth' | 'vertices' | 'field' | 'bbox'
  params?: Record<string, string | number>
}

const REASONS: Record<Problem['reason'], (p: Record<string, string | number>) => string> = {
  geometry: () => 'no polygon geometry',
  coordinates: () => 'a coordinate is not a finite longitude/latitude',
  properties: () => 'its properties are missing or of the wrong type',
  depth: () => 'nested too deeply',
  vertices: (p) => `a polygon has more than ${p['max'] ?? ''} vertices`,
  field: (p) => `field "${p['field'] ?? ''}" is missing or of the wrong type`,
  bbox: () => 'no valid bbox',
}

function featureError(source: string, feature: string, problem: Problem): DatasetError {
  const params = problem.params ?? {}
  const reason = REASONS[problem.reason](params)
  return new DatasetError(
    `${source}: feature ${feature} cannot be used (${reason})`,
    'safety.badFeature',
    { source, feature, ...params },
    `safety.reason.${problem.reason}`,
  )
}

function metadataError(source: string, problem: Problem): DatasetError {
  const params = problem.params ?? {}
  return new DatasetError(
    `${source}: its metadata is not usable (${REASONS[problem.reason](params)})`,
    'safety.badMetadata',
    { source, ...params },
    `safety.reason.${problem.reason}`,
  )
}

function tooManyError(source: string): DatasetError {
  return new DatasetError(
    `${source} has more than ${MAX_BUILDINGS} buildings, more than the app can draw`,
    'safety.tooMany',
    { source, max: MAX_BUILDINGS },
  )
}

/** Nesting depth of a JSON value, iteratively (a 100k-deep value must not overflow the stack). */
function deeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]]
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [v, d] = top
    if (typeof v !== 'object' || v === null) continue
    if (d >= max) return true
    for (const x of Array.isArray(v) ? v : Object.values(v)) {
      if (typeof x === 'object' && x !== null) stack.push([x, d + 1])
    }
  }
  return false
}

const finiteLngLat = (lng: number, lat: number): boolean =>
  Number.isFinite(lng) && Number.isFinite(lat) && Math.abs(lng) <= 180 && Math.abs(lat) <= 90

function positionProblem(p: unknown): boolean {
  return (
    !Array.isArray(p) ||
    p.length < 2 ||
    typeof p[0] !== 'number' ||
    typeof p[1] !== 'number' ||
    !finiteLngLat(p[0], p[1])
  )
}

/** Check a polygon's rings: arrays of positions, at most `MAX_POLYGON_VERTICES` in all. */
function polygonProblem(rings: unknown): Problem | null {
  if (!Array.isArray(rings) || rings.length === 0) return { reason: 'geometry' }
  let vertices = 0
  for (const ring of rings) {
    if (!Array.isArray(ring)) return { reason: 'geometry' }
    vertices += ring.length
    if (vertices > MAX_POLYGON_VERTICES) {
      return { reason: 'vertices', params: { max: MAX_POLYGON_VERTICES } }
    }
    for (const p of ring) if (positionProblem(p)) return { reason: 'coordinates' }
  }
  return null
}

function geometryProblem(g: unknown, allowed: ReadonlySet<string>): Problem | null {
  if (!isJsonObject(g) || typeof g['type'] !== 'string' || !allowed.has(g['type'])) {
    return { reason: 'geometry' }
  }
  const c = g['coordinates']
  if (!Array.isArray(c)) return { reason: 'geometry' }
  if (g['type'] === 'Polygon') return polygonProblem(c)
  if (g['type'] === 'MultiPolygon') {
    if (c.length === 0) return { reason: 'geometry' }
    for (const polygon of c) {
      const problem = polygonProblem(polygon)
      if (problem) return problem
    }
    return null
  }
  const lines = g['type'] === 'LineString' ? [c] : c
  for (const line of lines) {
    if (!Array.isArray(line)) return { reason: 'geometry' }
    for (const p of line) if (positionProblem(p)) return { reason: 'coordinates' }
  }
  return null
}

type FieldType = 'string' | 'number' | 'string?' | 'number?' | 'boolean?'

/** The building fields every consumer reads, with their JSON types (`?`: null allowed). */
const BUILDING_FIELDS: Readonly<Record<string, FieldType>> = {
  id: 'string',
  type: 'string',
  name: 'string?',
  address: 'string?',
  footprint_area_m2: 'number',
  height_m: 'number',
  levels: 'number',
  year: 'number?',
  use: 'string',
  flats: 'number?',
  heated_area_m2: 'number',
  heating: 'string?',
  rehabilitated: 'number?',
  epc_class: 'string?',
}
const CONTEXT_FIELDS: Readonly<Record<string, FieldType>> = { id: 'string', name: 'string?' }

function fieldFits(v: unknown, type: FieldType): boolean {
  if (type.endsWith('?') && (v === null || v === undefined)) return true
  const base = type.replace('?', '')
  if (base === 'number') return typeof v === 'number' && Number.isFinite(v)
  return typeof v === base
}

function propertiesProblem(p: Record<string, unknown>, building: boolean): Problem | null {
  const fields = building ? BUILDING_FIELDS : CONTEXT_FIELDS
  for (const [field, type] of Object.entries(fields)) {
    if (!fieldFits(p[field], type)) return { reason: 'field', params: { field } }
  }
  if (building && !isJsonObject(p['provenance'])) {
    return { reason: 'field', params: { field: 'provenance' } }
  }
  if (deeperThan(p, MAX_DEPTH)) return { reason: 'depth' }
  return null
}

/** Check `metadata`: a bbox of four finite degrees (w ≤ e, s ≤ n) and a shallow object. */
function checkMetadata(m: unknown, source: string): void {
  if (!isJsonObject(m)) throw metadataError(source, { reason: 'bbox' })
  const b = m['bbox']
  if (
    !Array.isArray(b) ||
    b.length !== 4 ||
    !b.every((x) => typeof x === 'number') ||
    !finiteLngLat(b[0] as number, b[1] as number) ||
    !finiteLngLat(b[2] as number, b[3] as number) ||
    (b[0] as number) > (b[2] as number) ||
    (b[1] as number) > (b[3] as number)
  ) {
    throw metadataError(source, { reason: 'bbox' })
  }
  for (const field of ['source', 'attribution'] as const) {
    if (m[field] !== undefined && typeof m[field] !== 'string') {
      throw metadataError(source, { reason: 'field', params: { field } })
    }
  }
  if (m['counts'] !== undefined && !isJsonObject(m['counts'])) {
    throw metadataError(source, { reason: 'field', params: { field: 'counts' } })
  }
  if (deeperThan(m, MAX_DEPTH)) throw metadataError(source, { reason: 'depth' })
}

/** A feature's name for a message: its id when it has a short one, else its position. */
function featureName(f: unknown, index: number): string {
  const p = isJsonObject(f) ? f['properties'] : undefined
  const id = isJsonObject(p) ? p['id'] : undefined
  return typeof id === 'string' && id.length > 0 && id.length <= 64
    ? `${id} (#${index + 1})`
    : `#${index + 1}`
}

/**
 * Check a parsed dataset (already known to be a FeatureCollection with `metadata` and a
 * `features` array). Throws the first problem as a `DatasetError`.
 */
export function validateDataset(
  root: { metadata: unknown; features: readonly unknown[] },
  source: string,
): void {
  checkMetadata(root.metadata, source)
  let buildings = 0
  root.features.forEach((f, i) => {
    const p = isJsonObject(f) ? f['properties'] : undefined
    if (!isJsonObject(f) || !isJsonObject(p) || typeof p['kind'] !== 'string') {
      throw featureError(source, featureName(f, i), { reason: 'properties' })
    }
    const building = p['kind'] === 'building'
    if (building && ++buildings > MAX_BUILDINGS) throw tooManyError(source)
    const problem =
      geometryProblem(f['geometry'], building ? BUILDING_GEOMETRIES : CONTEXT_GEOMETRIES) ??
      propertiesProblem(p, building)
    if (problem) throw featureError(source, featureName(f, i), problem)
  })
}

/** Index arrays that describe a consistent packing: starts rise and end where they should. */
function indexProblem(g: PackedGeometry, buildings: number): boolean {
  const rising = (a: Uint32Array, last: number) => {
    if (a[0] !== 0 || a[a.length - 1] !== last) return false
    for (let i = 1; i < a.length; i++) if ((a[i] as number) < (a[i - 1] as number)) return false
    return true
  }
  return (
    g.buildingPolygonStart.length !== buildings + 1 ||
    g.multi.length !== buildings ||
    g.coords.length % 2 !== 0 ||
    !rising(g.ringStart, g.coords.length / 2) ||
    !rising(g.polygonRingStart, g.ringStart.length - 1) ||
    !rising(g.buildingPolygonStart, g.polygonRingStart.length - 1)
  )
}

/**
 * Check a dataset taken apart (GeoJSON packed by `datasetParts`, or a columnar dataset read
 * into typed arrays): metadata, each building's properties, consistent indices, finite
 * coordinates, polygon sizes and the building count.
 */
export function validateParts(parts: DatasetParts, source: string): void {
  checkMetadata(parts.metadata, source)
  const { geometry: g, properties } = parts
  if (properties.count > MAX_BUILDINGS) throw tooManyError(source)
  const name = (b: number) => featureName({ properties: propertiesAt(properties, b) }, b)
  if (indexProblem(g, properties.count)) {
    throw featureError(source, '#1', { reason: 'geometry' })
  }
  for (let b = 0; b < properties.count; b++) {
    const p = propertiesAt(properties, b) as unknown
    const problem = isJsonObject(p) ? propertiesProblem(p, true) : { reason: 'properties' as const }
    if (problem) throw featureError(source, name(b), problem)
    const p0 = g.buildingPolygonStart[b] as number
    const p1 = g.buildingPolygonStart[b + 1] as number
    if (p1 <= p0) throw featureError(source, name(b), { reason: 'geometry' })
    for (let q = p0; q < p1; q++) {
      const r0 = g.polygonRingStart[q] as number
      const r1 = g.polygonRingStart[q + 1] as number
      if (r1 <= r0) throw featureError(source, name(b), { reason: 'geometry' })
      const v0 = g.ringStart[r0] as number
      const v1 = g.ringStart[r1] as number
      if (v1 - v0 > MAX_POLYGON_VERTICES) {
        throw featureError(source, name(b), {
          reason: 'vertices',
          params: { max: MAX_POLYGON_VERTICES },
        })
      }
      for (let v = v0; v < v1; v++) {
        if (!finiteLngLat(g.coords[v * 2] as number, g.coords[v * 2 + 1] as number)) {
          throw featureError(source, name(b), { reason: 'coordinates' })
        }
      }
    }
  }
}
