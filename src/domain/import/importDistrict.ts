import type { Feature, FeatureCollection } from 'geojson'

import { inferBuildingAttributes } from '../buildings/infer'
import { getAddressFromTags, getBuildingType } from '../buildings/tags'
import type { Tags } from '../buildings/tags'
import type {
  BuildingFeature,
  ContextFeature,
  DatasetMetadata,
  DistrictDataset,
} from '../buildings/types'
import { OSM_ATTRIBUTION, OSM_LICENCE } from '../buildings/types'

import { convertOverpass, countWork, isOverpassElement } from './convertOsm'
import { ImportError, MAX_INPUT_CHARS } from './importError'
import { parseOsmXml } from './osmXml'
import type { OverpassJson } from './overpassTypes'
import { lookupOverlay, parseOverlay, unmatchedOverlayRows } from './overlay'
import type { OverlayIndex } from './overlay'
import { repairFootprint } from './repairGeometry'
import { countDataset } from './summary'

/** Options of `importDistrict`. */
export interface ImportOptions {
  /** File name (or Overpass area) used in metadata and in error messages. */
  sourceName: string
  /** Text of the attribute overlay CSV (`--overlay`). */
  overlayCsv?: string
  /** Name of the overlay file, for its error messages. @default 'overlay CSV' */
  overlayName?: string
  /**
   * Progress in permille: called with (done, 1000) as parsing (first 30 %) and conversion
   * proceed. Cheap to call; the CLI draws a bar, the worker posts a message.
   */
  onProgress?: (done: number, total: number) => void
  /**
   * Picks the context layers (streets, green, water, boundary) from the converted GeoJSON.
   * HOOK: wired to `extractContext` of `./context` (Overpass colleague) once that file exists;
   * until then no context features are produced unless a caller passes one.
   */
  extractContext?: (geojson: FeatureCollection) => ContextFeature[]
  /** Clock for `metadata.generated`. @default () => new Date() */
  now?: () => Date
}

/** Geometries repaired or dropped (with reason and OSM id) and other warnings. */
export type ImportReport = NonNullable<DatasetMetadata['report']>

/** What `importDistrict` returns. */
export interface ImportResult {
  dataset: DistrictDataset
  report: ImportReport
}

/** The permille of progress spent parsing before conversion starts. */
const PARSE_PERMILLE = 300
/** GeoJSON input features normalised between progress reports. */
const FEATURES_PER_STEP = 2000

type Parsed =
  | { kind: 'osm'; json: OverpassJson; synthetic: boolean }
  | { kind: 'geojson'; fc: FeatureCollection; synthetic: boolean }

/** Line number (1-based) of character `pos` in `text`. */
function lineAt(text: string, pos: number): number {
  let line = 1
  for (let i = 0; i < pos && i < text.length; i++) if (text.charCodeAt(i) === 10) line++
  return line
}

function parseJson(text: string, sourceName: string): unknown {
  try {
    return JSON.parse(text)
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e)
    const pos = Number(/position (\d+)/.exec(msg)?.[1] ?? NaN)
    const atEnd = /end of (JSON )?input|Unterminated/i.test(msg) || pos >= text.trimEnd().length - 1
    if (atEnd) {
      throw new ImportError(sourceName, `JSON is truncated at line ${lineAt(text, text.length)}`)
    }
    const where = Number.isFinite(pos) ? ` at line ${lineAt(text, pos)}` : ''
    throw new ImportError(sourceName, `JSON is malformed${where} (${msg.split('\n')[0] ?? ''})`)
  }
}

/** Detect the format (OSM XML, Overpass JSON, GeoJSON) and parse it. */
function parseInput(
  text: string,
  sourceName: string,
  progress: (permille: number) => void,
): Parsed {
  if (text.length > MAX_INPUT_CHARS) {
    throw new ImportError(sourceName, `file is larger than ${MAX_INPUT_CHARS} characters`)
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const start = /\S/.exec(body)
  if (!start) throw new ImportError(sourceName, 'file is empty')
  const first = body[start.index]
  if (first === '<') {
    const json = parseOsmXml(body, sourceName, (d, t) =>
      progress(Math.floor((d / t) * PARSE_PERMILLE)),
    )
    return { kind: 'osm', json, synthetic: /synthetic/i.test(json.generator ?? '') }
  }
  if (first !== '{' && first !== '[') {
    throw new ImportError(sourceName, 'not OSM data: expected .osm XML, Overpass JSON or GeoJSON')
  }
  const value = parseJson(body, sourceName)
  progress(PARSE_PERMILLE)
  const o = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>
  if (Array.isArray(o['elements'])) {
    const elements = o['elements'].filter(isOverpassElement)
    const generator = typeof o['generator'] === 'string' ? o['generator'] : ''
    return { kind: 'osm', json: { generator, elements }, synthetic: /synthetic/i.test(generator) }
  }
  if (o['type'] === 'FeatureCollection' && Array.isArray(o['features'])) {
    const meta = o['metadata'] as { synthetic?: unknown } | undefined
    return { kind: 'geojson', fc: value as FeatureCollection, synthetic: meta?.synthetic === true }
  }
  if (o['type'] === 'Feature') {
    return {
      kind: 'geojson',
      fc: { type: 'FeatureCollection', features: [value as Feature] },
      synthetic: false,
    }
  }
  throw new ImportError(
    sourceName,
    'not OSM data: JSON has neither an Overpass "elements" array nor a GeoJSON FeatureCollection',
  )
}

/** OSM tags of a GeoJSON feature: `properties.tags` if it is an object, else the properties. */
function tagsOfGeoJson(props: Record<string, unknown> | null): Record<string, string> {
  const src =
    props && typeof props['tags'] === 'object' && props['tags'] !== null
      ? (props['tags'] as Record<string, unknown>)
      : (props ?? {})
  const tags: Record<string, string> = {}
  for (const [k, v] of Object.entries(src)) {
    if (typeof v === 'string') tags[k] = v
    else if (typeof v === 'number' || typeof v === 'boolean') tags[k] = String(v)
  }
  return tags
}

/** `way/123` for a GeoJSON feature: feature id, `@id`, `osm_type`+`osm_id`, or `id`. */
function idOfGeoJson(f: Feature, index: number): string {
  const p = (f.properties ?? {}) as Record<string, unknown>
  for (const cand of [f.id, p['@id'], p['id']]) {
    if (typeof cand === 'string' && /^(node|way|relation)\/\d+$/.test(cand)) return cand
  }
  const osmId = p['osm_id'] ?? p['id'] ?? f.id
  const osmType = typeof p['osm_type'] === 'string' ? p['osm_type'] : 'way'
  if (typeof osmId === 'number' || (typeof osmId === 'string' && /^\d+$/.test(osmId))) {
    return `${osmType === 'relation' || osmType === 'R' ? 'relation' : 'way'}/${osmId}`
  }
  return `feature/${index}`
}

interface Accumulator {
  buildings: BuildingFeature[]
  context: ContextFeature[]
  report: ImportReport
  overlay: OverlayIndex | null
  syntheticElements: number
  seen: Set<string>
}

/** Repair and normalise one building, or record why it was dropped. */
function addBuilding(
  acc: Accumulator,
  id: string,
  tags: Tags,
  type: string,
  geometry: unknown,
  knownRepair: string | undefined,
): void {
  if (acc.seen.has(id)) {
    acc.report.warnings.push(`${id} appears twice; the second copy was ignored`)
    return
  }
  acc.seen.add(id)
  const fp = repairFootprint(geometry)
  if (!fp.ok) {
    acc.report.dropped.push({ id, reason: fp.reason })
    return
  }
  const repairs = knownRepair ? [knownRepair, ...fp.repairs] : fp.repairs
  if (repairs.length > 0) acc.report.repaired.push({ id, reason: repairs.join('; ') })
  if (tags['note'] === 'synthetic') acc.syntheticElements++
  const overlay = acc.overlay
    ? lookupOverlay(acc.overlay, id, tags['addr:street'], tags['addr:housenumber'])
    : undefined
  const attrs = inferBuildingAttributes(tags, type, fp.areaM2, overlay)
  acc.buildings.push({
    type: 'Feature',
    id,
    geometry: fp.geometry,
    properties: {
      kind: 'building',
      id,
      type,
      name: tags['name']?.trim() || null,
      address: getAddressFromTags(tags),
      footprint_area_m2: fp.areaM2,
      ...attrs,
    },
  })
}

function importOsm(
  json: OverpassJson,
  acc: Accumulator,
  opts: ImportOptions,
  progress: (permille: number) => void,
): void {
  const total = Math.max(1, countWork(json))
  convertOverpass(json, (batch, done) => {
    const output = new Set<string>()
    const others: Feature[] = []
    for (const f of batch.geojson.features) {
      const id = typeof f.id === 'string' ? f.id : String(f.id)
      const props = (f.properties ?? {}) as { tags?: Tags; tainted?: boolean }
      const tags = props.tags ?? {}
      const type = getBuildingType(tags)
      if (type === null || f.geometry.type === 'Point') {
        others.push(f)
        continue
      }
      output.add(id)
      const problem = batch.problems.get(id)
      if (problem !== undefined && id.startsWith('way/')) {
        acc.report.dropped.push({ id, reason: `way ${problem}` })
        continue
      }
      const known =
        problem === undefined
          ? undefined
          : `assembled without ${problem.replace(/^member\(s\) missing from the file: /, 'missing member(s) ')}`
      addBuilding(
        acc,
        id,
        tags,
        type,
        f.geometry,
        props.tainted && !known ? 'tainted geometry' : known,
      )
    }
    for (const id of batch.buildingIds) {
      if (output.has(id)) continue
      const problem = batch.problems.get(id)
      acc.report.dropped.push({
        id,
        reason: problem
          ? `${id.split('/')[0] ?? 'element'} ${problem}; no area could be built`
          : 'no area could be built (too few nodes or unclosed multipolygon rings)',
      })
    }
    if (opts.extractContext && others.length > 0) {
      acc.context.push(...opts.extractContext({ type: 'FeatureCollection', features: others }))
    }
    progress(PARSE_PERMILLE + Math.floor((done / total) * (1000 - PARSE_PERMILLE)))
  })
}

function importGeoJson(
  fc: FeatureCollection,
  acc: Accumulator,
  opts: ImportOptions,
  progress: (permille: number) => void,
): void {
  const others: Feature[] = []
  const total = Math.max(1, fc.features.length)
  fc.features.forEach((f, i) => {
    if (typeof f !== 'object' || f === null || f.type !== 'Feature') {
      acc.report.warnings.push(`feature ${i} is not a GeoJSON Feature; ignored`)
      return
    }
    const tags = tagsOfGeoJson(f.properties as Record<string, unknown> | null)
    const type = getBuildingType(tags)
    if (type === null || f.geometry?.type === 'Point') others.push(f)
    else addBuilding(acc, idOfGeoJson(f, i), tags, type, f.geometry, undefined)
    if ((i + 1) % FEATURES_PER_STEP === 0) {
      progress(PARSE_PERMILLE + Math.floor(((i + 1) / total) * (1000 - PARSE_PERMILLE)))
    }
  })
  if (opts.extractContext && others.length > 0) {
    acc.context.push(...opts.extractContext({ type: 'FeatureCollection', features: others }))
  }
}

/** [west, south, east, north] over every position of the features. */
function bboxOf(features: readonly (BuildingFeature | ContextFeature)[]): DatasetMetadata['bbox'] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity]
  const visit = (c: unknown): void => {
    if (!Array.isArray(c)) return
    if (typeof c[0] === 'number' && typeof c[1] === 'number') {
      if (c[0] < b[0]) b[0] = c[0]
      if (c[1] < b[1]) b[1] = c[1]
      if (c[0] > b[2]) b[2] = c[0]
      if (c[1] > b[3]) b[3] = c[1]
      return
    }
    for (const x of c) visit(x)
  }
  for (const f of features) visit(f.geometry.coordinates)
  return b
}

/**
 * Import a district from the text of an OSM file (`.osm` XML, Overpass JSON from `out geom` or
 * `out body; >; out skel`, or GeoJSON with OSM tags on the properties or under `tags`): every way
 * or multipolygon relation tagged `building=*` becomes a `BuildingFeature` with inferred height,
 * levels, year, use, flats and heated area, each with its provenance; an optional overlay CSV
 * overrides them (`overlay`). Invalid geometries are repaired or dropped and listed in the report.
 * Pure and browser-safe: the CLI and the Web Worker both call it.
 *
 * @throws ImportError with one line naming `opts.sourceName` for empty, truncated, malformed,
 *   non-OSM or DOCTYPE-bearing input, or input without a single usable building.
 */
export function importDistrict(text: string, opts: ImportOptions): ImportResult {
  let lastPermille = -1
  const progress = (permille: number): void => {
    if (permille === lastPermille) return
    lastPermille = permille
    opts.onProgress?.(permille, 1000)
  }
  progress(0)
  const parsed = parseInput(text, opts.sourceName, progress)
  const acc: Accumulator = {
    buildings: [],
    context: [],
    report: { repaired: [], dropped: [], warnings: [] },
    overlay:
      opts.overlayCsv === undefined
        ? null
        : parseOverlay(opts.overlayCsv, opts.overlayName ?? 'overlay CSV'),
    syntheticElements: 0,
    seen: new Set(),
  }
  if (acc.overlay) acc.report.warnings.push(...acc.overlay.warnings)
  if (parsed.kind === 'osm') importOsm(parsed.json, acc, opts, progress)
  else importGeoJson(parsed.fc, acc, opts, progress)

  if (acc.buildings.length === 0) {
    const firstDrop = acc.report.dropped[0]
    throw new ImportError(
      opts.sourceName,
      firstDrop
        ? `none of its ${acc.report.dropped.length} building(s) is usable (${firstDrop.id}: ${firstDrop.reason})`
        : 'contains no buildings (no way or relation tagged building=*)',
    )
  }
  if (acc.overlay) acc.report.warnings.push(...unmatchedOverlayRows(acc.overlay))

  const synthetic = parsed.synthetic || acc.syntheticElements === acc.buildings.length
  const features = [...acc.buildings, ...acc.context]
  const metadata: DatasetMetadata = {
    source: synthetic
      ? `${opts.sourceName} (SYNTHETIC test data, not real buildings)`
      : opts.sourceName,
    bbox: bboxOf(features),
    generated: (opts.now?.() ?? new Date()).toISOString(),
    attribution: OSM_ATTRIBUTION,
    licence: OSM_LICENCE,
    counts: countDataset(
      acc.buildings.map((b) => b.properties),
      acc.context,
    ),
    report: acc.report,
  }
  if (synthetic) metadata.synthetic = true
  progress(1000)
  return { dataset: { type: 'FeatureCollection', metadata, features }, report: acc.report }
}
