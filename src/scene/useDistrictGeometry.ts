import { useEffect, useState } from 'react'

import type { DistrictDataset } from '@/domain/buildings/types'
import { oneLine } from '@/state/loadData'
import { useAppStore } from '@/state/store'

import { sceneRuntime } from './runtime'
import { geometryFor } from '@/state/sceneGeometry'
import type { SceneGeometry } from '@/workers/districtProtocol'

/**
 * Geometry for the current dataset, built off the main thread. A newer dataset supersedes an
 * older request; a failed build becomes a one-line notice, keeping the previous scene.
 */
export function useDistrictGeometry(
  dataset: DistrictDataset | null,
): { geometry: SceneGeometry; dataset: DistrictDataset; token: number } | null {
  const [result, setResult] = useState<{
    geometry: SceneGeometry
    dataset: DistrictDataset
    token: number
  } | null>(null)
  useEffect(() => {
    // Until the new geometry is drawn, the scene is not ready, whatever the old mesh does.
    const token = ++sceneRuntime.geometryToken
    sceneRuntime.ready = false
    if (!dataset) {
      setResult(null)
      return
    }
    let current = true
    geometryFor(dataset)
      .then((r) => {
        if (!current) return
        performance.mark('twin:geometry-built')
        setResult({ geometry: r, dataset, token })
      })
      .catch((e: unknown) => {
        if (current) useAppStore.getState().setDataError(oneLine(e))
      })
    return () => {
      current = false
    }
  }, [dataset])
  return result
}
