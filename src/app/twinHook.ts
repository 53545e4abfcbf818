import { createTwinBench, type TwinBench } from './benchHook'
import { sceneRuntime } from '@/scene/runtime'
import { loadDatasetFromUrl } from '@/state/loadData'
import { useAppStore } from '@/state/store'

/** The stable hook for automated checks, documented in the README. */
export interface TwinHook {
  readonly ready: boolean
  stats(): { buildings: number; triangles: number; drawCalls: number }
  screenPointOf(id: string): { x: number; y: number } | null
  /** The selected building id, or null. */
  selectedId(): string | null
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

export function installTwinHook(): void {
  window.__twin = {
    get ready() {
      return sceneRuntime.ready && useAppStore.getState().dataStatus === 'ready'
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
    selectedId: () => useAppStore.getState().selectedId,
    memory: () => sceneRuntime.memory(),
    load: (url) => loadDatasetFromUrl(url),
    bench: createTwinBench(),
  }
}
