import { sceneRuntime } from '@/scene/runtime'
import { toggleMeasure } from '@/state/scenarioEdit'
import { COLOURINGS } from '@/state/slices/viewSlice'
import { useAppStore } from '@/state/store'

/** Measurements `npm run bench` takes inside the page (never asserted by tests). */
export interface TwinBench {
  /** Orbit once around the target over `frames` animation frames. */
  orbit(frames: number): Promise<{ fps: number; msPerFrame: number }>
  /** Render `frames` frames synchronously while orbiting; GPU time included, no vsync cap. */
  orbitSync(frames: number): { msPerFrame: number }
  /** Switch colouring: CPU part (colours + texture write) and until the next frame. */
  recolour(): Promise<{ cpuMs: number; toFrameMs: number }>
  /**
   * The app's real path for an edit: toggle a measure as the editor's checkbox does (store →
   * district worker → energy summary → colours), timed until the new colours are uploaded to
   * the GPU for the next frame. Colours by class after retrofit so the edit changes them.
   */
  editMeasure(): Promise<{ ms: number }>
  /** Pick at the canvas centre. */
  pick(): { ms: number; index: number | null }
  gpuBytes(): number
}

const nextFrame = () => new Promise<number>((ok) => requestAnimationFrame(ok))

/** When the colour texture is next uploaded after `count` uploads (polled each frame). */
async function uploadAfter(count: number): Promise<number> {
  while (sceneRuntime.colourUploads <= count || useAppStore.getState().energyStatus !== 'ready') {
    await nextFrame()
  }
  return sceneRuntime.lastColourUploadMs
}

export function createTwinBench(): TwinBench {
  const orbitPose = (i: number, frames: number) => {
    const start = sceneRuntime.currentPose()
    if (!start) return
    sceneRuntime.applyPose({ ...start, azimuthRad: start.azimuthRad + (2 * Math.PI) / frames })
    return i
  }
  return {
    async orbit(frames) {
      await nextFrame()
      const t0 = performance.now()
      for (let i = 0; i < frames; i++) {
        orbitPose(i, frames)
        await nextFrame()
      }
      const ms = performance.now() - t0
      return { fps: (frames * 1000) / ms, msPerFrame: ms / frames }
    },
    orbitSync(frames) {
      sceneRuntime.renderSync()
      const t0 = performance.now()
      for (let i = 0; i < frames; i++) {
        orbitPose(i, frames)
        sceneRuntime.renderSync()
      }
      return { msPerFrame: (performance.now() - t0) / frames }
    },
    async recolour() {
      const s = useAppStore.getState()
      const next = COLOURINGS.find((c) => c !== s.colouring) ?? s.colouring
      const t0 = performance.now()
      s.setColouring(next) // subscribers recompute colours and write the texture synchronously
      const cpuMs = performance.now() - t0
      await nextFrame()
      return { cpuMs, toFrameMs: performance.now() - t0 }
    },
    async editMeasure() {
      const s = useAppStore.getState()
      if (s.colouring !== 'class_after') s.setColouring('class_after')
      await uploadAfter(sceneRuntime.colourUploads - 1) // the energy summary on screen
      const on = !s.scenario.measures.some((m) => m.id === 'envelope')
      const uploads = sceneRuntime.colourUploads
      const t0 = performance.now()
      s.setScenario(toggleMeasure(useAppStore.getState().scenario, 'envelope', on))
      return { ms: (await uploadAfter(uploads)) - t0 }
    },
    pick() {
      const canvas = document.querySelector('canvas')
      const r = canvas?.getBoundingClientRect()
      const t0 = performance.now()
      const index = r ? sceneRuntime.pickAt(r.left + r.width / 2, r.top + r.height / 2) : null
      return { ms: performance.now() - t0, index }
    },
    gpuBytes: () => sceneRuntime.gpuBytes(),
  }
}
