import { describe, expect, it } from 'vitest'

import { inferUseClass, parseUseClass, classFromShape, classOfProperties } from './useClass'

describe('use classes', () => {
  it('reads block and house types from building=* as tagged', () => {
    expect(inferUseClass({}, 'apartments', 700, 5, true)).toEqual({
      value: 'apartment_block',
      provenance: 'tagged',
    })
    expect(inferUseClass({}, 'dormitory', 700, 5, false).value).toBe('apartment_block')
    expect(inferUseClass({}, 'house', 90, 2, true)).toEqual({
      value: 'house',
      provenance: 'tagged',
    })
    expect(inferUseClass({}, 'detached', 90, 2, false).value).toBe('house')
  })

  it('makes every other specific type non-residential, shops in a block stay a block', () => {
    expect(inferUseClass({}, 'university', 3000, 4, true).value).toBe('non_residential')
    expect(inferUseClass({}, 'school', 3000, 3, false).value).toBe('non_residential')
    expect(inferUseClass({ shop: 'convenience' }, 'apartments', 700, 5, true).value).toBe(
      'apartment_block',
    )
  })

  it('building:use wins over building=*', () => {
    expect(inferUseClass({ 'building:use': 'retail' }, 'apartments', 700, 5, true)).toEqual({
      value: 'non_residential',
      provenance: 'tagged',
    })
    expect(inferUseClass({ 'building:use': 'apartments' }, 'yes', 700, 5, true).value).toBe(
      'apartment_block',
    )
  })

  it('an untyped building with a use tag is non-residential', () => {
    expect(inferUseClass({ amenity: 'pharmacy' }, 'yes', 700, 5, true)).toEqual({
      value: 'non_residential',
      provenance: 'tagged',
    })
  })

  it('an untyped building falls back on footprint and storeys, provenance inferred', () => {
    expect(inferUseClass({}, 'yes', 600, 5, true)).toEqual({
      value: 'apartment_block',
      provenance: 'inferred',
    })
    expect(inferUseClass({}, 'yes', 100, 2, true)).toEqual({
      value: 'house',
      provenance: 'inferred',
    })
    // between the two shapes, or storeys only a default: unknown
    expect(inferUseClass({}, 'yes', 600, 2, true).value).toBe('unknown')
    expect(inferUseClass({}, 'yes', 600, 5, false).value).toBe('unknown')
  })

  it('a small low building=residential is a house (inferred)', () => {
    expect(inferUseClass({}, 'residential', 120, 1, true)).toEqual({
      value: 'house',
      provenance: 'inferred',
    })
    expect(inferUseClass({}, 'residential', 120, 1, false).value).toBe('apartment_block')
  })

  it('the thresholds are inclusive as documented', () => {
    expect(classFromShape(180, 4, true)).toBe('apartment_block')
    expect(classFromShape(179.9, 4, true)).toBe('unknown')
    expect(classFromShape(180, 2, true)).toBe('house')
  })

  it('the overlay wins and is parsed in English or Romanian', () => {
    expect(inferUseClass({}, 'apartments', 700, 5, true, 'non_residential')).toEqual({
      value: 'non_residential',
      provenance: 'overlay',
    })
    expect(parseUseClass('Bloc')).toBe('apartment_block')
    expect(parseUseClass('casă')).toBe('house')
    expect(parseUseClass('non-residential')).toBe('non_residential')
    expect(parseUseClass('castle')).toBeNull()
  })

  it('older datasets without use_class get the same rule from what they kept', () => {
    const base = { type: 'yes', levels: 5, footprint_area_m2: 600 }
    expect(classOfProperties({ ...base, provenance: { levels: 'tagged' } })).toBe('apartment_block')
    expect(classOfProperties({ ...base, provenance: { levels: 'default' } })).toBe('unknown')
    expect(classOfProperties({ ...base, provenance: {}, use_class: 'house' })).toBe('house')
  })
})
