import type { Feature, FeatureCollection } from 'geojson'

import { buildingTypeDefault } from '../buildings/defaults'
import { inferBuildingAttributes } from '../buildings/infer'
import type { OverlayValues } from '../buildings/infer'
import { getAddressPartsFromTags, getBuildingType } from '../buildings/tags'
import type { Address, Tags } from '../buildings/tags'
import type {
  BuildingFeature,
  BuildingPart,
  ContextFeature,
  DatasetMetadata,
  DistrictDataset,
} from '../buildings/types'
import { OSM_ATTRIBUTION, OSM_LICENCE } from '../buildings/types'

import {
  assignParts,
  BoxGrid,
  bboxOfGeometry,
  geometryContains,
  partFromTags,
  summariseParts,
} from './buildingParts'
import {
  convertOsm,
  countWork,
  isBuildingPart,
  isOverpassElement,
  overpassElementProblem,
} from './convertOsm'
import type { OsmArea } from './convertOsm'
import { ImportError, MAX_INPUT_CHARS, refuseRemark } from './importError'
import { createOsmXmlReader, parseOsmXml } from './osmXml'
import type { OverpassJson } from './overpassTypes'
import { joinFootprints, parseFootprintOverlay } from './footprintOverlay'
import type { FootprintJoin, FootprintOverlay } from './footprintOverlay'
import { lookupOverlay, parseOverlay, unmatchedOverlayRows } from './overlay'
import type { OverlayIndex } from './overlay'
import { buildArea, repairFootprint } from './repairGeometry'
import type { RepairedFootprint } from './repairGeometry'
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
   * Vector overlays of footprints (GeoJSON text and file name), joined by footprint overlap
   * (`footprintOverlay.ts`); an earlier overlay's value wins over a later one's, the CSV's
   * over both.
   */
  footprintOverlays?: { name: string; text: string }[]
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
/** The permille reached when every footprint is built (parts and attributes follow). */
const CONVERT_PERMILLE = 900
/** The permille reached when parts, addresses and attributes are done. */
const FINISH_PERMILLE = 980
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
      const line = lineAt(text, text.length)
      throw new ImportError(sourceName, `JSON is truncated at line ${line}`, 'jsonTruncated', {
        line,
      })
    }
    const line = Number.isFinite(pos) ? lineAt(text, pos) : 1
    throw new ImportError(
      sourceName,
      `JSON is malformed at line ${line} (${msg.split('\n')[0] ?? ''})`,
      'jsonMalformed',
      { line },
    )
  }
}

/** Detect the format (OSM XML, Overpass JSON, GeoJSON) and parse it. */
function parseInput(
  text: string,
  sourceName: string,
  progress: (permille: number) => void,
): Parsed {
  if (text.length > MAX_INPUT_CHARS) {
    throw new ImportError(
      sourceName,
      `file is larger than ${MAX_INPUT_CHARS} characters`,
      'tooLarge',
      { max: MAX_INPUT_CHARS },
    )
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const start = /\S/.exec(body)
  if (!start) throw new ImportError(sourceName, 'file is empty', 'empty')
  const first = body[start.index]
  if (first === '<') {
    const json = parseOsmXml(
      body,
      sourceName,
      (d, t) => progress(Math.floor((d / t) * PARSE_PERMILLE)),
      true,
    )
    return { kind: 'osm', json, synthetic: /synthetic/i.test(json.generator ?? '') }
  }
  if (first !== '{' && first !== '[') {
    throw new ImportError(
      sourceName,
      'not OSM data: expected .osm XML, Overpass JSON or GeoJSON',
      'notOsm',
    )
  }
  const value = parseJson(body, sourceName)
  progress(PARSE_PERMILLE)
  const o = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>
  if (Array.isArray(o['elements'])) {
    refuseRemark(typeof o['remark'] === 'string' ? o['remark'] : '', sourceName)
    const elements = o['elements'].filter(isOverpassElement)
    for (const [i, e] of elements.entries()) {
      const problem = overpassElementProblem(e)
      if (problem !== null)
        throw new ImportError(
          sourceName,
          `element #${i + 1} (${e.type}/${e.id}): ${problem}`,
          'notOsm',
        )
    }
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
    'notOsm',
  )
}

/** `"k"=>"v","k2"=>"v2"`: GDAL's OSM driver writes the tags without a column of their own so. */
export function parseHstore(raw: string): Record<string, string> {
  const out: Record<string, string> = {}
  const unescape = (x: string): string => x.replace(/\\(.)/g, '$1')
  for (const m of raw.matchAll(/"((?:[^"\\]|\\.)*)"\s*=>\s*"((?:[^"\\]|\\.)*)"/g)) {
    out[unescape(m[1] ?? '')] = unescape(m[2] ?? '')
  }
  return out
}

/**
 * OSM tags of a GeoJSON feature: `properties.tags` if it is an object, else the properties,
 * with GDAL's `other_tags` hstore column unpacked (its tags never override a real column).
 */
function tagsOfGeoJson(props: Record<string, unknown> | null): Record<string, string> {
  const src =
    props && typeof props['tags'] === 'object' && props['tags'] !== null
      ? (props['tags'] as Record<string, unknown>)
      : (props ?? {})
  const other = src['other_tags']
  const tags: Record<string, string> = typeof other === 'string' ? parseHstore(other) : {}
  for (const [k, v] of Object.entries(src)) {
    if (k === 'other_tags') continue
    if (typeof v === 'string') tags[k] = v
    else if (typeof v === 'number' || typeof v === 'boolean') tags[k] = String(v)
  }
  return tags
}

const isOsmNumber = (v: unknown): v is number | string =>
  (typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && /^-?\d+$/.test(v))

/**
 * `way/123` for a GeoJSON feature: feature id or `@id` written as `type/123`; GDAL's
 * `osm_way_id` (a way in its multipolygons layer) or `osm_id` (there a relation, since that
 * layer always has the `osm_way_id` column; elsewhere a way); `osm_type` + `osm_id`; else
 * `feature/N`.
 */
function idOfGeoJson(f: Feature, index: number): string {
  const p = (f.properties ?? {}) as Record<string, unknown>
  for (const cand of [f.id, p['@id'], p['id']]) {
    if (typeof cand === 'string' && /^(node|way|relation)\/\d+$/.test(cand)) return cand
  }
  if (isOsmNumber(p['osm_way_id'])) return `way/${p['osm_way_id']}`
  const osmId = p['osm_id'] ?? p['id'] ?? f.id
  if (isOsmNumber(osmId)) {
    const t = p['osm_type']
    const relation = t === 'relation' || t === 'R' || (t === undefined && 'osm_way_id' in p)
    return `${relation ? 'relation' : t === 'node' || t === 'N' ? 'node' : 'way'}/${osmId}`
  }
  return `feature/${index}`
}

/** Building values that do not stand for a standing, heated building (lifecycle states). */
const NOT_STANDING = new Set(['demolished', 'construction', 'razed', 'destroyed', 'proposed'])

/** Why a tagged building is not one the twin counts (not standing, underground), or null. */
function notAStandingBuilding(type: string, tags: Tags): string | null {
  if (NOT_STANDING.has(type)) return `building=${type} is not a standing building; not imported`
  if (tags['location'] === 'underground') {
    return 'location=underground: not an above-ground building; not imported'
  }
  return null
}

/** A building or part whose footprint is built, waiting for its attributes. */
interface Candidate {
  id: string
  tags: Tags
  type: string
  fp: RepairedFootprint
}

interface Accumulator {
  buildings: Candidate[]
  parts: Candidate[]
  context: ContextFeature[]
  addressNodes: { at: [number, number]; address: Address }[]
  report: ImportReport
  overlay: OverlayIndex | null
  footprintOverlays: FootprintOverlay[]
  seen: Set<string>
}

/** Validate one building or part, or record why it was dropped. */
function addCandidate(
  acc: Accumulator,
  id: string,
  tags: Tags,
  fp: ReturnType<typeof buildArea>,
  notes: readonly string[],
): void {
  const type = getBuildingType(tags)
  const part = type === null && isBuildingPart(tags)
  if (type === null && !part) return
  if (acc.seen.has(id)) {
    acc.report.warnings.push(`${id} appears twice; the second copy was ignored`)
    return
  }
  acc.seen.add(id)
  const skip = type === null ? null : notAStandingBuilding(type, tags)
  if (skip !== null) {
    acc.report.dropped.push({ id, reason: skip })
    return
  }
  if (!fp.ok) {
    acc.report.dropped.push({ id, reason: fp.reason })
    return
  }
  const repairs = [...notes, ...fp.repairs]
  if (repairs.length > 0) acc.report.repaired.push({ id, reason: repairs.join('; ') })
  ;(part ? acc.parts : acc.buildings).push({ id, tags, type: type ?? 'yes', fp })
}

function addOsmArea(acc: Accumulator, area: OsmArea): void {
  if (!area.ok) {
    const type = getBuildingType(area.tags)
    if (type !== null && notAStandingBuilding(type, area.tags) !== null) {
      addCandidate(acc, area.id, area.tags, { ok: false, reason: area.reason }, [])
    } else if (!acc.seen.has(area.id)) {
      acc.seen.add(area.id)
      acc.report.dropped.push({ id: area.id, reason: area.reason })
    }
    return
  }
  addCandidate(acc, area.id, area.tags, buildArea(area.outers, area.inners), area.notes)
}

/** Addresses of `addr:*` nodes (entrances, address points) that are not buildings themselves. */
function addressNodesOf(json: OverpassJson): Accumulator['addressNodes'] {
  const out: Accumulator['addressNodes'] = []
  for (const e of json.elements) {
    if (e.type !== 'node' || !e.tags || getBuildingType(e.tags) !== null) continue
    const address = getAddressPartsFromTags(e.tags)
    if (address) out.push({ at: [e.lon, e.lat], address })
  }
  return out
}

function importOsm(
  json: OverpassJson,
  acc: Accumulator,
  opts: ImportOptions,
  progress: (permille: number) => void,
): void {
  const total = Math.max(1, countWork(json))
  const others: Feature[] = []
  acc.addressNodes.push(...addressNodesOf(json))
  convertOsm(
    json,
    (area) => addOsmArea(acc, area),
    (f) => others.push(f),
    (done) =>
      progress(PARSE_PERMILLE + Math.floor((done / total) * (CONVERT_PERMILLE - PARSE_PERMILLE))),
  )
  if (opts.extractContext && others.length > 0) {
    acc.context.push(...opts.extractContext({ type: 'FeatureCollection', features: others }))
  }
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
    const g = f.geometry
    if (g?.type === 'Point') {
      const address = getBuildingType(tags) === null ? getAddressPartsFromTags(tags) : null
      const [lng, lat] = g.coordinates
      if (address && lng !== undefined && lat !== undefined)
        acc.addressNodes.push({ at: [lng, lat], address })
    } else if (getBuildingType(tags) !== null || isBuildingPart(tags)) {
      addCandidate(acc, idOfGeoJson(f, i), tags, repairFootprint(g), [])
    } else others.push(f)
    if ((i + 1) % FEATURES_PER_STEP === 0) {
      progress(PARSE_PERMILLE + Math.floor(((i + 1) / total) * (CONVERT_PERMILLE - PARSE_PERMILLE)))
    }
  })
  if (opts.extractContext && others.length > 0) {
    acc.context.push(...opts.extractContext({ type: 'FeatureCollection', features: others }))
  }
}

/**
 * Turn the validated candidates into buildings: parts go to the outline that covers them
 * (reported when none does), address nodes to the building they stand in, then every
 * attribute is inferred (tags, parts, overlay) with its provenance.
 */
function finishBuildings(acc: Accumulator): {
  buildings: BuildingFeature[]
  streets: DatasetMetadata['streets']
} {
  const outlines = acc.buildings.map((c) => c.fp.geometry)
  const owner = assignParts(
    outlines,
    acc.parts.map((p) => ({ geometry: p.fp.geometry, footprint_area_m2: p.fp.areaM2 })),
  )
  const partsOf = new Map<number, Candidate[]>()
  acc.parts.forEach((part, i) => {
    const b = owner[i] ?? -1
    if (b < 0) {
      acc.report.dropped.push({
        id: part.id,
        reason: 'building:part lies in no building outline; not imported',
      })
    } else {
      const list = partsOf.get(b)
      if (list) list.push(part)
      else partsOf.set(b, [part])
    }
  })

  const nodeAddress = new Map<number, Address[]>()
  if (acc.addressNodes.length > 0) {
    const grid = new BoxGrid()
    for (const g of outlines) grid.add(bboxOfGeometry(g))
    for (const n of acc.addressNodes) {
      const box: [number, number, number, number] = [n.at[0], n.at[1], n.at[0], n.at[1]]
      const b = grid.query(box).find((i) => {
        const g = outlines[i]
        return g !== undefined && geometryContains(g, n.at)
      })
      if (b === undefined) continue
      const list = nodeAddress.get(b)
      if (list) list.push(n.address)
      else nodeAddress.set(b, [n.address])
    }
  }

  const joins: FootprintJoin[] = acc.footprintOverlays.map((o) =>
    joinFootprints(
      acc.buildings.map((c) => ({ id: c.id, geometry: c.fp.geometry })),
      o,
    ),
  )
  if (joins.length > 0) acc.report.overlays = joins.map((j) => j.report)

  const byStreet = new Map<string, string[]>()
  const buildings = acc.buildings.map((c, i): BuildingFeature => {
    const { id, tags, type, fp } = c
    const matches = joins.flatMap((j) => {
      const m = j.byBuilding.get(i)
      return m ? [{ source: j.report.source, footprint: m.footprint.id, iou: m.iou, m }] : []
    })
    const csv: OverlayValues | undefined = acc.overlay
      ? lookupOverlay(acc.overlay, id, tags['addr:street'], tags['addr:housenumber'])
      : undefined
    const overlay = mergeOverlays([csv, ...matches.map((m) => m.m.footprint.values)])
    const def = buildingTypeDefault(type)
    const outlineOnly = inferBuildingAttributes(tags, type, fp.areaM2, overlay)
    const parts = (partsOf.get(i) ?? []).map((p) =>
      partFromTags(
        p.id,
        p.tags,
        p.fp.geometry,
        p.fp.areaM2,
        def.storeyHeightM,
        outlineOnly.height_m,
      ),
    )
    const summary = summariseParts(parts, def.storeyHeightM)
    const attrs = summary
      ? inferBuildingAttributes(tags, type, fp.areaM2, overlay, summary)
      : outlineOnly
    const address =
      getAddressPartsFromTags(tags) ??
      nodeAddress
        .get(i)
        ?.sort((x, y) => x.housenumber.localeCompare(y.housenumber, 'ro', { numeric: true }))[0] ??
      null
    const properties: BuildingFeature['properties'] = {
      kind: 'building',
      id,
      type,
      name: tags['name']?.trim() || null,
      address: address ? `${address.street} ${address.housenumber}` : null,
      footprint_area_m2: fp.areaM2,
      ...attrs,
      // After the columns of the columnar file, which keeps the rest in its extra column.
      addr_street: address?.street ?? null,
      addr_housenumber: address?.housenumber ?? null,
    }
    if (parts.length > 0) properties.parts = parts.map(withoutTagged)
    if (matches.length > 0) {
      properties.overlay_matches = matches.map(({ source, footprint, iou }) => ({
        source,
        footprint,
        iou,
      }))
    }
    const streets = new Set((nodeAddress.get(i) ?? []).map((a) => a.street))
    if (address) streets.add(address.street)
    for (const s of streets) {
      const ids = byStreet.get(s)
      if (ids) ids.push(id)
      else byStreet.set(s, [id])
    }
    return { type: 'Feature', id, geometry: fp.geometry, properties }
  })
  const streets = [...byStreet]
    .map(([name, ids]) => ({ name, ids: ids.sort() }))
    .sort((a, b) => a.name.localeCompare(b.name, 'ro'))
  return { buildings, streets }
}

/**
 * One building's overlay values from several overlays, the first given winning, each value
 * keeping where it came from.
 */
function mergeOverlays(list: readonly (OverlayValues | undefined)[]): OverlayValues | undefined {
  let out: OverlayValues | undefined
  for (const v of list) {
    if (!v) continue
    const { from, ...values } = v
    const fields = Object.keys(values) as (keyof typeof values)[]
    out ??= {}
    for (const k of fields) {
      if (k in out) continue
      Object.assign(out, { [k]: values[k] })
      const p = from?.[k]
      if (p !== undefined) (out.from ??= {})[k] = p
    }
  }
  return out
}

/** A part as the dataset stores it (without the importer's own `tagged` flag). */
function withoutTagged(p: BuildingPart & { tagged: boolean }): BuildingPart {
  const { tagged, ...part } = p
  void tagged
  return part
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
  const progress = progressOf(opts)
  progress(0)
  return importParsed(parseInput(text, opts.sourceName, progress), opts, progress)
}

/**
 * Import a `.osm` of `byteLength` bytes arriving as UTF-8 chunks (a Node file stream, a
 * browser `File.stream()`): the streamed reader (`createOsmXmlReader`, nodes kept compactly),
 * then the same pipeline as every other format. The text is never held whole.
 */
export async function importOsmXmlChunks(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  byteLength: number,
  opts: ImportOptions,
): Promise<ImportResult> {
  const reader = createOsmXmlReader(opts.sourceName)
  const total = Math.max(1, byteLength)
  for await (const chunk of chunks) {
    reader.push(chunk)
    opts.onProgress?.(
      Math.min(PARSE_PERMILLE, Math.floor((reader.done / total) * PARSE_PERMILLE)),
      1000,
    )
  }
  return importOsmElements(reader.finish(), opts)
}

/**
 * Import GeoJSON features already read from a file (a FlatGeobuf file's features,
 * `flatGeobuf.ts`): the same pipeline as `importDistrict` after parsing.
 */
export function importFeatureCollection(fc: FeatureCollection, opts: ImportOptions): ImportResult {
  const progress = progressOf(opts)
  progress(PARSE_PERMILLE)
  return importParsed({ kind: 'geojson', fc, synthetic: false }, opts, progress)
}

/**
 * Import OSM elements already read from a file (the Node CLI's streamed `.osm.pbf` reader):
 * the same pipeline as `importDistrict` after parsing.
 */
export function importOsmElements(json: OverpassJson, opts: ImportOptions): ImportResult {
  const progress = progressOf(opts)
  progress(PARSE_PERMILLE)
  const synthetic = /synthetic/i.test(json.generator ?? '')
  return importParsed({ kind: 'osm', json, synthetic }, opts, progress)
}

function progressOf(opts: ImportOptions): (permille: number) => void {
  let lastPermille = -1
  return (permille) => {
    if (permille === lastPermille) return
    lastPermille = permille
    opts.onProgress?.(permille, 1000)
  }
}

function importParsed(
  parsed: Parsed,
  opts: ImportOptions,
  progress: (permille: number) => void,
): ImportResult {
  const acc: Accumulator = {
    buildings: [],
    parts: [],
    context: [],
    addressNodes: [],
    report: { repaired: [], dropped: [], warnings: [] },
    overlay:
      opts.overlayCsv === undefined
        ? null
        : parseOverlay(opts.overlayCsv, opts.overlayName ?? 'overlay CSV'),
    footprintOverlays: (opts.footprintOverlays ?? []).map((o) =>
      parseFootprintOverlay(o.text, o.name),
    ),
    seen: new Set(),
  }
  if (acc.overlay) acc.report.warnings.push(...acc.overlay.warnings)
  for (const o of acc.footprintOverlays) acc.report.warnings.push(...o.warnings)
  if (parsed.kind === 'osm') importOsm(parsed.json, acc, opts, progress)
  else importGeoJson(parsed.fc, acc, opts, progress)

  if (acc.buildings.length === 0) {
    const firstDrop = acc.report.dropped[0]
    const count = acc.report.dropped.length
    throw firstDrop
      ? new ImportError(
          opts.sourceName,
          `none of its ${count} building(s) is usable (${firstDrop.id}: ${firstDrop.reason})`,
          'noneUsable',
          { count },
        )
      : new ImportError(
          opts.sourceName,
          'contains no buildings (no way or relation tagged building=*)',
          'noBuildings',
        )
  }
  const { buildings, streets } = finishBuildings(acc)
  progress(FINISH_PERMILLE)
  if (acc.overlay) acc.report.warnings.push(...unmatchedOverlayRows(acc.overlay))

  const synthetic = parsed.synthetic || acc.buildings.every((b) => b.tags['note'] === 'synthetic')
  const features = [...buildings, ...acc.context]
  const metadata: DatasetMetadata = {
    source: synthetic
      ? `${opts.sourceName} (SYNTHETIC test data, not real buildings)`
      : opts.sourceName,
    bbox: bboxOf(features),
    generated: (opts.now?.() ?? new Date()).toISOString(),
    attribution: OSM_ATTRIBUTION,
    licence: OSM_LICENCE,
    counts: countDataset(
      buildings.map((b) => b.properties),
      acc.context,
    ),
    report: acc.report,
  }
  if (streets && streets.length > 0) metadata.streets = streets
  if (synthetic) metadata.synthetic = true
  progress(1000)
  return { dataset: { type: 'FeatureCollection', metadata, features }, report: acc.report }
}
