/// <reference lib="webworker" />
/** Thin shell: build the scene geometry off the main thread and transfer its buffers. */
import { readDataset } from '@/domain/dataset/readDataset'

import { buildSceneGeometry } from './sceneGeometry'
import {
  transferablesOf,
  type SceneGeometryMessage,
  type SceneGeometryRequest,
} from './sceneGeometryProtocol'

declare const self: DedicatedWorkerGlobalScope

self.onmessage = (e: MessageEvent<SceneGeometryRequest>) => {
  const { id, input } = e.data
  try {
    const dataset = 'text' in input ? readDataset(input.text, input.source) : input.dataset
    const geometry = buildSceneGeometry(dataset)
    const message: SceneGeometryMessage = { id, type: 'result', geometry }
    self.postMessage(message, transferablesOf(geometry))
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err)
    const message: SceneGeometryMessage = { id, type: 'error', error: text.split('\n')[0] ?? '' }
    self.postMessage(message)
  }
}
