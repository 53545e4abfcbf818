import type { DistrictDataset } from '@/domain/buildings/types'

import type { ImportMessage, ImportRequest } from './importProtocol'

let nextId = 1

/**
 * Import an OSM file's text in a Web Worker. Resolves with the dataset, rejects with a
 * one-line Error; the worker ends with the request.
 */
export function importInWorker(
  text: string,
  sourceName: string,
  onProgress?: (done: number, total: number) => void,
): Promise<DistrictDataset> {
  const worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' })
  const id = nextId++
  return new Promise<DistrictDataset>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<ImportMessage>) => {
      const m = e.data
      if (m.id !== id) return
      if (m.type === 'progress') onProgress?.(m.done, m.total)
      else {
        worker.terminate()
        if (m.type === 'result') resolve(m.dataset)
        else reject(new Error(m.error))
      }
    }
    worker.onerror = (e) => {
      worker.terminate()
      reject(new Error(e.message || `the importer stopped while reading ${sourceName}`))
    }
    const request: ImportRequest = { id, text, sourceName }
    worker.postMessage(request)
  })
}
