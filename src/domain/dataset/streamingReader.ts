/**
 * Parses a dataset's JSON text while it is still arriving, so parsing overlaps the download
 * instead of following it. A dataset written by the importer (`JSON.stringify`) is a header
 * (`{"type":"FeatureCollection","metadata":{…},"features":[`), features that each begin with
 * `{"type":"Feature"`, and a short trailer. A raw `"` cannot occur inside a JSON string, so
 * that marker can only start an object: the text between two markers is cut out with a
 * native `lastIndexOf` and parsed as soon as it is complete. Anything that does not fit this
 * shape (other layouts, invalid text, features nested elsewhere) makes the reader parse the
 * whole text at the end instead, so the result, and every error message, is exactly
 * `JSON.parse`'s.
 */

const MARKER = new TextEncoder().encode('{"type":"Feature"')
const OPEN_BRACE = 123
/** How the header must end for its last array to be the root's "features". */
const HEADER_END = /^\{[^]*"features"[ \t\n\r]*:[ \t\n\r]*\[[ \t\n\r]*$/

/** True when the marker starts at `at`. */
function markerAt(bytes: Uint8Array, at: number): boolean {
  if (at + MARKER.length > bytes.length) return false
  for (let k = 0; k < MARKER.length; k++) if (bytes[at + k] !== MARKER[k]) return false
  return true
}

/** The bytes of `a` followed by `b`. */
function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b
  const out = new Uint8Array(a.length + b.length)
  out.set(a)
  out.set(b, a.length)
  return out
}

/**
 * Works on bytes, and decodes each batch on its own: one non-ASCII character (a "ă" in the
 * metadata) would otherwise turn every later string into a two-byte one, and parsing slower.
 * Batches start at `{`, so a multi-byte character is never cut.
 */
export class StreamingJsonReader {
  /** All bytes so far, kept for the whole-text fallback. */
  private readonly all: Uint8Array[] = []
  /** Bytes not yet parsed: the header so far, or from the first unparsed feature on. */
  private pending: Uint8Array = new Uint8Array(0)
  private header: string | null = null
  private readonly decoder = new TextDecoder()
  private readonly features: unknown[] = []
  /** Set when the text does not have the shape this reader splits: parse it whole. */
  private whole = false

  /** Add the next bytes (UTF-8). */
  push(bytes: Uint8Array): void {
    this.all.push(bytes)
    if (this.whole) return
    const before = this.pending.length
    this.pending = concat(this.pending, bytes)
    try {
      if (this.header === null) this.findHeader(before)
      if (this.header !== null) this.parseCompleteFeatures()
    } catch {
      this.whole = true // e.g. a batch that is not valid JSON: JSON.parse will say why
      this.pending = new Uint8Array(0)
    }
  }

  /** Features parsed so far, before `finish` (for progress). */
  get featureCount(): number {
    return this.features.length
  }

  /** The parsed value of all the text; throws JSON.parse's own SyntaxError if it is invalid. */
  finish(): unknown {
    if (!this.whole && this.header !== null) {
      try {
        const root = this.finishFeatures(this.header)
        if (root !== undefined) return root
      } catch {
        // fall through to the whole text
      }
    }
    let size = 0
    for (const c of this.all) size += c.length
    const bytes = new Uint8Array(size)
    let at = 0
    for (const c of this.all) {
      bytes.set(c, at)
      at += c.length
    }
    return JSON.parse(this.decoder.decode(bytes))
  }

  private findHeader(before: number): void {
    // The marker may straddle the previous bytes and these.
    let at = this.pending.indexOf(OPEN_BRACE, Math.max(0, before - MARKER.length))
    while (at >= 0 && !markerAt(this.pending, at)) at = this.pending.indexOf(OPEN_BRACE, at + 1)
    if (at < 0) return
    const header = this.decoder.decode(this.pending.subarray(0, at))
    if (!HEADER_END.test(header)) throw new Error('not a feature collection header')
    this.header = header
    this.pending = this.pending.slice(at)
  }

  /** Parse every feature followed by another marker; keep the last (maybe incomplete) one. */
  private parseCompleteFeatures(): void {
    let last = this.pending.lastIndexOf(OPEN_BRACE)
    while (last > 0 && !markerAt(this.pending, last)) {
      last = this.pending.lastIndexOf(OPEN_BRACE, last - 1)
    }
    if (last <= 0) return
    this.parseBatch(this.decoder.decode(this.pending.subarray(0, last)))
    this.pending = this.pending.slice(last)
  }

  /** `batch` is whole features, each followed by a comma (the text before the next marker). */
  private parseBatch(batch: string): void {
    // Walk back over JSON whitespace to the comma (a regex anchored at the end would still
    // try every position of a megabyte batch).
    let end = batch.length - 1
    while (end >= 0 && isJsonSpace(batch.charCodeAt(end))) end--
    if (batch.charCodeAt(end) !== COMMA) throw new Error('features not separated by a comma')
    const parsed = JSON.parse(`[${batch.slice(0, end)}]`) as unknown[]
    for (const f of parsed) this.features.push(f)
  }

  /**
   * `pending` is the last feature and the trailer: find where the feature ends, then parse the
   * header and trailer as the root with an empty feature array, and put the features in it.
   */
  private finishFeatures(header: string): unknown {
    const rest = this.decoder.decode(this.pending)
    const end = endOfFirstValue(rest)
    if (end < 0) return undefined
    this.features.push(JSON.parse(rest.slice(0, end)))
    const root = JSON.parse(header + rest.slice(end)) as unknown
    if (typeof root !== 'object' || root === null || Array.isArray(root)) return undefined
    const target = (root as Record<string, unknown>)['features']
    if (!Array.isArray(target) || target.length !== 0) return undefined
    for (const f of this.features) target.push(f)
    return root
  }
}

const COMMA = 44
/** JSON's whitespace: space, tab, line feed, carriage return. */
const isJsonSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13

/** Index just past the JSON object or array that starts at 0, or -1 if it does not end. */
function endOfFirstValue(text: string): number {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 92) i++
      else if (c === 34) inString = false
    } else if (c === 34) inString = true
    else if (c === 123 || c === 91) depth++
    else if (c === 125 || c === 93) {
      depth--
      if (depth === 0) return i + 1
    }
  }
  return -1
}
