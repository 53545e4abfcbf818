/**
 * The benchmark baseline: the same dataset drawn with deck.gl's SolidPolygonLayer (extruded,
 * same colours, same camera path), exposing the same measurements as `window.__twin.bench`.
 */
import { Deck, LightingEffect, AmbientLight, DirectionalLight, MapView } from '@deck.gl/core'

import type { BuildingFeature, DistrictDataset } from '@/domain/buildings/types'
import { categorise, colourByCategory } from '@/domain/colouring/colourBuildings'
import { PROVENANCE_COLOURS, TYPE_COLOURS } from '@/domain/colouring/palettes'
import { datasetOrigin, datasetSizeM } from '@/domain/dataset/origin'
import { createBuildingLayer, planPolygonsOf } from '@/map/createBuildingLayer'
import { viewStateOf } from '@/map/viewStateOf'
import { homePose } from '@/scene/cameraMath'
import { markWhenGpuDone } from '@/scene/frameComplete'

interface BaselineHook {
  ready: boolean
  stats(): { buildings: number; polygons: number }
  gpuBytes(): number
  bench: {
    orbit(frames: number): Promise<{ fps: number; msPerFrame: number }>
    orbitSync(frames: number): { msPerFrame: number }
    recolour(): Promise<{ cpuMs: number; toFrameMs: number }>
    pick(): { ms: number; index: number | null }
  }
}

declare global {
  interface Window {
    __baseline: BaselineHook
  }
}

const nextFrame = () => new Promise<number>((ok) => requestAnimationFrame(ok))

async function main() {
  const url = new URLSearchParams(location.search).get('data') ?? '/data/district.geojson'
  const dataset = (await (await fetch(url)).json()) as DistrictDataset
  performance.mark('baseline:dataset-loaded')
  const buildings = dataset.features.filter(
    (f): f is BuildingFeature => f.properties.kind === 'building',
  )
  const props = buildings.map((f) => f.properties)
  const polygons = planPolygonsOf(buildings)
  const origin = datasetOrigin(dataset.metadata)
  const pose = homePose(datasetSizeM(dataset.metadata))
  let viewState = viewStateOf(pose, origin, window.innerHeight)
  // The app's colouring path (state/colours.ts): categories once per dataset, a LUT per recolour.
  const types = categorise(props, (b) => b.type)
  const heightSources = categorise(props, (b) => b.provenance.height_m)
  let colours = colourByCategory(types, TYPE_COLOURS)
  let mode: 'type' | 'confidence' = 'type'
  let ready = false
  let layersSet = false

  const layer = () =>
    createBuildingLayer({ id: 'baseline', polygons, colours, selectedIndex: -1, extruded: true })
  const canvas = document.getElementById('deck') as HTMLCanvasElement
  const lighting = new LightingEffect({
    ambient: new AmbientLight({ intensity: 1.2 }),
    sun: new DirectionalLight({ direction: [-0.45, -0.4, -0.8], intensity: 1.6 }),
  })
  const deck = new Deck({
    canvas,
    views: new MapView({ repeat: false, fovy: 45 } as ConstructorParameters<typeof MapView>[0]),
    viewState,
    controller: false,
    effects: [lighting],
    layers: [],
    onAfterRender: ({ gl }) => {
      if (layersSet && !ready) {
        performance.mark('baseline:ready')
        markWhenGpuDone(gl, 'baseline:first-frame')
      }
      if (layersSet) ready = true
    },
  })
  deck.setProps({ layers: [layer()] })
  layersSet = true

  const gl = canvas.getContext('webgl2')
  const pixel = new Uint8Array(4)
  const renderSync = () => {
    deck.redraw('bench')
    gl?.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel)
  }
  const step = (frames: number) => {
    viewState = { ...viewState, bearing: viewState.bearing + 360 / frames }
    deck.setProps({ viewState })
  }

  window.__baseline = {
    get ready() {
      return ready
    },
    stats: () => ({ buildings: buildings.length, polygons: polygons.length }),
    gpuBytes: () => {
      // Sum of the layer's attribute arrays: what deck.gl uploads for these footprints.
      let bytes = 0
      // layerManager is protected in the typings; the bench reads it only to count bytes.
      const manager = (deck as unknown as { layerManager?: { getLayers(): unknown[] } })
        .layerManager
      for (const l of manager?.getLayers() ?? []) {
        const attributes = (
          l as { getAttributeManager?: () => unknown }
        ).getAttributeManager?.() as
          | { getAttributes(): Record<string, { value?: { byteLength: number } | null }> }
          | null
          | undefined
        for (const a of Object.values(attributes?.getAttributes() ?? {})) {
          bytes += a.value?.byteLength ?? 0
        }
      }
      return bytes
    },
    bench: {
      async orbit(frames) {
        await nextFrame()
        const t0 = performance.now()
        for (let i = 0; i < frames; i++) {
          step(frames)
          await nextFrame()
        }
        const ms = performance.now() - t0
        return { fps: (frames * 1000) / ms, msPerFrame: ms / frames }
      },
      orbitSync(frames) {
        renderSync()
        const t0 = performance.now()
        for (let i = 0; i < frames; i++) {
          step(frames)
          renderSync()
        }
        return { msPerFrame: (performance.now() - t0) / frames }
      },
      async recolour() {
        const t0 = performance.now()
        mode = mode === 'type' ? 'confidence' : 'type'
        colours =
          mode === 'type'
            ? colourByCategory(types, TYPE_COLOURS)
            : colourByCategory(heightSources, PROVENANCE_COLOURS)
        deck.setProps({ layers: [layer()] })
        // deck.gl updates attributes lazily at the next render: force it to count the CPU part.
        deck.redraw('recolour')
        const cpuMs = performance.now() - t0
        await nextFrame()
        return { cpuMs, toFrameMs: performance.now() - t0 }
      },
      pick() {
        const t0 = performance.now()
        const info = deck.pickObject({ x: canvas.clientWidth / 2, y: canvas.clientHeight / 2 })
        const picked = info?.object as { index: number } | undefined
        return { ms: performance.now() - t0, index: picked?.index ?? null }
      },
    },
  }
}

void main()
