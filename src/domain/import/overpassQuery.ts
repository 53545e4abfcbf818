/**
 * The Overpass QL query `npm run data` sends: buildings plus the context layers of
 * `./context` (streets, green, water, neighbourhood boundary) for one bounding box.
 * Pure: no network here (scripts/lib/overpass.ts sends it).
 */
import { GREEN_TAGS, NEIGHBOURHOOD_PLACES, WATER_AREA_TAGS, WATERWAY_LINES } from './context'

/** [west, south, east, north] in WGS84 degrees. */
export type Bbox = [number, number, number, number]

/**
 * The Mănăștur block district, [west, south, east, north] in WGS84 degrees.
 *
 * No OSM boundary of the neighbourhood was found in any OSM-derived data available to the
 * project (shared data/osm/PROVENANCE.md), so the area is this box, the one the brief gives: lon
 * 23.53–23.58, lat 46.74–46.77 (≈ 3.8 km × 3.3 km, 12.7 km²). Kept as is rather than tightened:
 * - west 23.53 reaches past the last blocks at the Calea Florești / Str. Bucegi end;
 * - east 23.58 takes in the eastern fringe (Str. Govora with the district heating plant,
 *   the Mănăștur cemetery, the east end of Calea Mănăștur), which sits around 23.564–23.57,
 *   at the cost of some Zorilor and Hașdeu blocks;
 * - north 46.77 reaches Calea Florești and the Someș corridor, south 46.74 the last blocks
 *   on Str. Izlazului and Str. Parâng against the hill.
 * A box that is too large only costs a few hundred extra buildings; one that is too small
 * silently drops blocks, which is worse for a twin of the whole district. The query still
 * asks for a boundary relation or way named Mănăștur in case one is mapped later.
 */
export const MANASTUR_AREA: Readonly<Bbox> = [23.53, 46.74, 23.58, 46.77]

/**
 * Overpass regex for the neighbourhood's name: with or without diacritics, comma-below (ș) or
 * legacy cedilla (ş), optionally prefixed "Cartierul". Alternations, not bracket expressions,
 * because Overpass matches bytes and ă/ș are two bytes in UTF-8.
 */
export const MANASTUR_NAME_REGEX = '^(Cartierul )?M(ă|a)n(ă|a)(ș|ş|s)tur$'

/** Server-side time limit of the query in seconds (`[timeout:N]`). */
export const DEFAULT_QUERY_TIMEOUT_S = 90

/** Largest bbox side accepted, degrees: bigger areas overload Overpass; split them. */
export const MAX_BBOX_SPAN_DEG = 1

/** Options of `buildOverpassQuery`. */
export interface OverpassQueryOptions {
  /** [west, south, east, north] in WGS84 degrees. */
  bbox: Readonly<Bbox>
  /**
   * Overpass regex of the neighbourhood's name: only boundaries with that name are fetched.
   * Absent: every neighbourhood outline (place=suburb|quarter|neighbourhood, admin_level 9–10)
   * in the box.
   */
  boundaryName?: string
  /** Server-side timeout in seconds. @default DEFAULT_QUERY_TIMEOUT_S */
  timeoutS?: number
}

/** Degrees with at most 7 decimals (≈ 1 cm), no exponent. */
const deg = (x: number): string => {
  const t = x
    .toFixed(7)
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '')
  return t === '-0' ? '0' : t
}

const quote = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
const alternation = (values: readonly string[]): string => quote(`^(${values.join('|')})$`)

/** `way[...]; relation[...][type=multipolygon];` for each `key → values` row. */
function areaClauses(table: Readonly<Record<string, readonly string[]>>): string[] {
  return Object.entries(table).flatMap(([key, values]) => {
    const filter = `[${quote(key)}~${alternation(values)}]`
    return [`way${filter};`, `relation${filter}["type"="multipolygon"];`]
  })
}

/**
 * Overpass QL for everything the twin draws inside `bbox`: buildings (ways and multipolygon
 * relations with `building=*`), highway lines, green areas (`GREEN_TAGS`), water areas and
 * river/stream lines, and the neighbourhood boundary. Output is `[out:json]` with `out geom qt`
 * (coordinates inline, no separate nodes), which the importer reads directly.
 */
export function buildOverpassQuery(opts: OverpassQueryOptions): string {
  const [w, s, e, n] = opts.bbox
  const timeoutS = Math.max(1, Math.round(opts.timeoutS ?? DEFAULT_QUERY_TIMEOUT_S))
  const places = alternation(NEIGHBOURHOOD_PLACES)
  const boundary =
    opts.boundaryName === undefined
      ? [
          `way["place"~${places}];`,
          `relation["place"~${places}];`,
          `relation["boundary"="administrative"]["admin_level"~"^(9|10)$"];`,
        ]
      : [
          `way["place"~${places}]["name"~${quote(opts.boundaryName)},i];`,
          `relation["place"~${places}]["name"~${quote(opts.boundaryName)},i];`,
          `relation["boundary"~"^(administrative|place|neighbourhood)$"]["name"~${quote(opts.boundaryName)},i];`,
        ]
  const clauses = [
    '// buildings',
    'way["building"];',
    'relation["building"]["type"="multipolygon"];',
    '// streets',
    'way["highway"];',
    '// green',
    ...areaClauses(GREEN_TAGS),
    '// water',
    ...areaClauses(WATER_AREA_TAGS),
    'way["water"];',
    'relation["water"]["type"="multipolygon"];',
    `way["waterway"~${alternation(WATERWAY_LINES)}];`,
    '// neighbourhood boundary',
    ...boundary,
  ]
  return [
    `[out:json][timeout:${timeoutS}][bbox:${deg(s)},${deg(w)},${deg(n)},${deg(e)}];`,
    '(',
    ...clauses.map((c) => `  ${c}`),
    ');',
    'out geom qt;',
    '',
  ].join('\n')
}

/** The query for the Mănăștur area: `MANASTUR_AREA`, boundary by `MANASTUR_NAME_REGEX`. */
export function buildManasturQuery(timeoutS?: number): string {
  const opts: OverpassQueryOptions = { bbox: MANASTUR_AREA, boundaryName: MANASTUR_NAME_REGEX }
  if (timeoutS !== undefined) opts.timeoutS = timeoutS
  return buildOverpassQuery(opts)
}

/**
 * Parse `west,south,east,north` (WGS84 degrees, as `--bbox` takes it).
 *
 * @throws RangeError with one line saying what is wrong (count, not a number, out of range,
 *   west ≥ east, south ≥ north, a side over `MAX_BBOX_SPAN_DEG`).
 */
export function parseBbox(raw: string): Bbox {
  const fail = (why: string): never => {
    throw new RangeError(
      `--bbox must be west,south,east,north in degrees (e.g. 23.53,46.74,23.58,46.77): ${why}`,
    )
  }
  const parts = raw.split(',').map((p) => p.trim())
  if (parts.length !== 4) fail(`got ${parts.length} value(s) in "${raw.slice(0, 80)}"`)
  const nums = parts.map((p) => (/^[-+]?\d+(\.\d+)?$/.test(p) ? Number(p) : NaN))
  const names = ['west', 'south', 'east', 'north'] as const
  nums.forEach((v, i) => {
    if (!Number.isFinite(v)) fail(`${names[i] ?? 'value'} "${parts[i] ?? ''}" is not a number`)
  })
  const [w = NaN, s = NaN, e = NaN, n = NaN] = nums
  if (Math.abs(w) > 180 || Math.abs(e) > 180) fail('longitudes must be within -180…180')
  if (Math.abs(s) > 90 || Math.abs(n) > 90) fail('latitudes must be within -90…90')
  if (w >= e) fail(`west ${w} must be less than east ${e}`)
  if (s >= n) fail(`south ${s} must be less than north ${n}`)
  if (e - w > MAX_BBOX_SPAN_DEG || n - s > MAX_BBOX_SPAN_DEG) {
    fail(`a side is over ${MAX_BBOX_SPAN_DEG}°, too large for one Overpass query; split the area`)
  }
  return [w, s, e, n]
}
