import { useEffect } from 'react'

import { sceneRuntime } from '@/scene/runtime'
import { useAppStore } from '@/state/store'

const reducedMotion = () =>
  typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches

/** Put the exhibit back to its home state: home view, no selection, panels closed. */
export function resetExhibit(): void {
  const s = useAppStore.getState()
  s.selectBuilding(null)
  s.setQrOpen(false)
  s.setViewMode('3d')
  s.resetScenarioToDefault()
  s.setColouring('class_before')
  s.goHome()
}

/** Step the attract loop to the next curated scenario, shown as classes after renovation. */
function cycleScenario(): void {
  const s = useAppStore.getState()
  s.cycleScenario()
  s.setColouring('class_after')
}

/**
 * The unattended exhibit's timers: after `attractAfterS` without input the attract loop slowly
 * tours the district (no camera flight when reduced motion is asked for) and cycles the curated
 * scenarios; after `resetAfterS` everything returns home. Any touch, click or key ends it.
 */
export function useKiosk(): void {
  const kiosk = useAppStore((s) => s.kiosk)
  useEffect(() => {
    if (!kiosk) return
    const { attractAfterS, resetAfterS, cycleEveryS } = useAppStore.getState().kioskSettings
    let lastInput = performance.now()
    let resetDone = false
    let lastCycle = 0
    let frame = 0

    const onInput = () => {
      lastInput = performance.now()
      resetDone = false
      if (useAppStore.getState().attract) useAppStore.getState().setAttract(false)
    }
    const tick = (now: number) => {
      const idleS = (now - lastInput) / 1000
      const s = useAppStore.getState()
      if (idleS >= resetAfterS && !resetDone) {
        resetDone = true
        resetExhibit()
      }
      if (idleS >= attractAfterS) {
        if (!s.attract) {
          s.setAttract(true)
          lastCycle = now
        }
        if (!reducedMotion()) {
          const pose = sceneRuntime.currentPose()
          // One slow turn every ~4 minutes.
          if (pose) sceneRuntime.applyPose({ ...pose, azimuthRad: pose.azimuthRad + 0.0004 })
        }
        if ((now - lastCycle) / 1000 >= cycleEveryS) {
          lastCycle = now
          cycleScenario()
        }
      }
      frame = requestAnimationFrame(tick)
    }
    frame = requestAnimationFrame(tick)

    // Nothing a visitor does may leave the exhibit broken: an unexpected error reloads home.
    const onError = () => location.replace(`${location.pathname}?kiosk`)
    const events = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const
    for (const e of events) window.addEventListener(e, onInput, { capture: true, passive: true })
    window.addEventListener('error', onError)
    window.addEventListener('unhandledrejection', onError)
    const onContextMenu = (e: Event) => e.preventDefault()
    window.addEventListener('contextmenu', onContextMenu)
    document.documentElement.classList.add('kiosk')
    return () => {
      cancelAnimationFrame(frame)
      for (const e of events) window.removeEventListener(e, onInput, { capture: true })
      window.removeEventListener('error', onError)
      window.removeEventListener('unhandledrejection', onError)
      window.removeEventListener('contextmenu', onContextMenu)
      document.documentElement.classList.remove('kiosk')
    }
  }, [kiosk])
}
