/**
 * A user's file as dataset parts: a prepared dataset (`npm run data` output) is read as it is;
 * anything else (.osm XML, Overpass JSON, GeoJSON) goes through the same import `npm run data`
 * runs, context layers (streets, green, water) included.
 */
import type { DistrictDataset } from '@/domain/buildings/types'
import { datasetParts } from '@/domain/dataset/packedDataset'
import type { DatasetParts } from '@/domain/dataset/packedDataset'
import { checkDataset, isDistrictDataset } from '@/domain/dataset/readDataset'
import { extractContext } from '@/domain/import/context'
import { importDistrict } from '@/domain/import/importDistrict'

/** The import `npm run data` runs on a file's text (without its CLI-only overlay option). */
export function importFileText(
  text: string,
  sourceName: string,
  onProgress?: (done: number, total: number) => void,
): DistrictDataset {
  return importDistrict(text, { sourceName, extractContext, ...(onProgress && { onProgress }) })
    .dataset
}

/** Parts of the dataset in a file's bytes; throws a one-line error for what cannot be read. */
export function partsFromFile(
  name: string,
  bytes: ArrayBuffer,
  onProgress?: (fraction: number) => void,
): DatasetParts {
  const text = new TextDecoder().decode(bytes)
  if (/\.(geo)?json$/i.test(name) && text.includes('"metadata"')) {
    let parsed: unknown = null
    try {
      parsed = JSON.parse(text)
    } catch {
      // not JSON after all: the importer names the problem
    }
    if (isDistrictDataset(parsed)) return datasetParts(checkDataset(parsed, name))
  }
  const progress = onProgress && ((done: number, total: number) => onProgress(done / total))
  return datasetParts(importFileText(text, name, progress))
}
