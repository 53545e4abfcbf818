import { useEffect, useState } from 'react'

import { oneLine } from '@/state/loadData'
import { useAppStore } from '@/state/store'
import type { SceneGeometry } from '@/workers/districtProtocol'

import { sceneRuntime } from './runtime'

export interface DrawnGeometry {
  geometry: SceneGeometry
  /** Which build this is: only the latest may report the scene ready. */
  token: number
  /** The request it came from (tells whose ids it has). */
  request: Promise<SceneGeometry>
}

/**
 * The geometry a request resolves to (built off the main thread). A newer request supersedes
 * an older one; a failed build becomes a one-line notice, keeping the previous scene.
 */
export function useDistrictGeometry(request: Promise<SceneGeometry> | null): DrawnGeometry | null {
  const [result, setResult] = useState<DrawnGeometry | null>(null)
  useEffect(() => {
    // Until the new geometry is drawn, the scene is not ready, whatever the old mesh does.
    const token = ++sceneRuntime.geometryToken
    sceneRuntime.ready = false
    if (!request) {
      setResult(null)
      return
    }
    let current = true
    request
      .then((geometry) => {
        if (!current) return
        performance.mark('twin:geometry-built')
        setResult({ geometry, token, request })
      })
      .catch((e: unknown) => {
        if (current) useAppStore.getState().setDataError(oneLine(e))
      })
    return () => {
      current = false
    }
  }, [request])
  return result
}
