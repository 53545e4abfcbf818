/**
 * A user's file as dataset parts: a prepared dataset (`npm run data` output) is read as it is;
 * anything else (.osm XML, .osm.pbf, Overpass JSON, GeoJSON, FlatGeobuf) goes through the same import
 * `npm run data` runs, context layers (streets, green, water) included.
 */
import type { DistrictDataset } from '@/domain/buildings/types'
import { datasetParts } from '@/domain/dataset/packedDataset'
import type { DatasetParts } from '@/domain/dataset/packedDataset'
import { checkDataset, isDistrictDataset } from '@/domain/dataset/readDataset'
import { extractContext } from '@/domain/import/context'
import { importFlatGeobuf, isFlatGeobuf } from '@/domain/import/flatGeobuf'
import { importDistrict, importOsmXmlChunks } from '@/domain/import/importDistrict'
import { importOsmPbf, looksLikeOsmPbf } from '@/domain/import/osmPbf'
import { looksLikeXml } from '@/domain/import/osmXml'

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

/** Bytes of a file's head read to tell its format (as the CLI's `looksLikeXmlFile`). */
const HEAD_BYTES = 4096

/**
 * A file's bytes as they arrive from `Blob.stream()`, read with a reader (not async
 * iteration, which not every browser has for `ReadableStream`).
 */
async function* streamOf(blob: Blob): AsyncGenerator<Uint8Array> {
  const reader = blob.stream().getReader()
  try {
    for (let r = await reader.read(); !r.done; r = await reader.read()) yield r.value
  } finally {
    reader.releaseLock()
  }
}

/**
 * What the district worker runs on a user's file: a `.osm.pbf` (by its first bytes) goes
 * through `importOsmPbf` and a `.osm` (first non-blank byte `<`) through
 * `importOsmXmlChunks`, both fed from the file's stream exactly as `npm run data --in` feeds
 * them from disk, so the file is never held whole; a FlatGeobuf file (by its first bytes)
 * through `importFlatGeobuf`, as the CLI reads one; any other file is read whole by
 * `partsFromFile`.
 */
export async function readFileParts(
  file: File,
  onProgress?: (fraction: number) => void,
): Promise<DatasetParts> {
  const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer())
  const opts = {
    sourceName: file.name,
    extractContext,
    ...(onProgress && { onProgress: (done: number, total: number) => onProgress(done / total) }),
  }
  if (isFlatGeobuf(head)) {
    const bytes = new Uint8Array(await file.arrayBuffer())
    return datasetParts((await importFlatGeobuf(bytes, opts)).dataset)
  }
  const pbf = looksLikeOsmPbf(head)
  if (!pbf && !looksLikeXml(head)) {
    return partsFromFile(file.name, await file.arrayBuffer(), onProgress)
  }
  const { dataset } = pbf
    ? await importOsmPbf(streamOf(file), file.size, opts)
    : await importOsmXmlChunks(streamOf(file), file.size, opts)
  return datasetParts(dataset)
}
