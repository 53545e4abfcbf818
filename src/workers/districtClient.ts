import { DatasetError } from '@/domain/dataset/datasetError'

import type {
  DatasetSource,
  DistrictMessageMap,
  DistrictRequest,
  DistrictRequestType,
  DistrictResponse,
} from './districtProtocol'

/** Typed, promise-based access to the district worker; requests are correlated by id. */
export interface DistrictClient {
  request<K extends DistrictRequestType>(
    type: K,
    payload: DistrictMessageMap[K][0],
    transfer?: Transferable[],
    onProgress?: OnProgress,
  ): Promise<DistrictMessageMap[K][1]>
  /**
   * The `open` index.html sent for `url` before the app loaded, or null (another URL, the dev
   * server, or already taken). `onProgress` hears its progress from now on (and the latest).
   */
  takeEarlyOpen(url: string, onProgress?: OnProgress): Promise<DistrictMessageMap['open'][1]> | null
  dispose(): void
}

/** Progress of a request, 0..1. */
export type OnProgress = (fraction: number) => void

interface Pending {
  resolve: (v: unknown) => void
  reject: (e: Error) => void
  onProgress?: OnProgress
  /** The latest progress, for a listener that comes late (the early open's taker). */
  progress?: number
}

/** Set by index.html: the district worker, started and asked to open the dataset at once. */
interface EarlyDistrictWorker {
  worker: Worker
  /** Messages that arrived before the app took the worker over. */
  early: MessageEvent<DistrictResponse>[]
  source: DatasetSource
}

declare global {
  interface Window {
    __earlyDistrictWorker?: EarlyDistrictWorker
  }
}

/** The request id index.html uses for its `open` (the client's own ids start at 1). */
const EARLY_OPEN_ID = 0

export function createDistrictClient(): DistrictClient {
  const started = typeof window === 'undefined' ? undefined : window.__earlyDistrictWorker
  if (started) delete window.__earlyDistrictWorker
  const worker =
    started?.worker ??
    new Worker(new URL('./district.worker.ts', import.meta.url), { type: 'module' })
  const pending = new Map<number, Pending>()
  let earlyOpen: { url: string; result: Promise<DistrictMessageMap['open'][1]> } | null = null
  if (started) {
    const result = new Promise<DistrictMessageMap['open'][1]>((resolve, reject) => {
      pending.set(EARLY_OPEN_ID, { resolve: resolve as (v: unknown) => void, reject })
    })
    result.catch(() => {}) // reported by whoever takes it; untaken, it is simply superseded
    earlyOpen = { url: started.source.label, result }
  }
  let nextId = 1
  const onMessage = (e: MessageEvent<DistrictResponse>) => {
    const m = e.data
    const p = pending.get(m.id)
    if (!p) return
    if ('progress' in m) {
      p.progress = m.progress
      p.onProgress?.(m.progress)
      return
    }
    pending.delete(m.id)
    if (m.ok) p.resolve(m.value)
    else {
      const t = m.translated
      p.reject(t ? new DatasetError(m.error, t.key, t.params, t.reasonKey) : new Error(m.error))
    }
  }
  worker.onmessage = onMessage
  for (const e of started?.early.splice(0) ?? []) onMessage(e)
  worker.onerror = (e) => {
    for (const p of pending.values())
      p.reject(new Error(e.message || 'the district worker stopped'))
    pending.clear()
  }
  return {
    request(type, payload, transfer = [], onProgress) {
      const id = nextId++
      return new Promise((resolve, reject) => {
        pending.set(id, {
          resolve: resolve as (v: unknown) => void,
          reject,
          ...(onProgress && { onProgress }),
        })
        // id and type last: a payload field can never overwrite them.
        worker.postMessage({ ...payload, id, type } as DistrictRequest, transfer)
      })
    },
    takeEarlyOpen(url, onProgress) {
      if (!earlyOpen || earlyOpen.url !== url) return null
      const { result } = earlyOpen
      earlyOpen = null
      const p = pending.get(EARLY_OPEN_ID)
      if (p && onProgress) {
        p.onProgress = onProgress
        if (p.progress !== undefined) onProgress(p.progress)
      }
      return result
    },
    dispose() {
      worker.terminate()
      pending.clear()
    },
  }
}
