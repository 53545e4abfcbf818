import { describe, expect, it } from 'vitest'

import type { BuildingProperties } from '../buildings/types'

import { colourByProvenance, colourByType } from './colourBuildings'
import { NEUTRAL_COLOUR, PROVENANCE_COLOURS, TYPE_COLOURS } from './palettes'

const building = (type: string, heightProvenance?: 'tagged' | 'default'): BuildingProperties => ({
  kind: 'building',
  id: `way/${type}`,
  type,
  name: null,
  address: null,
  footprint_area_m2: 100,
  height_m: 10,
  levels: 3,
  year: null,
  use: 'residential',
  flats: null,
  heated_area_m2: 250,
  heating: null,
  rehabilitated: null,
  epc_class: null,
  provenance: heightProvenance ? { height_m: heightProvenance } : {},
})

describe('building colourings', () => {
  it('writes 4 opaque bytes per building, in order', () => {
    const colours = colourByType([building('apartments'), building('unknown-type')])
    expect(colours).toHaveLength(8)
    expect([...colours.subarray(0, 3)]).toEqual([...(TYPE_COLOURS.apartments ?? [])])
    expect([...colours.subarray(4, 7)]).toEqual([...NEUTRAL_COLOUR])
    expect(colours[3]).toBe(255)
  })

  it('colours by the provenance of one attribute, neutral where absent', () => {
    const colours = colourByProvenance(
      [building('house', 'tagged'), building('house', 'default'), building('house')],
      'height_m',
    )
    expect([...colours.subarray(0, 3)]).toEqual([...PROVENANCE_COLOURS.tagged])
    expect([...colours.subarray(4, 7)]).toEqual([...PROVENANCE_COLOURS.default])
    expect([...colours.subarray(8, 11)]).toEqual([...NEUTRAL_COLOUR])
  })
})
