import { describe, expect, it } from 'vitest'

import type { BuildingResult } from '@/domain/energy/district/building'

import { LONGEST_SERVICE_LIFE_YEARS } from './kpiText'
import { comfortLevel, formatEstimate, residentFigures, roundForPeople } from './residentFigures'

const figures = (co2: number) => ({
  heating_need_kwh_m2a: 100,
  delivered_kwh_m2a: 120,
  primary_kwh_m2a: 150,
  co2_kg_m2a: co2,
  class: 'C',
  bill_eur_a: 30_000,
  delivered_by_carrier_kwh_a: { gas: 0, electricity: 0, district_heat: 0 },
  pv_kwh_a: 0,
})

const block = {
  ...figures(40),
  id: 'way/1',
  type: 'apartments',
  residential: true,
  year: 1977,
  year_is_default: true,
  archetype: 'RO_MFH_1961_1980',
  heating: 'district_heating',
  heating_is_default: true,
  rehabilitated: false,
  levels: 5,
  height_m: 15,
  flats: 40,
  heated_area_m2: 2000,
  footprint_m2: 500,
  perimeter_m: 100,
  facade_m2: 1500,
  window_m2: 300,
  facade_by_orientation_m2: { N: 0, E: 0, S: 0, W: 0 },
  after: { ...figures(10), measures: [], retrofit_year: null },
  heating_need_saving_pct: 60,
  cost_per_flat_eur: 4120,
  bill_saving_per_flat_eur_a: 240,
  payback_years: 17,
} as unknown as BuildingResult

describe('resident figures', () => {
  it('derive the monthly bill change and CO2 per flat by hand-checkable arithmetic', () => {
    const f = residentFigures(block)
    expect(f?.billChangeMonth?.value).toBe(-20) // 240 €/yr saved ÷ 12
    expect(f?.co2CutPct).toBeCloseTo(75) // 40 → 10 kg/m²·yr
    expect(f?.co2TonnesPerFlatYear).toBeCloseTo(1.5) // 30 kg/m² × 2000 m² ÷ 40 flats
    expect(f?.comfort).toBe('much')
    expect(f?.ownerPerFlat).toBeNull()
  })

  it('prefer the model’s own funding figures and ranges when it gives them', () => {
    const f = residentFigures({
      ...block,
      owner_cost_per_flat_eur: 1030,
      bill_change_per_flat_eur_month: -18,
      ranges: { cost_per_flat_eur: [3200, 5300], owner_cost_per_flat_eur: [800, 1300] },
    } as BuildingResult)
    expect(f?.ownerPerFlat).toEqual({ value: 1030, range: [800, 1300] })
    expect(f?.billChangeMonth?.value).toBe(-18)
    expect(f?.costPerFlat?.range).toEqual([3200, 5300])
  })

  it('weigh the owners’ payback against the works’ service life', () => {
    const life = LONGEST_SERVICE_LIFE_YEARS
    const within = (owner: number, high: number) =>
      residentFigures({
        ...block,
        owner_payback_years: owner,
        ranges: { owner_payback_years: [owner / 2, high] },
      } as BuildingResult)?.paybackWithin
    expect(within(9, life - 1)).toBe('yes')
    expect(within(9, life + 1)).toBe('maybe')
    expect(within(9, Infinity)).toBe('maybe')
    expect(within(life + 1, Infinity)).toBe('no')
    // Without the owners' figure, the block's own payback and its range are read.
    expect(residentFigures(block)?.paybackWithin).toBe('yes')
    const paybackRange = { ranges: { payback_years: [12, life + 5] } }
    expect(residentFigures({ ...block, ...paybackRange } as BuildingResult)?.paybackWithin).toBe(
      'maybe',
    )
  })

  it('show nothing per flat for a building without flats', () => {
    expect(residentFigures({ ...block, flats: 0 } as BuildingResult)).toBeNull()
  })

  it('round as people speak and format per locale', () => {
    expect(roundForPeople(4123)).toBe(4100)
    expect(roundForPeople(384)).toBe(380)
    const e = { value: 4123, range: [3180, 5290] as const }
    expect(formatEstimate(e, 'ro')).toBe('≈\u00a04.100\u00a0€ (3.200–5.300)')
    expect(formatEstimate(e, 'en')).toBe('≈\u00a04,100\u00a0€ (3,200–5,300)')
    expect(formatEstimate({ value: 4123, range: null }, 'hu')).toBe('≈\u00a04100\u00a0€')
  })

  it('put comfort into four plain steps', () => {
    expect([60, 30, 10, 0].map(comfortLevel)).toEqual(['much', 'warmer', 'little', 'same'])
  })
})
