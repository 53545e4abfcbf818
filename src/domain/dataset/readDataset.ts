import type { DistrictDataset } from '../buildings/types'

import { DatasetError } from './datasetError'
import { validateDataset } from './validateDataset'

export { DatasetError }

/** True when parsed JSON looks like a Mănăștur Twin dataset (as written by `npm run data`). */
export function isDistrictDataset(value: unknown): value is DistrictDataset {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Partial<DistrictDataset>
  return (
    v.type === 'FeatureCollection' &&
    typeof v.metadata === 'object' &&
    v.metadata !== null &&
    Array.isArray(v.features) &&
    v.features.every(
      (f) =>
        typeof f === 'object' &&
        f !== null &&
        typeof f.properties === 'object' &&
        f.properties !== null &&
        typeof f.properties.kind === 'string',
    )
  )
}

/**
 * Parse the text of a `district.geojson`. Throws `DatasetError` with one line naming `source`
 * when the text is not JSON or not a dataset written by the importer.
 */
export function readDataset(text: string, source: string): DistrictDataset {
  if (text.trim() === '')
    throw new DatasetError(`${source} is empty`, 'loadError.empty', { name: source })
  return parseDataset(() => JSON.parse(text) as unknown, source)
}

/**
 * Run `parse` (JSON.parse, or a reader that parsed while the bytes arrived) and check the
 * result. Throws `DatasetError` with one line naming `source`.
 */
export function parseDataset(parse: () => unknown, source: string): DistrictDataset {
  let parsed: unknown
  try {
    parsed = parse()
  } catch (e) {
    const why = e instanceof Error ? e.message.split('\n')[0] : 'invalid JSON'
    throw new DatasetError(`${source} is not valid JSON (${why})`, 'loadError.notJson', {
      name: source,
    })
  }
  return checkDataset(parsed, source)
}

/** Check already-parsed JSON (e.g. from `Response.json()`); throws `DatasetError` if not a dataset. */
export function checkDataset(parsed: unknown, source: string): DistrictDataset {
  // The top level decides whether this is a dataset at all; then every part is checked, and
  // the first bad one is named.
  const root = parsed as Partial<Record<'type' | 'metadata' | 'features', unknown>> | null
  if (
    typeof root !== 'object' ||
    root === null ||
    root.type !== 'FeatureCollection' ||
    root.metadata === undefined ||
    !Array.isArray(root.features)
  ) {
    throw new DatasetError(
      `${source} is not a Mănăștur Twin dataset; import OSM data with "npm run data" or open the OSM file itself`,
      'loadError.notDataset',
      { name: source },
    )
  }
  validateDataset({ metadata: root.metadata, features: root.features }, source)
  return parsed as DistrictDataset
}
