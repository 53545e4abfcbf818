import { describe, expect, it } from 'vitest'

import {
  cameraPositionOf,
  clampPose,
  DEFAULT_LIMITS,
  homePose,
  kioskLimits,
  panPose,
  twoFingerGesture,
  zoomPose,
  zoomTowardPose,
} from './cameraMath'

const base = {
  targetEastM: 0,
  targetNorthM: 0,
  distanceM: 1000,
  azimuthRad: 0,
  tiltRad: Math.PI / 4,
}

describe('camera math', () => {
  it('places a north-facing camera south of its target, above the ground', () => {
    const [x, y, z] = cameraPositionOf(base)
    expect(x).toBeCloseTo(0)
    expect(y).toBeCloseTo(1000 * Math.cos(Math.PI / 4))
    // South of the target is +z in the scene frame (z = −north).
    expect(z).toBeCloseTo(1000 * Math.sin(Math.PI / 4))
  })

  it('pans like a map: dragging right moves the target west when facing north', () => {
    const p = panPose(base, 100, 0, 2)
    expect(p.targetEastM).toBeCloseTo(-200)
    expect(p.targetNorthM).toBeCloseTo(0)
  })

  it('pans along the heading when rotated', () => {
    const east = { ...base, azimuthRad: Math.PI / 2 }
    const p = panPose(east, 0, 100, 1)
    // Facing east, dragging down (positive dy) moves the target forward (east).
    expect(p.targetEastM).toBeCloseTo(100)
    expect(p.targetNorthM).toBeCloseTo(0)
  })

  it.each([
    ['too close', { distanceM: 1 }, 'distanceM', DEFAULT_LIMITS.minDistanceM],
    ['too far', { distanceM: 1e9 }, 'distanceM', DEFAULT_LIMITS.maxDistanceM],
    ['below the horizon', { tiltRad: 3 }, 'tiltRad', DEFAULT_LIMITS.maxTiltRad],
    ['negative tilt', { tiltRad: -1 }, 'tiltRad', 0],
    ['far away target', { targetEastM: 1e7 }, 'targetEastM', DEFAULT_LIMITS.panExtentM],
  ] as const)('clamps a pose that is %s', (_name, change, key, expected) => {
    expect(clampPose({ ...base, ...change }, DEFAULT_LIMITS)[key]).toBeCloseTo(expected)
  })

  it('wraps the azimuth into −π..π', () => {
    expect(clampPose({ ...base, azimuthRad: 3 * Math.PI }, DEFAULT_LIMITS).azimuthRad).toBeCloseTo(
      Math.PI,
    )
  })

  it('zooms by dividing the distance', () => {
    expect(zoomPose(base, 2).distanceM).toBe(500)
  })

  it('reads a pinch, a twist and a two-finger vertical drag', () => {
    const pinch = twoFingerGesture(
      [
        [100, 100],
        [200, 100],
      ],
      [
        [50, 100],
        [250, 100],
      ],
    )
    expect(pinch.zoomFactor).toBeCloseTo(2)
    expect(pinch.rotateRad).toBeCloseTo(0)
    expect(pinch.tiltPx).toBe(0)

    const twist = twoFingerGesture(
      [
        [100, 100],
        [200, 100],
      ],
      [
        [150, 50],
        [150, 150],
      ],
    )
    expect(twist.rotateRad).toBeCloseTo(Math.PI / 2)

    const tilt = twoFingerGesture(
      [
        [100, 100],
        [200, 100],
      ],
      [
        [100, 130],
        [200, 130],
      ],
    )
    expect(tilt.tiltPx).toBe(30)
    expect(tilt.zoomFactor).toBeCloseTo(1)
  })

  it('frames a bigger district from further away', () => {
    expect(homePose(5000).distanceM).toBeGreaterThan(homePose(1000).distanceM)
  })

  it('steps back in a portrait view until the district fits its width', () => {
    // Ground width seen at the target: 2 d tan(fov / 2) × aspect, with the 45° field of view.
    const seenWidth = (aspect: number) =>
      2 * homePose(1000, aspect).distanceM * Math.tan((22.5 * Math.PI) / 180) * aspect
    for (const aspect of [0.45, 0.66, 0.9]) expect(seenWidth(aspect)).toBeGreaterThan(1000)
    expect(homePose(1000, 1.6).distanceM).toBe(homePose(1000).distanceM)
  })

  it('zooms toward a ground point: the camera and target scale about it', () => {
    const p = { ...base, targetEastM: 100, targetNorthM: -50, azimuthRad: 0.7 }
    const next = zoomTowardPose(p, 2, 300, 250, DEFAULT_LIMITS)
    expect(next.distanceM).toBeCloseTo(500)
    // Halfway from the ground point to the old target.
    expect(next.targetEastM).toBeCloseTo(200)
    expect(next.targetNorthM).toBeCloseTo(100)
    // The camera sits on the line from the point through the old camera, at half the range.
    const [x0, y0, z0] = cameraPositionOf(p)
    const [x1, y1, z1] = cameraPositionOf(next)
    expect(x1).toBeCloseTo(300 + (x0 - 300) / 2)
    expect(y1).toBeCloseTo(y0 / 2)
    expect(z1).toBeCloseTo(-250 + (z0 + 250) / 2)
  })

  it('does not slide sideways once the distance limit stops the zoom', () => {
    const p = { ...base, distanceM: DEFAULT_LIMITS.minDistanceM }
    const next = zoomTowardPose(p, 3, 500, 500, DEFAULT_LIMITS)
    expect(next.targetEastM).toBe(0)
    expect(next.targetNorthM).toBe(0)
  })
})

describe('kiosk limits', () => {
  it('keep the view over the district after four fast flings, a far zoom and a full tilt', () => {
    const size = 1200
    const limits = kioskLimits(size)
    let p = clampPose(homePose(size), limits)
    for (const [dx, dy] of [
      [9000, 0],
      [9000, 4000],
      [-500, 9000],
      [9000, 9000],
    ] as const) {
      p = clampPose(panPose(p, dx, dy, p.distanceM / 500), limits)
    }
    p = clampPose(zoomPose(p, 0.01), limits)
    p = clampPose({ ...p, tiltRad: Math.PI / 2 }, limits)
    expect(Math.abs(p.targetEastM)).toBeLessThanOrEqual(size / 2)
    expect(Math.abs(p.targetNorthM)).toBeLessThanOrEqual(size / 2)
    expect(p.distanceM).toBeLessThanOrEqual(size * 1.4)
    expect(p.tiltRad).toBeLessThan((70 * Math.PI) / 180)
  })
})
