/**
 * `.osm.pbf` reader shared by `npm run data --in` and the district worker (one import path):
 * the file's bytes arrive as chunks (a Node file stream, a browser `File`'s stream or buffer),
 * each fileblock (≤ 32 MiB by the format's rules) is inflated with the platform's
 * `DecompressionStream('deflate')` and decoded, and only the OSM elements are kept: the file
 * itself is never held whole, and at most one block is decompressed at a time.
 *
 * The protobuf decoding is this file's own (the wire format's varints, zigzag and packed
 * fields, the ~20 fields of fileformat.proto / osmformat.proto the importer reads), so the
 * same code runs in Node and in a Web Worker with no Node stream, Buffer or zlib.
 * The spec: https://wiki.openstreetmap.org/wiki/PBF_Format
 */
import { importOsmElements } from './importDistrict'
import type { ImportOptions, ImportResult } from './importDistrict'
import { ImportError } from './importError'
import { OsmCollector } from './osmNodes'
import type { OverpassJson, OverpassMember } from './overpassTypes'

/** The format's limits: a BlobHeader under 64 KiB, a blob (packed or not) under 32 MiB. */
const MAX_HEADER_BYTES = 64 * 1024
const MAX_BLOB_BYTES = 32 * 1024 * 1024
/** Features a reader must support to read a file; the twin reads exactly these. */
const SUPPORTED_FEATURES = new Set(['OsmSchema-V0.6', 'DenseNodes'])
const MEMBER_TYPES = ['node', 'way', 'relation'] as const

class FormatError extends Error {}

/** A protobuf message being read: fields one by one, varints as JS numbers. */
class Proto {
  pos: number
  constructor(
    readonly buf: Uint8Array,
    start = 0,
    readonly end = buf.length,
  ) {
    this.pos = start
  }

  /** The next field's number and wire type, or null at the end. */
  next(): { field: number; wire: number } | null {
    if (this.pos >= this.end) return null
    const key = this.uint()
    return { field: Math.floor(key / 8), wire: key % 8 }
  }

  private byte(): number {
    if (this.pos >= this.end) throw new FormatError('message ends inside a field')
    return this.buf[this.pos++] ?? 0
  }

  /** The low and high 32 bits of a varint. */
  private parts(): [number, number] {
    let lo = 0
    let b = 0
    for (let shift = 0; shift < 28; shift += 7) {
      b = this.byte()
      lo |= (b & 0x7f) << shift
      if (b < 0x80) return [lo >>> 0, 0]
    }
    b = this.byte()
    lo |= (b & 0x0f) << 28
    let hi = (b & 0x7f) >> 4
    if (b < 0x80) return [lo >>> 0, hi]
    for (let shift = 3; shift < 32; shift += 7) {
      b = this.byte()
      hi |= (b & 0x7f) << shift
      if (b < 0x80) return [lo >>> 0, hi >>> 0]
    }
    throw new FormatError('varint longer than 10 bytes')
  }

  /** An unsigned varint (exact below 2^53). */
  uint(): number {
    const first = this.buf[this.pos]
    if (first !== undefined && first < 0x80 && this.pos < this.end) {
      this.pos++
      return first
    }
    const [lo, hi] = this.parts()
    return hi * 0x100000000 + lo
  }

  /** A two's-complement int32/int64 varint. */
  int(): number {
    const [lo, hi] = this.parts()
    if (hi & 0x80000000) return -((~hi >>> 0) * 0x100000000 + (~lo >>> 0) + 1)
    return hi * 0x100000000 + lo
  }

  /** A zigzag sint32/sint64 varint. */
  sint(): number {
    const u = this.uint()
    return u % 2 === 1 ? -(u + 1) / 2 : u / 2
  }

  /** A length-delimited field's bytes (a view, not a copy). */
  bytes(): Uint8Array {
    const n = this.uint()
    const start = this.pos
    if (start + n > this.end) throw new FormatError('field runs past its message')
    this.pos = start + n
    return this.buf.subarray(start, start + n)
  }

  /** An embedded message. */
  message(): Proto {
    const b = this.bytes()
    return new Proto(b)
  }

  string(): string {
    return DECODER.decode(this.bytes())
  }

  /** A packed repeated varint field (or one unpacked element), appended to `out`. */
  packed(wire: number, read: (p: Proto) => number, out: number[]): void {
    if (wire !== 2) {
      out.push(read(this))
      return
    }
    const inner = this.message()
    while (inner.pos < inner.end) out.push(read(inner))
  }

  skip(wire: number): void {
    if (wire === 0) this.parts()
    else if (wire === 1) this.pos += 8
    else if (wire === 2) this.bytes()
    else if (wire === 5) this.pos += 4
    else throw new FormatError(`unsupported wire type ${wire}`)
    if (this.pos > this.end) throw new FormatError('field runs past its message')
  }
}

const DECODER = new TextDecoder()
const uint = (p: Proto): number => p.uint()
const int = (p: Proto): number => p.int()
const sint = (p: Proto): number => p.sint()

/** Inflate one zlib-compressed blob with the platform's DecompressionStream. */
async function inflate(data: Uint8Array, rawSize: number): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream('deflate'))
  const out = new Uint8Array(rawSize)
  let at = 0
  const reader = stream.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    if (at + value.length > rawSize) {
      await reader.cancel()
      throw new FormatError('a block inflates to more than its stated size')
    }
    out.set(value, at)
    at += value.length
  }
  return at === rawSize ? out : out.subarray(0, at)
}

/** The bytes of one Blob message, decompressed. */
async function blobData(blob: Proto): Promise<Uint8Array> {
  let raw: Uint8Array | null = null
  let zlib: Uint8Array | null = null
  let rawSize = 0
  for (let f = blob.next(); f; f = blob.next()) {
    if (f.field === 1 && f.wire === 2) raw = blob.bytes()
    else if (f.field === 2 && f.wire === 0) rawSize = blob.uint()
    else if (f.field === 3 && f.wire === 2) zlib = blob.bytes()
    else if (f.field >= 4 && f.field <= 7) {
      throw new FormatError('compression other than zlib is not supported')
    } else blob.skip(f.wire)
  }
  if (raw) return raw
  if (!zlib) throw new FormatError('a block has no data')
  if (rawSize <= 0 || rawSize > MAX_BLOB_BYTES) throw new FormatError('a block is too large')
  return inflate(zlib, rawSize)
}

/** What the HeaderBlock says: the writing program; unsupported required features refused. */
function readHeader(p: Proto): string {
  let program = ''
  for (let f = p.next(); f; f = p.next()) {
    if (f.field === 4 && f.wire === 2) {
      const feature = p.string()
      if (!SUPPORTED_FEATURES.has(feature)) {
        throw new FormatError(`it needs the feature "${feature}", which the twin cannot read`)
      }
    } else if (f.field === 16 && f.wire === 2) program = p.string()
    else p.skip(f.wire)
  }
  return program
}

interface BlockContext {
  strings: string[]
  granularity: number
  latOffset: number
  lonOffset: number
}

function tagsOf(keys: number[], vals: number[], strings: string[]): Record<string, string> | null {
  if (keys.length === 0) return null
  const tags: Record<string, string> = {}
  keys.forEach((k, i) => {
    tags[strings[k] ?? ''] = strings[vals[i] ?? 0] ?? ''
  })
  return tags
}

/** Degrees from a PBF coordinate: (offset + granularity × value) nanodegrees. */
const degrees = (offset: number, granularity: number, v: number): number =>
  (offset + granularity * v) / 1e9

function readDense(p: Proto, c: BlockContext, out: OsmCollector): void {
  const ids: number[] = []
  const lats: number[] = []
  const lons: number[] = []
  const keysVals: number[] = []
  for (let f = p.next(); f; f = p.next()) {
    if (f.field === 1) p.packed(f.wire, sint, ids)
    else if (f.field === 8) p.packed(f.wire, sint, lats)
    else if (f.field === 9) p.packed(f.wire, sint, lons)
    else if (f.field === 10) p.packed(f.wire, int, keysVals)
    else p.skip(f.wire)
  }
  if (lats.length !== ids.length || lons.length !== ids.length) {
    throw new FormatError('dense nodes with unequal id, lat and lon lists')
  }
  let id = 0
  let lat = 0
  let lon = 0
  let j = 0
  for (let i = 0; i < ids.length; i++) {
    id += ids[i] ?? 0
    lat += lats[i] ?? 0
    lon += lons[i] ?? 0
    let tags: Record<string, string> | null = null
    while (j < keysVals.length && keysVals[j] !== 0) {
      tags ??= {}
      tags[c.strings[keysVals[j] ?? 0] ?? ''] = c.strings[keysVals[j + 1] ?? 0] ?? ''
      j += 2
    }
    j++
    pushNode(out, c, id, lat, lon, tags)
  }
}

/** A node, dense or plain, as the Overpass element the importer reads. */
function pushNode(
  out: OsmCollector,
  c: BlockContext,
  id: number,
  lat: number,
  lon: number,
  tags: Record<string, string> | null,
): void {
  out.node(
    id,
    degrees(c.latOffset, c.granularity, lat),
    degrees(c.lonOffset, c.granularity, lon),
    tags,
  )
}

function readNode(p: Proto, c: BlockContext, out: OsmCollector): void {
  let id = 0
  let lat = 0
  let lon = 0
  const keys: number[] = []
  const vals: number[] = []
  for (let f = p.next(); f; f = p.next()) {
    if (f.field === 1) id = p.sint()
    else if (f.field === 2) p.packed(f.wire, uint, keys)
    else if (f.field === 3) p.packed(f.wire, uint, vals)
    else if (f.field === 8) lat = p.sint()
    else if (f.field === 9) lon = p.sint()
    else p.skip(f.wire)
  }
  const tags = tagsOf(keys, vals, c.strings)
  pushNode(out, c, id, lat, lon, tags)
}

function readWay(p: Proto, c: BlockContext, out: OsmCollector): void {
  let id = 0
  const keys: number[] = []
  const vals: number[] = []
  const refs: number[] = []
  for (let f = p.next(); f; f = p.next()) {
    if (f.field === 1) id = p.int()
    else if (f.field === 2) p.packed(f.wire, uint, keys)
    else if (f.field === 3) p.packed(f.wire, uint, vals)
    else if (f.field === 8) p.packed(f.wire, sint, refs)
    else p.skip(f.wire)
  }
  let ref = 0
  const nodes = refs.map((d) => (ref += d))
  const tags = tagsOf(keys, vals, c.strings)
  out.add({ type: 'way', id, nodes, ...(tags && { tags }) })
}

function readRelation(p: Proto, c: BlockContext, out: OsmCollector): void {
  let id = 0
  const keys: number[] = []
  const vals: number[] = []
  const roles: number[] = []
  const memids: number[] = []
  const types: number[] = []
  for (let f = p.next(); f; f = p.next()) {
    if (f.field === 1) id = p.int()
    else if (f.field === 2) p.packed(f.wire, uint, keys)
    else if (f.field === 3) p.packed(f.wire, uint, vals)
    else if (f.field === 8) p.packed(f.wire, int, roles)
    else if (f.field === 9) p.packed(f.wire, sint, memids)
    else if (f.field === 10) p.packed(f.wire, int, types)
    else p.skip(f.wire)
  }
  let ref = 0
  const members = memids.map((d, i): OverpassMember => ({
    type: MEMBER_TYPES[types[i] ?? 0] ?? 'node',
    ref: (ref += d),
    role: c.strings[roles[i] ?? 0] ?? '',
  }))
  const tags = tagsOf(keys, vals, c.strings)
  out.add({ type: 'relation', id, members, ...(tags && { tags }) })
}

/** Decode one PrimitiveBlock into elements, in file order. */
function readPrimitiveBlock(p: Proto, out: OsmCollector): void {
  const c: BlockContext = { strings: [], granularity: 100, latOffset: 0, lonOffset: 0 }
  const groups: Proto[] = []
  for (let f = p.next(); f; f = p.next()) {
    if (f.field === 1 && f.wire === 2) {
      const table = p.message()
      for (let g = table.next(); g; g = table.next()) {
        if (g.field === 1 && g.wire === 2) c.strings.push(table.string())
        else table.skip(g.wire)
      }
    } else if (f.field === 2 && f.wire === 2) groups.push(p.message())
    else if (f.field === 17 && f.wire === 0) c.granularity = p.int()
    else if (f.field === 19 && f.wire === 0) c.latOffset = p.int()
    else if (f.field === 20 && f.wire === 0) c.lonOffset = p.int()
    else p.skip(f.wire)
  }
  // Groups come after the string table in writers' output, but the format does not promise
  // it: read them once the whole block is known.
  for (const g of groups) {
    for (let f = g.next(); f; f = g.next()) {
      if (f.wire !== 2) g.skip(f.wire)
      else if (f.field === 1) readNode(g.message(), c, out)
      else if (f.field === 2) readDense(g.message(), c, out)
      else if (f.field === 3) readWay(g.message(), c, out)
      else if (f.field === 4) readRelation(g.message(), c, out)
      else g.skip(f.wire)
    }
  }
}

/** Bytes received but not yet read, gathered from the chunks as they arrive. */
class Pending {
  private buf: Uint8Array = new Uint8Array(0)
  private start = 0
  get length(): number {
    return this.buf.length - this.start
  }
  push(chunk: Uint8Array): void {
    if (this.start === this.buf.length) {
      this.buf = chunk
    } else {
      const joined = new Uint8Array(this.length + chunk.length)
      joined.set(this.buf.subarray(this.start))
      joined.set(chunk, this.length)
      this.buf = joined
    }
    this.start = 0
  }
  /** The next `n` bytes (a view valid until the next push). */
  take(n: number): Uint8Array {
    const out = this.buf.subarray(this.start, this.start + n)
    this.start += n
    return out
  }
}

/**
 * Read a `.osm.pbf` from its bytes, in chunks, into the OSM elements the importer reads (the
 * Overpass `out body` shape); `onBytes` hears how many bytes have been read. A file that is
 * not a readable `.osm.pbf` is one `ImportError` naming `sourceName`.
 */
export async function readOsmPbfChunks(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  sourceName: string,
  onBytes?: (read: number) => void,
  compact = false,
): Promise<OverpassJson> {
  const elements = new OsmCollector(compact)
  let generator = ''
  let blocks = 0
  try {
    const pending = new Pending()
    let read = 0
    /** What the next bytes are: a header length, a header of `need` bytes, or a blob. */
    let state: 'length' | 'header' | 'blob' = 'length'
    let need = 4
    let blobType = ''
    const step = async (): Promise<void> => {
      while (pending.length >= need) {
        const bytes = pending.take(need)
        read += need
        if (state === 'length') {
          need = ((bytes[0] ?? 0) << 24) | ((bytes[1] ?? 0) << 16) | ((bytes[2] ?? 0) << 8)
          need = (need | (bytes[3] ?? 0)) >>> 0
          if (need === 0 || need > MAX_HEADER_BYTES) throw new FormatError('bad block header')
          state = 'header'
        } else if (state === 'header') {
          const h = new Proto(bytes)
          let size = -1
          blobType = ''
          for (let f = h.next(); f; f = h.next()) {
            if (f.field === 1 && f.wire === 2) blobType = h.string()
            else if (f.field === 3 && f.wire === 0) size = h.int()
            else h.skip(f.wire)
          }
          if (size <= 0 || size > MAX_BLOB_BYTES) throw new FormatError('bad block size')
          need = size
          state = 'blob'
        } else {
          const data = await blobData(new Proto(bytes))
          if (blocks === 0 && blobType !== 'OSMHeader') {
            throw new FormatError('it does not start with an OSMHeader block')
          }
          if (blobType === 'OSMHeader') generator = readHeader(new Proto(data))
          else if (blobType === 'OSMData') readPrimitiveBlock(new Proto(data), elements)
          blocks++
          onBytes?.(read)
          need = 4
          state = 'length'
        }
      }
    }
    for await (const chunk of chunks) {
      pending.push(chunk)
      await step()
    }
    if (pending.length > 0 || state !== 'length') throw new FormatError('the file is truncated')
    if (blocks === 0) throw new FormatError('the file is empty')
  } catch (e) {
    if (!(e instanceof FormatError) && !(e instanceof TypeError)) throw e
    throw new ImportError(sourceName, `is not a readable .osm.pbf file (${e.message})`, 'notOsm')
  }
  return elements.finish(generator)
}

/** True when a file's first bytes are a `.osm.pbf` header block (any file name). */
export function looksLikeOsmPbf(head: Uint8Array): boolean {
  const len = head[3] ?? 0
  if (head[0] !== 0 || head[1] !== 0 || head[2] !== 0 || len === 0) return false
  if (head.length < 4 + len) return false
  return DECODER.decode(head.subarray(4, 4 + len)).includes('OSMHeader')
}

/**
 * Import a `.osm.pbf` of `byteLength` bytes arriving in chunks: read with `readOsmPbfChunks`,
 * then the same pipeline as every other format (`importOsmElements`). The one function both
 * `npm run data --in` and the district worker call.
 */
export async function importOsmPbf(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  byteLength: number,
  opts: ImportOptions,
): Promise<ImportResult> {
  const reading = opts.onProgress
  const json = await readOsmPbfChunks(
    chunks,
    opts.sourceName,
    reading && ((read) => reading(Math.floor((read / Math.max(1, byteLength)) * 300), 1000)),
    true,
  )
  return importOsmElements(json, opts)
}
