import { describe, expect, it } from 'vitest'

import type { BuildingFeature } from '@/domain/buildings/types'
import { DEFAULT_PARAMETERS, overrideProblem } from '@/domain/energy/parameters'
import { parseScenario } from '@/domain/energy/scenario'
import { importDistrict } from '@/domain/import/importDistrict'

/** A small square way with the given building type, as Overpass JSON (`out geom`). */
function overpassWith(types: string[]): string {
  const elements = types.map((type, i) => {
    const lng = 23.55 + i * 0.001
    const geometry = [
      { lat: 46.76, lon: lng },
      { lat: 46.76, lon: lng + 0.0003 },
      { lat: 46.7603, lon: lng + 0.0003 },
      { lat: 46.76, lon: lng },
    ]
    geometry.splice(3, 0, { lat: 46.7603, lon: lng })
    return { type: 'way', id: 900 + i, tags: { building: type }, geometry }
  })
  return JSON.stringify({ elements })
}

describe('OSM text and user values that are prototype names', () => {
  it('buildings tagged building=constructor / __proto__ get the fallback defaults and are counted', () => {
    const names = ['constructor', '__proto__', 'apartments']
    const { dataset } = importDistrict(overpassWith(names), { sourceName: 'proto.json' })
    const buildings = dataset.features.filter(
      (f): f is BuildingFeature => f.properties.kind === 'building',
    )
    expect(buildings.map((b) => b.properties.type).sort()).toEqual([...names].sort())
    for (const b of buildings) {
      expect(typeof b.properties.height_m).toBe('number')
      expect(b.properties.height_m).toBeGreaterThan(0)
      expect(typeof b.properties.levels).toBe('number')
    }
    const byType = dataset.metadata.counts.byType
    for (const n of names) {
      expect(Object.hasOwn(byType, n)).toBe(true)
      expect(byType[n]).toBe(1)
    }
  })

  it('a scenario assumption default_heating: "constructor" is refused', () => {
    expect(overrideProblem(DEFAULT_PARAMETERS, 'district.default_heating', 'constructor')).toMatch(
      /must be one of/,
    )
    expect(overrideProblem(DEFAULT_PARAMETERS, 'district.default_heating', 'gas_boiler')).toBeNull()
    expect(() =>
      parseScenario({
        name: 'x',
        measures: [],
        assumptions: { 'district.default_heating': '__proto__' },
      }),
    ).toThrow(/default_heating/)
    expect(() =>
      parseScenario({ name: 'x', measures: [], assumptions: { 'constructor.name': 1 } }),
    ).toThrow(/unknown parameter path/)
  })
})
