import { createTwinBench, type TwinBench } from './benchHook'
import { sceneRuntime } from '@/scene/runtime'
import { loadDatasetFromUrl } from '@/state/loadData'
import type { CameraPose } from '@/state/slices/viewSlice'
import { useAppStore } from '@/state/store'
import { missingKeys } from '@/ui/i18n'

/** The stable hook for automated checks, documented in the README. */
export interface TwinHook {
  readonly ready: boolean
  stats(): { buildings: number; triangles: number; drawCalls: number }
  screenPointOf(id: string): { x: number; y: number } | null
  /** Like screenPointOf, but null unless a click there would select this building. */
  clickablePointOf(id: string): { x: number; y: number } | null
  /**
   * What is drawn under a client-pixel point: the building a click there would select (or
   * null), and the height (m) and kind of the surface hit, or null over no building.
   */
  surfaceAt(x: number, y: number): { id: string | null; heightM: number; roof: boolean } | null
  /** The selected building id, or null. */
  selectedId(): string | null
  /** Select a building by OSM id (or null), as a tap would. */
  select(id: string | null): void
  /** The live camera pose, or null before the scene exists. */
  camera(): CameraPose | null
  /** Translation keys that fell back since load (must stay empty). */
  missingKeys(): string[]
  /**
   * The RGBA a building has in the colour texture on the GPU (read back with readPixels), or
   * null for an unknown id or before the first upload.
   */
  colourOf(id: string): number[] | null
  /** Colour textures uploaded to the GPU since load: a drag must not add any. */
  colourUploads(): number
  /** Store updates since load: a fast value (divider drag) must not add any until released. */
  storeWrites(): number
  /** GPU resources three.js holds: must not grow when datasets are replaced. */
  memory(): { geometries: number; textures: number }
  /** Load another dataset URL (replacing the current one). */
  load(url: string): Promise<void>
  /** Measurements for `npm run bench`. */
  bench: TwinBench
}

declare global {
  interface Window {
    __twin: TwinHook
  }
}

/**
 * The 3D canvas has taken the size of its view region: a side panel that appears with the
 * first figures shrinks the region, and the canvas follows a moment later. Until then blocks
 * are not where a tap would find them.
 */
function canvasFitsItsView(): boolean {
  const canvas = document.querySelector('.view-3d canvas')
  const view = canvas?.closest('.view-3d')
  if (!canvas || !view) return true
  const [c, v] = [canvas.getBoundingClientRect(), view.getBoundingClientRect()]
  return Math.abs(c.width - v.width) < 1 && Math.abs(c.height - v.height) < 1
}

export function installTwinHook(): void {
  let storeWrites = 0
  useAppStore.subscribe(() => {
    storeWrites++
  })
  window.__twin = {
    get ready() {
      return (
        sceneRuntime.ready && useAppStore.getState().dataStatus === 'ready' && canvasFitsItsView()
      )
    },
    stats: () => ({
      buildings: sceneRuntime.buildingCount,
      triangles: sceneRuntime.triangleCount,
      drawCalls: sceneRuntime.drawCalls(),
    }),
    screenPointOf: (id) => {
      const index = sceneRuntime.idToIndex.get(id)
      return index === undefined ? null : sceneRuntime.screenPointOfIndex(index)
    },
    clickablePointOf: (id) => {
      const index = sceneRuntime.idToIndex.get(id)
      const point = index === undefined ? null : sceneRuntime.screenPointOfIndex(index)
      if (!point) return null
      // The canvas is on top there (no panel over it) and the picker finds this very building
      // there (no other block in front of its roof centre).
      if (!(document.elementFromPoint(point.x, point.y) instanceof HTMLCanvasElement)) return null
      return sceneRuntime.pickAt(point.x, point.y) === index ? point : null
    },
    surfaceAt: (x, y) => {
      const surface = sceneRuntime.surfaceAt(x, y)
      const index = sceneRuntime.pickAt(x, y)
      return (
        surface && { ...surface, id: index === null ? null : (sceneRuntime.ids[index] ?? null) }
      )
    },
    selectedId: () => useAppStore.getState().selectedId,
    select: (id) => useAppStore.getState().selectBuilding(id),
    camera: () => sceneRuntime.currentPose(),
    missingKeys: () => [...missingKeys],
    colourOf: (id) => {
      const index = sceneRuntime.idToIndex.get(id)
      return index === undefined ? null : sceneRuntime.colourOfIndex(index)
    },
    colourUploads: () => sceneRuntime.colourUploads,
    storeWrites: () => storeWrites,
    memory: () => sceneRuntime.memory(),
    load: (url) => loadDatasetFromUrl(url),
    bench: createTwinBench(),
  }
}
