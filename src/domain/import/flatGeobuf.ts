/**
 * FlatGeobuf (`.fgb`) input: what `ogr2ogr -f FlatGeobuf` writes from OSM data (its
 * `multipolygons` layer, with the same `osm_id` / `osm_way_id` / `other_tags` columns as its
 * GeoJSON), read with the FlatGeobuf project's own reader and handed to the GeoJSON path.
 * The reader is loaded only when such a file is opened, so no other import pays for it.
 */
import type { Feature, FeatureCollection } from 'geojson'

import { MAX_BUILDINGS } from '../dataset/validateDataset'

import { importFeatureCollection } from './importDistrict'
import type { ImportOptions, ImportResult } from './importDistrict'
import { ImportError } from './importError'

/** The file's first bytes: "fgb", major version 3, "fgb", any patch version. */
const MAGIC = [0x66, 0x67, 0x62, 0x03, 0x66, 0x67, 0x62]

/** True when `head` (a file's first bytes) starts like a FlatGeobuf file. */
export function isFlatGeobuf(head: Uint8Array): boolean {
  return MAGIC.every((b, i) => head[i] === b)
}

/** EPSG codes of longitude/latitude on WGS 84 (and "not said", which GDAL writes as 0). */
const WGS84_CODES = new Set([0, 4326])

/**
 * Import a FlatGeobuf file's bytes. One-line ImportErrors naming the file: not FlatGeobuf,
 * damaged, in a projected CRS (the twin reads longitude/latitude), or more features than a
 * dataset may hold.
 */
export async function importFlatGeobuf(
  bytes: Uint8Array,
  opts: ImportOptions,
): Promise<ImportResult> {
  const name = opts.sourceName
  if (!isFlatGeobuf(bytes)) {
    throw new ImportError(name, 'not a FlatGeobuf file (its first bytes are not "fgb")', 'notOsm')
  }
  const { deserialize } = await import('flatgeobuf/lib/mjs/geojson.js')
  // Set by the reader once it has read the header, before the first feature.
  const header: { crsCode: number } = { crsCode: 0 }
  const features: Feature[] = []
  try {
    const read = deserialize(bytes, {
      headerMetaFn: (meta) => {
        header.crsCode = meta.crs?.code ?? 0
      },
    })
    for await (const f of read) {
      if (!WGS84_CODES.has(header.crsCode)) break
      if (features.length >= MAX_BUILDINGS) {
        throw new ImportError(
          name,
          `has more than ${MAX_BUILDINGS} features; split it or import it with "npm run data"`,
          'tooLarge',
        )
      }
      features.push(f as Feature)
    }
  } catch (e) {
    if (e instanceof ImportError) throw e
    const why = e instanceof Error ? e.message : String(e)
    throw new ImportError(name, `FlatGeobuf file is damaged (${why})`, 'fgbDamaged')
  }
  const code = header.crsCode
  if (!WGS84_CODES.has(code)) {
    throw new ImportError(
      name,
      `is in EPSG:${code}, not longitude/latitude (EPSG:4326); reproject it with "ogr2ogr -t_srs EPSG:4326"`,
      'fgbProjected',
      { code },
    )
  }
  const fc: FeatureCollection = { type: 'FeatureCollection', features }
  return importFeatureCollection(fc, opts)
}
