import { useEffect } from 'react'

import { sceneRuntime } from '@/scene/runtime'
import type { Language, ViewSlice } from '@/state/slices/viewSlice'
import { useAppStore, type AppState } from '@/state/store'

import { kioskRecovery } from './kioskRecovery'

/** The exhibit's own address as it started (before the URL follows a visitor's view). */
const startUrl = `${location.pathname}${location.search}${location.hash}`

const reducedMotion = () =>
  typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches

/** What the exhibit looked like when it started; every reset returns to it. */
export interface ExhibitHome {
  language: Language
  sun: ViewSlice['sun']
}

/**
 * Put the exhibit back to its home state: everything a visitor can change (scenario, selection,
 * camera, language, colouring, comparison, open panels, any per-block edit) returns to how the
 * exhibit started, so the district's figures are the same for the next visitor.
 */
export function resetExhibit(home: ExhibitHome): void {
  const s = useAppStore.getState()
  s.selectBuilding(null)
  s.setQrOpen(false)
  s.setFindOpen(false)
  s.setDetailsOpen(false)
  s.setTableOpen(false)
  s.setViewMode('3d')
  s.setCompare({ after: false, swipe: false, dividerX: 0.5 })
  s.setPickMode(false)
  s.clearPicked()
  s.stopPresenting()
  for (const id of Object.keys(s.buildingOverrides)) s.setBuildingOverride(id, null)
  s.resetScenarioToDefault()
  s.setColouring('class_before')
  s.setLanguage(home.language)
  s.setSun(home.sun)
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
    const { language, sun } = useAppStore.getState()
    const home: ExhibitHome = { language, sun }
    let lastInput = performance.now()
    let resetDone = false
    let lastCycle = 0
    let frame = 0
    // What the attract loop's scenario cycling replaced: a touch puts it back.
    let beforeAttract: Pick<AppState, 'scenario' | 'colouring'> | null = null
    const remember = () => {
      const { scenario, colouring } = useAppStore.getState()
      beforeAttract = { scenario, colouring }
    }

    const onInput = () => {
      lastInput = performance.now()
      resetDone = false
      const s = useAppStore.getState()
      if (!s.attract) return
      s.setAttract(false)
      if (beforeAttract) {
        s.setScenario(beforeAttract.scenario)
        s.setColouring(beforeAttract.colouring)
      }
      beforeAttract = null
    }
    const tick = (now: number) => {
      const idleS = (now - lastInput) / 1000
      const s = useAppStore.getState()
      if (idleS >= resetAfterS && !resetDone) {
        resetDone = true
        resetExhibit(home)
        if (beforeAttract) remember()
      }
      if (idleS >= attractAfterS) {
        if (!s.attract) {
          s.setAttract(true)
          remember()
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

    // Nothing a visitor does may leave the exhibit broken: an unexpected error reloads the
    // address the exhibit started with, backing off if errors come back.
    const onError = kioskRecovery(startUrl)
    const events = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const
    for (const e of events) window.addEventListener(e, onInput, { capture: true, passive: true })
    window.addEventListener('error', onError)
    window.addEventListener('unhandledrejection', onError)
    const onContextMenu = (e: Event) => e.preventDefault()
    window.addEventListener('contextmenu', onContextMenu)
    // Two fingers anywhere must never zoom the page itself (desktop Chromium ignores the
    // viewport tag and touch-action for pinch-zoom): the exhibit would stay magnified, its
    // buttons off screen, for every visitor after. The 3D view reads pointer events, which
    // have been dispatched already, so its own pinch still works.
    const noPageZoom = (e: TouchEvent | WheelEvent) => {
      if (e.cancelable && ('touches' in e ? e.touches.length > 1 : e.ctrlKey)) e.preventDefault()
    }
    window.addEventListener('touchmove', noPageZoom, { passive: false })
    window.addEventListener('wheel', noPageZoom, { passive: false })
    document.documentElement.classList.add('kiosk')
    return () => {
      cancelAnimationFrame(frame)
      for (const e of events) window.removeEventListener(e, onInput, { capture: true })
      window.removeEventListener('error', onError)
      window.removeEventListener('unhandledrejection', onError)
      window.removeEventListener('contextmenu', onContextMenu)
      window.removeEventListener('touchmove', noPageZoom)
      window.removeEventListener('wheel', noPageZoom)
      document.documentElement.classList.remove('kiosk')
    }
  }, [kiosk])
}
