import {
  DISTRICT_BLOCK_YEAR,
  HEATED_AREA_PER_FLAT_M2,
  HEATED_TO_GROSS_AREA_RATIO,
  buildingTypeDefault,
} from './defaults'
import type { BuildingTypeDefault } from './defaults'
import { getYearFromTags, parseFlats, parseHeightM, parseLevels, parseRoofLevels } from './tags'
import type { Tags } from './tags'
import type { UseClass } from './useClass'
import type {
  BuildingProperties,
  BuildingUse,
  HeatingSystem,
  Provenance,
  TrackedAttribute,
} from './types'

/** A value and where it came from. */
export interface Inferred<T> {
  readonly value: T
  readonly provenance: Provenance
}

/**
 * Values the attribute overlays give for one building (the city's CSV, vector overlays of
 * footprints); each wins over OSM.
 */
export interface OverlayValues {
  levels?: number
  /** Metres. */
  height_m?: number
  year?: number
  flats?: number
  heating?: HeatingSystem
  /** Year of rehabilitation; null means "known not rehabilitated". */
  rehabilitated?: number | null
  epc_class?: string
  use_class?: UseClass
  /**
   * Where each value came from when not from the CSV (`overlay`): `overlay:<source>` for a
   * value joined from a vector overlay by footprint overlap.
   */
  from?: Partial<Record<OverlayField, Provenance>>
}

/** The value fields of `OverlayValues`. */
export type OverlayField = Exclude<keyof OverlayValues, 'from'>

/** The provenance of an overlay value. */
const fromOverlay = (overlay: OverlayValues, field: OverlayField): Provenance =>
  overlay.from?.[field] ?? 'overlay'

/** Round to 0.1 (areas in m²). */
const round1 = (x: number): number => Math.round(x * 10) / 10
/** Round to 0.01 (heights in metres: centimetres). */
const round2 = (x: number): number => Math.round(x * 100) / 100

/**
 * Roof allowance on top of the storeys, metres: `roof:height`, else `roof:levels` × storey
 * height, else the type default (0 for flat-roofed blocks).
 */
export function inferRoofM(tags: Tags, def: BuildingTypeDefault): number {
  const roofHeight = parseHeightM(tags['roof:height'])
  if (roofHeight !== null) return roofHeight
  const roofLevels = parseRoofLevels(tags['roof:levels'])
  if (roofLevels !== null) return roofLevels * def.storeyHeightM
  return def.roofM
}

/**
 * Above-ground storeys: overlay, else `building:levels` (tagged), else derived from a known
 * height (same provenance as that height), else the type default.
 */
export function inferLevels(
  tags: Tags,
  def: BuildingTypeDefault,
  overlay: OverlayValues = {},
): Inferred<number> {
  if (overlay.levels !== undefined) {
    return { value: overlay.levels, provenance: fromOverlay(overlay, 'levels') }
  }
  const tagged = parseLevels(tags['building:levels'])
  if (tagged !== null) return { value: tagged, provenance: 'tagged' }
  const height =
    overlay.height_m !== undefined
      ? { value: overlay.height_m, provenance: fromOverlay(overlay, 'height_m') }
      : tagHeight(tags)
  if (height !== null) {
    const levels = Math.max(
      1,
      Math.round((height.value - inferRoofM(tags, def)) / def.storeyHeightM),
    )
    return { value: levels, provenance: height.provenance }
  }
  return { value: def.levels, provenance: 'default' }
}

function tagHeight(tags: Tags): Inferred<number> | null {
  const h = parseHeightM(tags['height']) ?? parseHeightM(tags['building:height'])
  return h === null ? null : { value: h, provenance: 'tagged' }
}

/**
 * Total height to the top of the roof, metres (> 0): overlay `height_m`, else `height`
 * (tagged), else levels × storey height + roof (`levels`, or `default` when the levels are the
 * type default).
 */
export function inferHeight(
  tags: Tags,
  def: BuildingTypeDefault,
  levels: Inferred<number>,
  overlay: OverlayValues = {},
): Inferred<number> {
  if (overlay.height_m !== undefined) {
    return { value: overlay.height_m, provenance: fromOverlay(overlay, 'height_m') }
  }
  const tagged = tagHeight(tags)
  if (tagged !== null) return { value: round2(tagged.value), provenance: 'tagged' }
  const h = round2(levels.value * def.storeyHeightM + inferRoofM(tags, def))
  return { value: h, provenance: levels.provenance === 'default' ? 'default' : 'levels' }
}

/** Construction year: overlay, `start_date`/`building:start_date`, else the district block default. */
export function inferYear(
  tags: Tags,
  def: BuildingTypeDefault,
  overlay: OverlayValues = {},
): Inferred<number> | null {
  if (overlay.year !== undefined) {
    return { value: overlay.year, provenance: fromOverlay(overlay, 'year') }
  }
  const tagged = getYearFromTags(tags)
  if (tagged !== null) return { value: tagged, provenance: 'tagged' }
  if (def.blockYear) return { value: DISTRICT_BLOCK_YEAR.value, provenance: 'default' }
  return null
}

const RESIDENTIAL_USE = /^(residential|apartments|house|dormitory|detached|terrace)/

/**
 * Residential or not: `building:use`, else a specific `building=*` value or an
 * `amenity`/`shop`/`office` tag (all `tagged`), else the default for `building=yes`.
 */
export function inferUse(
  tags: Tags,
  type: string,
  def: BuildingTypeDefault,
): Inferred<BuildingUse> {
  const use = tags['building:use']?.trim().toLowerCase()
  if (use) {
    return {
      value: RESIDENTIAL_USE.test(use) ? 'residential' : 'non_residential',
      provenance: 'tagged',
    }
  }
  if (type !== 'yes') return { value: def.use, provenance: 'tagged' }
  if (tags['amenity'] || tags['shop'] || tags['office'] || tags['craft']) {
    return { value: 'non_residential', provenance: 'tagged' }
  }
  return { value: def.use, provenance: 'default' }
}

/** Heated (reference) floor area, m²: footprint × levels × 0.8, or 0 for unheated types. */
export function inferHeatedArea(
  footprintAreaM2: number,
  levels: number,
  def: BuildingTypeDefault,
): Inferred<number> {
  if (!def.heated) return { value: 0, provenance: 'default' }
  return {
    value: round1(footprintAreaM2 * levels * HEATED_TO_GROSS_AREA_RATIO.value),
    provenance: 'footprint',
  }
}

/**
 * Dwellings: overlay, `building:flats`, else heated area ÷ 55 m² for blocks (`footprint`),
 * 1 for houses (`default`), null for non-residential buildings.
 */
export function inferFlats(
  tags: Tags,
  use: BuildingUse,
  def: BuildingTypeDefault,
  heatedAreaM2: number,
  overlay: OverlayValues = {},
): Inferred<number> | null {
  if (overlay.flats !== undefined) {
    return { value: overlay.flats, provenance: fromOverlay(overlay, 'flats') }
  }
  const tagged = parseFlats(tags['building:flats'])
  if (tagged !== null) return { value: tagged, provenance: 'tagged' }
  if (use !== 'residential') return null
  if (def.flats === 'area') {
    return {
      value: Math.max(1, Math.round(heatedAreaM2 / HEATED_AREA_PER_FLAT_M2.value)),
      provenance: 'footprint',
    }
  }
  return { value: 1, provenance: 'default' }
}

/** The derived part of `BuildingProperties` (everything but identity, name and address). */
export type InferredAttributes = Pick<
  BuildingProperties,
  | 'height_m'
  | 'levels'
  | 'year'
  | 'use'
  | 'flats'
  | 'heated_area_m2'
  | 'heating'
  | 'rehabilitated'
  | 'epc_class'
  | 'provenance'
>

/**
 * What the tagged `building:part`s of an outline say (Simple 3D Buildings): their top storey,
 * their top height and their gross floor area (Σ part area × its own storeys), used where
 * the outline itself says less.
 */
export interface PartsSummary {
  /** Highest tagged `building:levels` of a part, or null. */
  levels: number | null
  /** Highest part top, metres, when a part has a tagged height or levels; else null. */
  heightM: number | null
  /** Σ part footprint × the part's storeys (levels − min_level), m²; 0 when unknown. */
  grossFloorM2: number
}

/**
 * Infer every tracked attribute of one building from its tags, footprint area (m²), the
 * overlay values and its parts, recording the provenance of each attribute that has a value.
 * Parts only fill what the outline does not tag; their floor area counts where it is known.
 */
export function inferBuildingAttributes(
  tags: Tags,
  type: string,
  footprintAreaM2: number,
  overlay: OverlayValues = {},
  parts?: PartsSummary,
): InferredAttributes {
  const def = buildingTypeDefault(type)
  const provenance: Partial<Record<TrackedAttribute, Provenance>> = {}
  const tagged: Record<string, string | undefined> = { ...tags }
  if (parts) {
    if (parts.levels !== null && parseLevels(tags['building:levels']) === null) {
      tagged['building:levels'] = String(parts.levels)
    }
    if (parts.heightM !== null && tagHeight(tags) === null) tagged['height'] = String(parts.heightM)
  }
  const levels = inferLevels(tagged, def, overlay)
  const height = inferHeight(tagged, def, levels, overlay)
  const year = inferYear(tags, def, overlay)
  const use = inferUse(tags, type, def)
  const heated =
    parts && parts.grossFloorM2 > 0 && def.heated && overlay.levels === undefined
      ? {
          value: round1(parts.grossFloorM2 * HEATED_TO_GROSS_AREA_RATIO.value),
          provenance: 'footprint' as const,
        }
      : inferHeatedArea(footprintAreaM2, levels.value, def)
  const flats = inferFlats(tags, use.value, def, heated.value, overlay)
  provenance.levels = levels.provenance
  provenance.height_m = height.provenance
  if (year) provenance.year = year.provenance
  provenance.use = use.provenance
  provenance.heated_area_m2 = heated.provenance
  if (flats) provenance.flats = flats.provenance
  if (overlay.heating !== undefined) provenance.heating = fromOverlay(overlay, 'heating')
  if (overlay.rehabilitated !== undefined)
    provenance.rehabilitated = fromOverlay(overlay, 'rehabilitated')
  if (overlay.epc_class !== undefined) provenance.epc_class = fromOverlay(overlay, 'epc_class')
  return {
    height_m: height.value,
    levels: levels.value,
    year: year?.value ?? null,
    use: use.value,
    flats: flats?.value ?? null,
    heated_area_m2: heated.value,
    heating: overlay.heating ?? null,
    rehabilitated: overlay.rehabilitated ?? null,
    epc_class: overlay.epc_class ?? null,
    provenance,
  }
}
