/**
 * `evaluatePackages` (every package on every building in one pass, the planner's candidates)
 * against `evaluateScenario` with each package as its own scenario: the same cost, CO2,
 * primary energy, class and applied measures on every building (to rounding); and the works'
 * lifetimes from the per-measure costs `applyMeasures` reports.
 */
import { describe, expect, it } from 'vitest'

import type { LocalMeters } from '../geo/types'
import { seededRandom } from '../random'

import { evaluateScenario } from './district/evaluate'
import { evaluatePackages } from './district/packages'
import { HEATING_SYSTEMS, prepareDistrict } from './district/prepare'
import { envelopeFromFootprint } from './envelope'
import type { BuildingInput } from './input'
import { DEFAULT_PARAMETERS as P, withOverrides } from './parameters'
import type { EnergyParameters } from './parameters'
import { parseScenario } from './scenario'
import type { MeasureId } from './scenario'

function buildings(count: number, seed: number): BuildingInput[] {
  const r = seededRandom(seed)
  const heating = [...HEATING_SYSTEMS, null]
  return Array.from({ length: count }, (_, k) => {
    const w = 8 + r() * 80
    const d = 8 + r() * 14
    const ring = [
      [0, 0],
      [w, 0],
      [w, d],
      [0, d],
    ] as unknown as LocalMeters[]
    const levels = 1 + Math.floor(r() * 11)
    const residential = r() < 0.85
    return {
      id: `way/${k + 1}`,
      type: residential ? 'apartments' : 'school',
      use: residential ? 'residential' : 'non_residential',
      year: r() < 0.2 ? null : 1940 + Math.floor(r() * 85),
      flats: null,
      heatedAreaM2: 0,
      heating: heating[Math.floor(r() * heating.length)] ?? null,
      rehabilitated: r() < 0.3 ? 2012 : null,
      envelope: envelopeFromFootprint([ring], levels, levels * 2.8),
    }
  })
}

const PACKAGES: MeasureId[][] = [
  ['roof'],
  ['windows'],
  ['basement'],
  ['envelope'],
  ['heat_pump'],
  ['dh_upgrade'],
  ['pv'],
  ['mvhr'],
  ['envelope', 'heat_pump'],
  ['envelope', 'dh_upgrade', 'pv'],
  ['heat_pump', 'dh_upgrade'],
  ['envelope', 'mvhr', 'heat_pump', 'pv'],
]

/** Equal to rounding: evaluateScenario may reuse a need stored per m² (one ulp apart). */
const close = (a: number | undefined, b: number | undefined) =>
  expect(Math.abs((a ?? NaN) - (b ?? NaN))).toBeLessThanOrEqual(
    1e-12 * Math.max(1, Math.abs(b ?? 0)),
  )

function check(params: EnergyParameters) {
  const prepared = prepareDistrict(buildings(250, 11), params)
  const e = evaluatePackages(prepared, params, PACKAGES)
  const n = prepared.count
  expect(e.count).toBe(n)
  let applied = 0
  PACKAGES.forEach((measures, q) => {
    const r = evaluateScenario(prepared, parseScenario({ name: 'x', measures }), params)
    for (let i = 0; i < n; i++) {
      const j = i * PACKAGES.length + q
      expect(e.appliedMask[j]).toBe(r.appliedMask[i])
      close(e.costEur[j], r.costEur[i])
      close(e.co2KgPerM2Year[j], r.after.co2KgPerM2Year[i])
      close(e.primaryKWhPerM2Year[j], r.after.primaryKWhPerM2Year[i])
      expect(e.classIndex[j]).toBe(r.after.classIndex[i])
      if (r.appliedMask[i] !== 0) applied++
    }
  })
  // The comparison is not vacuous: most packages change most buildings.
  expect(applied).toBeGreaterThan(0.5 * n * PACKAGES.length)
  return { prepared, e }
}

describe('evaluatePackages', () => {
  it('gives every package on every building what evaluateScenario gives', () => {
    check(P)
  })

  it('does so under changed parameters too', () => {
    check(
      withOverrides(P, {
        'measures.wall.u_W_m2K': 0.3,
        'carriers.gas.co2_kg_per_kWh_primary': 0.3,
        'costs.vat_rate': 0.19,
      }),
    )
  })

  it('weights the lifetime of a package by its measures’ direct works', () => {
    const { e } = check(P)
    const Q = PACKAGES.length
    const q = PACKAGES.findIndex((m) => m.join() === 'envelope,heat_pump')
    const lives = (['wall', 'roof', 'windows', 'basement', 'heat_pump'] as const).map(
      (m) => P.measures[m].lifetime_years.value,
    )
    let seen = 0
    for (let i = 0; i < e.count; i++) {
      const j = i * Q + q
      const c = e.directCostEur[j] ?? 0
      if (!(c > 0)) continue
      const life = c / (e.directEurPerLifeYear[j] ?? 0)
      // A cost-weighted harmonic mean lies between its parts' lifetimes.
      expect(life).toBeGreaterThanOrEqual(Math.min(...lives) - 1e-9)
      expect(life).toBeLessThanOrEqual(Math.max(...lives) + 1e-9)
      if (life > Math.min(...lives) + 1 && life < Math.max(...lives) - 1) seen++
    }
    // Mixed, not one part's lifetime.
    expect(seen).toBeGreaterThan(0)
  })
})
