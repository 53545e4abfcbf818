import { describe, expect, it } from 'vitest'

import type { BuildingProperties } from '../buildings/types'

import { columnsFromRows, idsOf, propertiesAt, rowsOf } from './propertyColumns'

// Rows of different shapes: optional keys present or absent, nulls, a nested object, keys in
// another order, a boolean, numbers that are integers, fractions and negative.
const ROWS = [
  {
    kind: 'building',
    id: 'way/1',
    type: 'apartments',
    height_m: 13.75,
    year: null,
    provenance: { levels: 'tagged', year: 'default' },
  },
  {
    kind: 'building',
    id: 'way/2',
    type: 'apartments',
    height_m: 2.5,
    year: 1977,
    provenance: { levels: 'tagged', year: 'default' },
    addr_street: 'Strada Primăverii',
  },
  {
    id: 'relation/3',
    kind: 'building',
    type: 'house',
    height_m: -0.5,
    year: 1930,
    provenance: {},
    parts: [{ id: 'way/9', min_height_m: 3 }],
    flag: true,
  },
] as unknown as BuildingProperties[]

describe('property columns', () => {
  it('gives every row back with its own keys, in its own order, values unchanged', () => {
    const c = columnsFromRows(ROWS)
    expect(c.count).toBe(3)
    const back = rowsOf(structuredClone(c))
    expect(JSON.stringify(back)).toBe(JSON.stringify(ROWS))
    expect(Object.keys(propertiesAt(c, 2))).toEqual(Object.keys(ROWS[2]!))
    expect('addr_street' in propertiesAt(c, 0)).toBe(false)
  })

  it('keeps numbers in typed arrays and every distinct other value once', () => {
    const c = columnsFromRows(ROWS)
    const column = (key: string) => c.columns[c.keys.indexOf(key)]
    expect(column('height_m')?.kind).toBe('number')
    expect(column('year')?.kind).toBe('number')
    const type = column('type')
    expect(type?.kind === 'value' && type.distinct).toEqual(['apartments', 'house'])
    const provenance = column('provenance')
    expect(provenance?.kind === 'value' && provenance.distinct.length).toBe(2)
    // Equal objects come back as one shared object.
    expect(propertiesAt(c, 0).provenance).toBe(propertiesAt(c, 1).provenance)
  })

  it('reads nulls, booleans and ids back as they were', () => {
    const c = columnsFromRows(ROWS)
    expect(propertiesAt(c, 0).year).toBeNull()
    expect(propertiesAt(c, 1).year).toBe(1977)
    expect((propertiesAt(c, 2) as unknown as { flag: boolean }).flag).toBe(true)
    expect(idsOf(c)).toEqual(['way/1', 'way/2', 'relation/3'])
  })

  it('holds no rows for an empty district', () => {
    const c = columnsFromRows([])
    expect(rowsOf(c)).toEqual([])
    expect(idsOf(c)).toEqual([])
  })
})
