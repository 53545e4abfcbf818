import { readFileSync } from 'node:fs'

import { describe, expect, it } from 'vitest'

import { importDistrict } from '@/domain/import/importDistrict'

import type { MeshBuffers } from './meshBuffers'
import { buildSceneGeometry } from './sceneGeometry'

const { dataset } = importDistrict(readFileSync('test/fixtures/osm/building-parts.osm', 'utf8'), {
  sourceName: 'building-parts.osm',
})
const ids = dataset.features.filter((f) => f.properties.kind === 'building').map((f) => f.id)
const { buffers } = buildSceneGeometry(dataset)

/** Flat faces of building `b` by height: area (m²) of up-facing and of down-facing triangles. */
function capsByHeight(m: MeshBuffers, b: number) {
  const up = new Map<number, number>()
  const down = new Map<number, number>()
  const p = m.positions
  for (let t = 0; t < m.triangleCount; t++) {
    const [i, j, k] = [m.indices[t * 3]!, m.indices[t * 3 + 1]!, m.indices[t * 3 + 2]!]
    if (m.buildingIndex[i] !== b) continue
    const u = [p[j * 3]! - p[i * 3]!, p[j * 3 + 1]! - p[i * 3 + 1]!, p[j * 3 + 2]! - p[i * 3 + 2]!]
    const v = [p[k * 3]! - p[i * 3]!, p[k * 3 + 1]! - p[i * 3 + 1]!, p[k * 3 + 2]! - p[i * 3 + 2]!]
    const ny = u[2]! * v[0]! - u[0]! * v[2]!
    if (Math.abs(ny) < 1e-6 || u[1] !== 0 || v[1] !== 0) continue
    const y = Math.round(p[i * 3 + 1]! * 100) / 100
    const faces = ny > 0 ? up : down
    faces.set(y, (faces.get(y) ?? 0) + Math.abs(ny) / 2)
  }
  const rounded = (faces: Map<number, number>) =>
    Object.fromEntries([...faces].sort(([a], [b]) => a - b).map(([y, a]) => [y, Math.round(a)]))
  return { up: rounded(up), down: rounded(down) }
}

describe('building parts in the mesh', () => {
  const outline = ids.indexOf('way/50')
  const house = ids.indexOf('way/70')

  it('draws an outline from its parts, each from its own base to its own top', () => {
    // Parts (building-parts.osm): way/51 0–11 m (400 m²), way/52 16.5–22 m (levels 6–8,
    // 400 m²), way/53 12–30 m (100 m², on top of way/51). The outline itself (30 m tall
    // from its tallest part) is not drawn as a 30 m box.
    const { up, down } = capsByHeight(buffers, outline)
    expect(up).toEqual({ 11: 401, 22: 400, 30: 100 })
    // Parts above the ground get a floor facing down; the ground-standing one does not.
    expect(down).toEqual({ 12: 100, 16.5: 400 })
    const s = buffers.vertexStart[outline]!
    let lowest = Infinity
    let highest = -Infinity
    for (let v = s; v < s + buffers.vertexCount[outline]!; v++) {
      expect(buffers.buildingIndex[v]).toBe(outline)
      lowest = Math.min(lowest, buffers.positions[v * 3 + 1]!)
      highest = Math.max(highest, buffers.positions[v * 3 + 1]!)
    }
    expect([lowest, highest]).toEqual([0, 30])
    // Wall quads of the floating part start at its base, not at the ground.
    const wallBases = new Set<number>()
    for (let v = s; v < s + buffers.vertexCount[outline]!; v++) {
      if (buffers.normals[v * 3 + 1] === 0) wallBases.add(buffers.positions[v * 3 + 1]!)
    }
    expect([...wallBases].sort((a, b) => a - b)).toEqual([0, 11, 12, 16.5, 22, 30])
  })

  it('puts the roof point on the largest part at that part’s top', () => {
    expect(buffers.roofCentres[outline * 3 + 1]).toBe(11)
  })

  it('leaves a building without parts from the ground to its height', () => {
    expect(capsByHeight(buffers, house)).toEqual({ up: { 7.5: 401 }, down: {} })
    expect(buffers.roofCentres[house * 3 + 1]).toBe(7.5)
  })
})
