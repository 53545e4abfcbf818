/**
 * Kernel constants: everything the per-building loops read from the parameters, resolved once
 * per evaluation into plain numbers and small typed arrays indexed by archetype or system.
 */
import type { HeatingSystem } from '../../buildings/types'
import { classBoundsKWhPerM2Year } from '../classes'
import type { ClassRow, EnergyParameters } from '../parameters'
import { ENVELOPE_PARTS } from '../scenario'

import { resolveMeasures } from './measures'
import type { ResolvedMeasures } from './measures'
import { HEATING_SYSTEMS } from './prepare'
import { CARRIERS } from './results'

export interface Kernel {
  readonly dT: Float64Array
  readonly hours: Float64Array
  readonly designDT: number
  readonly phiInt: number
  readonly gFactor: number
  readonly cm: number
  readonly aH0: number
  readonly tauH0: number
  readonly gammaMax: number
  readonly cAir: number
  readonly bRoof: number
  readonly bFloor: number
  readonly dhw: number
  readonly lighting: number
  /** Actual ÷ calculated space heating before renovation (prebound) and after (rebound). */
  readonly prebound: number
  readonly rebound: number
  readonly fPGas: number
  readonly fPEl: number
  readonly fPDh: number
  readonly fCO2Gas: number
  readonly fCO2El: number
  readonly fCO2Dh: number
  readonly priceEur: Float64Array
  readonly pvExportEur: number
  readonly pvYield: number
  /** Mc 001-2022 Table 5.17 [S2]: PV used on site, PV exported, renewable part of grid power. */
  readonly fPPvSelf: number
  readonly fPExport: number
  readonly fPRenEl: number
  readonly row: ClassRow
  readonly bounds: Float64Array
  readonly boundsVent: Float64Array
  /** Individual houses, Mc 001-2022 Table 5.7 TOTAL row [S1]. */
  readonly houseBounds: Float64Array
  /** Cost lines (`costs.*`) and funding (`funding.*`): see `costs.ts`. */
  readonly vat: number
  readonly siteShare: number
  readonly designShare: number
  readonly ancRoofPerM2: number
  readonly ancWallPerFlat: number
  readonly grantShare: number
  readonly grantCapPerM2: number
  /** Owners' share of the cost after grants, normalised over the three shares. */
  readonly ownersShare: number
  readonly arch: {
    uWall: Float64Array
    uRoof: Float64Array
    uWin: Float64Array
    uFloor: Float64Array
    dU: Float64Array
    n: Float64Array
    g: Float64Array
  }
  /** By `HEATING_SYSTEMS` index. */
  readonly sysEtaH: Float64Array
  readonly sysEtaD: Float64Array
  readonly sysCarrier: Uint8Array
  /** Envelope state of a rehabilitated building: the measures' default values. */
  readonly rehab: ResolvedMeasures
}

function ownersShareOf(f: EnergyParameters['funding']): number {
  const sum = f.state_share.value + f.local_share.value + f.owners_share.value
  return sum > 0 ? f.owners_share.value / sum : 1 / 3
}

export function kernelOf(params: EnergyParameters): Kernel {
  const c = params.climate
  const dT = new Float64Array(12)
  const hours = new Float64Array(12)
  for (let m = 0; m < 12; m++) {
    dT[m] =
      c.indoor_setpoint_C.value - (c.monthly_mean_temp_C.value[m] ?? c.indoor_setpoint_C.value)
    hours[m] = (c.days_per_month.value[m] ?? 0) * 24
  }
  const ids = Object.keys(params.archetypes)
  const col = (f: (a: EnergyParameters['archetypes'][string]) => number) =>
    Float64Array.from(ids, (id) => {
      const a = params.archetypes[id]
      return a ? f(a) : 0
    })
  const sysOf = (h: HeatingSystem) => {
    const s = params.systems[params.heating_to_system[h]]
    if (!s) throw new RangeError(`heating_to_system.${h}: unknown system`)
    return s
  }
  const row = params.energy_classes.active_row.value
  return {
    dT,
    hours,
    designDT: c.indoor_setpoint_C.value - c.design_outdoor_temp_C.value,
    phiInt: params.gains.internal_gains_W_m2.value,
    // g_n × F_w (EN ISO 13790 eq. 45) × F_F × F_sh
    gFactor:
      params.gains.non_normal_incidence_factor.value *
      params.gains.frame_factor.value *
      params.gains.shading_factor.value,
    cm: params.gains.heat_capacity_Wh_m2K.value,
    aH0: params.gains.utilisation_a_H0.value,
    tauH0: params.gains.utilisation_tau_H0_h.value,
    gammaMax: params.gains.utilisation_gamma_max.value,
    cAir: params.gains.air_heat_capacity_Wh_m3K.value,
    bRoof: params.geometry.b_roof.value,
    bFloor: params.geometry.b_floor_over_basement.value,
    dhw: params.use.dhw_useful_kWh_m2a.value,
    lighting: params.use.lighting_kWh_m2a.value,
    prebound: params.use.prebound_factor.value,
    rebound: params.use.rebound_factor.value,
    fPGas: params.carriers.gas.primary_factor.value,
    fPEl: params.carriers.electricity.primary_factor.value,
    fPDh: params.carriers.district_heat.primary_factor.value,
    fCO2Gas: params.carriers.gas.co2_kg_per_kWh_primary.value,
    fCO2El: params.carriers.electricity.co2_kg_per_kWh_primary.value,
    fCO2Dh: params.carriers.district_heat.co2_kg_per_kWh_primary.value,
    priceEur: Float64Array.from(
      CARRIERS,
      (k) => params.carriers[k].price_lei_per_kWh.value / params.prices.eur_ron.value,
    ),
    pvExportEur: params.prices.pv_export_lei_per_kWh.value / params.prices.eur_ron.value,
    pvYield: c.pv_specific_yield_kWh_per_kWp.value,
    fPPvSelf: params.carriers_onsite.pv_selfconsumed_primary_factor.value,
    fPExport: params.carriers_onsite.pv_exported_primary_factor.value,
    fPRenEl: params.carriers_onsite.electricity_renewable_primary_factor.value,
    row,
    bounds: Float64Array.from(classBoundsKWhPerM2Year(params, row, false)),
    boundsVent: Float64Array.from(classBoundsKWhPerM2Year(params, row, true)),
    houseBounds: Float64Array.from(params.energy_classes.house_total_kWh_m2a.value),
    vat: params.costs.vat_rate.value,
    siteShare: params.costs.site_setup_scaffolding_share.value,
    designShare: params.costs.design_supervision_share.value,
    ancRoofPerM2: params.costs.ancillary_roof_waterproofing_eur_per_m2.value,
    ancWallPerFlat:
      params.costs.ancillary_balconies_eur_per_flat.value +
      params.costs.ancillary_common_parts_eur_per_flat.value,
    grantShare: params.funding.recovery_grant_share.value,
    grantCapPerM2: params.funding.recovery_grant_cap_eur_per_m2_built.value,
    ownersShare: ownersShareOf(params.funding),
    arch: {
      uWall: col((a) => a.u_wall_W_m2K.value),
      uRoof: col((a) => a.u_roof_W_m2K.value),
      uWin: col((a) => a.u_window_W_m2K.value),
      uFloor: col((a) => a.u_floor_W_m2K.value),
      dU: col((a) => a.thermal_bridge_W_m2K.value),
      n: col((a) => a.air_change_per_h.value),
      g: col((a) => a.g_window.value),
    },
    sysEtaH: Float64Array.from(HEATING_SYSTEMS, (h) => sysOf(h).efficiency_heating.value),
    sysEtaD: Float64Array.from(HEATING_SYSTEMS, (h) => sysOf(h).efficiency_dhw.value),
    sysCarrier: Uint8Array.from(HEATING_SYSTEMS, (h) => CARRIERS.indexOf(sysOf(h).carrier)),
    rehab: resolveMeasures(params, new Map(ENVELOPE_PARTS.map((id) => [id, {}]))),
  }
}
