import { useEffect, useState } from 'react'

import type { SceneGeometry } from '@/geometry/sceneGeometry'

import { sceneRuntime } from './runtime'

export interface DrawnGeometry {
  geometry: SceneGeometry
  /** Which build this is: only the latest may report the scene ready. */
  token: number
}

/**
 * The geometry to draw (built off the main thread, sent as typed arrays). A new one makes
 * the scene not ready until it is drawn, whatever the old mesh does.
 */
export function useDistrictGeometry(geometry: SceneGeometry | null): DrawnGeometry | null {
  const [result, setResult] = useState<DrawnGeometry | null>(null)
  useEffect(() => {
    const token = ++sceneRuntime.geometryToken
    sceneRuntime.ready = false
    if (geometry) performance.mark('twin:geometry-built')
    setResult(geometry ? { geometry, token } : null)
  }, [geometry])
  return result
}
