/**
 * Fetch OSM data from the Overpass API (Node; `npm run data` without `--in`).
 *
 * POSTs the query of `src/domain/import/overpassQuery.ts` as `data=<query>`, with a timeout per
 * attempt, retries with exponential backoff on 429/502/503/504 and network errors (honouring
 * `Retry-After`), and checks that the answer is Overpass JSON before handing it on. Every
 * failure is a `FetchError` with one line of text.
 */
import { MAX_INPUT_CHARS, oneLine } from '../../src/domain/import/importError'
import {
  buildManasturQuery,
  buildOverpassQuery,
  MANASTUR_AREA,
} from '../../src/domain/import/overpassQuery'
import type { Bbox } from '../../src/domain/import/overpassQuery'

/** The public Overpass instance used when neither `opts.url` nor `OVERPASS_URL` is set. */
export const DEFAULT_OVERPASS_URL = 'https://overpass-api.de/api/interpreter'
/** Time allowed for one attempt (request + whole body), ms: the 90 s server limit plus transfer. */
export const DEFAULT_TIMEOUT_MS = 150_000
/** Retries after the first attempt. */
export const DEFAULT_RETRIES = 3
/** First backoff wait, ms; doubles each retry. */
export const DEFAULT_BASE_DELAY_MS = 2_000
/** Longest wait between attempts, ms, whatever `Retry-After` asks for. */
export const DEFAULT_MAX_DELAY_MS = 60_000
/** HTTP statuses worth another try: rate limited, or the server is busy. */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504])
/** Largest response accepted, bytes (the importer's string limit). */
export const MAX_RESPONSE_BYTES = MAX_INPUT_CHARS

/** Why a fetch failed. */
export type FetchErrorKind = 'http' | 'timeout' | 'network' | 'malformed' | 'overpass' | 'aborted'

/** A failed Overpass fetch; `message` is one line for the user. */
export class FetchError extends Error {
  override name = 'FetchError'
  constructor(
    message: string,
    readonly kind: FetchErrorKind,
    /** HTTP status, when the server answered. */
    readonly status?: number,
  ) {
    super(oneLine(message))
  }
}

/** Options of `fetchOverpass`. */
export interface FetchOverpassOptions {
  /** A named area; the default when `bbox` is absent. */
  area?: 'manastur'
  /** [west, south, east, north] WGS84 degrees; wins over `area`. */
  bbox?: Bbox
  /** Endpoint. @default process.env.OVERPASS_URL ?? DEFAULT_OVERPASS_URL */
  url?: string
  /** Time allowed per attempt, ms. @default DEFAULT_TIMEOUT_MS */
  timeoutMs?: number
  /** Retries after the first attempt. @default DEFAULT_RETRIES */
  retries?: number
  /** First backoff wait, ms (doubles per retry). @default DEFAULT_BASE_DELAY_MS */
  baseDelayMs?: number
  /** Cap on any wait between attempts, ms. @default DEFAULT_MAX_DELAY_MS */
  maxDelayMs?: number
  /** Receives human progress lines (`Overpass: attempt 1/4 …`). */
  onProgress?: (line: string) => void
  /** Cancels the fetch (and any backoff wait). */
  signal?: AbortSignal
}

/** The endpoint used: `url`, else `OVERPASS_URL`, else the public instance. */
export function overpassEndpoint(url?: string): string {
  const env = process.env['OVERPASS_URL']?.trim()
  return url ?? (env ? env : DEFAULT_OVERPASS_URL)
}

const mb = (bytes: number): string =>
  bytes < 1e6 ? `${Math.round(bytes / 1e3)} kB` : `${(bytes / 1e6).toFixed(1)} MB`
const secs = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`

/** `Retry-After` in ms (seconds or an HTTP date), or null. */
function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (header === null) return null
  const s = header.trim()
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) * 1000
  const t = Date.parse(s)
  return Number.isFinite(t) ? Math.max(0, t - now) : null
}

/** Wait `ms`, or reject as soon as `signal` aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new FetchError('Overpass fetch cancelled', 'aborted'))
      return
    }
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(new FetchError('Overpass fetch cancelled', 'aborted'))
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/** The readable text of an HTML/XML error page: Overpass puts it in `<p>` / `<remark>`. */
function errorPageText(body: string): string {
  const remark = /<remark>([\s\S]*?)<\/remark>/i.exec(body)?.[1]
  const strong = /<p>\s*<strong[^>]*>\s*Error\s*<\/strong>\s*:?\s*([\s\S]*?)<\/p>/i.exec(body)?.[1]
  const title = /<title>([\s\S]*?)<\/title>/i.exec(body)?.[1]
  const raw = remark ?? (strong ? `Error: ${strong}` : undefined) ?? title ?? body.slice(0, 200)
  return oneLine(
    raw
      .replace(/<[^>]*>/g, ' ')
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, ' '),
  )
}

/**
 * Check that `body` is Overpass JSON with an `elements` array and no runtime-error `remark`
 * (Overpass answers 200 with a remark when the query times out or runs out of memory).
 */
function checkOverpassJson(body: string): void {
  const start = /\S/.exec(body)
  if (!start) throw new FetchError('Overpass answered with an empty body', 'malformed')
  if (body[start.index] === '<') {
    throw new FetchError(
      `Overpass answered with an error page instead of JSON: ${errorPageText(body)}`,
      'malformed',
    )
  }
  let value: unknown
  try {
    value = JSON.parse(body)
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e)
    throw new FetchError(
      `Overpass answered with malformed JSON (${oneLine(why)}); the response may be truncated`,
      'malformed',
    )
  }
  const o = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>
  const remark = typeof o['remark'] === 'string' ? o['remark'] : ''
  if (/runtime error|error:/i.test(remark)) {
    throw new FetchError(
      `Overpass could not run the query: ${oneLine(remark)} (try a smaller --bbox or later)`,
      'overpass',
    )
  }
  if (!Array.isArray(o['elements'])) {
    throw new FetchError('Overpass answered JSON without an "elements" array', 'malformed')
  }
}

/** Node's `fetch failed` hides the reason in `cause.code` (ECONNREFUSED, ENOTFOUND…). */
function networkReason(e: unknown): string {
  const cause = (e as { cause?: { code?: unknown; message?: unknown } }).cause
  if (typeof cause?.code === 'string') return cause.code
  if (typeof cause?.message === 'string') return oneLine(cause.message)
  return e instanceof Error ? oneLine(e.message) : String(e)
}

/** Outcome of one attempt that did not produce a body. */
interface Retryable {
  error: FetchError
  /** Server-requested wait, ms. */
  retryAfter: number | null
}

/** Read the body as text, reporting progress about once per MB; enforces MAX_RESPONSE_BYTES. */
async function readBody(
  res: Response,
  report: (received: number) => void,
): Promise<{ text: string; bytes: number }> {
  if (!res.body) return { text: await res.text(), bytes: 0 }
  const reader = res.body.getReader()
  const decoder = new TextDecoder('utf-8')
  const parts: string[] = []
  let bytes = 0
  let nextReport = 1e6
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    bytes += value.byteLength
    if (bytes > MAX_RESPONSE_BYTES) {
      await reader.cancel()
      throw new FetchError(
        `Overpass response is over ${mb(MAX_RESPONSE_BYTES)}; split the area into smaller --bbox`,
        'malformed',
      )
    }
    parts.push(decoder.decode(value, { stream: true }))
    if (bytes >= nextReport) {
      report(bytes)
      nextReport = bytes + 1e6
    }
  }
  parts.push(decoder.decode())
  return { text: parts.join(''), bytes }
}

/**
 * Run the Overpass query for `opts.bbox` (or `opts.area`, default Mănăștur) and return the
 * response body: Overpass JSON (`[out:json]`, `out geom`) as text, ready for `importDistrict`.
 *
 * Each attempt may take `timeoutMs` for the request and the whole body. 429, 502, 503, 504,
 * timeouts and network errors are retried `retries` times, waiting `baseDelayMs` × 2^k (or the
 * server's `Retry-After`), never more than `maxDelayMs`. Other HTTP errors fail at once.
 *
 * @throws FetchError with one line: the HTTP status and Overpass's own error text, a timeout, a
 *   network failure after all retries, or a body that is not Overpass JSON (HTML/XML error page,
 *   truncated JSON, a runtime-error `remark`).
 */
export async function fetchOverpass(opts: FetchOverpassOptions = {}): Promise<string> {
  const url = overpassEndpoint(opts.url)
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const retries = Math.max(0, Math.floor(opts.retries ?? DEFAULT_RETRIES))
  const baseDelayMs = opts.baseDelayMs ?? DEFAULT_BASE_DELAY_MS
  const maxDelayMs = opts.maxDelayMs ?? DEFAULT_MAX_DELAY_MS
  const progress = opts.onProgress ?? ((): void => {})
  const bbox = opts.bbox ?? MANASTUR_AREA
  const query = opts.bbox ? buildOverpassQuery({ bbox: opts.bbox }) : buildManasturQuery()
  const what = opts.bbox ? `bbox ${bbox.join(',')}` : `Mănăștur (bbox ${bbox.join(',')})`
  const attempts = retries + 1
  let host: string
  try {
    host = new URL(url).host
  } catch {
    throw new FetchError(`OVERPASS_URL "${url}" is not a valid URL`, 'network')
  }

  let last: Retryable | null = null
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (last !== null) {
      const backoff = baseDelayMs * 2 ** (attempt - 2)
      const asked = last.retryAfter
      const wait = Math.min(maxDelayMs, Math.max(0, asked ?? backoff))
      progress(
        `Overpass: ${last.error.message}; retrying in ${secs(wait)}${asked !== null ? ' (Retry-After)' : ''}`,
      )
      await sleep(wait, opts.signal)
    }
    progress(`Overpass: attempt ${attempt}/${attempts}, querying ${what} at ${host}…`)
    const started = Date.now()
    const result = await attemptOnce(url, query, timeoutMs, opts.signal, (received) =>
      progress(`Overpass: attempt ${attempt}/${attempts}, received ${mb(received)}…`),
    )
    if ('text' in result) {
      checkOverpassJson(result.text)
      progress(
        `Overpass: attempt ${attempt}/${attempts} done, received ${mb(result.bytes)} in ${secs(Date.now() - started)}`,
      )
      return result.text
    }
    last = result
  }
  const reason = last?.error.message ?? 'no attempt made'
  throw new FetchError(
    `Overpass at ${host} failed after ${attempts} attempt(s): ${reason}`,
    last?.error.kind ?? 'network',
    last?.error.status,
  )
}

/** One POST; a body on success, a retryable failure, or a thrown final FetchError. */
async function attemptOnce(
  url: string,
  query: string,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  report: (received: number) => void,
): Promise<{ text: string; bytes: number } | Retryable> {
  if (signal?.aborted) throw new FetchError('Overpass fetch cancelled', 'aborted')
  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort()
  }, timeoutMs)
  const onAbort = (): void => controller.abort()
  signal?.addEventListener('abort', onAbort, { once: true })
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
        accept: 'application/json',
        'user-agent': 'manastur-twin (npm run data)',
      },
      body: new URLSearchParams({ data: query }).toString(),
      signal: controller.signal,
    })
    if (!res.ok) {
      const body = await res.text().catch(() => '')
      const detail = body ? `: ${errorPageText(body)}` : ''
      const error = new FetchError(
        `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}${detail}`,
        'http',
        res.status,
      )
      if (RETRY_STATUSES.has(res.status)) {
        return { error, retryAfter: retryAfterMs(res.headers.get('retry-after')) }
      }
      throw new FetchError(`Overpass rejected the query: ${error.message}`, 'http', res.status)
    }
    return await readBody(res, report)
  } catch (e) {
    if (e instanceof FetchError) throw e
    if (signal?.aborted) throw new FetchError('Overpass fetch cancelled', 'aborted')
    if (timedOut) {
      return {
        error: new FetchError(
          `no complete answer within ${secs(timeoutMs)} (timed out)`,
          'timeout',
        ),
        retryAfter: null,
      }
    }
    return {
      error: new FetchError(`cannot reach ${url}: ${networkReason(e)}`, 'network'),
      retryAfter: null,
    }
  } finally {
    clearTimeout(timer)
    signal?.removeEventListener('abort', onAbort)
  }
}

/**
 * Quick reachability probe: true when `url` (default: the Overpass endpoint) answers any HTTP
 * status within `timeoutMs` ms, false on a network error or timeout. Used by `npm start` to
 * decide whether fetching a dataset is worth trying.
 */
export async function isOnline(url?: string, timeoutMs = 4000): Promise<boolean> {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), timeoutMs)
  try {
    const res = await fetch(overpassEndpoint(url), { method: 'GET', signal: controller.signal })
    await res.body?.cancel().catch(() => {})
    return true
  } catch {
    return false
  } finally {
    clearTimeout(timer)
  }
}
