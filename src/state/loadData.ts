import { DatasetError, readDataset } from '@/domain/dataset/readDataset'

import { districtClient, registerGeometry } from './sceneGeometry'
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
  try {
    const bytes = await response.arrayBuffer()
    const text = new TextDecoder().decode(bytes)
    // Vite's dev server answers unknown paths with index.html: treat it as "no dataset".
    if (text.trimStart().startsWith('<')) {
      setDataEmpty(`No dataset at ${url}.`)
      return
    }
    // The bytes move (not copy) to the worker, which parses its own copy and builds the
    // geometry while this thread parses for the UI.
    const geometry = districtClient().request('load', { input: { bytes, source: url } }, [bytes])
    geometry.catch(() => {}) // failures surface where the scene awaits it
    const dataset = readDataset(text, url)
    registerGeometry(dataset, geometry)
    performance.mark('twin:dataset-loaded')
    setDataset(dataset, url)
  } catch (e) {
    setDataError(e instanceof DatasetError ? e.message : oneLine(e))
  }
}
