/**
 * `.osm.pbf` input of `npm run data --in`: read with osm-pbf-parser-node, which streams the
 * file block by block (one decompressed block in memory at a time), into the OSM elements the
 * importer reads (Overpass `out body` JSON shape). Node-only (fs streams, zlib).
 */
import { basename } from 'node:path'

import { createOSMStream } from 'osm-pbf-parser-node'

import { ImportError } from '../../src/domain/import/importError'
import type {
  OverpassElement,
  OverpassJson,
  OverpassMember,
} from '../../src/domain/import/overpassTypes'

/** True for a path the CLI reads as `.osm.pbf`. */
export const isOsmPbfPath = (path: string): boolean => /\.pbf$/i.test(path)

interface PbfItem {
  type?: string
  id?: number
  lat?: number
  lon?: number
  refs?: number[]
  members?: { type: string; ref: number; role: string }[]
  tags?: Record<string, string>
  writingprogram?: string
}

/** Read a whole `.osm.pbf` file into OSM elements; a malformed file is one-line ImportError. */
export async function readOsmPbf(path: string): Promise<OverpassJson> {
  const elements: OverpassElement[] = []
  let generator = ''
  try {
    for await (const raw of createOSMStream(path, { withInfo: false })) {
      const item = raw as PbfItem
      const { id } = item
      const tags = item.tags ? { tags: item.tags } : {}
      if (item.type === undefined) generator = item.writingprogram ?? ''
      else if (typeof id !== 'number') continue
      else if (item.type === 'node') {
        elements.push({ type: 'node', id, lat: item.lat ?? NaN, lon: item.lon ?? NaN, ...tags })
      } else if (item.type === 'way') {
        elements.push({ type: 'way', id, nodes: item.refs ?? [], ...tags })
      } else if (item.type === 'relation') {
        const members = (item.members ?? []).map(
          (m) => ({ type: m.type, ref: m.ref, role: m.role }) as OverpassMember,
        )
        elements.push({ type: 'relation', id, members, ...tags })
      }
    }
  } catch (e) {
    const why = e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e)
    throw new ImportError(basename(path), `is not a readable .osm.pbf file (${why})`, 'notOsm')
  }
  return { generator, elements }
}
