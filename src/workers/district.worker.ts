/// <reference lib="webworker" />
/**
 * The district worker: parses a dataset, builds its scene geometry and keeps its energy model,
 * so geometry building and scenario evaluation never block the page. A thin shell over pure
 * functions (`buildSceneGeometry`, `DistrictModel`).
 */
import type { DistrictDataset } from '@/domain/buildings/types'
import { readDataset } from '@/domain/dataset/readDataset'
import { buildMeshBuffers } from '@/geometry/meshBuffers'
import { transferablesOf } from '@/geometry/transferables'

import { DistrictModel } from './districtModel'
import {
  geometryTransferables,
  type DistrictRequest,
  type DistrictResponse,
} from './districtProtocol'
import { summaryTransferables } from './energySummary'
import { buildSceneGeometry } from './sceneGeometry'

declare const self: DedicatedWorkerGlobalScope

let model: DistrictModel | null = null

async function datasetOf(
  input:
    | Extract<DistrictRequest, { type: 'load' }>['input']
    | Extract<DistrictRequest, { type: 'model' }>['input'],
): Promise<DistrictDataset> {
  if ('dataset' in input) return input.dataset
  const response = await fetch(input.url)
  if (!response.ok) throw new Error(`${input.url} answered HTTP ${response.status}`)
  return readDataset(await response.text(), input.url)
}

async function handle(req: DistrictRequest): Promise<{ value: unknown; transfer: ArrayBuffer[] }> {
  if (req.type === 'load') {
    const dataset = await datasetOf(req.input)
    model = new DistrictModel(dataset)
    const geometry = buildSceneGeometry(dataset)
    return { value: geometry, transfer: geometryTransferables(geometry) }
  }
  if (req.type === 'mesh') {
    const buffers = buildMeshBuffers(req.footprints)
    return { value: buffers, transfer: transferablesOf(buffers) }
  }
  if (req.type === 'model') {
    model = new DistrictModel(await datasetOf(req.input))
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
