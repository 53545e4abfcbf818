import { Canvas } from '@react-three/fiber'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'

import { labelAnchors } from '@/domain/dataset/labelAnchors'
import { datasetOrigin, datasetSizeM } from '@/domain/dataset/origin'
import { datasetOfGeometry, geometryOf } from '@/state/districtWorker'
import {
  buildingIdsOf,
  buildingIndexOf,
  selectDataset,
  selectGeometryVersion,
} from '@/state/selectors'
import { useAppStore } from '@/state/store'

import { Buildings } from './Buildings'
import { CameraRig } from './CameraRig'
import { Ground } from './Ground'
import { sceneRuntime } from './runtime'
import { SceneLabels } from './SceneLabels'
import { ShaderWarmUp } from './ShaderWarmUp'
import { SunLight } from './SunLight'
import { useDistrictGeometry } from './useDistrictGeometry'

const NO_IDS: readonly string[] = []
const NO_INDEX: ReadonlyMap<string, number> = new Map()

/** The 3D view: renders on demand (a twin is mostly still), one merged building mesh. */
export function TwinCanvas() {
  const { t } = useTranslation()
  const dataset = useAppStore(selectDataset)
  const version = useAppStore(selectGeometryVersion)
  const built = useDistrictGeometry(geometryOf(version))
  const geometry = built?.geometry ?? null
  // The mesh sent ahead of the dataset has no ids yet: picking finds nothing until they come.
  const ownIds = dataset !== null && datasetOfGeometry(version) === dataset
  const anchors = useMemo(() => (dataset ? labelAnchors(dataset) : []), [dataset])
  const homeSizeM = datasetSizeM(
    dataset?.metadata ?? (geometry ? { bbox: geometry.bbox } : undefined),
  )
  return (
    <Canvas
      className="twin-canvas"
      frameloop="demand"
      dpr={[1, 2]}
      gl={{ antialias: true, preserveDrawingBuffer: true }}
      camera={{ fov: 45, near: 2, far: 60_000, position: [0, 800, 800] }}
      onCreated={({ gl, invalidate, advance }) => {
        gl.domElement.tabIndex = 0
        gl.domElement.setAttribute('role', 'application')
        gl.domElement.setAttribute('aria-label', t('scene.label'))
        sceneRuntime.invalidate = invalidate
        sceneRuntime.memory = () => ({ ...gl.info.memory })
        // three.js rebuilds its GL state on restore; buffers re-upload at the next frame.
        gl.domElement.addEventListener('webglcontextlost', () => {
          sceneRuntime.ready = false
          sceneRuntime.contextLost = true
        })
        gl.domElement.addEventListener('webglcontextrestored', () => {
          sceneRuntime.contextLost = false
          invalidate()
        })
        const context = gl.getContext()
        // A software rasteriser (SwiftShader, llvmpipe) pays for every shadow-map pass.
        const info = context.getExtension('WEBGL_debug_renderer_info')
        const renderer = info ? String(context.getParameter(info.UNMASKED_RENDERER_WEBGL)) : ''
        useAppStore.getState().setSlowGraphics(/swiftshader|llvmpipe|software/i.test(renderer))
        const pixel = new Uint8Array(4)
        sceneRuntime.renderSync = () => {
          advance(performance.now())
          // Reading one pixel blocks until the GPU has finished the frame.
          context.readPixels(0, 0, 1, 1, context.RGBA, context.UNSIGNED_BYTE, pixel)
        }
      }}
      style={{ touchAction: 'none' }}
    >
      <color attach="background" args={['#dfe7ec']} />
      <hemisphereLight args={['#ffffff', '#a79f8f', 1.6]} />
      <SunLight
        origin={dataset ? datasetOrigin(dataset.metadata) : (geometry?.origin ?? null)}
        extentM={homeSizeM}
      />
      <ShaderWarmUp />
      <Ground sizeM={homeSizeM * 6} ground={geometry?.ground ?? null} />
      {built && (
        <Buildings
          buffers={built.geometry.buffers}
          ids={ownIds ? buildingIdsOf(dataset) : NO_IDS}
          idToIndex={ownIds ? buildingIndexOf(dataset) : NO_INDEX}
          token={built.token}
        />
      )}
      <CameraRig homeSizeM={homeSizeM} />
      <SceneLabels anchors={anchors} />
    </Canvas>
  )
}
