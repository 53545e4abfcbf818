import { describe, expect, it } from 'vitest'

import { classBoundsKWhPerM2Year } from './classes'
import { DEFAULT_PARAMETERS } from './parameters'

describe('class threshold rows checked against Mc 001-2022 Table 5.8', () => {
  const c = DEFAULT_PARAMETERS.energy_classes
  const rows = [
    c.heating_kWh_m2a.value,
    c.cooling_kWh_m2a.value,
    c.mech_ventilation_kWh_m2a.value,
    c.dhw_kWh_m2a.value,
    c.lighting_kWh_m2a.value,
  ]

  it('the published TOTAL row is the sum of the five utility rows', () => {
    const sum = c.total_kWh_m2a.value.map((_, k) => rows.reduce((s, r) => s + (r[k] ?? 0), 0))
    expect(sum).toEqual([...c.total_kWh_m2a.value])
  })

  it('Nota 4 without cooling and ventilation gives 56/78/154/238/323/404/484, the default', () => {
    expect(c.active_row.value).toBe('no_cooling_no_ventilation')
    expect(classBoundsKWhPerM2Year(DEFAULT_PARAMETERS, 'no_cooling_no_ventilation')).toEqual([
      56, 78, 154, 238, 323, 404, 484,
    ])
    // the third-party row 60/84/168/… is not TOTAL − cooling − ventilation
    const minus = c.total_kWh_m2a.value.map(
      (t, k) => t - (c.cooling_kWh_m2a.value[k] ?? 0) - (c.mech_ventilation_kWh_m2a.value[k] ?? 0),
    )
    expect(minus).toEqual([56, 78, 154, 238, 323, 404, 484])
  })
})
