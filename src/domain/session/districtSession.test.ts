import { readFileSync } from 'node:fs'

import { describe, expect, it } from 'vitest'

import type { BuildingFeature, ContextFeature, DistrictDataset } from '@/domain/buildings/types'
import { datasetParts } from '@/domain/dataset/packedDataset'
import { buildingResult } from '@/domain/energy/district/building'
import { evaluateScenario } from '@/domain/energy/district/evaluate'
import { prepareDistrict } from '@/domain/energy/district/prepare'
import { inputsFromDataset } from '@/domain/energy/input'
import { DEFAULT_PARAMETERS } from '@/domain/energy/parameters'
import { parseScenario } from '@/domain/energy/scenario'

import { correctedProperties, DistrictSession } from './districtSession'

const dataset = JSON.parse(
  readFileSync('test/fixtures/energy/district.geojson', 'utf8'),
) as DistrictDataset
const ids = dataset.features
  .filter((f): f is BuildingFeature => f.properties.kind === 'building')
  .map((f) => f.properties.id)
const blocks = ids.filter(
  (_, i) => (dataset.features[i] as BuildingFeature).properties.type === 'apartments',
)
const open = () => DistrictSession.open(datasetParts(dataset))

describe('district session', () => {
  it('summarises a scenario in dataset order, NaN and no class for skipped buildings', () => {
    const s = open().evaluate({ name: 'Envelope', measures: ['envelope'] })
    expect(s.classBefore).toHaveLength(ids.length)
    const garage = ids.findIndex(
      (_, i) => (dataset.features[i] as BuildingFeature).properties.type === 'garage',
    )
    expect(Number.isNaN(s.needBefore[garage])).toBe(true)
    expect(s.classBefore[garage]).toBe(255)
    const block = ids.indexOf(blocks[0] ?? '')
    expect(s.needAfter[block]).toBeLessThan(s.needBefore[block] ?? 0)
    expect(s.savingPct[block]).toBeGreaterThan(0)
  })

  it('applies a per-block correction to that block only, and can undo it', () => {
    const m = open()
    const today = { name: 'Today', measures: [] }
    const base = m.evaluate(today)
    const target = blocks[0] ?? ''
    const other = blocks[1] ?? ''
    m.setOverrides({ [target]: { year: 2015, heating: 'heat_pump' } })
    const corrected = m.evaluate(today)
    const t = ids.indexOf(target)
    const o = ids.indexOf(other)
    expect(corrected.primaryBefore[t]).toBeLessThan(base.primaryBefore[t] ?? 0)
    expect(corrected.primaryBefore[o]).toBe(base.primaryBefore[o])
    m.setOverrides({})
    expect(m.evaluate(today).primaryBefore[t]).toBe(base.primaryBefore[t])
  })

  it('patches a corrected row to the same figures as preparing the corrected district whole', () => {
    const m = open()
    const scenario = { name: 'Envelope', measures: ['envelope', 'heat_pump'] }
    m.evaluate(scenario) // prepared once, uncorrected
    const target = blocks[1] ?? ''
    const o = { year: 1995, levels: 7, heating: 'district_heating' as const }
    m.setOverrides({ [target]: o })
    const patched = m.evaluate(scenario)
    // The reference: the corrected dataset prepared from scratch.
    const whole = DistrictSession.open(
      datasetParts({
        ...dataset,
        features: dataset.features.map((f): BuildingFeature | ContextFeature => {
          if (f.properties.kind !== 'building' || f.properties.id !== target) return f
          const b = f as BuildingFeature
          return { ...b, properties: correctedProperties(b.properties, o) }
        }),
      }),
    ).evaluate(scenario)
    expect(Array.from(patched.primaryAfter)).toEqual(Array.from(whole.primaryAfter))
    expect(Array.from(patched.classBefore)).toEqual(Array.from(whole.classBefore))
    expect(patched.totals).toEqual(whole.totals)
  })

  it('shows what each measure does alone for the inspected block, as a one-measure scenario would', () => {
    const m = open()
    const id = blocks[0] ?? ''
    const r = m.inspect({ name: 'Both', measures: ['wall', 'roof', 'heat_pump'] }, id)
    expect(r?.perMeasure.map((p) => p.id)).toEqual(['wall', 'roof', 'heat_pump'])
    const { inputs } = inputsFromDataset(dataset)
    const prepared = prepareDistrict(inputs, DEFAULT_PARAMETERS)
    const index = prepared.indexById.get(id) ?? -1
    for (const p of r?.perMeasure ?? []) {
      const alone = evaluateScenario(
        prepared,
        parseScenario({ name: 'x', measures: [p.id], buildings: { ids: [id] } }),
        DEFAULT_PARAMETERS,
      )
      const expected = buildingResult(prepared, alone, index)
      expect(p.saving_pct).toBeCloseTo(expected.saving_pct ?? NaN, 10)
      expect(p.cost_eur).toBeCloseTo(expected.cost_eur ?? NaN, 6)
      expect(p.bill_saving_eur_a).toBeCloseTo(expected.bill_saving_eur_a ?? NaN, 6)
      expect(p.saving_pct).toBeGreaterThan(0)
      expect(p.saving_pct).toBeLessThan(r?.result.saving_pct ?? 0)
    }
  })

  it('writes the same CSV report as the assess CLI module', () => {
    const csv = open().report({ name: 'Envelope', measures: ['envelope'] }, 'csv')
    expect(csv.split('\n')[0]).toContain('heating_need_kwh_m2a')
    expect(csv.trim().split('\n').length).toBeGreaterThan(2)
  })

  it('keeps the baseline arrays across scenarios, renames and edits that leave it alone', () => {
    const m = open()
    const envelope = { name: 'Envelope', measures: ['envelope'] }
    const first = m.result(envelope)
    // Renaming evaluates nothing: the very same after-state.
    expect(m.result({ ...envelope, name: 'Renamed' }).after).toBe(first.after)
    const pv = m.result({ name: 'PV', measures: ['pv', 'heat_pump'] })
    expect(pv.before).toBe(first.before)
    expect(pv.after).not.toBe(first.after)
    // A block selection, a measure parameter and a PV cost assumption: same baseline.
    const edited = m.result({
      name: 'PV',
      measures: [{ id: 'pv', params: { kWp_per_m2_roof: 0.1 } }],
      buildings: { ids: blocks.slice(0, 2) },
      assumptions: { 'measures.pv.cost_eur_per_kWp': 900 },
    })
    expect(edited.before).toBe(first.before)
    // An assumption the baseline reads: a new baseline (the cache is not blind).
    const colder = m.result({
      name: 'PV',
      measures: ['pv'],
      assumptions: { 'climate.indoor_setpoint_C': 22 },
    })
    expect(colder.before).not.toBe(first.before)
    // And back to no assumptions: the defaults object itself, so the same baseline again.
    expect(m.result(envelope).params).toBe(DEFAULT_PARAMETERS)
  })
})

describe('district session: planning', () => {
  it('plans with progress, summarises the plan for the page and writes it out with attribution', () => {
    const m = open()
    const seen: number[] = []
    const request = {
      target: { kind: 'co2', reductionPct: 20 },
      scope: 'district',
      from: 2026,
      by: 2028,
      budget: { perYear: 2_000_000 },
    } as const
    const s = m.plan(request, null, (f) => seen.push(f))
    expect(seen.length).toBeGreaterThan(1)
    expect(seen.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= (seen[i - 1] ?? 0)))).toBe(
      true,
    )
    // Per block in dataset order: the plan's year for its blocks, 0 elsewhere.
    expect(s.blockYear).toHaveLength(ids.length)
    const planned = [...s.blockYear].filter((y) => y !== 0)
    expect(planned).toHaveLength(s.stepCount)
    expect(planned.every((y) => y >= 2026 && y <= 2028)).toBe(true)
    // The playback's after-classes are those of the plan's own scenario.
    const evaluated = m.evaluate(s.scenario)
    expect([...s.classAfter]).toEqual([...evaluated.classAfter])
    const dropped = [...s.blockYear].some(
      (y, i) => y !== 0 && (s.classAfter[i] ?? 0) < (s.classBefore[i] ?? 0),
    )
    expect(dropped).toBe(true)
    // Today, then each year lower; the MAC bars cover the CO2 the steps save, cheapest first.
    const today = s.today.co2_t_a
    expect(s.byYear[0]?.co2_t_a).toBeLessThan(today)
    const json = JSON.parse(m.planReport('json') ?? '{}') as {
      steps: { co2_saved_t_a: number; mac_eur_per_t: number | null }[]
      attribution: string
    }
    const saved = json.steps.reduce(
      (a, st) => a + (st.mac_eur_per_t === null ? 0 : st.co2_saved_t_a),
      0,
    )
    expect([...s.macCo2T].reduce((a, b) => a + b, 0)).toBeCloseTo(saved, 6)
    const mac = [...s.macEurPerT]
    expect(mac.every((v, i) => i === 0 || v >= (mac[i - 1] ?? 0))).toBe(true)
    expect(json.steps).toHaveLength(s.stepCount)
    expect(json.attribution).toBe('© OpenStreetMap contributors')
    const csv = m.planReport('csv') ?? ''
    expect(csv.trim().split('\n').at(-1)).toBe('attribution,© OpenStreetMap contributors')
  })

  it('has nothing to write before a plan', () => {
    expect(open().planReport('csv')).toBeNull()
  })
})
