/// <reference lib="webworker" />
/**
 * The district worker: reads a dataset (a URL or a user's file), builds its scene geometry and
 * keeps its `DistrictSession`, so reading, geometry building and scenario evaluation never
 * block the page. A thin shell: I/O and messages here, everything else in pure functions.
 */
import { columnarPathOf } from '@/domain/dataset/columnarLayout'
import { DatasetReader } from '@/domain/dataset/datasetReader'
import { copyPacked, type DatasetParts } from '@/domain/dataset/packedDataset'
import { errorMessageOf } from '@/domain/dataset/errorMessage'
import { DatasetError } from '@/domain/dataset/readDataset'
import { DistrictSession } from '@/domain/session/districtSession'
import { summaryTransferables } from '@/domain/session/energySummary'
import { planTransferables } from '@/domain/session/planSummary'
import { buildSceneFromParts } from '@/geometry/sceneGeometry'
import { validateParts } from '@/domain/dataset/validateDataset'
import { transferablesOf } from '@/geometry/transferables'

import { endsTheLoad, fetchWithLimits, Superseded, type LimitedDownload } from './download'

import {
  geometryTransferables,
  MAX_IMPORT_BYTES,
  type DatasetSource,
  type FileSource,
  type MissingDataset,
  type DistrictRequest,
  type DistrictResponse,
  type OpenedDataset,
} from './districtProtocol'

declare const self: DedicatedWorkerGlobalScope

/** The dataset `open` read, footprints packed, and its session: kept for every request. */
let opened: { parts: DatasetParts; session: DistrictSession } | null = null
/** The latest dataset opened but not yet taken by the page's `parts` request. */
let candidate: { token: number; parts: DatasetParts; session: DistrictSession } | null = null
let nextToken = 1

/**
 * Fetch and read a dataset (GeoJSON or columnar), reading while the bytes arrive, under the
 * download limits; `signal` cancels it when a newer dataset is asked for.
 */
async function fetchParts(
  source: DatasetSource,
  onProgress: (fraction: number) => void,
  signal: AbortSignal,
): Promise<DatasetParts | MissingDataset> {
  let download: LimitedDownload
  try {
    download = await fetchWithLimits(source.url, source.label, signal)
  } catch (e) {
    if (endsTheLoad(e)) throw e
    return {
      missing: `No dataset could be fetched from ${source.label}.`,
      translated: { key: 'loadError.unreachable', params: { name: source.label } },
    }
  }
  const { response } = download
  // Static hosts answer unknown paths with index.html (Vite's dev server does): no dataset.
  if (response.status === 404 || response.headers.get('content-type')?.includes('text/html')) {
    download.close()
    return {
      missing: `No dataset at ${source.label}.`,
      translated: { key: 'loadError.noDataset', params: { name: source.label } },
    }
  }
  if (!response.ok) {
    download.close()
    throw new DatasetError(`${source.label} answered HTTP ${response.status}`, 'loadError.http', {
      name: source.label,
      status: response.status,
    })
  }
  // Progress in bytes, only when the length is that of the bytes read (not compressed).
  const length = response.headers.get('content-encoding')
    ? 0
    : Number(response.headers.get('content-length') ?? 0)
  const reader = new DatasetReader(length)
  let received = 0
  let reported = 0
  for (let chunk = await download.read(); chunk; chunk = await download.read()) {
    reader.push(chunk)
    received += chunk.length
    // 2 % steps: a message per chunk would cost more than it tells.
    if (length > 0 && received - reported >= length / 50) {
      reported = received
      onProgress(Math.min(1, received / length))
    }
  }
  return reader.finish(source.label)
}

/**
 * The dataset at a URL, from the columnar file beside it when there is one
 * (`district.arrow` beside `district.geojson`): no JSON parse of the footprints. An absent or
 * unreadable columnar file (an older dataset) falls back to the GeoJSON itself.
 */
async function readUrl(
  source: DatasetSource,
  onProgress: (fraction: number) => void,
  signal: AbortSignal,
): Promise<DatasetParts | MissingDataset> {
  const url = columnarPathOf(source.url)
  const label = columnarPathOf(source.label)
  if (url && label) {
    try {
      const parts = await fetchParts({ url, label }, onProgress, signal)
      if (!('missing' in parts)) return parts
    } catch (e) {
      // A cancel or a stalled server ends the load; any other failure falls back to the
      // GeoJSON below, which is the same dataset.
      if (endsTheLoad(e)) throw e
    }
  }
  return fetchParts(source, onProgress, signal)
}

/** The parts of a URL's dataset, or of a user's file. */
async function readSource(
  source: DatasetSource | FileSource,
  onProgress: (fraction: number) => void,
  signal: AbortSignal,
): Promise<DatasetParts | MissingDataset> {
  if ('file' in source) {
    // The importers (.osm, .pbf, GeoJSON) load only when a file is opened: a worker opening a
    // URL starts on a smaller module and fetches sooner.
    const { readFileParts } = await import('@/domain/session/readFile')
    const { file } = source
    if (file.size > MAX_IMPORT_BYTES) {
      const max = MAX_IMPORT_BYTES / 2 ** 20
      throw new DatasetError(
        `${file.name} is larger than ${max} MB, too large to import in the browser`,
        'safety.importTooBig',
        { name: file.name, max },
      )
    }
    return readFileParts(file, onProgress)
  }
  return readUrl(source, onProgress, signal)
}

/** Open a dataset: read it, keep it (footprints packed) in a session and build its scene. */
async function open(
  source: DatasetSource | FileSource,
  onProgress: (fraction: number) => void,
  signal: AbortSignal,
): Promise<OpenedDataset | MissingDataset> {
  if (signal.aborted) throw new Superseded()
  const parts = await readSource(source, onProgress, signal)
  if (signal.aborted) throw new Superseded()
  if ('missing' in parts) return parts
  // One check for every path: a URL's GeoJSON or columnar file, a user's file.
  validateParts(parts, 'file' in source ? source.file.name : source.label)
  const parsedAtEpochMs = performance.timeOrigin + performance.now()
  const t0 = performance.now()
  const scene = buildSceneFromParts(parts)
  // Current only once the page asks for its parts: a dataset that fails to open, or one the
  // page dropped for a newer one, leaves the current one working.
  candidate = { token: nextToken++, parts, session: DistrictSession.open(parts) }
  const timings = { parsedAtEpochMs, geometryMs: performance.now() - t0 }
  return { ...scene, token: candidate.token, timings }
}

/** Progress messages in 2 % steps: a message per step of the work would cost more than it tells. */
function progressPoster(id: number): (fraction: number) => void {
  let reported = -1
  return (fraction) => {
    if (fraction < 1 && fraction - reported < 0.02) return
    reported = fraction
    const response: DistrictResponse = { id, progress: fraction }
    self.postMessage(response)
  }
}

/** Cancels, by request id, each `open` not yet answered: only the latest one is shown. */
const openCancels = new Map<number, AbortController>()

async function handle(req: DistrictRequest): Promise<{ value: unknown; transfer: ArrayBuffer[] }> {
  if (req.type === 'open') {
    const signal = openCancels.get(req.id)?.signal ?? new AbortController().signal
    const scene = await open(req.source, progressPoster(req.id), signal).finally(() =>
      openCancels.delete(req.id),
    )
    return { value: scene, transfer: 'missing' in scene ? [] : geometryTransferables(scene) }
  }
  if (req.type === 'parts') {
    if (candidate?.token !== req.token) throw new Error('no dataset opened')
    opened = { parts: candidate.parts, session: candidate.session }
    candidate = null
    // The page gets a copy of the packed footprints; the worker keeps its own for the model.
    const { parts } = opened
    const geometry = copyPacked(parts.geometry)
    const { metadata, context } = parts
    // The property columns are cloned (copied): the session keeps reading its own.
    const value: DatasetParts = { metadata, context, geometry, properties: parts.properties }
    return { value, transfer: transferablesOf(geometry) }
  }
  if (!opened) throw new Error('no dataset opened')
  const { session } = opened
  if (req.type === 'planReport') return { value: session.planReport(req.format), transfer: [] }
  session.setOverrides(req.overrides)
  if (req.type === 'plan') {
    const summary = session.plan(req.request, req.scenario, progressPoster(req.id))
    return { value: summary, transfer: planTransferables(summary) }
  }
  if (req.type === 'evaluate') {
    const summary = session.evaluate(req.scenario)
    return { value: summary, transfer: summaryTransferables(summary) }
  }
  if (req.type === 'inspect')
    return { value: session.inspect(req.scenario, req.buildingId), transfer: [] }
  if (req.type === 'ranges')
    return { value: await rangesUnlessSuperseded(session, req), transfer: [] }
  return { value: session.report(req.scenario, req.format), transfer: [] }
}

/** Requests received so far: a newer one stops the ranges under way. */
let received = 0

/** Yield to the event loop, so that requests posted meanwhile are received. */
const receive = () => new Promise<void>((ok) => setTimeout(ok, 0))

/**
 * The ranges of a scenario, one range end at a time, dropped (null) as soon as another
 * request arrives: they take about a dozen evaluations, and an edit must not wait for them.
 */
async function rangesUnlessSuperseded(
  session: DistrictSession,
  req: Extract<DistrictRequest, { type: 'ranges' }>,
) {
  const at = received
  const steps = session.rangeSteps(req.scenario)
  for (;;) {
    await receive()
    if (received !== at) return null
    const step = steps.next()
    if (step.done) return step.value
  }
}

// Requests run one after another, in order: an evaluation never races the load before it.
let queue: Promise<void> = Promise.resolve()

self.onmessage = (e: MessageEvent<DistrictRequest>) => {
  const req = e.data
  received++
  if (req.type === 'open') {
    // Requests run in order, so a stalled download would hold a newer one back: cancel it.
    for (const control of openCancels.values()) control.abort()
    openCancels.set(req.id, new AbortController())
  }
  queue = queue.then(async () => {
    try {
      const { value, transfer } = await handle(req)
      const response = { id: req.id, ok: true, value } as DistrictResponse
      self.postMessage(response, transfer)
    } catch (err) {
      const text = err instanceof Error ? err.message : String(err)
      const response: DistrictResponse = { id: req.id, ok: false, error: text.split('\n')[0] ?? '' }
      const source = req.type === 'open' ? req.source : null
      const name = source && ('file' in source ? source.file.name : source.label)
      const translated = errorMessageOf(err, name)
      if (translated) response.translated = translated
      self.postMessage(response)
    }
  })
}
