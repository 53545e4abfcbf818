/**
 * Use class of a building: which class table, archetype family and KPIs it belongs to.
 * Tags decide where they say something; where they are silent (`building=yes` with no use
 * tag) the footprint and storeys decide (provenance `inferred`); the city's overlay wins over
 * both. The rule is documented in the README's energy section ("Use classes").
 */
import type { Tags } from './tags'
import type { Provenance } from './types'

/** The four use classes. */
export type UseClass = 'apartment_block' | 'house' | 'non_residential' | 'unknown'

export const USE_CLASSES: readonly UseClass[] = [
  'apartment_block',
  'house',
  'non_residential',
  'unknown',
]

/** A use class and where it came from. */
export interface InferredUseClass {
  readonly value: UseClass
  readonly provenance: Provenance
}

/** `building=*` (and `building:use=*`) values that are blocks of flats. */
const BLOCK_TYPES = new Set(['apartments', 'residential', 'dormitory', 'flats'])
/** Values that are single-family houses. */
const HOUSE_TYPES = new Set([
  'house',
  'detached',
  'semidetached_house',
  'terrace',
  'bungalow',
  'farm',
  'cabin',
])
/** Tags that make an untyped building (`building=yes`) non-residential. */
const NON_RESIDENTIAL_TAGS = ['amenity', 'shop', 'office', 'craft', 'tourism', 'healthcare']

/**
 * Footprint/storeys rule for buildings whose tags say nothing about use. Mănăștur's blocks
 * are P+4 … P+10 slabs of 200–1,000 m² and its houses P to P+1 on 60–150 m² plots
 * (energy-evidence §1.2, [S31]); these thresholds sit between the two (assumption, D).
 */
export const INFERRED_BLOCK_MIN_LEVELS = 4
export const INFERRED_BLOCK_MIN_FOOTPRINT_M2 = 180
export const INFERRED_HOUSE_MAX_LEVELS = 2
export const INFERRED_HOUSE_MAX_FOOTPRINT_M2 = 180

/** The rule itself: `unknown` when neither shape fits or the storey count is only a default. */
export function classFromShape(
  footprintM2: number,
  levels: number,
  levelsKnown: boolean,
): UseClass {
  if (!levelsKnown) return 'unknown'
  if (levels >= INFERRED_BLOCK_MIN_LEVELS && footprintM2 >= INFERRED_BLOCK_MIN_FOOTPRINT_M2) {
    return 'apartment_block'
  }
  if (levels <= INFERRED_HOUSE_MAX_LEVELS && footprintM2 <= INFERRED_HOUSE_MAX_FOOTPRINT_M2) {
    return 'house'
  }
  return 'unknown'
}

function fromValue(v: string): UseClass | null {
  if (BLOCK_TYPES.has(v)) return 'apartment_block'
  if (HOUSE_TYPES.has(v)) return 'house'
  return null
}

/**
 * Use class of one building.
 * 1. the overlay's `use_class` (`overlay`);
 * 2. `building:use=*` (`tagged`): block or house values as below, anything else non-residential;
 * 3. `building=*` (`tagged`): apartments/residential/dormitory → block, house/detached/… → house
 *    (a `building=residential` of ≤ 2 storeys on ≤ 180 m² is a house, `inferred`); any other
 *    specific value (school, university, retail, garage…) → non-residential;
 * 4. `building=yes` with amenity/shop/office/craft/tourism/healthcare → non-residential (`tagged`);
 * 5. otherwise footprint and storeys (`classFromShape`, `inferred`).
 * `levelsKnown` is false when the storey count is only the type default.
 */
export function inferUseClass(
  tags: Tags,
  type: string,
  footprintM2: number,
  levels: number,
  levelsKnown: boolean,
  overlayUseClass?: UseClass,
): InferredUseClass {
  if (overlayUseClass !== undefined) return { value: overlayUseClass, provenance: 'overlay' }
  const use = tags['building:use']?.trim().toLowerCase()
  if (use) return { value: fromValue(use) ?? 'non_residential', provenance: 'tagged' }
  const byType = fromValue(type)
  if (byType === 'apartment_block' && type === 'residential') {
    const shape = classFromShape(footprintM2, levels, levelsKnown)
    if (shape === 'house') return { value: 'house', provenance: 'inferred' }
  }
  if (byType !== null) return { value: byType, provenance: 'tagged' }
  if (type !== 'yes') return { value: 'non_residential', provenance: 'tagged' }
  if (NON_RESIDENTIAL_TAGS.some((k) => tags[k] !== undefined && tags[k] !== 'no')) {
    return { value: 'non_residential', provenance: 'tagged' }
  }
  return { value: classFromShape(footprintM2, levels, levelsKnown), provenance: 'inferred' }
}

/** Parse a use class as the overlay CSV may write it (English ids or Romanian words). */
export function parseUseClass(raw: string): UseClass | null {
  const s = raw
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_')
  const aliases: Record<string, UseClass> = {
    apartment_block: 'apartment_block',
    block: 'apartment_block',
    bloc: 'apartment_block',
    house: 'house',
    casa: 'house',
    non_residential: 'non_residential',
    nerezidential: 'non_residential',
    unknown: 'unknown',
  }
  return aliases[s] ?? null
}

/**
 * The use class of a dataset building: its `use_class`, or for a dataset written before use
 * classes existed, the same rule applied to what the dataset kept (type, storeys and their
 * provenance, footprint; its use tags are gone, so an untyped shop block may read as a block).
 */
export function classOfProperties(p: {
  readonly type: string
  readonly levels: number
  readonly footprint_area_m2: number
  readonly provenance: { readonly levels?: Provenance }
  readonly use_class?: UseClass
}): UseClass {
  if (p.use_class !== undefined) return p.use_class
  const known = p.provenance.levels !== undefined && p.provenance.levels !== 'default'
  return inferUseClass({}, p.type, p.footprint_area_m2, p.levels, known).value
}
