import { DatasetError } from '@/domain/dataset/datasetError'

/**
 * How long a dataset download may take (README "Data"): it gives up when no byte arrives for
 * `stallMs` (waiting for the answer included) or when it has not finished after `timeoutMs`.
 * Only time spent waiting for the network counts towards a stall, never time spent parsing.
 */
export interface DownloadLimits {
  stallMs: number
  timeoutMs: number
}

export const DOWNLOAD_LIMITS: DownloadLimits = { stallMs: 30_000, timeoutMs: 600_000 }

/** Thrown when a newer `open` cancelled this download: not an error to show. */
export class Superseded extends Error {
  override name = 'Superseded'
  constructor() {
    super('superseded by a newer dataset')
  }
}

/** A response whose body is read chunk by chunk under the limits. */
export interface LimitedDownload {
  response: Response
  /** The next chunk, or null at the end. */
  read(): Promise<Uint8Array | null>
  /** Stop reading (an answer that is not a dataset) and release the timers. */
  close(): void
}

/**
 * `fetch(url)` under `limits`, cancelled when `signal` aborts (a newer dataset was asked for).
 * A stall or timeout is a `DatasetError` with a translated one-line message; a cancel is
 * `Superseded`; a network failure is the fetch's own error.
 */
export async function fetchWithLimits(
  url: string,
  label: string,
  signal: AbortSignal,
  limits: DownloadLimits = DOWNLOAD_LIMITS,
): Promise<LimitedDownload> {
  const control = new AbortController()
  let why: 'stalled' | 'timedOut' | null = null
  const giveUp = (reason: 'stalled' | 'timedOut') => {
    why ??= reason
    control.abort()
  }
  const cancel = () => control.abort()
  signal.addEventListener('abort', cancel)
  if (signal.aborted) control.abort()
  const total = setTimeout(() => giveUp('timedOut'), limits.timeoutMs)
  let stall: ReturnType<typeof setTimeout> | undefined
  const waiting = () => (stall = setTimeout(() => giveUp('stalled'), limits.stallMs))
  const release = () => {
    clearTimeout(total)
    clearTimeout(stall)
    signal.removeEventListener('abort', cancel)
  }
  const failure = (e: unknown): Error => {
    release()
    if (signal.aborted) return new Superseded()
    if (why === 'stalled' || why === 'timedOut') {
      const seconds = Math.round((why === 'stalled' ? limits.stallMs : limits.timeoutMs) / 1000)
      const text =
        why === 'stalled'
          ? `${label} stopped sending data for ${seconds} s`
          : `${label} did not finish downloading within ${seconds} s`
      return new DatasetError(text, `safety.${why}`, { source: label, seconds })
    }
    return e instanceof Error ? e : new Error(String(e))
  }
  let response: Response
  waiting()
  try {
    response = await fetch(url, { signal: control.signal })
  } catch (e) {
    throw failure(e)
  } finally {
    clearTimeout(stall)
  }
  const body = response.body?.getReader()
  return {
    response,
    async read() {
      if (!body) {
        release()
        return null
      }
      waiting()
      try {
        const r = await body.read()
        if (r.done) release()
        return r.done ? null : r.value
      } catch (e) {
        throw failure(e)
      } finally {
        clearTimeout(stall)
      }
    },
    close() {
      release()
      void body?.cancel().catch(() => {})
    },
  }
}

/** A cancel, stall or timeout: trying the same server for another file would not help. */
export const endsTheLoad = (e: unknown): boolean =>
  e instanceof Superseded ||
  (e instanceof DatasetError && (e.key === 'safety.stalled' || e.key === 'safety.timedOut'))
