import { useThree } from '@react-three/fiber'
import { useEffect, useMemo } from 'react'
import { DirectionalLight } from 'three'

import { sunDirection } from '@/domain/geo/sun'
import type { LngLat } from '@/domain/geo/types'
import { selectSun } from '@/state/selectors'
import { useAppStore } from '@/state/store'

/** Default key light when the sun is off: from the south-west, high, so blocks read as blocks. */
const DEFAULT_DIRECTION = [-0.45, 0.8, 0.4] as const
/** Shadow map edge: a software rasteriser draws 4096² per frame far too slowly to pan. */
const SHADOW_MAP_PX = { gpu: 4096, software: 2048 } as const

/**
 * The key light. With the sun on, it sits where suncalc puts the sun over the district at the
 * chosen time and casts shadows over an area of `extentM` around the origin.
 */
export function SunLight({ origin, extentM }: { origin: LngLat | null; extentM: number }) {
  const sun = useAppStore(selectSun)
  const slow = useAppStore((s) => s.slowGraphics)
  const gl = useThree((s) => s.gl)
  const invalidate = useThree((s) => s.invalidate)
  const light = useMemo(() => new DirectionalLight('#fff7ea', 2.4), [])

  useEffect(() => {
    gl.shadowMap.enabled = sun.enabled
    light.castShadow = sun.enabled
    const distance = extentM * 1.5
    let dir: readonly [number, number, number] = DEFAULT_DIRECTION
    let intensity = 2.4
    if (sun.enabled && origin) {
      const s = sunDirection(new Date(sun.time), origin)
      dir = [s.east, Math.max(s.up, 0.02), -s.north]
      // Below the horizon the sun stops lighting the blocks; the sky light remains.
      intensity = s.up > 0 ? 2.8 * Math.min(1, s.up * 3) : 0
    }
    light.intensity = intensity
    light.position.set(dir[0] * distance, dir[1] * distance, dir[2] * distance)
    light.target.position.set(0, 0, 0)
    light.target.updateMatrixWorld()
    const cam = light.shadow.camera
    cam.left = -extentM
    cam.right = extentM
    cam.top = extentM
    cam.bottom = -extentM
    cam.near = 1
    cam.far = distance * 2.5
    cam.updateProjectionMatrix()
    const size = slow ? SHADOW_MAP_PX.software : SHADOW_MAP_PX.gpu
    if (light.shadow.mapSize.x !== size) {
      light.shadow.mapSize.set(size, size)
      // three.js allocates the map once; a new size needs a new render target.
      light.shadow.map?.dispose()
      light.shadow.map = null
    }
    light.shadow.bias = -0.0005
    light.shadow.needsUpdate = true
    invalidate()
  }, [sun, slow, origin, extentM, light, gl, invalidate])

  useEffect(() => () => light.dispose(), [light])

  return (
    <>
      <primitive object={light} />
      <primitive object={light.target} />
    </>
  )
}
