/**
 * Context layers (streets, green areas, water, the neighbourhood boundary) picked from the
 * GeoJSON that `convertOsm` makes of an OSM file. Pure and browser-safe: the CLI and the import
 * worker both call it through `importDistrict`'s `extractContext` option.
 *
 * The tag lists here are also what `buildOverpassQuery` asks Overpass for, so the fetch and the
 * classification cannot drift apart.
 */
import { getBuildingType, parseHeightM } from '../buildings/tags'
import type { Tags } from '../buildings/tags'
import type { ContextFeature, ContextKind } from '../buildings/types'
import { ownValue } from '../own'

/**
 * Carriageway width in metres by `highway=*` class, used when a street has no usable `width`
 * (or `lanes`) tag. Lanes are ~3.0–3.5 m (Romanian norm STAS 10144/3 and EU practice):
 * motorway/trunk 2×2 lanes with shoulders ≈ 14 m; primary 2×2 lanes (Calea Mănăștur) ≈ 12 m;
 * secondary 2 wide lanes plus parking ≈ 10 m; tertiary ≈ 8 m; residential and unclassified
 * two narrow lanes ≈ 6 m; living streets and pedestrian streets ≈ 5 m; service roads and
 * block access lanes one lane ≈ 4 m; tracks ≈ 3 m; footways, paths, cycleways, steps ≈ 2 m.
 * Ramps (`*_link`) are one or two lanes.
 */
export const STREET_WIDTH_M: Readonly<Record<string, number>> = {
  motorway: 14,
  trunk: 14,
  primary: 12,
  secondary: 10,
  tertiary: 8,
  motorway_link: 7,
  trunk_link: 7,
  primary_link: 6,
  secondary_link: 6,
  tertiary_link: 5,
  unclassified: 6,
  residential: 6,
  road: 6,
  living_street: 5,
  pedestrian: 5,
  busway: 4,
  service: 4,
  track: 3,
  footway: 2,
  path: 2,
  cycleway: 2,
  bridleway: 2,
  steps: 2,
}

/** Width in metres of a street whose `highway=*` class is not in `STREET_WIDTH_M`. */
export const DEFAULT_STREET_WIDTH_M = 4

/** Width of one traffic lane in metres, for streets tagged `lanes=*` but not `width=*`. */
export const LANE_WIDTH_M = 3.25

/** Plausible street widths in metres; `width` tags outside this range are ignored. */
const MIN_WIDTH_M = 1
const MAX_WIDTH_M = 60

/**
 * `highway=*` values that are not drawable streets: planned or demolished roads, stops and
 * platforms (points or areas), indoor corridors.
 */
export const NON_STREET_HIGHWAYS: ReadonlySet<string> = new Set([
  'proposed',
  'construction',
  'abandoned',
  'disused',
  'razed',
  'platform',
  'bus_stop',
  'elevator',
  'corridor',
  'rest_area',
  'services',
  'traffic_island',
])

/** Tag values (`key → values`) that make an area green. */
export const GREEN_TAGS: Readonly<Record<string, readonly string[]>> = {
  leisure: ['park', 'garden'],
  landuse: ['grass', 'recreation_ground', 'forest', 'meadow', 'village_green'],
  natural: ['wood', 'scrub', 'grassland'],
}

/** Tag values that make an area water (`water=*` with any value also does). */
export const WATER_AREA_TAGS: Readonly<Record<string, readonly string[]>> = {
  natural: ['water'],
  waterway: ['riverbank'],
  landuse: ['reservoir', 'basin'],
}

/** `waterway=*` values drawn as water lines (rivers and the streams that cross the district). */
export const WATERWAY_LINES: readonly string[] = ['river', 'stream', 'canal', 'ditch', 'drain']

/** `place=*` values of a neighbourhood outline. */
export const NEIGHBOURHOOD_PLACES: readonly string[] = ['suburb', 'quarter', 'neighbourhood']

/** Lowest `admin_level` counted as a neighbourhood boundary (8 is the city, 9–10 its parts). */
const MIN_NEIGHBOURHOOD_ADMIN_LEVEL = 9

type AnyFeature = {
  type?: unknown
  id?: unknown
  geometry?: { type?: unknown; coordinates?: unknown } | null
  properties?: Record<string, unknown> | null
}

/** A FeatureCollection as `convertOsm` writes it (tags under `properties.tags`) or flat tags. */
export interface FeatureCollectionLike {
  type?: string
  features: readonly unknown[]
}

const isPosition = (p: unknown): boolean =>
  Array.isArray(p) &&
  p.length >= 2 &&
  typeof p[0] === 'number' &&
  typeof p[1] === 'number' &&
  Number.isFinite(p[0]) &&
  Number.isFinite(p[1])

const isLine = (c: unknown): boolean => Array.isArray(c) && c.length >= 2 && c.every(isPosition)
const isRing = (c: unknown): boolean => Array.isArray(c) && c.length >= 4 && c.every(isPosition)
const isPolygon = (c: unknown): boolean => Array.isArray(c) && c.length >= 1 && c.every(isRing)

/** The feature's OSM tags: `properties.tags` when it is an object, else the flat properties. */
function tagsOf(props: Record<string, unknown> | null | undefined): Record<string, string> {
  const nested = props?.['tags']
  const src =
    typeof nested === 'object' && nested !== null
      ? (nested as Record<string, unknown>)
      : (props ?? {})
  const tags: Record<string, string> = {}
  for (const [k, v] of Object.entries(src)) {
    if (typeof v === 'string') tags[k] = v
    else if (typeof v === 'number') tags[k] = String(v)
  }
  return tags
}

const OSM_ID = /^(node|way|relation)\/\d+$/

/** `way/123` from the feature id, `@id`, or `type` + `id` properties. */
function idOf(f: AnyFeature, kind: ContextKind, index: number): string {
  const p = f.properties ?? {}
  for (const cand of [f.id, p['@id'], p['id']]) {
    if (typeof cand === 'string' && OSM_ID.test(cand)) return cand
  }
  const type = p['type'] ?? p['osm_type']
  const num = p['id'] ?? p['osm_id']
  if (
    (type === 'node' || type === 'way' || type === 'relation') &&
    (typeof num === 'number' || (typeof num === 'string' && /^\d+$/.test(num)))
  ) {
    return `${type}/${num}`
  }
  return `${kind}/${index}`
}

const has = (tags: Tags, table: Readonly<Record<string, readonly string[]>>): boolean =>
  Object.entries(table).some(([k, values]) => {
    const v = tags[k]
    return v !== undefined && values.includes(v)
  })

/**
 * Carriageway width in metres of a street: its `width` tag (metres, `7.5`, `7,5 m`, feet) when
 * between 1 and 60 m; else `lanes` × 3.25 m for roads with 1–12 lanes; else
 * `STREET_WIDTH_M[highway]`; else `DEFAULT_STREET_WIDTH_M`. Rounded to 0.1 m.
 */
export function streetWidthM(tags: Tags): number {
  const tagged = parseHeightM(tags['width'])
  if (tagged !== null && tagged >= MIN_WIDTH_M && tagged <= MAX_WIDTH_M) {
    return Math.round(tagged * 10) / 10
  }
  const highway = tags['highway'] ?? ''
  const byClass = ownValue(STREET_WIDTH_M, highway)
  const lanesRaw = tags['lanes']?.trim()
  if (lanesRaw !== undefined && /^\d{1,2}$/.test(lanesRaw) && (byClass ?? 0) > 2) {
    const lanes = Number(lanesRaw)
    if (lanes >= 1 && lanes <= 12) return Math.round(lanes * LANE_WIDTH_M * 10) / 10
  }
  return byClass ?? DEFAULT_STREET_WIDTH_M
}

/** Is this a neighbourhood outline (not a city, county or protected-area boundary)? */
function isNeighbourhoodBoundary(tags: Tags): boolean {
  const place = tags['place']
  if (place !== undefined && NEIGHBOURHOOD_PLACES.includes(place)) return true
  const boundary = tags['boundary']
  if (boundary === 'place' || boundary === 'neighbourhood') return true
  if (boundary !== 'administrative') return false
  const raw = tags['admin_level']
  if (raw === undefined) return true
  const level = Number(raw)
  return Number.isFinite(level) && level >= MIN_NEIGHBOURHOOD_ADMIN_LEVEL
}

/**
 * What a feature is in the context layers, or null when it is none of them. Order matters:
 * buildings are never context; a highway line is a street; water beats green (a pond in a park
 * is tagged on its own way anyway).
 */
function classify(tags: Tags, geomType: string): ContextKind | null {
  if (getBuildingType(tags) !== null) return null
  const line = geomType === 'LineString' || geomType === 'MultiLineString'
  const area = geomType === 'Polygon' || geomType === 'MultiPolygon'
  const highway = tags['highway']
  if (highway !== undefined) {
    // Pedestrian squares and other highway areas are not lines to draw with a width.
    return line && !NON_STREET_HIGHWAYS.has(highway) && tags['area'] !== 'yes' ? 'street' : null
  }
  if (area && (tags['water'] !== undefined || has(tags, WATER_AREA_TAGS))) return 'water'
  const waterway = tags['waterway']
  if (line && waterway !== undefined && WATERWAY_LINES.includes(waterway)) return 'water'
  if (area && has(tags, GREEN_TAGS)) return 'green'
  if ((area || line) && isNeighbourhoodBoundary(tags)) return 'boundary'
  return null
}

/** The feature's geometry if it is a well-formed Polygon, MultiPolygon or (Multi)LineString. */
function validGeometry(g: AnyFeature['geometry']): ContextFeature['geometry'] | null {
  if (!g || typeof g.type !== 'string') return null
  const c = g.coordinates
  switch (g.type) {
    case 'LineString':
      return isLine(c)
        ? ({ type: 'LineString', coordinates: c } as ContextFeature['geometry'])
        : null
    case 'MultiLineString':
      return Array.isArray(c) && c.length > 0 && c.every(isLine)
        ? ({ type: 'MultiLineString', coordinates: c } as ContextFeature['geometry'])
        : null
    case 'Polygon':
      return isPolygon(c)
        ? ({ type: 'Polygon', coordinates: c } as ContextFeature['geometry'])
        : null
    case 'MultiPolygon':
      return Array.isArray(c) && c.length > 0 && c.every(isPolygon)
        ? ({ type: 'MultiPolygon', coordinates: c } as ContextFeature['geometry'])
        : null
    default:
      return null
  }
}

/**
 * Pick the context layers from `convertOsm` output (or any GeoJSON with OSM tags on the
 * properties or under `properties.tags`):
 * - `street`: `highway=*` lines (not areas, not proposed/platform…), with `width_m` in metres
 *   from `streetWidthM`;
 * - `green`: areas tagged as in `GREEN_TAGS` (parks, gardens, grass, woods…);
 * - `water`: areas tagged `natural=water`, `water=*`, `waterway=riverbank`…, and river/stream
 *   lines (`WATERWAY_LINES`);
 * - `boundary`: neighbourhood outlines (`place=suburb|quarter|neighbourhood`, `boundary=place`,
 *   or `boundary=administrative` with `admin_level` ≥ 9 or none), as areas or lines.
 * Buildings, points, anything else and malformed geometries are skipped. Ids are `way/123` /
 * `relation/45`; the input order is kept.
 */
export function extractContext(geojson: FeatureCollectionLike): ContextFeature[] {
  const out: ContextFeature[] = []
  const features = Array.isArray(geojson.features) ? geojson.features : []
  for (let i = 0; i < features.length; i++) {
    const raw = features[i]
    if (typeof raw !== 'object' || raw === null) continue
    const f = raw as AnyFeature
    if (f.type !== 'Feature' || !f.geometry || typeof f.geometry.type !== 'string') continue
    const tags = tagsOf(f.properties)
    const kind = classify(tags, f.geometry.type)
    if (kind === null) continue
    const geometry = validGeometry(f.geometry)
    if (geometry === null) continue
    const id = idOf(f, kind, i)
    const name = tags['name']?.trim() || null
    out.push({
      type: 'Feature',
      id,
      geometry,
      properties:
        kind === 'street' ? { kind, id, name, width_m: streetWidthM(tags) } : { kind, id, name },
    })
  }
  return out
}
