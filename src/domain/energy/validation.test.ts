/**
 * The engine against published Romanian figures for typical buildings (issue #12 point 8).
 *
 * There is no TABULA/EPISCOPE typology for Romania (energy-evidence §1, [S11]), so no published
 * *calculated* figure exists for a Romanian panel block given the same inputs. The closest
 * published figures are programme and ministry figures for the same kind of block, each a band:
 * the engine's figure must lie in the band widened by the stated tolerance. Where not even that
 * exists (a P+10 tower, a house) the test says so and uses the closest one with a wider
 * tolerance. Source tags are those of /work/shared/docs/energy-evidence.md §0 (and README).
 */
import { describe, expect, it } from 'vitest'

import type { LocalMeters } from '../geo/types'

import { evaluateScenario } from './district/evaluate'
import { prepareDistrict } from './district/prepare'
import { envelopeFromFootprint } from './envelope'
import type { BuildingInput } from './input'
import { DEFAULT_PARAMETERS as P } from './parameters'
import { parseScenario } from './scenario'

const rect = (w: number, d: number) =>
  [
    [0, 0],
    [w, 0],
    [w, d],
    [0, d],
  ] as unknown as LocalMeters[]

/** A published band of a figure, with its source and the tolerance the comparison allows. */
interface Reference {
  low: number
  high: number
  source: string
  /** Relative widening of the band, e.g. 0.1 for ±10 %. */
  tolerance: number
}

function building(
  id: string,
  type: string,
  useClass: NonNullable<BuildingInput['useClass']>,
  year: number,
  [w, d]: [number, number],
  storeys: number,
): BuildingInput {
  return {
    id,
    type,
    use: 'residential',
    useClass,
    year,
    flats: null,
    heatedAreaM2: 0,
    heating: 'gas_boiler',
    rehabilitated: null,
    envelope: envelopeFromFootprint([rect(w, d)], storeys, storeys * 2.75),
  }
}

/** P+4 panel slab of the 1970s, 60 × 12 m (the Mănăștur type, energy-evidence §1.2, §8.4). */
const P4 = building('p4', 'apartments', 'apartment_block', 1975, [60, 12], 5)
/** P+10 panel tower of the 1980s, 30 × 14 m. */
const P10 = building('p10', 'apartments', 'apartment_block', 1984, [30, 14], 11)
/** A 1970s brick house, ground floor + one, 10 × 9 m. */
const HOUSE = building('house', 'house', 'house', 1975, [10, 9], 2)

/** Ministry (MDRL) 2009: typical heating consumption of Romanian flats 150–200 kWh/m²a [S17]. */
const BEFORE_P4: Reference = {
  low: 150,
  high: 200,
  source: 'MDRL 2009, typical flat in a block, 150–200 kWh/m²a [S17]',
  tolerance: 0.1,
}
/** Ploiești programme, 52 blocks after rehabilitation: 65–85 kWh/m²a [S13]. */
const AFTER_P4: Reference = {
  low: 65,
  high: 85,
  source: 'Ploiești programme, 52 blocks after rehabilitation, 65–85 kWh/m²a [S13]',
  tolerance: 0.1,
}
/** Ploiești programme: heating use cut by 57–80 % [S13]. */
const CUT_P4: Reference = {
  low: 57,
  high: 80,
  source: 'Ploiești programme, heating cut 57–80 % [S13]',
  tolerance: 0.1,
}
/**
 * No published figure for P+10 towers alone: the same ministry and programme bands, wider (±15 %)
 * because a compact tower loses less per m² than the P+4 slabs that dominate those figures.
 */
const wider = (r: Reference): Reference => ({ ...r, tolerance: 0.15 })

function within(value: number, r: Reference): void {
  const lo = r.low * (1 - r.tolerance)
  const hi = r.high * (1 + r.tolerance)
  expect(value, `${value.toFixed(1)} vs ${r.source} ±${r.tolerance * 100} %`).toBeGreaterThan(lo)
  expect(value, `${value.toFixed(1)} vs ${r.source} ±${r.tolerance * 100} %`).toBeLessThan(hi)
}

describe('validation against published Romanian figures', () => {
  const prepared = prepareDistrict([P4, P10, HOUSE], P)
  const r = evaluateScenario(prepared, parseScenario({ name: 'v', measures: ['envelope'] }), P)
  const before = (i: number) => r.before.heatingNeedKWhPerM2Year[i] ?? Number.NaN
  const after = (i: number) => r.after.heatingNeedKWhPerM2Year[i] ?? Number.NaN
  const cut = (i: number) => (1 - after(i) / before(i)) * 100

  it('P+4 panel block of the 1970s: heating need before and after the envelope package', () => {
    within(before(0), BEFORE_P4)
    within(after(0), AFTER_P4)
    within(cut(0), CUT_P4)
    // and the programme's own target: under 100 kWh/m²a after rehabilitation (OUG 18/2009 [S12])
    expect(after(0)).toBeLessThan(100)
  })

  it('P+10 panel tower of the 1980s: the same bands, wider (no tower-only figure published)', () => {
    within(before(1), wider(BEFORE_P4))
    within(after(1), wider(AFTER_P4))
    within(cut(1), wider(CUT_P4))
    // physics the bands cannot show: the compact tower needs less per m² than the slab
    expect(before(1)).toBeLessThan(before(0))
  })

  it('a 1970s house: no published Romanian house figure; it needs more per m² than a flat', () => {
    // The only published national figure, 119 kWh/m²a useful heat for all dwellings [S10],
    // averages partly heated homes and flats; no band to compare against within a tolerance.
    // What holds: a detached house loses more per m² than any block, and more than that average.
    expect(before(2)).toBeGreaterThan(before(0))
    expect(before(2)).toBeGreaterThan(119)
    // the envelope package cuts it by at least the programme's lower figure for blocks
    expect(cut(2)).toBeGreaterThan(CUT_P4.low * (1 - CUT_P4.tolerance))
  })
})
