import type { Position } from '@deck.gl/core'
import { SolidPolygonLayer } from '@deck.gl/layers'

import type { BuildingFeature } from '@/domain/buildings/types'

/** One drawable polygon: a building may have several (MultiPolygon). */
export interface PlanPolygon {
  /** Index of the building in dataset order (the same index the 3D mesh uses). */
  index: number
  polygon: Position[][]
  heightM: number
}

/** Flatten building features into drawable polygons, keeping each building's index. */
export function planPolygonsOf(buildings: readonly BuildingFeature[]): PlanPolygon[] {
  const out: PlanPolygon[] = []
  buildings.forEach((f, index) => {
    const g = f.geometry
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates
    for (const polygon of polygons) {
      out.push({
        index,
        polygon: polygon as unknown as Position[][],
        heightM: f.properties.height_m,
      })
    }
  })
  return out
}

export interface BuildingLayerProps {
  id?: string
  polygons: readonly PlanPolygon[]
  /** Per-building RGBA (4 bytes each), shared with the 3D view. */
  colours: Uint8Array
  selectedIndex: number
  extruded?: boolean
  visible?: boolean
}

const HIGHLIGHT: [number, number, number, number] = [255, 43, 214, 255]

/**
 * Pure factory for the footprint layer (house style §10). Recolouring changes only
 * `updateTriggers.getFillColor`, never the polygons.
 */
export function createBuildingLayer({
  id = 'buildings',
  polygons,
  colours,
  selectedIndex,
  extruded = false,
  visible = true,
}: BuildingLayerProps) {
  return new SolidPolygonLayer<PlanPolygon>({
    id,
    data: polygons as PlanPolygon[],
    visible,
    extruded,
    pickable: true,
    getPolygon: (d) => d.polygon,
    getElevation: (d) => d.heightM,
    getFillColor: (d) =>
      d.index === selectedIndex
        ? HIGHLIGHT
        : [
            colours[d.index * 4] ?? 200,
            colours[d.index * 4 + 1] ?? 200,
            colours[d.index * 4 + 2] ?? 200,
            255,
          ],
    updateTriggers: { getFillColor: [colours, selectedIndex] },
  })
}
