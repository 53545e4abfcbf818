import { describe, expect, it } from 'vitest'

import { BUILDING_TYPE_DEFAULTS, STOREY_HEIGHT_M, buildingTypeDefault } from './defaults'
import { inferBuildingAttributes } from './infer'
import type { OverlayValues } from './infer'
import type { Tags } from './tags'

const H = STOREY_HEIGHT_M.value

describe('height and levels inference', () => {
  it.each<[string, string, Tags, OverlayValues, number, string, number, string]>([
    // label, type, tags, overlay, height, height provenance, levels, levels provenance
    [
      'height tag wins',
      'apartments',
      { height: '30', 'building:levels': '4' },
      {},
      30,
      'tagged',
      4,
      'tagged',
    ],
    [
      'levels × storey',
      'apartments',
      { 'building:levels': '10' },
      {},
      10 * H,
      'levels',
      10,
      'tagged',
    ],
    ['Romanian P+4', 'apartments', { 'building:levels': 'P+4' }, {}, 5 * H, 'levels', 5, 'tagged'],
    [
      'roof levels add',
      'apartments',
      { 'building:levels': '4', 'roof:levels': '1' },
      {},
      5 * H,
      'levels',
      4,
      'tagged',
    ],
    [
      'roof height adds',
      'house',
      { 'building:levels': '1', 'roof:height': '3' },
      {},
      H + 3,
      'levels',
      1,
      'tagged',
    ],
    ['apartments default P+4', 'apartments', {}, {}, 5 * H, 'default', 5, 'default'],
    ['house default', 'house', {}, {}, 2 * H + 2, 'default', 2, 'default'],
    ['garage default', 'garage', {}, {}, 2.5, 'default', 1, 'default'],
    ['unknown type → yes', 'spaceship', {}, {}, 6, 'default', 2, 'default'],
    [
      'garbage height falls back',
      'apartments',
      { height: 'abc', 'building:levels': '-3' },
      {},
      5 * H,
      'default',
      5,
      'default',
    ],
    ['levels from height', 'apartments', { height: '27.5' }, {}, 27.5, 'tagged', 10, 'tagged'],
    [
      'overlay height',
      'apartments',
      { height: '30' },
      { height_m: 12 },
      12,
      'overlay',
      4,
      'overlay',
    ],
    [
      'overlay levels',
      'apartments',
      { 'building:levels': '4' },
      { levels: 10 },
      10 * H,
      'levels',
      10,
      'overlay',
    ],
  ])('%s', (_label, type, tags, overlay, height, hp, levels, lp) => {
    const a = inferBuildingAttributes(tags, type, 500, overlay)
    expect(a.height_m).toBeCloseTo(height, 1)
    expect(a.provenance.height_m).toBe(hp)
    expect(a.levels).toBe(levels)
    expect(a.provenance.levels).toBe(lp)
    expect(a.height_m).toBeGreaterThan(0)
  })

  it('every documented type default gives a positive height and ≥ 1 storey', () => {
    for (const type of Object.keys(BUILDING_TYPE_DEFAULTS)) {
      const a = inferBuildingAttributes({}, type, 100)
      expect(a.height_m, type).toBeGreaterThan(0)
      expect(a.levels, type).toBeGreaterThanOrEqual(1)
      expect(buildingTypeDefault(type).src, type).not.toBe('')
    }
  })
})

describe('year, use, flats and heated area', () => {
  it.each<[string, string, Tags, number | null, string | undefined]>([
    ['start_date', 'apartments', { start_date: '1981' }, 1981, 'tagged'],
    ['building:start_date', 'apartments', { 'building:start_date': '1970s' }, 1975, 'tagged'],
    ['district block default', 'apartments', {}, 1977, 'default'],
    ['no default for houses', 'house', {}, null, undefined],
    ['garbage date', 'residential', { start_date: 'abc' }, 1977, 'default'],
  ])('year: %s', (_l, type, tags, year, prov) => {
    const a = inferBuildingAttributes(tags, type, 500)
    expect(a.year).toBe(year)
    expect(a.provenance.year).toBe(prov)
  })

  it.each<[string, string, Tags, string, string]>([
    ['apartments', 'apartments', {}, 'residential', 'tagged'],
    ['yes + amenity', 'yes', { amenity: 'clinic' }, 'non_residential', 'tagged'],
    ['plain yes', 'yes', {}, 'non_residential', 'default'],
    ['building:use', 'yes', { 'building:use': 'residential' }, 'residential', 'tagged'],
  ])('use: %s', (_l, type, tags, use, prov) => {
    const a = inferBuildingAttributes(tags, type, 500)
    expect(a.use).toBe(use)
    expect(a.provenance.use).toBe(prov)
  })

  it('derives heated area and flats from the footprint for blocks', () => {
    const a = inferBuildingAttributes({ 'building:levels': '5' }, 'apartments', 600)
    expect(a.heated_area_m2).toBe(600 * 5 * 0.8)
    expect(a.provenance.heated_area_m2).toBe('footprint')
    expect(a.flats).toBe(Math.round(2400 / 55))
    expect(a.provenance.flats).toBe('footprint')
  })

  it('uses tagged flats, one flat per house, none for non-residential, 0 m² for garages', () => {
    expect(inferBuildingAttributes({ 'building:flats': '40' }, 'apartments', 600).flats).toBe(40)
    expect(inferBuildingAttributes({}, 'house', 100)).toMatchObject({ flats: 1 })
    expect(inferBuildingAttributes({}, 'office', 100).flats).toBeNull()
    expect(inferBuildingAttributes({}, 'garage', 20).heated_area_m2).toBe(0)
  })
})
