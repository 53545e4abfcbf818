/**
 * A user's file as dataset parts: a prepared dataset (`npm run data` output) is read as it is;
 * anything else (.osm XML, .osm.pbf, Overpass JSON, GeoJSON) goes through the same import
 * `npm run data` runs, context layers (streets, green, water) included.
 */
import type { DistrictDataset } from '@/domain/buildings/types'
import { datasetParts } from '@/domain/dataset/packedDataset'
import type { DatasetParts } from '@/domain/dataset/packedDataset'
import { checkDataset, isDistrictDataset } from '@/domain/dataset/readDataset'
import { extractContext } from '@/domain/import/context'
import { importDistrict } from '@/domain/import/importDistrict'
import { importOsmPbf, looksLikeOsmPbf } from '@/domain/import/osmPbf'

/** Bytes handed to the `.osm.pbf` reader at a time (views into the file, not copies). */
const PBF_CHUNK_BYTES = 1 << 20

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

/** A file's bytes as views of at most `PBF_CHUNK_BYTES`. */
function* chunksOf(bytes: ArrayBuffer): Generator<Uint8Array> {
  for (let at = 0; at < bytes.byteLength; at += PBF_CHUNK_BYTES) {
    yield new Uint8Array(bytes, at, Math.min(PBF_CHUNK_BYTES, bytes.byteLength - at))
  }
}

/**
 * What the district worker runs on a user's file: a `.osm.pbf` (by its first bytes) goes
 * through `importOsmPbf`, exactly as `npm run data --in` reads one, block by block; any other
 * file through `partsFromFile`.
 */
export async function readFileParts(
  name: string,
  bytes: ArrayBuffer,
  onProgress?: (fraction: number) => void,
): Promise<DatasetParts> {
  if (!looksLikeOsmPbf(new Uint8Array(bytes, 0, Math.min(64, bytes.byteLength)))) {
    return partsFromFile(name, bytes, onProgress)
  }
  const { dataset } = await importOsmPbf(chunksOf(bytes), bytes.byteLength, {
    sourceName: name,
    extractContext,
    ...(onProgress && { onProgress: (done: number, total: number) => onProgress(done / total) }),
  })
  return datasetParts(dataset)
}
