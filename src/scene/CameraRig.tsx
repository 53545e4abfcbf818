import { useThree } from '@react-three/fiber'
import { useEffect, useMemo, useRef } from 'react'
import { Plane, Raycaster, Vector2, Vector3, type PerspectiveCamera } from 'three'

import { selectHomeRequest, selectKiosk } from '@/state/selectors'
import type { CameraPose } from '@/state/slices/viewSlice'
import { useAppStore } from '@/state/store'
import { publishViewGauge } from '@/state/viewGauge'

import {
  cameraPositionOf,
  clampPose,
  easeInOut,
  groundMetresPerPx,
  lerpPose,
  DEFAULT_LIMITS,
  homePose,
  kioskLimits,
  orbitPose,
  panPose,
  twoFingerGesture,
  zoomPose,
  zoomTowardPose,
  type TouchPair,
} from './cameraMath'
import { sceneRuntime } from './runtime'

const DEG = Math.PI / 180
/** A press that moves less than this and ends quickly is a tap/click, not a drag. */
const TAP_SLOP_PX = 6
const TAP_MAX_MS = 600
/** Duration of a presenter camera flight. */
const FLIGHT_MS = 1200

/**
 * Map-style camera: drag pans, right-drag / Ctrl-drag orbits and tilts, wheel and pinch zoom,
 * two fingers twist to rotate and move up/down together to tilt; arrow keys, +/−, Q/E,
 * PageUp/PageDown and Home on the focused canvas. The live pose stays in a ref and lands in
 * the store only when a gesture settles (house style §7).
 */
export function CameraRig({ homeSizeM }: { homeSizeM: number }) {
  const camera = useThree((s) => s.camera) as PerspectiveCamera
  const gl = useThree((s) => s.gl)
  const invalidate = useThree((s) => s.invalidate)
  const size = useThree((s) => s.size)
  // Home frames the district in the view's own shape (read when Home is asked for, not a
  // reason to fly home on every resize).
  const aspect = useRef(1.5)
  aspect.current = size.width / Math.max(1, size.height)
  const pose = useRef<CameraPose>(
    useAppStore.getState().camera ?? homePose(homeSizeM, aspect.current),
  )
  const homeRequest = useAppStore(selectHomeRequest)
  const heightPx = size.height
  // The scale bar follows a resize of the view (and the hidden 3D view coming back).
  useEffect(() => {
    const p = pose.current
    publishViewGauge({
      headingRad: p.azimuthRad,
      metresPerPx: groundMetresPerPx(p.distanceM, camera.fov, heightPx),
    })
  }, [heightPx, camera])

  const kiosk = useAppStore(selectKiosk)
  // The exhibit keeps the camera around the district: nobody can fly off and get lost.
  const limits = useMemo(
    () => (kiosk ? kioskLimits(homeSizeM) : DEFAULT_LIMITS),
    [kiosk, homeSizeM],
  )

  useEffect(() => {
    const el = gl.domElement
    const pointers = new Map<number, { x: number; y: number }>()
    let press: { x: number; y: number; t: number; id: number } | null = null
    let commitTimer = 0

    const metresPerPx = () => groundMetresPerPx(pose.current.distanceM, camera.fov, el.clientHeight)
    const apply = (next: CameraPose) => {
      pose.current = clampPose(next, limits)
      const [x, y, z] = cameraPositionOf(pose.current)
      camera.position.set(x, y, z)
      // Keep "up" as the heading so a top-down view still knows where north is.
      camera.up.set(Math.sin(pose.current.azimuthRad), 0, -Math.cos(pose.current.azimuthRad))
      if (pose.current.tiltRad > 0.01) camera.up.set(0, 1, 0)
      camera.lookAt(pose.current.targetEastM, 0, -pose.current.targetNorthM)
      camera.updateMatrixWorld()
      invalidate()
      publishViewGauge({ headingRad: pose.current.azimuthRad, metresPerPx: metresPerPx() })
      window.clearTimeout(commitTimer)
      commitTimer = window.setTimeout(() => useAppStore.getState().commitCamera(pose.current), 250)
    }

    const raycaster = new Raycaster()
    const groundPlane = new Plane(new Vector3(0, 1, 0), 0)
    const hit = new Vector3()
    /** Zoom toward the ground point under a client pixel; toward the centre above the horizon. */
    const zoomAt = (factor: number, clientX: number, clientY: number): CameraPose => {
      const r = el.getBoundingClientRect()
      const ndc = new Vector2(
        ((clientX - r.left) / Math.max(1, r.width)) * 2 - 1,
        -((clientY - r.top) / Math.max(1, r.height)) * 2 + 1,
      )
      raycaster.setFromCamera(ndc, camera)
      const ground = raycaster.ray.intersectPlane(groundPlane, hit)
      // A point near the horizon is kilometres away: zooming toward it would fling the view.
      if (!ground || ground.distanceTo(camera.position) > pose.current.distanceM * 4)
        return zoomPose(pose.current, factor)
      return zoomTowardPose(pose.current, factor, ground.x, -ground.z, limits)
    }

    apply(pose.current)
    sceneRuntime.applyPose = apply
    sceneRuntime.currentPose = () => pose.current

    let gestureBase: TouchPair | null = null
    let gestureFrame = 0
    const currentPair = (): TouchPair | null => {
      const [a, b] = [...pointers.values()]
      return a && b
        ? [
            [a.x, a.y],
            [b.x, b.y],
          ]
        : null
    }
    /** The pair as it was before this event moved `movedId` from `prev`. */
    const pairOf = (
      map: Map<number, { x: number; y: number }>,
      prev: { x: number; y: number },
      movedId: number,
    ): TouchPair | null => {
      const points = [...map.entries()].map(([id, p]) => (id === movedId ? prev : p))
      const [a, b] = points
      return a && b
        ? [
            [a.x, a.y],
            [b.x, b.y],
          ]
        : null
    }
    const applyGesture = () => {
      gestureFrame = 0
      const now = currentPair()
      if (!gestureBase || !now) return
      const g = twoFingerGesture(gestureBase, now)
      gestureBase = now
      // Pinch toward the point between the fingers.
      const midX = (now[0][0] + now[1][0]) / 2
      const midY = (now[0][1] + now[1][1]) / 2
      let next = zoomAt(g.zoomFactor, midX, midY)
      next = orbitPose(next, -g.rotateRad, -g.tiltPx * 0.005)
      if (g.tiltPx === 0) next = panPose(next, g.panPx[0], g.panPx[1], metresPerPx())
      apply(next)
    }

    const onPointerDown = (e: PointerEvent) => {
      // A primary pointer goes down only when no other of its kind is: any pointer still in
      // the map lost its pointerup (its capture went while the view was hidden or its context
      // lost) and would make this one-finger tap read as a pinch.
      if (e.isPrimary) {
        pointers.clear()
        gestureBase = null
      }
      el.setPointerCapture(e.pointerId)
      pointers.set(e.pointerId, { x: e.clientX, y: e.clientY })
      press =
        pointers.size === 1 ? { x: e.clientX, y: e.clientY, t: e.timeStamp, id: e.pointerId } : null
    }
    const onPointerMove = (e: PointerEvent) => {
      const prev = pointers.get(e.pointerId)
      if (!prev) return
      if (pointers.size === 2) {
        // Each finger's move arrives as its own event; coalesce them per frame so a
        // two-finger drag is seen as both fingers moving together (tilt), not two pans.
        pointers.set(e.pointerId, { x: e.clientX, y: e.clientY })
        gestureBase ??= pairOf(pointers, prev, e.pointerId)
        if (!gestureFrame) gestureFrame = requestAnimationFrame(applyGesture)
        return
      }
      const dx = e.clientX - prev.x
      const dy = e.clientY - prev.y
      pointers.set(e.pointerId, { x: e.clientX, y: e.clientY })
      const orbit = e.buttons === 2 || e.ctrlKey || e.shiftKey
      apply(
        orbit
          ? orbitPose(pose.current, dx * 0.005, -dy * 0.005)
          : panPose(pose.current, dx, dy, metresPerPx()),
      )
    }
    const onPointerUp = (e: PointerEvent) => {
      pointers.delete(e.pointerId)
      gestureBase = null
      if (press && press.id === e.pointerId) {
        const moved = Math.hypot(e.clientX - press.x, e.clientY - press.y)
        if (moved < TAP_SLOP_PX && e.timeStamp - press.t < TAP_MAX_MS && e.button === 0) {
          const index = sceneRuntime.pickAt(e.clientX, e.clientY)
          const id = index === null ? null : (sceneRuntime.ids[index] ?? null)
          const store = useAppStore.getState()
          if (store.pickMode) {
            if (id) store.togglePicked(id)
          } else store.selectBuilding(id)
        }
      }
      press = null
    }
    const onContextLost = () => {
      pointers.clear()
      gestureBase = null
      press = null
    }
    const onWheel = (e: WheelEvent) => {
      e.preventDefault()
      apply(zoomAt(Math.exp(-e.deltaY * 0.0015), e.clientX, e.clientY))
    }
    const onKeyDown = (e: KeyboardEvent) => {
      const step = 60
      const p = pose.current
      const keyMap: Record<string, () => CameraPose> = {
        ArrowLeft: () =>
          e.shiftKey ? orbitPose(p, -5 * DEG, 0) : panPose(p, step, 0, metresPerPx()),
        ArrowRight: () =>
          e.shiftKey ? orbitPose(p, 5 * DEG, 0) : panPose(p, -step, 0, metresPerPx()),
        ArrowUp: () => (e.shiftKey ? orbitPose(p, 0, 4 * DEG) : panPose(p, 0, step, metresPerPx())),
        ArrowDown: () =>
          e.shiftKey ? orbitPose(p, 0, -4 * DEG) : panPose(p, 0, -step, metresPerPx()),
        '+': () => zoomPose(p, 1.25),
        '=': () => zoomPose(p, 1.25),
        '-': () => zoomPose(p, 0.8),
        q: () => orbitPose(p, -5 * DEG, 0),
        e: () => orbitPose(p, 5 * DEG, 0),
        PageUp: () => orbitPose(p, 0, 4 * DEG),
        PageDown: () => orbitPose(p, 0, -4 * DEG),
        Home: () => homePose(homeSizeM, aspect.current),
      }
      // Own keys only: a synthetic event's key may be any text ("constructor", "__proto__").
      const move = Object.hasOwn(keyMap, e.key) ? keyMap[e.key] : undefined
      if (move) {
        e.preventDefault()
        apply(move())
      } else if (e.key === 'Escape') {
        useAppStore.getState().selectBuilding(null)
      }
    }
    const onContextMenu = (e: Event) => e.preventDefault()

    let flight = 0
    const fly = (to: CameraPose, instant: boolean) => {
      cancelAnimationFrame(flight)
      const from = pose.current
      if (instant || matchMedia('(prefers-reduced-motion: reduce)').matches) {
        apply(to)
        return
      }
      const start = performance.now()
      const step = (now: number) => {
        const t = Math.min(1, (now - start) / FLIGHT_MS)
        apply(lerpPose(from, to, easeInOut(t)))
        if (t < 1) flight = requestAnimationFrame(step)
      }
      flight = requestAnimationFrame(step)
    }
    const unsubscribe = useAppStore.subscribe((s, prev) => {
      // Coming back from the plan view: take over the place it left.
      if (s.viewMode === '3d' && prev.viewMode !== '3d' && s.camera) apply(s.camera)
      // Presenter steps and other requested flights.
      if (s.cameraRequest && s.cameraRequest !== prev.cameraRequest)
        fly(s.cameraRequest.pose, s.cameraRequest.instant)
    })

    el.addEventListener('pointerdown', onPointerDown)
    el.addEventListener('pointermove', onPointerMove)
    el.addEventListener('pointerup', onPointerUp)
    el.addEventListener('pointercancel', onPointerUp)
    el.addEventListener('webglcontextlost', onContextLost)
    el.addEventListener('wheel', onWheel, { passive: false })
    el.addEventListener('keydown', onKeyDown)
    el.addEventListener('contextmenu', onContextMenu)
    return () => {
      cancelAnimationFrame(flight)
      cancelAnimationFrame(gestureFrame)
      unsubscribe()
      window.clearTimeout(commitTimer)
      el.removeEventListener('pointerdown', onPointerDown)
      el.removeEventListener('pointermove', onPointerMove)
      el.removeEventListener('pointerup', onPointerUp)
      el.removeEventListener('pointercancel', onPointerUp)
      el.removeEventListener('webglcontextlost', onContextLost)
      el.removeEventListener('wheel', onWheel)
      el.removeEventListener('keydown', onKeyDown)
      el.removeEventListener('contextmenu', onContextMenu)
    }
  }, [camera, gl, invalidate, homeSizeM, limits])

  // "Home view" button and idle resets arrive as a counter bump.
  const homedSizeM = useRef(homeSizeM)
  useEffect(() => {
    const resized = homedSizeM.current !== homeSizeM
    const before = homePose(homedSizeM.current, aspect.current)
    homedSizeM.current = homeSizeM
    const p = pose.current
    // A district whose size arrives after the view mounted (its dataset came after its mesh)
    // is framed anew, unless someone has already moved the camera away from home.
    const untouched =
      Math.abs(p.distanceM - before.distanceM) < 1e-6 &&
      Math.abs(p.targetEastM - before.targetEastM) < 1e-6 &&
      Math.abs(p.targetNorthM - before.targetNorthM) < 1e-6
    if (homeRequest === 0 && !(resized && untouched)) return
    // The same path as every other move (limits, north-up when top-down), committed at once.
    sceneRuntime.applyPose(homePose(homeSizeM, aspect.current))
    const now = sceneRuntime.currentPose()
    if (now) useAppStore.getState().commitCamera(now)
  }, [homeRequest, homeSizeM])

  return null
}
