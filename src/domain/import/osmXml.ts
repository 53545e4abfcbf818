import { SaxesParser } from 'saxes'

import { type ImportCode, ImportError, refuseRemark } from './importError'
import { OsmCollector } from './osmNodes'
import type {
  OverpassJson,
  OverpassLatLon,
  OverpassMember,
  OverpassRelation,
  OverpassWay,
} from './overpassTypes'

/** Characters handed to the XML parser per step (keeps progress reports flowing). */
const CHUNK_CHARS = 1 << 20
/** Deepest element nesting an OSM file needs (osm > way > nd is 3; Overpass out geom 4). */
const MAX_DEPTH = 8

/** A chunk-fed OSM XML reader: bytes or text in, the Overpass JSON shape out. */
export interface OsmXmlReader {
  /** UTF-8 bytes of the file, in any chunking (a Node stream, a browser `File.stream()`). */
  push(chunk: Uint8Array): void
  /** Text of the file, in any chunking (not mixed with `push`). */
  write(text: string): void
  /** End of the file: the elements read (throws `ImportError` for a truncated file). */
  finish(): OverpassJson
  /** Bytes or characters handed in so far. */
  readonly done: number
}

/**
 * True when the first non-blank byte of a file's head (after any UTF-8 BOM) is `<`: OSM XML,
 * which is read streamed (`importOsmXmlChunks`) rather than as one string.
 */
export function looksLikeXml(head: Uint8Array): boolean {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0
  while (
    i < head.length &&
    (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)
  )
    i++
  return i < head.length && head[i] === 0x3c
}

/**
 * Parse OSM XML (`.osm`, Overpass `[out:xml]`, including `out geom`) into the Overpass JSON
 * shape. Refuses any DOCTYPE (and so any ENTITY declaration): this is how entity-expansion
 * ("billion laughs") bombs are stopped, since OSM XML never needs one. Throws `ImportError`
 * with the line number for malformed or truncated XML.
 *
 * @param onProgress called with (characters parsed, total characters).
 */
export function parseOsmXml(
  text: string,
  sourceName: string,
  onProgress?: (doneChars: number, totalChars: number) => void,
  compact = false,
): OverpassJson {
  const reader = createOsmXmlReader(sourceName, { compact })
  for (let i = 0; i < text.length; i += CHUNK_CHARS) {
    reader.write(text.slice(i, i + CHUNK_CHARS))
    onProgress?.(Math.min(text.length, i + CHUNK_CHARS), text.length)
  }
  return reader.finish()
}

/**
 * The streamed OSM XML reader (the same rules as `parseOsmXml`): the file arrives in chunks
 * and is never held whole; with `compact` (the default) untagged nodes are kept as 24 bytes
 * each in a `NodeTable`, and only ways, relations and tagged nodes become objects.
 */
export function createOsmXmlReader(
  sourceName: string,
  options: { compact?: boolean } = {},
): OsmXmlReader {
  const parser = new SaxesParser({ position: true })
  const out = new OsmCollector(options.compact ?? true)
  const decoder = new TextDecoder('utf-8', { fatal: false })
  let done = 0
  let generator: string | undefined
  let sawOsmRoot = false
  let depth = 0
  let node: { id: number; lat: number; lon: number; tags: Record<string, string> | null } | null =
    null
  let current: OverpassWay | OverpassRelation | null = null
  let member: OverpassMember | null = null
  let wayGeometry: (OverpassLatLon | null)[] | null = null
  let inRemark = false
  let remark = ''
  let failed: ImportError | null = null

  const fail = (reason: string, code: ImportCode = 'xmlMalformed'): never => {
    throw new ImportError(sourceName, `${reason} at line ${parser.line}`, code, {
      line: parser.line,
    })
  }
  const num = (v: string | undefined, what: string): number => {
    const n = v === undefined ? NaN : Number(v)
    if (!Number.isFinite(n)) fail(`XML has an invalid ${what} "${v ?? ''}"`)
    return n
  }

  parser.on('doctype', () => {
    fail(
      'XML declares a DOCTYPE, refused (entity declarations are not allowed in OSM files)',
      'xmlDoctype',
    )
  })
  parser.on('error', (err) => {
    // saxes reports "file:line:col: message"; keep the message, our own position goes after.
    const msg = err.message.replace(/^[^:]*:\d+:\d+:\s*/, '')
    fail(`XML is malformed (${msg})`)
  })
  parser.on('opentag', (tag) => {
    depth++
    if (depth > MAX_DEPTH) fail('XML nests elements too deeply for an OSM file')
    const a = tag.attributes as Record<string, string>
    const name = tag.name
    if (depth === 1) {
      if (name !== 'osm') fail(`XML root is <${name}>, not <osm>: not an OSM file`, 'notOsm')
      sawOsmRoot = true
      generator = a['generator']
      return
    }
    if (depth === 2) {
      inRemark = name === 'remark'
      current = null
      node = null
      if (name === 'node') {
        node = {
          id: num(a['id'], 'node id'),
          lat: num(a['lat'], 'latitude'),
          lon: num(a['lon'], 'longitude'),
          tags: null,
        }
      } else if (name === 'way') {
        current = { type: 'way', id: num(a['id'], 'way id'), nodes: [] }
        wayGeometry = []
      } else if (name === 'relation') {
        current = { type: 'relation', id: num(a['id'], 'relation id'), members: [] }
      }
      return
    }
    if (node !== null) {
      const k = a['k']
      if (name === 'tag' && k !== undefined) (node.tags ??= {})[k] = a['v'] ?? ''
      return
    }
    if (current === null) return
    if (name === 'tag') {
      const k = a['k']
      if (k !== undefined) (current.tags ??= {})[k] = a['v'] ?? ''
    } else if (name === 'nd' && depth === 3 && current.type === 'way') {
      current.nodes?.push(num(a['ref'], 'node reference'))
      const lat = a['lat']
      const lon = a['lon']
      if (lat !== undefined && lon !== undefined) {
        wayGeometry?.push({ lat: num(lat, 'latitude'), lon: num(lon, 'longitude') })
      } else wayGeometry = null
    } else if (name === 'member' && current.type === 'relation') {
      const type = a['type']
      if (type !== 'node' && type !== 'way' && type !== 'relation') {
        return fail(`XML has a relation member of unknown type "${type ?? ''}"`)
      }
      const m: OverpassMember = {
        type,
        ref: num(a['ref'], 'member reference'),
        role: a['role'] ?? '',
      }
      member = m
      current.members?.push(m)
    } else if (name === 'nd' && member !== null) {
      const lat = a['lat']
      const lon = a['lon']
      if (lat !== undefined && lon !== undefined) {
        ;(member.geometry ??= []).push({ lat: num(lat, 'latitude'), lon: num(lon, 'longitude') })
      }
    }
  })
  parser.on('text', (t) => {
    if (inRemark) remark += t
  })
  parser.on('closetag', (tag) => {
    if (depth === 2 && inRemark) {
      inRemark = false
      refuseRemark(remark, sourceName)
    }
    if (depth === 2 && node !== null) {
      out.node(node.id, node.lat, node.lon, node.tags)
      node = null
    } else if (depth === 2 && current !== null) {
      if (current.type === 'way' && wayGeometry !== null && wayGeometry.length > 0) {
        current.geometry = wayGeometry
      }
      out.add(current)
      current = null
      wayGeometry = null
    } else if (depth === 3 && tag.name === 'member') member = null
    depth--
  })

  /** Runs one step; after a failure every later call throws the same error. */
  const guarded = (f: () => void): void => {
    if (failed) throw failed
    try {
      f()
    } catch (e) {
      if (e instanceof ImportError) failed = e
      throw e
    }
  }
  return {
    get done() {
      return done
    },
    push(chunk) {
      done += chunk.length
      guarded(() => parser.write(decoder.decode(chunk, { stream: true })))
    },
    write(text) {
      done += text.length
      guarded(() => parser.write(text))
    },
    finish() {
      guarded(() => {
        const rest = decoder.decode()
        if (rest.length > 0) parser.write(rest)
        if (depth > 0) fail('XML is truncated', 'xmlTruncated')
        parser.close()
      })
      if (!sawOsmRoot) throw new ImportError(sourceName, 'XML has no <osm> root element', 'notOsm')
      return out.finish(generator)
    },
  }
}
