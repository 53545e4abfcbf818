/// <reference lib="webworker" />
/**
 * The district worker: parses a dataset, builds its scene geometry and keeps its energy model,
 * so geometry building and scenario evaluation never block the page. A thin shell over pure
 * functions (`buildSceneGeometry`, `DistrictModel`).
 */
import type { DistrictDataset } from '@/domain/buildings/types'
import { readDataset } from '@/domain/dataset/readDataset'

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

function handle(req: DistrictRequest): { value: unknown; transfer: ArrayBuffer[] } {
  if (req.type === 'load') {
    const input = req.input
    const dataset: DistrictDataset =
      'text' in input ? readDataset(input.text, input.source) : input.dataset
    model = new DistrictModel(dataset)
    const geometry = buildSceneGeometry(dataset)
    return { value: geometry, transfer: geometryTransferables(geometry) }
  }
  if (!model) throw new Error('no dataset loaded')
  model.setOverrides(req.overrides)
  if (req.type === 'evaluate') {
    const summary = model.summary(req.scenario)
    return { value: summary, transfer: summaryTransferables(summary) }
  }
  if (req.type === 'inspect') return { value: model.building(req.scenario, req.id), transfer: [] }
  return { value: model.report(req.scenario, req.format), transfer: [] }
}

self.onmessage = (e: MessageEvent<DistrictRequest>) => {
  const req = e.data
  try {
    const { value, transfer } = handle(req)
    const response = { id: req.id, ok: true, value } as DistrictResponse
    self.postMessage(response, transfer)
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err)
    const response: DistrictResponse = { id: req.id, ok: false, error: text.split('\n')[0] ?? '' }
    self.postMessage(response)
  }
}
