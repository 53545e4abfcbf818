import type {
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
  ): Promise<DistrictMessageMap[K][1]>
  dispose(): void
}

export function createDistrictClient(): DistrictClient {
  const worker = new Worker(new URL('./district.worker.ts', import.meta.url), { type: 'module' })
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  let nextId = 1
  worker.onmessage = (e: MessageEvent<DistrictResponse>) => {
    const m = e.data
    const p = pending.get(m.id)
    if (!p) return
    pending.delete(m.id)
    if (m.ok) p.resolve(m.value)
    else p.reject(new Error(m.error))
  }
  worker.onerror = (e) => {
    for (const p of pending.values())
      p.reject(new Error(e.message || 'the district worker stopped'))
    pending.clear()
  }
  return {
    request(type, payload, transfer = []) {
      const id = nextId++
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
        // id and type last: a payload field can never overwrite them.
        worker.postMessage({ ...payload, id, type } as DistrictRequest, transfer)
      })
    },
    dispose() {
      worker.terminate()
      pending.clear()
    },
  }
}
