import type { BuildingUse } from './types'
import { ownValue } from '../own'

/**
 * Documented typology defaults the importer falls back on when OSM (and the overlay) say
 * nothing. Every number carries a source tag from `docs/energy-evidence.md` (S-tags) or
 * `data/energy/energy_defaults.json`, and a confidence (A official … D our assumption).
 * Values derived from these are marked `default` (or `footprint`) in the dataset, never `tagged`.
 */

/** A default with where it comes from. */
export interface SourcedValue<T> {
  readonly value: T
  /** Source tag: `S31`, `energy_defaults.geometry_defaults`, or `assumption`. */
  readonly src: string
  /** Confidence A (normative) … D (our assumption). */
  readonly conf: 'A' | 'B' | 'C' | 'D'
}

/**
 * Floor-to-floor height of 1970–90 Romanian apartment blocks, metres.
 * Source: energy_defaults.json `geometry_defaults.storey_height_m` = 2.75 (conf D);
 * energy-evidence.md §7.1 ("use 2.75 m floor-to-floor for 1970–90 blocks").
 */
export const STOREY_HEIGHT_M: SourcedValue<number> = {
  value: 2.75,
  src: 'energy_defaults.geometry_defaults.storey_height_m; energy-evidence §7.1',
  conf: 'D',
}

/**
 * Reference (heated, useful) floor area as a share of gross floor area.
 * Source: energy_defaults.json `geometry_defaults.ref_area_to_gross_area` = 0.8 (conf D).
 */
export const HEATED_TO_GROSS_AREA_RATIO: SourcedValue<number> = {
  value: 0.8,
  src: 'energy_defaults.geometry_defaults.ref_area_to_gross_area',
  conf: 'D',
}

/**
 * Heated floor area per dwelling in Romanian apartment blocks, m².
 * Source: energy-evidence.md §1.1 (MODERATE/Hotmaps S9: 55.9 m² for 1970–79, 54.9 m² for 1980–89).
 */
export const HEATED_AREA_PER_FLAT_M2: SourcedValue<number> = {
  value: 55,
  src: 'S9 (energy-evidence §1.1)',
  conf: 'B',
}

/**
 * Construction year assumed for apartment blocks in Mănăștur when OSM has no `start_date`:
 * the district was built 1965–1989 (energy-evidence §5.1, S31, conf C); 1977 is the midpoint
 * and falls in the `RO_MFH_1961_1980` archetype. Applied only to block-like types.
 */
export const DISTRICT_BLOCK_YEAR: SourcedValue<number> = {
  value: 1977,
  src: 'S31 (energy-evidence §5.1: Mănăștur built 1965–1989), midpoint',
  conf: 'D',
}

/** How the number of dwellings is estimated when it is not tagged. */
export type FlatsRule =
  /** heated area ÷ `HEATED_AREA_PER_FLAT_M2` (apartment blocks). */
  | 'area'
  /** One dwelling (houses). */
  | 'one'
  /** Not a dwelling (null). */
  | 'none'

/** Defaults for one `building=*` value. */
export interface BuildingTypeDefault {
  /** Above-ground storeys when untagged. */
  readonly levels: number
  /** Floor-to-floor height, metres. */
  readonly storeyHeightM: number
  /** Roof allowance added on top of the storeys when no roof tag says otherwise, metres. */
  readonly roofM: number
  readonly use: BuildingUse
  /** False for garages, sheds, ruins…: heated area 0. */
  readonly heated: boolean
  readonly flats: FlatsRule
  /** Whether `DISTRICT_BLOCK_YEAR` applies. */
  readonly blockYear: boolean
  /** Source tag and confidence of the levels/height values. */
  readonly src: string
  readonly conf: 'A' | 'B' | 'C' | 'D'
}

const H = STOREY_HEIGHT_M.value
const BLOCK = 'S31 (energy-evidence §1.2: Cluj 1970–89 districts P+4, P+8, P+10); storey 2.75 m'

const block = (levels: number, src = BLOCK): BuildingTypeDefault => ({
  levels,
  storeyHeightM: H,
  roofM: 0, // flat terrace roofs (energy-evidence §3.1: "terrace insulation")
  use: 'residential',
  heated: true,
  flats: 'area',
  blockYear: true,
  src,
  conf: 'C',
})
const house: BuildingTypeDefault = {
  levels: 2,
  storeyHeightM: H,
  roofM: 2, // pitched roof allowance
  use: 'residential',
  heated: true,
  flats: 'one',
  blockYear: false,
  src: 'assumption (P+1 house, pitched roof)',
  conf: 'D',
}
const shed = (levels = 1, storeyHeightM = 2.5): BuildingTypeDefault => ({
  levels,
  storeyHeightM,
  roofM: 0,
  use: 'non_residential',
  heated: false,
  flats: 'none',
  blockYear: false,
  src: 'assumption (unheated outbuilding)',
  conf: 'D',
})
const other = (levels: number, storeyHeightM = 3.5, roofM = 0): BuildingTypeDefault => ({
  levels,
  storeyHeightM,
  roofM,
  use: 'non_residential',
  heated: true,
  flats: 'none',
  blockYear: false,
  src: 'assumption (non-residential, 3.5 m storeys)',
  conf: 'D',
})

/**
 * Defaults by `building=*` value. Apartment blocks use the district's typical P+4 (5 storeys,
 * S31); everything else is our documented assumption (conf D). Unknown values use `yes`.
 */
export const BUILDING_TYPE_DEFAULTS: Readonly<Record<string, BuildingTypeDefault>> = {
  apartments: block(5),
  residential: block(5),
  dormitory: block(5, 'assumption: Hașdeu dormitories as P+4 blocks; storey 2.75 m'),
  house,
  detached: house,
  semidetached_house: house,
  terrace: house,
  bungalow: { ...house, levels: 1 },
  farm: house,
  garage: shed(),
  garages: shed(),
  carport: shed(),
  shed: shed(),
  hut: shed(),
  roof: shed(1, 3),
  greenhouse: shed(1, 3),
  parking: shed(2, 3),
  ruins: shed(),
  transformer_tower: shed(1, 4),
  industrial: other(1, 6),
  warehouse: other(1, 6),
  retail: other(1, 4),
  supermarket: other(1, 5),
  commercial: other(2),
  office: other(4),
  school: other(3),
  kindergarten: other(1),
  university: other(4),
  college: other(4),
  hospital: other(4),
  clinic: other(3),
  hotel: other(5, 3),
  public: other(2),
  civic: other(2),
  government: other(3),
  service: other(1, 3),
  church: other(1, 10, 4),
  chapel: other(1, 5, 2),
  cathedral: other(1, 15, 6),
  yes: other(2, 3),
}

/** The defaults for a `building=*` value, falling back on `yes`. */
export function buildingTypeDefault(type: string): BuildingTypeDefault {
  return ownValue(BUILDING_TYPE_DEFAULTS, type) ?? BUILDING_TYPE_DEFAULTS_FALLBACK
}

const BUILDING_TYPE_DEFAULTS_FALLBACK: BuildingTypeDefault = other(2, 3)
