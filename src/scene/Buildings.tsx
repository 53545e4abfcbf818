import { useFrame, useThree } from '@react-three/fiber'
import { useEffect, useMemo } from 'react'
import {
  BufferAttribute,
  BufferGeometry,
  Color,
  type Material,
  Mesh,
  Raycaster,
  Vector2,
  Vector3,
  WebGLRenderTarget,
  type PerspectiveCamera,
} from 'three'

import { selectBuildingColours, selectCompareColours } from '@/state/colours'
import { liveDivider } from '@/state/liveValues'
import { selectSelectedId } from '@/state/selectors'
import { useAppStore } from '@/state/store'

import {
  createBuildingMaterial,
  createBuildingUniforms,
  type BuildingUniforms,
  createPickingMaterial,
  decodePickedIndex,
} from './buildingMaterial'
import { createColourTexture, readColourTexel, writeColours } from './colourTexture'
import { markWhenGpuDone } from './frameComplete'
import { sceneRuntime } from './runtime'

/** The typed arrays the district worker sends for the merged block mesh. */
export interface BlockMeshBuffers {
  positions: Float32Array
  normals: Float32Array | Int8Array | Int16Array
  buildingIndex: Float32Array
  indices: Uint32Array
  roofCentres: Float32Array
  buildingCount: number
  triangleCount: number
}

const _v = new Vector3()
const _ndc = new Vector2()
const _ray = new Raycaster()
const _pixel = new Uint8Array(4)
const _clear = new Color()
/** The page's first district frame is timed once (the 'twin:first-frame' mark). */
let firstFrameWatched = false

/**
 * One merged mesh for every building (house style §9). Colours come from a per-building
 * texture; selection is a uniform; picking renders building ids into a 1×1 target.
 */
export function Buildings({
  buffers,
  ids,
  idToIndex,
  token,
}: {
  buffers: BlockMeshBuffers
  /** Building ids in buffer order, and the reverse map: shared with the store, not copied. */
  ids: readonly string[]
  idToIndex: ReadonlyMap<string, number>
  /** The geometry request this mesh answers; only the latest may report ready. */
  token: number
}) {
  const swipe = useAppStore((s) => s.compare.swipe)
  const gl = useThree((s) => s.gl)
  const camera = useThree((s) => s.camera) as PerspectiveCamera
  const invalidate = useThree((s) => s.invalidate)

  const { mesh, texture, uniforms, pickMaterial, pickTarget } = useMemo(() => {
    const geometry = new BufferGeometry()
    geometry.setAttribute('position', new BufferAttribute(buffers.positions, 3))
    geometry.setAttribute(
      'normal',
      new BufferAttribute(buffers.normals, 3, !(buffers.normals instanceof Float32Array)),
    )
    geometry.setAttribute('buildingIndex', new BufferAttribute(buffers.buildingIndex, 1))
    geometry.setIndex(new BufferAttribute(buffers.indices, 1))
    geometry.computeBoundingSphere()
    geometry.computeBoundingBox()
    const texture = createColourTexture(buffers.buildingCount)
    const uniforms = createBuildingUniforms(texture)
    const mesh = new Mesh<BufferGeometry, Material>(geometry, createBuildingMaterial(uniforms))
    mesh.castShadow = true
    mesh.receiveShadow = true
    mesh.onAfterRender = (gl) => {
      if (token !== sceneRuntime.geometryToken || sceneRuntime.ready) return
      performance.mark('twin:ready')
      if (!firstFrameWatched) {
        firstFrameWatched = true
        markWhenGpuDone(gl.getContext(), 'twin:first-frame')
      }
      sceneRuntime.ready = true
    }
    return {
      mesh,
      texture,
      uniforms,
      pickMaterial: createPickingMaterial(),
      pickTarget: new WebGLRenderTarget(1, 1),
    }
  }, [buffers, token])

  // Dispose GPU resources when the dataset is replaced or the view unmounts.
  useEffect(
    () => () => {
      mesh.geometry.dispose()
      mesh.material.dispose()
      texture.dispose()
      pickMaterial.dispose()
      pickTarget.dispose()
    },
    [mesh, texture, pickMaterial, pickTarget],
  )

  // Recolour: subscribe outside React renders and write only the colour texture.
  useEffect(() => {
    let applied: Uint8Array | null = null
    const apply = (colours: Uint8Array) => {
      if (colours === applied) return
      applied = colours
      writeColours(texture, colours)
      invalidate()
    }
    apply(selectBuildingColours(useAppStore.getState()))
    return useAppStore.subscribe((s) => apply(selectBuildingColours(s)))
  }, [texture, invalidate])

  // Selection highlight is one uniform.
  useEffect(() => {
    const apply = (id: string | null) => {
      uniforms.selectedIndex.value = id === null ? -1 : (sceneRuntime.idToIndex.get(id) ?? -1)
      invalidate()
    }
    apply(selectSelectedId(useAppStore.getState()))
    return useAppStore.subscribe((s, prev) => {
      if (s.selectedId !== prev.selectedId) apply(s.selectedId)
    })
  }, [uniforms, invalidate])

  // Ids may arrive after the mesh (it is sent ahead of the dataset): readiness belongs to the
  // geometry's token, so new ids alone do not make the drawn scene "not ready" again.
  useEffect(() => {
    sceneRuntime.ids = ids
    sceneRuntime.idToIndex = idToIndex
    sceneRuntime.buildingCount = buffers.buildingCount
    sceneRuntime.drawCalls = () => gl.info.render.calls
    sceneRuntime.gpuBytes = () => {
      let bytes = texture.image.data?.byteLength ?? 0
      for (const a of Object.values(mesh.geometry.attributes)) bytes += a.array.byteLength
      return bytes + (mesh.geometry.index?.array.byteLength ?? 0)
    }
    sceneRuntime.triangleCount = buffers.triangleCount
    sceneRuntime.colourOfIndex = (index) =>
      index < 0 || index >= buffers.buildingCount
        ? null
        : readColourTexel(gl, uniforms.colourTexture.value, index)
    sceneRuntime.pickAt = (clientX, clientY) => {
      const rect = gl.domElement.getBoundingClientRect()
      const x = clientX - rect.left
      const y = clientY - rect.top
      if (x < 0 || y < 0 || x >= rect.width || y >= rect.height) return null
      const dpr = gl.getPixelRatio()
      camera.setViewOffset(
        rect.width * dpr,
        rect.height * dpr,
        Math.floor(x * dpr),
        Math.floor(y * dpr),
        1,
        1,
      )
      const display = mesh.material
      mesh.material = pickMaterial
      gl.getClearColor(_clear)
      const clearAlpha = gl.getClearAlpha()
      gl.setRenderTarget(pickTarget)
      gl.setClearColor(0x000000, 0)
      gl.clear()
      gl.render(mesh, camera)
      gl.readRenderTargetPixels(pickTarget, 0, 0, 1, 1, _pixel)
      gl.setRenderTarget(null)
      gl.setClearColor(_clear, clearAlpha)
      mesh.material = display
      camera.clearViewOffset()
      invalidate()
      return decodePickedIndex(_pixel)
    }
    sceneRuntime.surfaceAt = (clientX, clientY) => {
      const rect = gl.domElement.getBoundingClientRect()
      _ndc.set(
        ((clientX - rect.left) / rect.width) * 2 - 1,
        1 - ((clientY - rect.top) / rect.height) * 2,
      )
      _ray.setFromCamera(_ndc, camera)
      const hit = _ray.intersectObject(mesh, false)[0]
      return hit ? { heightM: hit.point.y, roof: (hit.face?.normal.y ?? 0) > 0.99 } : null
    }
    sceneRuntime.screenPointOfIndex = (index) => {
      if (index < 0 || index >= buffers.buildingCount) return null
      _v.fromArray(buffers.roofCentres, index * 3).project(camera)
      if (_v.z < -1 || _v.z > 1 || Math.abs(_v.x) > 1 || Math.abs(_v.y) > 1) return null
      const rect = gl.domElement.getBoundingClientRect()
      return {
        x: rect.left + ((_v.x + 1) / 2) * rect.width,
        y: rect.top + ((1 - _v.y) / 2) * rect.height,
      }
    }
    invalidate()
  }, [
    buffers,
    ids,
    idToIndex,
    mesh,
    texture,
    uniforms,
    pickMaterial,
    pickTarget,
    gl,
    camera,
    invalidate,
  ])

  return (
    <>
      <primitive object={mesh} />
      {swipe && <SwipeCompare uniforms={uniforms} buildingCount={buffers.buildingCount} />}
    </>
  )
}

/**
 * Swipe compare: one camera, the frame drawn twice with a scissor, the "before" colours left
 * of the divider and the "after" colours right of it. Taking over rendering (priority 1) only
 * while mounted keeps the normal path untouched.
 */
function SwipeCompare({
  uniforms,
  buildingCount,
}: {
  uniforms: BuildingUniforms
  buildingCount: number
}) {
  const invalidate = useThree((s) => s.invalidate)
  const textures = useMemo(
    () => ({
      before: createColourTexture(buildingCount),
      after: createColourTexture(buildingCount),
    }),
    [buildingCount],
  )
  useEffect(() => {
    const original = uniforms.colourTexture.value
    let applied: ReturnType<typeof selectCompareColours> | null = null
    // The memoised selector returns the same object until the colours change: only then upload.
    const apply = () => {
      const c = selectCompareColours(useAppStore.getState())
      if (c === applied) return
      applied = c
      writeColours(textures.before, c.before)
      writeColours(textures.after, c.after)
      invalidate()
    }
    apply()
    const unsubscribe = useAppStore.subscribe(apply)
    const unsubscribeDrag = liveDivider.subscribe(() => invalidate())
    return () => {
      unsubscribe()
      unsubscribeDrag()
      uniforms.colourTexture.value = original
      textures.before.dispose()
      textures.after.dispose()
      invalidate()
    }
  }, [uniforms, textures, invalidate])

  useFrame(({ gl, scene, camera, size }) => {
    // The divider while dragged is a live value (no store write per move), else the store's.
    const x = liveDivider.current ?? useAppStore.getState().compare.dividerX
    const split = Math.round(size.width * x)
    gl.autoClear = false
    gl.clear()
    gl.setScissorTest(true)
    uniforms.colourTexture.value = textures.before
    gl.setScissor(0, 0, split, size.height)
    gl.render(scene, camera)
    uniforms.colourTexture.value = textures.after
    gl.setScissor(split, 0, size.width - split, size.height)
    gl.render(scene, camera)
    gl.setScissorTest(false)
    gl.autoClear = true
  }, 1)
  return null
}
