import { describe, expect, it } from 'vitest'

import type { BuildingProperties, Provenance } from '../buildings/types'

import {
  categorise,
  colourByCategory,
  colourByClass,
  colourByValue,
  heightConfidenceOf,
} from './colourBuildings'
import { CLASS_COLOURS, CLASS_COLOURS_CVD, DEMAND_RAMP, rampColour } from './energyPalettes'
import { NEUTRAL_COLOUR, PROVENANCE_COLOURS, TYPE_COLOURS } from './palettes'

const building = (type: string, heightProvenance?: Provenance): BuildingProperties => ({
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
    const buildings = [building('apartments'), building('unknown-type')]
    const colours = colourByCategory(
      categorise(buildings, (b) => b.type),
      TYPE_COLOURS,
    )
    expect(colours).toHaveLength(8)
    expect([...colours.subarray(0, 3)]).toEqual([...(TYPE_COLOURS.apartments ?? [])])
    expect([...colours.subarray(4, 7)]).toEqual([...NEUTRAL_COLOUR])
    expect(colours[3]).toBe(255)
  })

  it('colours by the provenance of one attribute, neutral where absent', () => {
    const buildings = [building('house', 'tagged'), building('house', 'default'), building('house')]
    const colours = colourByCategory(
      categorise(buildings, (b) => b.provenance.height_m),
      PROVENANCE_COLOURS,
    )
    expect([...colours.subarray(0, 3)]).toEqual([...PROVENANCE_COLOURS.tagged])
    expect([...colours.subarray(4, 7)]).toEqual([...PROVENANCE_COLOURS.default])
    expect([...colours.subarray(8, 11)]).toEqual([...NEUTRAL_COLOUR])
  })

  it('gives values joined from another dataset by footprint their own confidence class', () => {
    const buildings = [
      building('house', 'overlay:cadastre'),
      building('house', 'overlay:heights'),
      building('house', 'overlay'),
      building('house'),
    ]
    const colours = colourByCategory(categorise(buildings, heightConfidenceOf), PROVENANCE_COLOURS)
    expect([...colours.subarray(0, 3)]).toEqual([...PROVENANCE_COLOURS.overlay_match])
    expect([...colours.subarray(4, 7)]).toEqual([...PROVENANCE_COLOURS.overlay_match])
    expect([...colours.subarray(8, 11)]).toEqual([...PROVENANCE_COLOURS.overlay])
    expect([...colours.subarray(12, 15)]).toEqual([...NEUTRAL_COLOUR])
    expect(PROVENANCE_COLOURS.overlay_match).not.toEqual(PROVENANCE_COLOURS.overlay)
  })
})

describe('energy colourings', () => {
  it('maps class indices to the palette and unknown classes to neutral', () => {
    const colours = colourByClass(Uint8Array.from([0, 7, 255]), CLASS_COLOURS)
    expect([...colours.subarray(0, 3)]).toEqual([...(CLASS_COLOURS[0] ?? [])])
    expect([...colours.subarray(4, 7)]).toEqual([...(CLASS_COLOURS[7] ?? [])])
    expect([...colours.subarray(8, 11)]).toEqual([...NEUTRAL_COLOUR])
  })

  it('maps values along a ramp, clamping outside the range and skipping NaN', () => {
    const colours = colourByValue(
      Float64Array.from([0, 100, 50, 1e9, Number.NaN]),
      0,
      100,
      DEMAND_RAMP,
    )
    expect([...colours.subarray(0, 3)]).toEqual([...rampColour(DEMAND_RAMP, 0)])
    expect([...colours.subarray(4, 7)]).toEqual([...rampColour(DEMAND_RAMP, 1)])
    expect([...colours.subarray(8, 11)]).toEqual([...rampColour(DEMAND_RAMP, 128 / 255)])
    expect([...colours.subarray(12, 15)]).toEqual([...rampColour(DEMAND_RAMP, 1)])
    expect([...colours.subarray(16, 19)]).toEqual([...NEUTRAL_COLOUR])
  })

  it('has a colour-blind-safe class palette that gets lighter with every class', () => {
    const luminance = (c: readonly number[]) => 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!
    for (let i = 1; i < CLASS_COLOURS_CVD.length; i++) {
      expect(luminance(CLASS_COLOURS_CVD[i]!)).toBeGreaterThan(luminance(CLASS_COLOURS_CVD[i - 1]!))
    }
  })
})
