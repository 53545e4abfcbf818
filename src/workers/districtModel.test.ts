import { readFileSync } from 'node:fs'

import { describe, expect, it } from 'vitest'

import type { BuildingFeature, DistrictDataset } from '@/domain/buildings/types'

import { DistrictModel } from './districtModel'
import { buildSceneGeometry } from './sceneGeometry'

const dataset = JSON.parse(
  readFileSync('test/fixtures/energy/district.geojson', 'utf8'),
) as DistrictDataset
const ids = dataset.features
  .filter((f): f is BuildingFeature => f.properties.kind === 'building')
  .map((f) => f.properties.id)

describe('district worker model', () => {
  it('summarises a scenario in dataset order, NaN and no class for skipped buildings', () => {
    const m = new DistrictModel(dataset)
    const s = m.summary({ name: 'Envelope', measures: ['envelope'] })
    expect(s.classBefore).toHaveLength(ids.length)
    const garage = ids.findIndex(
      (_, i) =>
        dataset.features[i]?.properties.kind === 'building' &&
        (dataset.features[i] as BuildingFeature).properties.type === 'garage',
    )
    expect(Number.isNaN(s.needBefore[garage])).toBe(true)
    expect(s.classBefore[garage]).toBe(255)
    const block = ids.findIndex(
      (_, i) => (dataset.features[i] as BuildingFeature).properties.type === 'apartments',
    )
    expect(s.needAfter[block]).toBeLessThan(s.needBefore[block] ?? 0)
    expect(s.savingPct[block]).toBeGreaterThan(0)
  })

  it('applies a per-block correction to that block only, and can undo it', () => {
    const m = new DistrictModel(dataset)
    const today = { name: 'Today', measures: [] }
    const base = m.summary(today)
    const blocks = ids.filter(
      (_, i) => (dataset.features[i] as BuildingFeature).properties.type === 'apartments',
    )
    const target = blocks[0] ?? ''
    const other = blocks[1] ?? ''
    m.setOverrides({ [target]: { year: 2015, heating: 'heat_pump' } })
    const corrected = m.summary(today)
    const t = ids.indexOf(target)
    const o = ids.indexOf(other)
    expect(corrected.primaryBefore[t]).toBeLessThan(base.primaryBefore[t] ?? 0)
    expect(corrected.primaryBefore[o]).toBe(base.primaryBefore[o])
    m.setOverrides({})
    expect(m.summary(today).primaryBefore[t]).toBe(base.primaryBefore[t])
  })

  it('shows what each measure does alone for the inspected block', () => {
    const m = new DistrictModel(dataset)
    const id =
      ids.find(
        (_, i) => (dataset.features[i] as BuildingFeature).properties.type === 'apartments',
      ) ?? ''
    const r = m.building({ name: 'Both', measures: ['wall', 'roof'] }, id)
    expect(r?.perMeasure.map((p) => p.id)).toEqual(['wall', 'roof'])
    for (const p of r?.perMeasure ?? []) {
      expect(p.saving_pct).toBeGreaterThan(0)
      expect(p.saving_pct).toBeLessThan(r?.result.saving_pct ?? 0)
      expect(p.cost_eur).toBeGreaterThan(0)
    }
  })

  it('writes the same CSV report as the assess CLI module', () => {
    const m = new DistrictModel(dataset)
    const csv = m.report({ name: 'Envelope', measures: ['envelope'] }, 'csv')
    expect(csv.split('\n')[0]).toContain('heating_need_kwh_m2a')
    expect(csv.trim().split('\n').length).toBeGreaterThan(2)
  })

  it('builds scene geometry for every building in dataset order', () => {
    const g = buildSceneGeometry(dataset)
    expect(g.buffers.buildingCount).toBe(ids.length)
  })
})
