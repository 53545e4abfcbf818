/// <reference lib="webworker" />
/**
 * The district worker: parses a dataset, builds its scene geometry and keeps its energy model,
 * so geometry building and scenario evaluation never block the page. A thin shell over pure
 * functions (`buildSceneFromParts`, `DistrictModel`).
 */
import {
  copyPacked,
  datasetFromParts,
  datasetParts,
  type DatasetParts,
} from '@/domain/dataset/packedDataset'
import { columnarPathOf } from '@/domain/dataset/columnarLayout'
import { DatasetReader } from '@/domain/dataset/datasetReader'
import { DatasetError } from '@/domain/dataset/readDataset'
import { transferablesOf } from '@/geometry/transferables'

import { DistrictModel } from './districtModel'
import {
  geometryTransferables,
  type DatasetPartsMessage,
  type DatasetSource,
  type MissingDataset,
  type DistrictRequest,
  type DistrictResponse,
  type OpenedDataset,
} from './districtProtocol'
import { summaryTransferables } from './energySummary'
import { buildSceneFromParts } from './sceneGeometry'

declare const self: DedicatedWorkerGlobalScope

let model: DistrictModel | null = null
/** The dataset `open` read, footprints packed: kept for `parts` and `model`. */
let opened: DatasetParts | null = null

/** Fetch and read a dataset (GeoJSON or columnar), reading while the bytes arrive. */
async function fetchParts(
  source: DatasetSource,
  onProgress: (fraction: number) => void,
): Promise<DatasetParts | MissingDataset> {
  let response: Response
  try {
    response = await fetch(source.url)
  } catch {
    return { missing: `No dataset could be fetched from ${source.label}.` }
  }
  // Static hosts answer unknown paths with index.html (Vite's dev server does): no dataset.
  if (response.status === 404 || response.headers.get('content-type')?.includes('text/html')) {
    return { missing: `No dataset at ${source.label}.` }
  }
  if (!response.ok) throw new DatasetError(`${source.label} answered HTTP ${response.status}`)
  // Progress in bytes, only when the length is that of the bytes read (not compressed).
  const length = response.headers.get('content-encoding')
    ? 0
    : Number(response.headers.get('content-length') ?? 0)
  const reader = new DatasetReader(length)
  const body = response.body?.getReader()
  let received = 0
  let reported = 0
  if (body) {
    for (let r = await body.read(); !r.done; r = await body.read()) {
      reader.push(r.value)
      received += r.value.length
      // 2 % steps: a message per chunk would cost more than it tells.
      if (length > 0 && received - reported >= length / 50) {
        reported = received
        onProgress(Math.min(1, received / length))
      }
    }
  }
  return reader.finish(source.label)
}

/**
 * The dataset at `source`, from the columnar file beside it when there is one
 * (`district.arrow` beside `district.geojson`): no JSON parse of the footprints. An absent or
 * unreadable columnar file (an older dataset) falls back to the GeoJSON itself.
 */
async function readSource(
  source: DatasetSource,
  onProgress: (fraction: number) => void,
): Promise<DatasetParts | MissingDataset> {
  const url = columnarPathOf(source.url)
  const label = columnarPathOf(source.label)
  if (url && label) {
    try {
      const parts = await fetchParts({ url, label }, onProgress)
      if (!('missing' in parts)) return parts
    } catch {
      // the GeoJSON below is the same dataset
    }
  }
  return fetchParts(source, onProgress)
}

/** Open a dataset: read it, keep it (footprints packed) and build its scene. */
async function open(
  source: DatasetSource,
  onProgress: (fraction: number) => void,
): Promise<OpenedDataset | MissingDataset> {
  const parts = await readSource(source, onProgress)
  if ('missing' in parts) return parts
  const parsedAtEpochMs = performance.timeOrigin + performance.now()
  const t0 = performance.now()
  const scene = buildSceneFromParts(parts)
  // Replaced only now: a dataset that fails to open leaves the current one working.
  opened = parts
  model = null
  return { ...scene, timings: { parsedAtEpochMs, geometryMs: performance.now() - t0 } }
}

async function handle(req: DistrictRequest): Promise<{ value: unknown; transfer: ArrayBuffer[] }> {
  if (req.type === 'load') {
    // Kept with its footprints packed, like an opened dataset.
    opened = datasetParts(req.input.dataset)
    model = new DistrictModel(datasetFromParts(opened))
    const geometry = buildSceneFromParts(opened)
    return { value: geometry, transfer: geometryTransferables(geometry) }
  }
  if (req.type === 'open') {
    const response = (progress: number): DistrictResponse => ({ id: req.id, progress })
    const scene = await open(req.source, (p) => self.postMessage(response(p)))
    return { value: scene, transfer: 'missing' in scene ? [] : geometryTransferables(scene) }
  }
  if (req.type === 'parts') {
    if (!opened) throw new Error('no dataset opened')
    // The page gets a copy of the packed footprints; the worker keeps its own for the model.
    const geometry = copyPacked(opened.geometry)
    const { metadata, context } = opened
    const propertiesJson = JSON.stringify(opened.properties)
    const value: DatasetPartsMessage = { metadata, context, geometry, propertiesJson }
    return { value, transfer: transferablesOf(geometry) }
  }
  if (req.type === 'model') {
    if (!opened) throw new Error('no dataset opened')
    model = new DistrictModel(datasetFromParts(opened))
    return { value: null, transfer: [] }
  }
  if (!model) throw new Error('no dataset loaded')
  model.setOverrides(req.overrides)
  if (req.type === 'evaluate') {
    const summary = model.summary(req.scenario)
    return { value: summary, transfer: summaryTransferables(summary) }
  }
  if (req.type === 'inspect')
    return { value: model.building(req.scenario, req.buildingId), transfer: [] }
  return { value: model.report(req.scenario, req.format), transfer: [] }
}

// Requests run one after another, in order: an evaluation never races the load before it.
let queue: Promise<void> = Promise.resolve()

self.onmessage = (e: MessageEvent<DistrictRequest>) => {
  const req = e.data
  queue = queue.then(async () => {
    try {
      const { value, transfer } = await handle(req)
      const response = { id: req.id, ok: true, value } as DistrictResponse
      self.postMessage(response, transfer)
    } catch (err) {
      const text = err instanceof Error ? err.message : String(err)
      const response: DistrictResponse = { id: req.id, ok: false, error: text.split('\n')[0] ?? '' }
      self.postMessage(response)
    }
  })
}
