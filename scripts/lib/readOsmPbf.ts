/**
 * `.osm.pbf` input of `npm run data --in`: the file streamed from disk (1 MiB reads) into the
 * same reader the district worker runs (`src/domain/import/osmPbf.ts`), one fileblock at a
 * time.
 */
import { createReadStream } from 'node:fs'
import { basename } from 'node:path'

import { readOsmPbfChunks } from '../../src/domain/import/osmPbf'
import type { OverpassJson } from '../../src/domain/import/overpassTypes'

/** True for a path the CLI reads as `.osm.pbf`. */
export const isOsmPbfPath = (path: string): boolean => /\.pbf$/i.test(path)

/** The file's bytes as they are read from disk. */
export const osmPbfChunks = (path: string): AsyncIterable<Uint8Array> =>
  createReadStream(path, { highWaterMark: 1 << 20 })

/** Read a whole `.osm.pbf` file into OSM elements; a malformed file is one-line ImportError. */
export function readOsmPbf(path: string): Promise<OverpassJson> {
  return readOsmPbfChunks(osmPbfChunks(path), basename(path))
}
