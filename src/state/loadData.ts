import { checkDataset, DatasetError } from '@/domain/dataset/readDataset'

import { transferablesOf } from '@/geometry/transferables'
import { prepareSceneInputs } from '@/workers/sceneGeometry'

import { districtClient, registerGeometry, registerModel } from './sceneGeometry'
import { useAppStore } from './store'

/** One line for the user out of anything thrown; never a stack trace. */
export function oneLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e)
  return text.split('\n')[0]?.slice(0, 300) ?? 'unknown error'
}

declare global {
  interface Window {
    /** Started by an inline script in index.html, before the app's bundle has even loaded. */
    __datasetPrefetch?: { url: string; response: Promise<Response> }
  }
}

/** Resolve after two animation frames: the first full frame has been drawn by then. */
const afterTwoFrames = () =>
  new Promise<void>((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok())))

/** The response for `url`: the early prefetch when it asked for the same URL, else a fetch. */
function fetchDataset(url: string): Promise<Response> {
  const early = window.__datasetPrefetch
  if (early && early.url === url) {
    delete window.__datasetPrefetch
    return early.response
  }
  return fetch(url)
}

/**
 * Load a prepared dataset (`district.geojson`) from a URL into the store.
 * A 404 is not an error: it is the "no dataset yet" state, with an explanation.
 */
export async function loadDatasetFromUrl(url: string): Promise<void> {
  const { setDataLoading, setDataset, setDataEmpty, setDataError } = useAppStore.getState()
  setDataLoading(url)
  let response: Response
  try {
    response = await fetchDataset(url)
  } catch {
    setDataEmpty(`No dataset could be fetched from ${url}.`)
    return
  }
  if (response.status === 404) {
    setDataEmpty(`No dataset at ${url}.`)
    return
  }
  if (!response.ok) {
    setDataError(`${url} answered HTTP ${response.status}`)
    return
  }
  // Vite's dev server answers unknown paths with index.html: treat it as "no dataset".
  if (response.headers.get('content-type')?.includes('text/html')) {
    setDataEmpty(`No dataset at ${url}.`)
    return
  }
  try {
    let json: unknown
    try {
      // The browser's own JSON path: no intermediate 60 MB string on this thread.
      json = await response.json()
    } catch (e) {
      throw new DatasetError(`${url} is not valid JSON (${oneLine(e)})`)
    }
    const dataset = checkDataset(json, url)
    // One parse only on the critical path: this thread packs the footprints into typed arrays
    // (cheap) and the worker extrudes them; the worker gets its own copy of the dataset for
    // the energy model once the first frame is out.
    const { footprints, ground, origin } = prepareSceneInputs(dataset)
    footprints.ids = []
    const client = districtClient()
    // The worker fetches its own copy for the energy model (from the HTTP or offline cache).
    const absolute = new URL(url, location.href).href
    const geometry = client
      .request('mesh', { footprints }, transferablesOf(footprints))
      .then((buffers) => ({ buffers, ground, origin }))
    registerGeometry(dataset, geometry)
    const model = geometry
      .catch(() => undefined)
      .then(afterTwoFrames)
      .then(() => client.request('model', { input: { url: absolute } }))
    model.catch(() => {}) // energySync reports it when it awaits the model
    registerModel(dataset, model)
    performance.mark('twin:dataset-loaded')
    setDataset(dataset, url)
  } catch (e) {
    setDataError(e instanceof DatasetError ? e.message : oneLine(e))
  }
}
