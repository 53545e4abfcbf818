/**
 * The first script of the built page (the build links it before the app's bundle and names the
 * district worker's file in its `data-district-worker` attribute): it starts the district
 * worker and has it fetch and parse the dataset while the app's code is still loading;
 * `workers/districtClient.ts` takes the worker over. A module file rather than an inline
 * script, so the Content-Security-Policy needs no `'unsafe-inline'`. Under the dev server it is
 * not linked and the app starts the worker itself.
 */
import { DEFAULT_DATA_URL, isSafeDatasetUrl } from '@/domain/dataset/datasetUrl'

try {
  const script = document.querySelector<HTMLScriptElement>('script[data-district-worker]')
  const workerUrl = script?.dataset.districtWorker
  const dataUrl = new URLSearchParams(location.search).get('data') || DEFAULT_DATA_URL
  // The URL codec refuses the same values; the app then opens the default dataset itself.
  if (workerUrl && isSafeDatasetUrl(dataUrl)) {
    const worker = new Worker(new URL(workerUrl, location.href), { type: 'module' })
    const early: MessageEvent[] = []
    worker.onmessage = (e) => early.push(e)
    const source = { url: new URL(dataUrl, location.href).href, label: dataUrl }
    worker.postMessage({ id: 0, type: 'open', source })
    window.__earlyDistrictWorker = { worker, early, source }
  }
} catch {
  // Nothing lost: without the early start the app starts the worker when it loads.
}
