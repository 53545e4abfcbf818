import { describe, expect, it } from 'vitest'

import { costLines, fundingSplit } from './costs'
import { DEFAULT_PARAMETERS, withOverrides } from './parameters'

const C = DEFAULT_PARAMETERS.costs
const F = DEFAULT_PARAMETERS.funding

describe('package cost lines', () => {
  it('adds ancillary works, site set-up, design and VAT as separate lines (hand-derived)', () => {
    // 100,000 € of works on a 10-flat block with 200 m² roof, wall and roof measures:
    // ancillary = 200 × 20 + 10 × (1,200 + 200) = 18,000; works 118,000;
    // site 10 % = 11,800; design 7 % of 129,800 = 9,086; net 138,886; VAT 21 % = 29,166.06.
    const l = costLines(100_000, { flats: 10, roofM2: 200, wall: true, roof: true }, C)
    expect(l.ancillary_eur).toBeCloseTo(18_000, 6)
    expect(l.site_setup_scaffolding_eur).toBeCloseTo(11_800, 6)
    expect(l.design_supervision_eur).toBeCloseTo(9_086, 6)
    expect(l.net_eur).toBeCloseTo(138_886, 6)
    expect(l.vat_eur).toBeCloseTo(29_166.06, 6)
    expect(l.total_eur).toBeCloseTo(168_052.06, 6)
  })

  it('has no ancillary works without wall or roof measures, and nothing without works', () => {
    const l = costLines(10_000, { flats: 10, roofM2: 200, wall: false, roof: false }, C)
    expect(l.ancillary_eur).toBe(0)
    expect(l.total_eur).toBeCloseTo(10_000 * 1.1 * 1.07 * 1.21, 6)
    expect(costLines(0, { flats: 10, roofM2: 200, wall: true, roof: true }, C).total_eur).toBe(0)
  })

  it('each line follows its editable parameter', () => {
    const p = withOverrides(DEFAULT_PARAMETERS, { 'costs.vat_rate': 0.19 })
    const l = costLines(1000, { flats: 0, roofM2: 0, wall: false, roof: false }, p.costs)
    expect(l.vat_eur / l.net_eur).toBeCloseTo(0.19, 12)
  })
})

describe('who pays', () => {
  const lines = costLines(100_000, { flats: 10, roofM2: 200, wall: true, roof: true }, C)

  it('splits the whole cost 50 / 30 / 20 without a grant (OUG 18/2009)', () => {
    const s = fundingSplit(lines, 1000, F)
    expect(s.recovery_grant_eur).toBe(0)
    expect(s.state_eur).toBeCloseTo(0.5 * lines.total_eur, 6)
    expect(s.local_eur).toBeCloseTo(0.3 * lines.total_eur, 6)
    expect(s.owners_eur).toBeCloseTo(0.2 * lines.total_eur, 6)
  })

  it('a recovery-plan grant comes first, capped per m² built area', () => {
    const p = withOverrides(DEFAULT_PARAMETERS, { 'funding.recovery_grant_share': 1 })
    // net 138,886 € but the cap is 200 €/m² × 500 m² = 100,000 €
    const s = fundingSplit(lines, 500, p.funding)
    expect(s.recovery_grant_eur).toBeCloseTo(100_000, 6)
    expect(s.owners_eur).toBeCloseTo(0.2 * (lines.total_eur - 100_000), 6)
    const sum = s.recovery_grant_eur + s.state_eur + s.local_eur + s.owners_eur
    expect(sum).toBeCloseTo(lines.total_eur, 6)
  })

  it('edited shares that do not add up to 1 still split the whole cost', () => {
    const p = withOverrides(DEFAULT_PARAMETERS, { 'funding.owners_share': 0.7 })
    const s = fundingSplit(lines, 1000, p.funding)
    expect(s.owners_eur).toBeCloseTo((0.7 / 1.5) * lines.total_eur, 6)
    expect(s.state_eur + s.local_eur + s.owners_eur).toBeCloseTo(lines.total_eur, 6)
  })
})
