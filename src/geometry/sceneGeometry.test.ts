import { readFileSync } from 'node:fs'

import { describe, expect, it } from 'vitest'

import type { DistrictDataset } from '@/domain/buildings/types'

import { buildSceneGeometry } from './sceneGeometry'

describe('scene geometry', () => {
  it('builds scene geometry for every building in dataset order', () => {
    const dataset = JSON.parse(
      readFileSync('test/fixtures/energy/district.geojson', 'utf8'),
    ) as DistrictDataset
    const g = buildSceneGeometry(dataset)
    const buildings = dataset.features.filter((f) => f.properties.kind === 'building')
    expect(g.buffers.buildingCount).toBe(buildings.length)
  })
})
