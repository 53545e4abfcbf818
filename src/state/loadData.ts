import { datasetFromParts } from '@/domain/dataset/packedDataset'
import { DatasetError } from '@/domain/dataset/readDataset'
import type { DatasetSource, FileSource, TranslatedMessage } from '@/workers/districtProtocol'

import { districtClient, linkGeometry, registerGeometry, registerReady } from './districtWorker'
import { selectDataset } from './selectors'
import { useAppStore } from './store'

/** One line for the user out of anything thrown; never a stack trace. */
export function oneLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e)
  return text.split('\n')[0]?.slice(0, 300) ?? 'unknown error'
}

/** The translation key of a `DatasetError` that has one. */
export function translatedOf(e: unknown): TranslatedMessage | null {
  if (!(e instanceof DatasetError) || e.key === undefined) return null
  return { key: e.key, params: e.params ?? {}, ...(e.reasonKey && { reasonKey: e.reasonKey }) }
}

/** Resolve after two animation frames. */
const afterTwoFrames = () =>
  new Promise<void>((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok())))

/** Longest wait for the first full frame before energy work starts anyway, ms. */
const FIRST_FRAME_WAIT_MS = 30_000

/**
 * Resolve once the GPU has drawn the page's first district frame (the `twin:first-frame`
 * mark), at once in the plan view (the 3D view draws nothing there), or after
 * `FIRST_FRAME_WAIT_MS`. Two animation frames are not enough: with software WebGL the GPU is
 * still drawing then, on the same cores the worker would compute on.
 */
function afterFirstFullFrame(): Promise<void> {
  const since = performance.now()
  return new Promise<void>((ok) => {
    const poll = setInterval(() => {
      if (
        performance.getEntriesByName('twin:first-frame').length > 0 ||
        useAppStore.getState().viewMode !== '3d' ||
        performance.now() - since > FIRST_FRAME_WAIT_MS
      ) {
        clearInterval(poll)
        ok()
      }
    }, 50)
  }).then(afterTwoFrames)
}

/** Counts loads: only the latest one's answer is shown (the worker cancels older downloads). */
let latestLoad = 0

/**
 * Open a district in the district worker, from a URL or a user's file, by one path: the
 * worker reads it (a URL is parsed while it downloads; a file is a prepared dataset or is
 * imported with the same code as `npm run data`), sends the mesh, then the buildings'
 * properties. A URL with no dataset (404) is the "no dataset yet" state, not an error; any
 * failure is one line and keeps the current district on screen.
 */
async function openDistrict(
  label: string,
  kind: 'load' | 'import',
  source: () => Promise<{ source: DatasetSource | FileSource; transfer: ArrayBuffer[] }>,
  early?: string,
): Promise<void> {
  const { setDataLoading, setDataset, setDataEmpty, setDataError, setGeometryVersion } =
    useAppStore.getState()
  const load = ++latestLoad
  const superseded = () => load !== latestLoad
  setDataLoading(label, kind === 'import' ? 0 : null, kind)
  try {
    const client = districtClient()
    const onProgress = (fraction: number) => {
      if (!superseded()) setDataLoading(label, fraction, kind)
    }
    // index.html has usually asked the worker to open the URL already, before this code loaded.
    const openRequest =
      (early !== undefined ? client.takeEarlyOpen(early, onProgress) : null) ??
      source().then(({ source, transfer }) =>
        client.request('open', { source }, transfer, onProgress),
      )
    const opened = await openRequest
    if (superseded()) return
    if ('missing' in opened) {
      setDataEmpty(opened.missing, opened.translated)
      return
    }
    // Asked only now: this makes it the worker's current dataset. From here on it is shown
    // even if a newer load has started, since the worker now holds it.
    const partsRequest = client.request('parts', { token: opened.token })
    performance.mark('twin:dataset-parsed', {
      startTime: opened.timings.parsedAtEpochMs - performance.timeOrigin,
    })
    performance.measure('twin:geometry-build', {
      start: performance.now() - opened.timings.geometryMs,
      duration: opened.timings.geometryMs,
    })
    const version = registerGeometry(opened)
    // Draw as soon as the mesh is here, unless a district is already on screen.
    if (!selectDataset(useAppStore.getState())) setGeometryVersion(version)
    const dataset = datasetFromParts(await partsRequest)
    linkGeometry(version, dataset)
    // The first evaluation waits for the first full frame: both compete for the same cores.
    registerReady(dataset, afterFirstFullFrame())
    performance.mark('twin:dataset-loaded')
    setDataset(dataset, label, version)
  } catch (e) {
    if (superseded()) return
    // Anything without a code of its own (the worker stopped…) still reads in the page's language.
    setDataError(
      e instanceof DatasetError ? e.message : oneLine(e),
      translatedOf(e) ?? { key: 'loadError.unreadable', params: { name: label } },
    )
  }
}

/** Load a prepared dataset (`district.geojson`) from a URL. */
export function loadDatasetFromUrl(url: string): Promise<void> {
  const source = { url: new URL(url, location.href).href, label: url }
  return openDistrict(url, 'load', () => Promise.resolve({ source, transfer: [] }), url)
}

/**
 * Open a user's file: the `File` goes to the district worker (a handle: the page never reads
 * its bytes), which refuses one over `MAX_IMPORT_BYTES`, reads a prepared dataset directly or
 * imports an OSM file (.osm, .osm.pbf, Overpass JSON, GeoJSON) with the same code as
 * `npm run data`, so the page never freezes.
 */
export function importFile(file: File): Promise<void> {
  return openDistrict(file.name, 'import', () =>
    Promise.resolve({ source: { file }, transfer: [] }),
  )
}
