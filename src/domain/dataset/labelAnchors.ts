import type { BuildingFeature, ContextFeature, DistrictDataset } from '../buildings/types'
import { footprintCentre } from '../geo/lasso'
import { createLocalProjection } from '../geo/projection'

import { datasetOrigin } from './origin'
import { buildingIdOf, isBuildingFeature } from './packedDataset'

/** A name to write over the scene, at a point in local metres (east, north, height). */
export interface LabelAnchor {
  text: string
  kind: 'street' | 'building'
  eastM: number
  northM: number
  upM: number
}

type Xy = readonly [number, number]

/** The point halfway along a polyline, by length. */
function midpointOf(line: readonly Xy[]): Xy | null {
  let total = 0
  for (let i = 1; i < line.length; i++) total += Math.hypot(...diff(line[i], line[i - 1]))
  let left = total / 2
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1]
    const b = line[i]
    if (!a || !b) continue
    const d = Math.hypot(b[0] - a[0], b[1] - a[1])
    if (d >= left && d > 0)
      return [a[0] + ((b[0] - a[0]) * left) / d, a[1] + ((b[1] - a[1]) * left) / d]
    left -= d
  }
  return line[0] ?? null
}
const diff = (a: Xy | undefined, b: Xy | undefined): [number, number] => [
  (a?.[0] ?? 0) - (b?.[0] ?? 0),
  (a?.[1] ?? 0) - (b?.[1] ?? 0),
]
const lengthOf = (line: readonly Xy[]) =>
  line.slice(1).reduce((sum, p, i) => sum + Math.hypot(...diff(p, line[i])), 0)

/**
 * Where to write street and building names: each named street once, halfway along its
 * longest drawn way (or, with no street geometry, amid the blocks the street index lists),
 * and each named building over its roof.
 */
export function labelAnchors(dataset: DistrictDataset): LabelAnchor[] {
  const projection = createLocalProjection(datasetOrigin(dataset.metadata))
  const local = (p: readonly number[]): Xy => {
    const [e, n] = projection.toLocal([p[0] ?? 0, p[1] ?? 0])
    return [e, n]
  }
  const longest = new Map<string, readonly Xy[]>()
  const buildings: BuildingFeature[] = []
  for (const f of dataset.features) {
    if (isBuildingFeature(f)) {
      buildings.push(f)
      continue
    }
    const c = f as ContextFeature
    if (c.properties.kind !== 'street' || !c.properties.name) continue
    const g = c.geometry
    const parts =
      g.type === 'LineString'
        ? [g.coordinates as number[][]]
        : g.type === 'MultiLineString'
          ? (g.coordinates as number[][][])
          : []
    for (const part of parts) {
      const line = part.map(local)
      const best = longest.get(c.properties.name)
      if (!best || lengthOf(line) > lengthOf(best)) longest.set(c.properties.name, line)
    }
  }
  const anchors: LabelAnchor[] = []
  for (const [text, line] of longest) {
    const m = midpointOf(line)
    if (m) anchors.push({ text, kind: 'street', eastM: m[0], northM: m[1], upM: 2 })
  }
  const byId = new Map(buildings.map((b) => [buildingIdOf(b), b]))
  for (const street of dataset.metadata.streets ?? []) {
    if (longest.has(street.name)) continue
    const centres = street.ids.flatMap((id) => {
      const b = byId.get(id)
      return b ? [local(footprintCentre(b))] : []
    })
    if (centres.length === 0) continue
    const east = centres.reduce((s, c) => s + c[0], 0) / centres.length
    const north = centres.reduce((s, c) => s + c[1], 0) / centres.length
    anchors.push({ text: street.name, kind: 'street', eastM: east, northM: north, upM: 2 })
  }
  for (const b of buildings) {
    const name = b.properties.name?.trim()
    if (!name) continue
    const [e, n] = local(footprintCentre(b))
    anchors.push({
      text: name,
      kind: 'building',
      eastM: e,
      northM: n,
      upM: b.properties.height_m + 3,
    })
  }
  return anchors
}
