/**
 * Test DSL for geometry: buildings and context features written in metres east/north of a
 * fixed origin, turned into WGS84 GeoJSON with the same projection the code under test uses.
 */
import type { BuildingFeature, ContextFeature, ContextKind } from '@/domain/buildings/types'
import { createLocalProjection } from '@/domain/geo/projection'

/** Origin of every geometry fixture, WGS84 [lng, lat] (Mănăștur). */
export const FIXTURE_ORIGIN = [23.55, 46.76] as const
/** The projection fixtures are written in. */
export const fixtureProjection = createLocalProjection(FIXTURE_ORIGIN)

/** A point in metres east/north of the origin. */
export type PointM = [east: number, north: number]

/** A ring given in metres east/north, as a closed GeoJSON lng/lat ring. */
export function ringM(points: readonly PointM[]): number[][] {
  const out = points.map((p) => [...fixtureProjection.toLngLat(p)])
  if (out[0]) out.push([...out[0]])
  return out
}

/** A building of one polygon (rings: outer then holes) or, with several, a MultiPolygon. */
export function buildingM(
  id: string,
  polygons: readonly (readonly (readonly PointM[])[])[],
  heightM = 10,
): BuildingFeature {
  return {
    type: 'Feature',
    geometry:
      polygons.length === 1
        ? { type: 'Polygon', coordinates: (polygons[0] ?? []).map(ringM) }
        : { type: 'MultiPolygon', coordinates: polygons.map((p) => p.map(ringM)) },
    properties: {
      kind: 'building',
      id,
      type: 'apartments',
      name: null,
      address: null,
      footprint_area_m2: 0,
      height_m: heightM,
      levels: 3,
      year: null,
      use: 'residential',
      flats: null,
      heated_area_m2: 0,
      heating: null,
      rehabilitated: null,
      epc_class: null,
      provenance: {},
    },
  }
}

/** A context feature: a street line (with its width) or an area polygon. */
export function contextM(
  kind: ContextKind,
  shape: readonly PointM[] | readonly (readonly PointM[])[],
  widthM?: number,
): ContextFeature {
  const isLine = kind === 'street'
  return {
    type: 'Feature',
    geometry: isLine
      ? {
          type: 'LineString',
          coordinates: (shape as readonly PointM[]).map((p) => [...fixtureProjection.toLngLat(p)]),
        }
      : { type: 'Polygon', coordinates: (shape as readonly (readonly PointM[])[]).map(ringM) },
    properties: {
      kind,
      id: `${kind}/1`,
      name: null,
      ...(widthM === undefined ? {} : { width_m: widthM }),
    },
  }
}

/** A 20 × 10 m box, counter-clockwise. */
export const BOX: readonly PointM[] = [
  [0, 0],
  [20, 0],
  [20, 10],
  [0, 10],
]
/** The same box, clockwise. */
export const BOX_CW: readonly PointM[] = [...BOX].reverse()
/** A 30 × 30 m L (arms 10 m wide) whose area centroid lies off the roof. */
export const L_SHAPE: readonly PointM[] = [
  [0, 0],
  [30, 0],
  [30, 10],
  [10, 10],
  [10, 30],
  [0, 30],
]
/** A 40 × 40 m block round a 20 × 20 m courtyard: outer ring CCW, hole CW. */
export const COURTYARD: readonly (readonly PointM[])[] = [
  [
    [0, 0],
    [40, 0],
    [40, 40],
    [0, 40],
  ],
  [
    [10, 10],
    [10, 30],
    [30, 30],
    [30, 10],
  ],
]
