import type { TrackedAttribute } from '../buildings/types'

/**
 * The columnar dataset (`district.arrow`): an Apache Arrow IPC file, one row per building, in
 * dataset order. Its footprints are a GeoArrow `geoarrow.multipolygon` column (nested lists of
 * interleaved lng/lat), which is the packed layout of `packedDataset.ts` as it is: the list
 * offsets are `buildingPolygonStart`, `polygonRingStart` and `ringStart`, the coordinates are
 * `coords`. Shared by the writer (`npm run data`) and the reader (the district worker).
 */

/** The GeoArrow geometry column and its extension type. */
export const GEOMETRY_COLUMN = 'geometry'
export const GEOARROW_MULTIPOLYGON = 'geoarrow.multipolygon'
/** GeoArrow's extension metadata: WGS84 longitude/latitude. */
export const GEOARROW_METADATA = JSON.stringify({ crs: 'OGC:CRS84', crs_type: 'authority_code' })
/** True where the source had a MultiPolygon (GeoArrow stores every footprint as one). */
export const MULTI_COLUMN = 'multipolygon'
/**
 * The building properties that have no column of their own (addresses' parts, building
 * parts, overlay provenance…), as one JSON object per row (null when there are none), so a
 * new importer property reaches the app without a change to the layout.
 */
export const EXTRA_COLUMN = 'extra_json'

/** Schema metadata keys: the dataset's `metadata` member and its context layers, as JSON. */
export const METADATA_KEY = 'twin:metadata'
export const CONTEXT_KEY = 'twin:context'
/** GeoParquet-style `geo` metadata, which GeoPandas' `read_feather` reads. */
export const GEO_KEY = 'geo'

/** Text columns; the dictionary-encoded ones repeat a few values (shared when read). */
export const TEXT_COLUMNS = ['id', 'name', 'address', 'epc_class'] as const
export const DICTIONARY_COLUMNS = ['type', 'use', 'heating'] as const
export const NUMBER_COLUMNS = [
  'footprint_area_m2',
  'height_m',
  'levels',
  'year',
  'flats',
  'heated_area_m2',
  'rehabilitated',
] as const

/** Tracked attributes, in the order the importer writes their provenance (`infer.ts`). */
export const TRACKED: readonly TrackedAttribute[] = [
  'levels',
  'height_m',
  'year',
  'use',
  'heated_area_m2',
  'flats',
  'heating',
  'rehabilitated',
  'epc_class',
]

/** One dictionary-encoded column per tracked attribute: `provenance_height_m`, … */
export const provenanceColumn = (a: TrackedAttribute) => `provenance_${a}`

/** An Arrow IPC file starts with this magic (and, when complete, ends with it). */
export const ARROW_MAGIC = 'ARROW1'

/** True when `bytes` start like an Arrow IPC file. */
export function isArrowFile(bytes: Uint8Array): boolean {
  for (let i = 0; i < ARROW_MAGIC.length; i++) {
    if (bytes[i] !== ARROW_MAGIC.charCodeAt(i)) return false
  }
  return true
}

/** The columnar file kept beside a GeoJSON dataset: `x/district.geojson` → `x/district.arrow`. */
export function columnarPathOf(geojsonPath: string): string | null {
  const m = /^(.*)\.geojson((?:[?#].*)?)$/i.exec(geojsonPath)
  return m ? `${m[1]}.arrow${m[2]}` : null
}
