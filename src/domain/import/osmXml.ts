import { SaxesParser } from 'saxes'

import { type ImportCode, ImportError, refuseRemark } from './importError'
import type {
  OverpassElement,
  OverpassJson,
  OverpassLatLon,
  OverpassMember,
  OverpassNode,
  OverpassRelation,
  OverpassWay,
} from './overpassTypes'

/** Characters handed to the XML parser per step (keeps progress reports flowing). */
const CHUNK_CHARS = 1 << 20
/** Deepest element nesting an OSM file needs (osm > way > nd is 3; Overpass out geom 4). */
const MAX_DEPTH = 8

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
): OverpassJson {
  const parser = new SaxesParser({ position: true })
  const elements: OverpassElement[] = []
  let generator: string | undefined
  let sawOsmRoot = false
  let depth = 0
  let current: OverpassNode | OverpassWay | OverpassRelation | null = null
  let member: OverpassMember | null = null
  let wayGeometry: (OverpassLatLon | null)[] | null = null
  let failure: ImportError | null = null
  let inRemark = false
  let remark = ''

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
      if (name === 'node') {
        current = {
          type: 'node',
          id: num(a['id'], 'node id'),
          lat: num(a['lat'], 'latitude'),
          lon: num(a['lon'], 'longitude'),
        }
      } else if (name === 'way') {
        current = { type: 'way', id: num(a['id'], 'way id'), nodes: [] }
        wayGeometry = []
      } else if (name === 'relation') {
        current = { type: 'relation', id: num(a['id'], 'relation id'), members: [] }
      } else current = null
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
    if (depth === 2 && current !== null) {
      if (current.type === 'way' && wayGeometry !== null && wayGeometry.length > 0) {
        current.geometry = wayGeometry
      }
      elements.push(current)
      current = null
      wayGeometry = null
    } else if (depth === 3 && tag.name === 'member') member = null
    depth--
  })

  try {
    for (let i = 0; i < text.length; i += CHUNK_CHARS) {
      parser.write(text.slice(i, i + CHUNK_CHARS))
      onProgress?.(Math.min(text.length, i + CHUNK_CHARS), text.length)
    }
    if (depth > 0) fail('XML is truncated', 'xmlTruncated')
    parser.close()
  } catch (e) {
    if (e instanceof ImportError) failure = e
    else throw e
  }
  if (failure) throw failure
  if (!sawOsmRoot) throw new ImportError(sourceName, 'XML has no <osm> root element', 'notOsm')
  return generator === undefined ? { elements } : { generator, elements }
}
