/// <reference lib="webworker" />
/**
 * Thin worker shell around the same importer `npm run data` uses, so a dropped file is parsed
 * and normalised off the main thread and the page never freezes.
 */
import { importDistrict } from '@/domain/import/importDistrict'

import type { ImportMessage, ImportRequest } from './importProtocol'

declare const self: DedicatedWorkerGlobalScope

const post = (m: ImportMessage) => self.postMessage(m)

self.onmessage = (e: MessageEvent<ImportRequest>) => {
  const { id, text, sourceName } = e.data
  let last = 0
  try {
    const { dataset } = importDistrict(text, {
      sourceName,
      onProgress: (done, total) => {
        // Throttle to ~1 % steps: progress messages must not cost more than the work.
        if (done - last >= total / 100 || done === total) {
          last = done
          post({ id, type: 'progress', done, total })
        }
      },
    })
    post({ id, type: 'result', dataset })
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err)
    post({ id, type: 'error', error: message.split('\n')[0] ?? 'import failed' })
  }
}
