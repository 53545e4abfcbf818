import { describe, expect, it } from 'vitest'

import {
  getAddressFromTags,
  getBuildingType,
  parseFlats,
  parseHeightM,
  parseLevels,
  parseYear,
} from './tags'

describe('parseLevels', () => {
  it.each([
    ['5', 5],
    [' 10 ', 10],
    ['P+4', 5],
    ['p + 10', 11],
    ['S+P+4', 5],
    ['P+4+M', 5],
    ['P', 1],
    ['4;5', 5],
    ['4.5', 5],
    ['4,4', 4],
    ['15 m', null],
    ['-3', null],
    ['0', null],
    ['', null],
    [' ', null],
    ['abc', null],
    ['1e9', null],
    ['201', null],
    ['NaN', null],
    ['Infinity', null],
    [undefined, null],
  ])('%j → %j', (raw, expected) => {
    expect(parseLevels(raw)).toBe(expected)
  })
})

describe('parseHeightM', () => {
  it.each([
    ['15', 15],
    ['15 m', 15],
    ['15m', 15],
    ['15.5', 15.5],
    ['15,5', 15.5],
    ['4.5', 4.5],
    ['4;5', 5],
    ['50 ft', 15.24],
    ["10'", 3.048],
    ['P+4', null],
    ['-3', null],
    ['0', null],
    ['', null],
    ['abc', null],
    ['1e9', null],
    ['1001', null],
    ['15 km', null],
    [undefined, null],
  ])('%j → %j', (raw, expected) => {
    const h = parseHeightM(raw)
    if (expected === null) expect(h).toBeNull()
    else expect(h).toBeCloseTo(expected, 6)
  })
})

describe('parseYear', () => {
  it.each([
    ['1975', 1975],
    ['1975-06', 1975],
    ['1975-06-12', 1975],
    ['~1978', 1978],
    ['1970s', 1975],
    ['1972..1978', 1975],
    ['C20', null],
    ['before 1980', null],
    ['P+4', null],
    ['4;5', null],
    ['15 m', null],
    ['-3', null],
    ['', null],
    ['abc', null],
    ['1e9', null],
    ['4.5', null],
    ['0999', null],
    ['2101', null],
    [undefined, null],
  ])('%j → %j', (raw, expected) => {
    expect(parseYear(raw)).toBe(expected)
  })
})

describe('parseFlats', () => {
  it.each([
    ['40', 40],
    ['0', 0],
    ['4.5', null],
    ['-3', null],
    ['', null],
    ['abc', null],
    ['1e9', null],
    ['99999', null],
  ])('%j → %j', (raw, expected) => {
    expect(parseFlats(raw)).toBe(expected)
  })
})

describe('tag helpers', () => {
  it.each([
    [{ building: 'apartments' }, 'apartments'],
    [{ building: ' Yes ' }, 'yes'],
    [{ building: 'no' }, null],
    [{ building: '' }, null],
    [{ highway: 'residential' }, null],
  ])('getBuildingType(%j) → %j', (tags, expected) => {
    expect(getBuildingType(tags)).toBe(expected)
  })

  it.each([
    [{ 'addr:street': 'Strada Primăverii', 'addr:housenumber': '5' }, 'Strada Primăverii 5'],
    [{ 'addr:street': 'Strada Primăverii' }, null],
    [{ 'addr:housenumber': '5' }, null],
  ])('getAddressFromTags(%j) → %j', (tags, expected) => {
    expect(getAddressFromTags(tags)).toBe(expected)
  })
})
