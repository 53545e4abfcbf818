import type {
  SceneGeometry,
  SceneGeometryMessage,
  SceneGeometryRequest,
} from './sceneGeometryProtocol'

/** A long-lived geometry worker; requests are correlated by id, stale ones are dropped. */
export interface SceneGeometryClient {
  build(input: SceneGeometryRequest['input']): Promise<SceneGeometry>
  dispose(): void
}

export function createSceneGeometryClient(): SceneGeometryClient {
  const worker = new Worker(new URL('./sceneGeometry.worker.ts', import.meta.url), {
    type: 'module',
  })
  const pending = new Map<
    number,
    { resolve: (g: SceneGeometry) => void; reject: (e: Error) => void }
  >()
  let nextId = 1
  worker.onmessage = (e: MessageEvent<SceneGeometryMessage>) => {
    const m = e.data
    const p = pending.get(m.id)
    if (!p) return
    pending.delete(m.id)
    if (m.type === 'result') p.resolve(m.geometry)
    else p.reject(new Error(m.error))
  }
  worker.onerror = (e) => {
    for (const p of pending.values())
      p.reject(new Error(e.message || 'the geometry worker stopped'))
    pending.clear()
  }
  return {
    build(input) {
      const id = nextId++
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject })
        const request: SceneGeometryRequest = { id, input }
        worker.postMessage(request)
      })
    },
    dispose() {
      worker.terminate()
      pending.clear()
    },
  }
}
