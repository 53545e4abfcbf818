import type { CameraPose } from '@/state/slices/viewSlice'

/** Limits of the orbiting camera; distances in metres, angles in radians. */
export interface CameraLimits {
  minDistanceM: number
  maxDistanceM: number
  minTiltRad: number
  maxTiltRad: number
  /** Half-size of the square the target may move in, around the origin, metres. */
  panExtentM: number
}

export const DEFAULT_LIMITS: CameraLimits = {
  minDistanceM: 40,
  maxDistanceM: 20_000,
  minTiltRad: 0,
  maxTiltRad: (80 * Math.PI) / 180,
  panExtentM: 15_000,
}

/**
 * The exhibit's limits for a district whose bbox diagonal is `sizeM`: the point the camera looks at stays over
 * the district and the view never tilts up to the horizon, so no fling, pinch or twist can
 * leave a visitor looking at empty ground.
 */
export function kioskLimits(sizeM: number): CameraLimits {
  return {
    ...DEFAULT_LIMITS,
    panExtentM: sizeM * 0.33,
    minDistanceM: 80,
    maxDistanceM: Math.max(300, sizeM * 1.4),
    maxTiltRad: (65 * Math.PI) / 180,
  }
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v))
const wrapAngle = (a: number) => Math.atan2(Math.sin(a), Math.cos(a))

/** Keep a pose inside the limits (and the azimuth in −π..π). */
export function clampPose(p: CameraPose, l: CameraLimits): CameraPose {
  return {
    targetEastM: clamp(p.targetEastM, -l.panExtentM, l.panExtentM),
    targetNorthM: clamp(p.targetNorthM, -l.panExtentM, l.panExtentM),
    distanceM: clamp(p.distanceM, l.minDistanceM, l.maxDistanceM),
    azimuthRad: wrapAngle(p.azimuthRad),
    tiltRad: clamp(p.tiltRad, l.minTiltRad, l.maxTiltRad),
  }
}

/**
 * Camera position in the scene frame (x = east, y = up, z = −north) for a pose.
 * The camera sits behind the target, opposite its heading, raised by the tilt.
 */
export function cameraPositionOf(p: CameraPose): [x: number, y: number, z: number] {
  const horizontal = p.distanceM * Math.sin(p.tiltRad)
  const eastM = p.targetEastM - horizontal * Math.sin(p.azimuthRad)
  const northM = p.targetNorthM - horizontal * Math.cos(p.azimuthRad)
  return [eastM, p.distanceM * Math.cos(p.tiltRad), -northM]
}

/**
 * Move the target by a screen-space drag of (dxPx, dyPx) pixels, where `metresPerPx` is the
 * ground scale at the target. Dragging right moves the world right, as on a map.
 */
export function panPose(
  p: CameraPose,
  dxPx: number,
  dyPx: number,
  metresPerPx: number,
): CameraPose {
  const s = Math.sin(p.azimuthRad)
  const c = Math.cos(p.azimuthRad)
  // Screen right is (cos, −sin) in east/north; screen up is the heading (sin, cos).
  const rightM = -dxPx * metresPerPx
  const upM = dyPx * metresPerPx
  return {
    ...p,
    targetEastM: p.targetEastM + rightM * c + upM * s,
    targetNorthM: p.targetNorthM - rightM * s + upM * c,
  }
}

/** Zoom by a factor (> 1 moves closer). */
export function zoomPose(p: CameraPose, factor: number): CameraPose {
  return { ...p, distanceM: p.distanceM / factor }
}

/**
 * Zoom by a factor (> 1 moves closer) toward a point on the ground (east/north metres), the one
 * under the cursor or between the fingers. The camera and target scale about that point, so the
 * ray through its pixel still meets it: it stays under the cursor. The distance limits apply
 * first, so a clamped zoom does not slide the view sideways.
 */
export function zoomTowardPose(
  p: CameraPose,
  factor: number,
  groundEastM: number,
  groundNorthM: number,
  limits: CameraLimits,
): CameraPose {
  const distanceM = clamp(p.distanceM / factor, limits.minDistanceM, limits.maxDistanceM)
  const k = distanceM / p.distanceM
  return {
    ...p,
    distanceM,
    targetEastM: groundEastM + (p.targetEastM - groundEastM) * k,
    targetNorthM: groundNorthM + (p.targetNorthM - groundNorthM) * k,
  }
}

/** Rotate the heading and change the tilt, in radians. */
export function orbitPose(p: CameraPose, dAzimuthRad: number, dTiltRad: number): CameraPose {
  return { ...p, azimuthRad: p.azimuthRad + dAzimuthRad, tiltRad: p.tiltRad + dTiltRad }
}

/** Two touch points, client pixels. */
export type TouchPair = readonly [readonly [number, number], readonly [number, number]]

/**
 * The gesture between two frames of a two-finger touch: midpoint translation (pan), spread
 * ratio (pinch zoom), twist (rotate) and the shared vertical movement (tilt, as in map apps).
 */
export function twoFingerGesture(before: TouchPair, after: TouchPair) {
  const mid = (t: TouchPair) => [(t[0][0] + t[1][0]) / 2, (t[0][1] + t[1][1]) / 2] as const
  const spread = (t: TouchPair) => Math.hypot(t[1][0] - t[0][0], t[1][1] - t[0][1])
  const angle = (t: TouchPair) => Math.atan2(t[1][1] - t[0][1], t[1][0] - t[0][0])
  const m0 = mid(before)
  const m1 = mid(after)
  const s0 = spread(before)
  const s1 = spread(after)
  const dy0 = after[0][1] - before[0][1]
  const dy1 = after[1][1] - before[1][1]
  // Both fingers moving vertically the same way reads as tilt rather than pan.
  const parallelVertical =
    Math.sign(dy0) === Math.sign(dy1) ? Math.min(Math.abs(dy0), Math.abs(dy1)) * Math.sign(dy0) : 0
  return {
    panPx: [m1[0] - m0[0], m1[1] - m0[1]] as const,
    zoomFactor: s0 > 0 && s1 > 0 ? s1 / s0 : 1,
    rotateRad: wrapAngle(angle(after) - angle(before)),
    tiltPx: parallelVertical,
  }
}

/** Ground metres per pixel at the target, `distanceM` away, with a vertical field of view. */
export function groundMetresPerPx(distanceM: number, fovDeg: number, heightPx: number): number {
  return (2 * distanceM * Math.tan((fovDeg * Math.PI) / 360)) / Math.max(1, heightPx)
}

/**
 * A pose that frames a square of `sizeM` metres around the origin, seen at a 50° tilt, in a
 * view `aspect` (width / height) wide: a portrait view (a phone) steps back until the square
 * fits its width.
 */
export function homePose(sizeM: number, aspect = 1.5): CameraPose {
  const widthFit = Math.max(1, 1.1 / Math.max(0.2, aspect))
  return {
    targetEastM: 0,
    targetNorthM: 0,
    distanceM: Math.max(300, sizeM * 1.1 * widthFit),
    azimuthRad: (-20 * Math.PI) / 180,
    tiltRad: (50 * Math.PI) / 180,
  }
}

/** Interpolate two poses (t in 0..1), turning the shorter way round. */
export function lerpPose(a: CameraPose, b: CameraPose, t: number): CameraPose {
  const mix = (x: number, y: number) => x + (y - x) * t
  const dAz = wrapAngle(b.azimuthRad - a.azimuthRad)
  return {
    targetEastM: mix(a.targetEastM, b.targetEastM),
    targetNorthM: mix(a.targetNorthM, b.targetNorthM),
    // Zoom interpolates geometrically so the flight feels even.
    distanceM: a.distanceM * (b.distanceM / a.distanceM) ** t,
    azimuthRad: a.azimuthRad + dAz * t,
    tiltRad: mix(a.tiltRad, b.tiltRad),
  }
}

/** Smooth start and stop for camera flights. */
export const easeInOut = (t: number) => (t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2)
