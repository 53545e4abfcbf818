import type { BuildingProperties } from '@/domain/buildings/types'
import { datasetFromParts } from '@/domain/dataset/packedDataset'
import { DatasetError } from '@/domain/dataset/readDataset'
import type { SceneGeometry } from '@/workers/districtProtocol'

import { districtClient, registerGeometry, registerModel } from './sceneGeometry'
import { useAppStore } from './store'

/** One line for the user out of anything thrown; never a stack trace. */
export function oneLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e)
  return text.split('\n')[0]?.slice(0, 300) ?? 'unknown error'
}

/** Resolve after two animation frames: the first full frame has been drawn by then. */
const afterTwoFrames = () =>
  new Promise<void>((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok())))

/**
 * Load a prepared dataset (`district.geojson`) from a URL into the store.
 * A 404 is not an error: it is the "no dataset yet" state, with an explanation.
 */
export async function loadDatasetFromUrl(url: string): Promise<void> {
  const { setDataLoading, setDataset, setDataEmpty, setDataError, setScene } =
    useAppStore.getState()
  setDataLoading(url)
  try {
    const client = districtClient()
    // The worker fetches and parses (the page's thread stays free for start-up and drawing),
    // and sends the mesh first; the buildings' properties follow. index.html has usually
    // asked it to open the dataset already, before this code even loaded.
    const onProgress = (fraction: number) => {
      if (useAppStore.getState().dataSource === url) setDataLoading(url, fraction)
    }
    const openRequest =
      client.takeEarlyOpen(url, onProgress) ??
      client.request(
        'open',
        { source: { url: new URL(url, location.href).href, label: url } },
        [],
        onProgress,
      )
    // Queued together, so no other request can come between them in the worker.
    const partsRequest = client.request('parts', {})
    const modelRequest = client.request('model', { input: { opened: true } })
    partsRequest.catch(() => {}) // a failed open is reported once, below
    modelRequest.catch(() => {}) // energySync reports it when it awaits the model
    const opened = await openRequest
    if ('missing' in opened) {
      setDataEmpty(opened.missing)
      return
    }
    performance.mark('twin:dataset-parsed', {
      startTime: opened.timings.parsedAtEpochMs - performance.timeOrigin,
    })
    performance.measure('twin:geometry-build', {
      start: performance.now() - opened.timings.geometryMs,
      duration: opened.timings.geometryMs,
    })
    const geometry = Promise.resolve<SceneGeometry>(opened)
    // Draw as soon as the mesh is here, unless a district is already on screen.
    if (!useAppStore.getState().dataset) setScene(geometry)
    const { propertiesJson, ...parts } = await partsRequest
    const properties = JSON.parse(propertiesJson) as BuildingProperties[]
    const dataset = datasetFromParts({ ...parts, properties })
    registerGeometry(dataset, geometry)
    // The first evaluation waits for the first frame: both compete for the same two cores.
    registerModel(dataset, modelRequest.then(afterTwoFrames))
    performance.mark('twin:dataset-loaded')
    setDataset(dataset, url)
  } catch (e) {
    setDataError(e instanceof DatasetError ? e.message : oneLine(e))
  }
}
