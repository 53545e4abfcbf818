import { DatasetError, readDataset } from '@/domain/dataset/readDataset'

import { districtClient, registerGeometry } from './sceneGeometry'
import { useAppStore } from './store'

/** One line for the user out of anything thrown; never a stack trace. */
export function oneLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e)
  return text.split('\n')[0]?.slice(0, 300) ?? 'unknown error'
}

/**
 * Load a prepared dataset (`district.geojson`) from a URL into the store.
 * A 404 is not an error: it is the "no dataset yet" state, with an explanation.
 */
export async function loadDatasetFromUrl(url: string): Promise<void> {
  const { setDataLoading, setDataset, setDataEmpty, setDataError } = useAppStore.getState()
  setDataLoading(url)
  // The worker fetches and parses its own copy at the same time: geometry is on its way while
  // this thread parses for the UI, and no 60 MB string is cloned across threads.
  const absolute = new URL(url, location.href).href
  const workerGeometry = districtClient().request('load', { input: { url: absolute } })
  workerGeometry.catch(() => {}) // a failed worker load falls back below
  let response: Response
  try {
    response = await fetch(url)
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
    const text = await response.text()
    // Vite's dev server answers unknown paths with index.html: treat it as "no dataset".
    if (text.trimStart().startsWith('<')) {
      setDataEmpty(`No dataset at ${url}.`)
      return
    }
    const dataset = readDataset(text, url)
    registerGeometry(
      dataset,
      workerGeometry.catch(() => districtClient().request('load', { input: { dataset } })),
    )
    performance.mark('twin:dataset-loaded')
    setDataset(dataset, url)
  } catch (e) {
    setDataError(e instanceof DatasetError ? e.message : oneLine(e))
  }
}
