import type {
  BuildingFeature,
  BuildingProperties,
  ContextFeature,
  DatasetMetadata,
  DistrictDataset,
  MultiPolygonGeometry,
  PolygonGeometry,
} from '../buildings/types'

import { columnsFromRows, idsOf, propertiesAt } from './propertyColumns'
import type { PropertyColumns } from './propertyColumns'

/**
 * Building footprints of a dataset in WGS84, exactly as in the file, packed into flat typed
 * arrays: buildings → polygons → rings → points. 100,000 footprints as nested GeoJSON arrays
 * cost ~40 MB of JS heap (one array object per point); packed they are a few ArrayBuffers
 * that can be transferred between threads.
 */
export interface PackedGeometry {
  /** lng, lat pairs, degrees. */
  coords: Float64Array
  /** Per ring: index of its first point; one extra entry closes the last ring. */
  ringStart: Uint32Array
  /** Per polygon: index of its first ring (the outer one); one extra entry at the end. */
  polygonRingStart: Uint32Array
  /** Per building: index of its first polygon; one extra entry at the end. */
  buildingPolygonStart: Uint32Array
  /** Per building: 1 when the file had a MultiPolygon (kept so exports round-trip). */
  multi: Uint8Array
}

/** Pack the footprints of `buildings` (in order). Non-numeric coordinates become NaN. */
export function packGeometry(buildings: readonly BuildingFeature[]): PackedGeometry {
  let points = 0
  let rings = 0
  let polygons = 0
  for (const f of buildings) {
    const g = f.geometry
    const list = g.type === 'Polygon' ? [g.coordinates] : g.coordinates
    polygons += list.length
    for (const polygon of list) {
      rings += polygon.length
      for (const ring of polygon) points += ring.length
    }
  }
  const coords = new Float64Array(points * 2)
  const ringStart = new Uint32Array(rings + 1)
  const polygonRingStart = new Uint32Array(polygons + 1)
  const buildingPolygonStart = new Uint32Array(buildings.length + 1)
  const multi = new Uint8Array(buildings.length)
  let pt = 0
  let r = 0
  let p = 0
  buildings.forEach((f, b) => {
    buildingPolygonStart[b] = p
    const g = f.geometry
    multi[b] = g.type === 'MultiPolygon' ? 1 : 0
    const list = g.type === 'Polygon' ? [g.coordinates] : g.coordinates
    for (const polygon of list) {
      polygonRingStart[p++] = r
      for (const ring of polygon) {
        ringStart[r++] = pt
        for (const c of ring) {
          const lng = c[0]
          const lat = c[1]
          coords[pt * 2] = typeof lng === 'number' ? lng : Number.NaN
          coords[pt * 2 + 1] = typeof lat === 'number' ? lat : Number.NaN
          pt++
        }
      }
    }
  })
  buildingPolygonStart[buildings.length] = p
  polygonRingStart[p] = r
  ringStart[r] = pt
  return { coords, ringStart, polygonRingStart, buildingPolygonStart, multi }
}

/** Number of buildings in a packed set. */
export const packedBuildingCount = (g: PackedGeometry): number => g.buildingPolygonStart.length - 1

/** The GeoJSON geometry of building `index`, rebuilt from the packed arrays (a fresh copy). */
export function geometryAt(
  g: PackedGeometry,
  index: number,
): PolygonGeometry | MultiPolygonGeometry {
  const polygons: number[][][][] = []
  const p0 = g.buildingPolygonStart[index] ?? 0
  const p1 = g.buildingPolygonStart[index + 1] ?? p0
  for (let p = p0; p < p1; p++) {
    const rings: number[][][] = []
    const r1 = g.polygonRingStart[p + 1] ?? 0
    for (let r = g.polygonRingStart[p] ?? r1; r < r1; r++) {
      const ring: number[][] = []
      const i1 = g.ringStart[r + 1] ?? 0
      for (let i = g.ringStart[r] ?? i1; i < i1; i++) {
        ring.push([g.coords[i * 2] ?? Number.NaN, g.coords[i * 2 + 1] ?? Number.NaN])
      }
      rings.push(ring)
    }
    polygons.push(rings)
  }
  return g.multi[index]
    ? { type: 'MultiPolygon', coordinates: polygons }
    : { type: 'Polygon', coordinates: polygons[0] ?? [] }
}

/** Recently read buildings' properties per dataset: the same object on the next read. */
const recent = new WeakMap<PropertyColumns, Map<number, BuildingProperties>>()
/** Enough for every building on screen at once; a pass over all of them keeps none. */
const RECENT_LIMIT = 512

function recentProperties(columns: PropertyColumns, index: number): BuildingProperties {
  let cache = recent.get(columns)
  if (!cache) recent.set(columns, (cache = new Map()))
  let p = cache.get(index)
  if (!p) {
    if (cache.size >= RECENT_LIMIT) cache.clear()
    p = propertiesAt(columns, index)
    cache.set(index, p)
  }
  return p
}

/**
 * A building feature whose geometry lives in a shared `PackedGeometry` and whose properties
 * live in shared `PropertyColumns`: the object itself is a few pointers. `geometry` is rebuilt
 * on each read (the plan view, exports and the energy model's envelope read it rarely; the 3D
 * scene reads the packed arrays directly); `properties` is made on demand and kept while it
 * is among the recently read, so a component reading it twice gets the same object.
 * `toJSON` writes it as a plain GeoJSON feature.
 */
export class PackedBuildingFeature implements BuildingFeature {
  readonly type = 'Feature' as const
  constructor(
    /** Its properties: building `index` of shared columns (whose ids are `ids`), or its own. */
    private readonly source:
      { columns: PropertyColumns; ids: readonly string[] } | { own: BuildingProperties },
    readonly packed: PackedGeometry,
    readonly index: number,
  ) {}
  get id(): string {
    const s = this.source
    return 'own' in s ? s.own.id : (s.ids[this.index] ?? '')
  }
  get properties(): BuildingProperties {
    const s = this.source
    return 'own' in s ? s.own : recentProperties(s.columns, this.index)
  }
  get geometry(): PolygonGeometry | MultiPolygonGeometry {
    return geometryAt(this.packed, this.index)
  }
  toJSON(): BuildingFeature {
    return { type: 'Feature', id: this.id, geometry: this.geometry, properties: this.properties }
  }
}

/** True for a building (a packed one is, without making its properties). */
export const isBuildingFeature = (f: BuildingFeature | ContextFeature): f is BuildingFeature =>
  f instanceof PackedBuildingFeature || f.properties.kind === 'building'

/** The same feature with other properties, keeping where its geometry lives. */
export function withProperties(
  f: BuildingFeature,
  properties: BuildingProperties,
): BuildingFeature {
  return f instanceof PackedBuildingFeature
    ? new PackedBuildingFeature({ own: properties }, f.packed, f.index)
    : { ...f, properties }
}

/** A dataset taken apart: what travels between threads (all structured-clonable). */
export interface DatasetParts {
  metadata: DatasetMetadata
  /** Building properties in dataset order (the mesh's building index order), as columns. */
  properties: PropertyColumns
  geometry: PackedGeometry
  context: ContextFeature[]
}

/** Take a parsed dataset apart: buildings' properties, their packed footprints, the context. */
export function datasetParts(dataset: DistrictDataset): DatasetParts {
  const buildings: BuildingFeature[] = []
  const context: ContextFeature[] = []
  for (const f of dataset.features) {
    if (f.properties.kind === 'building') buildings.push(f as BuildingFeature)
    else context.push(f as ContextFeature)
  }
  return {
    metadata: dataset.metadata,
    properties: columnsFromRows(buildings.map((f) => f.properties)),
    geometry: packGeometry(buildings),
    context,
  }
}

/**
 * A dataset whose buildings keep their footprints packed (see `PackedBuildingFeature`): the
 * same shape every consumer reads, without one JS object per point. Buildings come first, in
 * order, then the context layers.
 */
export function datasetFromParts(parts: DatasetParts): DistrictDataset {
  const columns = parts.properties
  const source = { columns, ids: idsOf(columns) }
  const features: (BuildingFeature | ContextFeature)[] = new Array(columns.count)
  for (let i = 0; i < columns.count; i++) {
    features[i] = new PackedBuildingFeature(source, parts.geometry, i)
  }
  for (const c of parts.context) features.push(c)
  return { type: 'FeatureCollection', metadata: parts.metadata, features }
}

/** A copy of a packed geometry (one thread keeps its own while the other gets the copy). */
export function copyPacked(g: PackedGeometry): PackedGeometry {
  return {
    coords: g.coords.slice(),
    ringStart: g.ringStart.slice(),
    polygonRingStart: g.polygonRingStart.slice(),
    buildingPolygonStart: g.buildingPolygonStart.slice(),
    multi: g.multi.slice(),
  }
}

/** A building's id (a packed one's without making its properties). */
export const buildingIdOf = (f: BuildingFeature): string =>
  f instanceof PackedBuildingFeature ? f.id : f.properties.id
