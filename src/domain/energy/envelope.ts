/**
 * Envelope areas of a block from its own footprint: perimeter and facade area per compass
 * octant (from each edge's outward normal), roof and basement-ceiling areas (= footprint).
 * Energy-evidence §7.1 step 1.
 */
import type { LocalMeters } from '../geo/types'

/** Facade orientations, clockwise from north; index = octant (0 = N, 2 = E, 4 = S, 6 = W). */
export const ORIENTATIONS = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'] as const

/** One facade orientation (direction the outward wall normal faces). */
export type Orientation = (typeof ORIENTATIONS)[number]

/** Envelope geometry of one building, metres and square metres. */
export interface Envelope {
  /** Planar footprint area (outer rings minus holes), m². */
  readonly footprintM2: number
  /** Total length of all ring edges (outer walls and courtyard walls), m. */
  readonly perimeterM: number
  /** Wall height = building height, m. */
  readonly heightM: number
  /** Above-ground heated storeys. */
  readonly levels: number
  /** Floor-to-floor height, m. */
  readonly storeyHeightM: number
  /** Gross floor area = footprint × levels, m². */
  readonly grossFloorM2: number
  /** Gross facade area (walls incl. windows) = perimeter × height, m². */
  readonly facadeM2: number
  /** Gross facade area per orientation (index as `ORIENTATIONS`), m²; sums to `facadeM2`. */
  readonly facadeByOrientationM2: readonly number[]
  /** Flat roof area = footprint, m². */
  readonly roofM2: number
  /** Floor over the unheated basement = footprint, m². */
  readonly floorM2: number
}

/**
 * Octant (0 = N … 7 = NW) of a compass azimuth in degrees clockwise from north; each octant
 * spans ±22.5° around its direction.
 */
export function octantOfAzimuth(azimuthDeg: number): number {
  const a = ((azimuthDeg % 360) + 360) % 360
  return Math.round(a / 45) % 8
}

function signedArea(ring: readonly LocalMeters[]): number {
  let s = 0
  const n = ring.length
  for (let i = 0; i < n; i++) {
    const p = ring[i]
    const q = ring[(i + 1) % n]
    if (!p || !q) continue
    s += p[0] * q[1] - q[0] * p[1]
  }
  return s / 2
}

function closedLength(ring: readonly LocalMeters[]): number {
  // A repeated closing point (GeoJSON style) adds a zero-length edge; skip it either way.
  const first = ring[0]
  const last = ring[ring.length - 1]
  if (ring.length > 1 && first && last && first[0] === last[0] && first[1] === last[1]) {
    return ring.length - 1
  }
  return ring.length
}

/**
 * Add one polygon (outer ring first, then holes) to the accumulators. Outward wall normals
 * point away from the solid: out of the outer ring, into each courtyard.
 */
function addPolygon(
  rings: readonly (readonly LocalMeters[])[],
  acc: { area: number; perimeter: number; byOctant: number[] },
): void {
  rings.forEach((ring, r) => {
    const n = closedLength(ring)
    if (n < 3) return
    const pts = ring.slice(0, n)
    const a = signedArea(pts)
    // Counter-clockwise (a > 0) outer ring: outward normal of edge (dx, dy) is (dy, -dx).
    // Holes face the other way; winding is read from the data, not trusted.
    const isHole = r > 0
    acc.area += isHole ? -Math.abs(a) : Math.abs(a)
    const sign = (a > 0 ? 1 : -1) * (isHole ? -1 : 1)
    for (let i = 0; i < n; i++) {
      const p = pts[i]
      const q = pts[(i + 1) % n]
      if (!p || !q) continue
      const dx = q[0] - p[0]
      const dy = q[1] - p[1]
      const len = Math.hypot(dx, dy)
      if (len === 0) continue
      const east = sign * dy
      const north = -sign * dx
      const azimuthDeg = (Math.atan2(east, north) * 180) / Math.PI
      acc.perimeter += len
      const o = octantOfAzimuth(azimuthDeg)
      acc.byOctant[o] = (acc.byOctant[o] ?? 0) + len
    }
  })
}

function checkStoreys(levels: number, heightM: number): void {
  if (!Number.isFinite(heightM) || heightM <= 0) {
    throw new RangeError(`envelope: height must be > 0 m (got ${String(heightM)})`)
  }
  if (!Number.isFinite(levels) || levels < 1) {
    throw new RangeError(`envelope: levels must be ≥ 1 (got ${String(levels)})`)
  }
}

/**
 * Envelope of a MultiPolygon footprint: each polygon is its rings in local metres (outer ring
 * first, then holes; closing point repeated or not). Throws `RangeError` for zero footprint
 * area, zero height or fewer than one storey instead of dividing by them.
 */
export function envelopeFromPolygons(
  polygons: readonly (readonly (readonly LocalMeters[])[])[],
  levels: number,
  heightM: number,
): Envelope {
  checkStoreys(levels, heightM)
  const acc = { area: 0, perimeter: 0, byOctant: [0, 0, 0, 0, 0, 0, 0, 0] }
  for (const rings of polygons) addPolygon(rings, acc)
  if (!(acc.area > 1e-6) || !(acc.perimeter > 0)) {
    throw new RangeError(`envelope: footprint area must be > 0 m² (got ${acc.area.toFixed(3)})`)
  }
  const storeys = Math.round(levels)
  return {
    footprintM2: acc.area,
    perimeterM: acc.perimeter,
    heightM,
    levels: storeys,
    storeyHeightM: heightM / storeys,
    grossFloorM2: acc.area * storeys,
    facadeM2: acc.perimeter * heightM,
    facadeByOrientationM2: acc.byOctant.map((len) => len * heightM),
    roofM2: acc.area,
    floorM2: acc.area,
  }
}

/**
 * Envelope of one Polygon footprint (`rings`: outer ring first, then holes, local metres).
 * Throws `RangeError` for zero area, zero height or levels < 1.
 */
export function envelopeFromFootprint(
  rings: readonly (readonly LocalMeters[])[],
  levels: number,
  heightM: number,
): Envelope {
  return envelopeFromPolygons([rings], levels, heightM)
}

/**
 * Length ÷ width of the rectangle with the same area and perimeter as the footprint
 * (L + W = P/2, L·W = A); 1 for a square, and for shapes no rectangle matches.
 */
export function equivalentAspectRatio(footprintM2: number, perimeterM: number): number {
  const half = perimeterM / 2
  const disc = half * half - 4 * footprintM2
  if (!(footprintM2 > 0) || disc <= 0) return 1
  const root = Math.sqrt(disc)
  return (half + root) / Math.max(1e-9, half - root)
}

/**
 * Share of the building's window area on each facade orientation (index as `ORIENTATIONS`,
 * sums to 1). Windows follow the facade area, except on slabs at least `blindGableAspect` times
 * as long as wide: their short end walls — the octant pair at right angles to the pair with
 * the most facade — are blind gables, as on 1960–80s panel slabs, so those windows go on the
 * long facades instead.
 */
export function windowShareByOrientation(
  facadeByOrientationM2: readonly number[],
  footprintM2: number,
  perimeterM: number,
  blindGableAspect: number,
): number[] {
  const f = ORIENTATIONS.map((_, o) => facadeByOrientationM2[o] ?? 0)
  const total = f.reduce((a, b) => a + b, 0)
  if (!(total > 0)) return f.map(() => 0)
  let gable = -1
  if (equivalentAspectRatio(footprintM2, perimeterM) >= blindGableAspect) {
    let best = 0
    for (let o = 0; o < 4; o++) {
      const pair = (f[o] ?? 0) + (f[o + 4] ?? 0)
      if (pair > (f[best] ?? 0) + (f[best + 4] ?? 0)) best = o
    }
    gable = (best + 2) % 4
  }
  const open = f.map((a, o) => (o % 4 === gable ? 0 : a))
  const openTotal = open.reduce((a, b) => a + b, 0)
  return open.map((a) => (openTotal > 0 ? a / openTotal : 0))
}
