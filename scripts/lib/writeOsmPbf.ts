/**
 * A small `.osm.pbf` writer (OSM PBF format: BlobHeader/Blob framing, zlib-compressed
 * HeaderBlock and PrimitiveBlocks with DenseNodes, Ways and Relations), written here from the
 * format's specification (wiki.openstreetmap.org/wiki/PBF_Format) for test fixtures and the
 * SYNTHETIC benchmark input. Not an export format of the app.
 */
import { deflateSync } from 'node:zlib'

import type { OverpassElement, OverpassJson } from '../../src/domain/import/overpassTypes'

/** Entities per PrimitiveBlock: the specification recommends 8,000. */
const BLOCK_SIZE = 8000

/** Protocol Buffers wire encoding into a growing byte list (small messages only). */
class Proto {
  readonly bytes: number[] = []
  varint(n: number): this {
    // Numbers up to 2^53: division, not 32-bit operators.
    let v = n
    while (v >= 0x80) {
      this.bytes.push((v % 0x80) | 0x80)
      v = Math.floor(v / 0x80)
    }
    this.bytes.push(v)
    return this
  }
  tag(field: number, wire: number): this {
    return this.varint(field * 8 + wire)
  }
  uint(field: number, n: number): this {
    return this.tag(field, 0).varint(n)
  }
  sint(field: number, n: number): this {
    return this.tag(field, 0).varint(zigzag(n))
  }
  bytesField(field: number, data: ArrayLike<number>): this {
    this.tag(field, 2).varint(data.length)
    for (let i = 0; i < data.length; i++) this.bytes.push(data[i]!)
    return this
  }
  string(field: number, s: string): this {
    return this.bytesField(field, Buffer.from(s, 'utf8'))
  }
  message(field: number, m: Proto): this {
    return this.bytesField(field, m.bytes)
  }
  packed(field: number, values: readonly number[], signed: boolean): this {
    const p = new Proto()
    for (const v of values) p.varint(signed ? zigzag(v) : v)
    return this.bytesField(field, p.bytes)
  }
}

const zigzag = (n: number): number => (n >= 0 ? n * 2 : -n * 2 - 1)

const deltas = (xs: readonly number[]): number[] => xs.map((x, i) => x - (i > 0 ? xs[i - 1]! : 0))

/** One file block: BlobHeader length (4 bytes, big-endian), BlobHeader, Blob (zlib). */
function fileBlock(type: 'OSMHeader' | 'OSMData', body: Proto): Buffer {
  const raw = Buffer.from(body.bytes)
  const blob = new Proto().uint(2, raw.length).bytesField(3, deflateSync(raw))
  const header = new Proto().string(1, type).uint(3, blob.bytes.length)
  const length = Buffer.alloc(4)
  length.writeUInt32BE(header.bytes.length)
  return Buffer.concat([length, Buffer.from(header.bytes), Buffer.from(blob.bytes)])
}

const MEMBER_TYPE = { node: 0, way: 1, relation: 2 } as const

/** One PrimitiveBlock of elements of a single type (granularity 100: 1e-7 degrees). */
function primitiveBlock(elements: readonly OverpassElement[]): Proto {
  const strings = new Map<string, number>([['', 0]])
  const sid = (s: string): number => {
    let i = strings.get(s)
    if (i === undefined) strings.set(s, (i = strings.size))
    return i
  }
  const group = new Proto()
  const first = elements[0]
  if (first?.type === 'node') {
    const nodes = elements.filter((e) => e.type === 'node')
    const keysVals: number[] = []
    for (const n of nodes) {
      for (const [k, v] of Object.entries(n.tags ?? {})) keysVals.push(sid(k), sid(v))
      keysVals.push(0)
    }
    const dense = new Proto()
      .packed(1, deltas(nodes.map((n) => n.id)), true)
      .packed(8, deltas(nodes.map((n) => Math.round(n.lat * 1e7))), true)
      .packed(9, deltas(nodes.map((n) => Math.round(n.lon * 1e7))), true)
      .packed(10, keysVals, false)
    group.message(2, dense)
  } else {
    for (const e of elements) {
      const tags = Object.entries(e.tags ?? {})
      const m = new Proto()
        .uint(1, e.id)
        .packed(
          2,
          tags.map(([k]) => sid(k)),
          false,
        )
        .packed(
          3,
          tags.map(([, v]) => sid(v)),
          false,
        )
      if (e.type === 'way') {
        m.packed(8, deltas(e.nodes ?? []), true)
        group.message(3, m)
      } else if (e.type === 'relation') {
        const members = e.members ?? []
        m.packed(
          8,
          members.map((x) => sid(x.role)),
          false,
        )
          .packed(9, deltas(members.map((x) => x.ref)), true)
          .packed(
            10,
            members.map((x) => MEMBER_TYPE[x.type]),
            false,
          )
        group.message(4, m)
      }
    }
  }
  const table = new Proto()
  for (const s of strings.keys()) table.string(1, s)
  return new Proto().message(1, table).message(2, group)
}

/**
 * Encode OSM elements (nodes with coordinates, ways with node ids, relations with members,
 * as Overpass `out body` JSON has them) as an `.osm.pbf` file: nodes, then ways, then
 * relations, each sorted by id as the format expects.
 */
export function writeOsmPbf(json: OverpassJson): Buffer {
  const header = new Proto()
    .string(4, 'OsmSchema-V0.6')
    .string(4, 'DenseNodes')
    .string(16, json.generator ?? 'manastur-twin writeOsmPbf')
  const blocks = [fileBlock('OSMHeader', header)]
  for (const type of ['node', 'way', 'relation'] as const) {
    const of = json.elements.filter((e) => e.type === type).sort((a, b) => a.id - b.id)
    for (let i = 0; i < of.length; i += BLOCK_SIZE) {
      blocks.push(fileBlock('OSMData', primitiveBlock(of.slice(i, i + BLOCK_SIZE))))
    }
  }
  return Buffer.concat(blocks)
}
