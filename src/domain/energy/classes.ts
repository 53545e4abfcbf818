/**
 * Energy classes A+ … G on the Mc 001-2022 scale for collective residential buildings
 * (Table 5.8 [S1]): bounds are upper limits of primary energy in kWh/(m²·a), open on the left
 * and closed on the right (a value equal to a bound belongs to the better class, Nota 1).
 */
import type { ClassRow, EnergyParameters } from './parameters'

/** Class labels in index order: `classIndex` 0 = A+ … 7 = G. */
export const ENERGY_CLASS_LABELS = ['A+', 'A', 'B', 'C', 'D', 'E', 'F', 'G'] as const

/** One energy class label. */
export type EnergyClass = (typeof ENERGY_CLASS_LABELS)[number]

/** Class index of a building the scale does not apply to (non-residential). */
export const NOT_RATED = 255

/**
 * Upper bounds (7 values, A+ … F; G above the last) of the chosen Table 5.8 row, kWh/(m²·a).
 * `total` is the TOTAL row as published [S1]. `no_cooling_no_ventilation` applies Nota 4 [S1]:
 * the utilities a Mănăștur block does not have are removed, i.e. heating + DHW + lighting rows
 * (56/78/154/238/323/404/484 [calc, D]); with `withVentilation` (a block that got MVHR) the
 * mechanical-ventilation row is added back.
 */
export function classBoundsKWhPerM2Year(
  params: EnergyParameters,
  row: ClassRow,
  withVentilation = false,
): number[] {
  const c = params.energy_classes
  if (row === 'total') return [...c.total_kWh_m2a.value]
  return c.heating_kWh_m2a.value.map(
    (h, k) =>
      h +
      (c.dhw_kWh_m2a.value[k] ?? 0) +
      (c.lighting_kWh_m2a.value[k] ?? 0) +
      (withVentilation ? (c.mech_ventilation_kWh_m2a.value[k] ?? 0) : 0),
  )
}

/** Class index (0 = A+ … 7 = G) of a primary energy in kWh/(m²·a) against `bounds`. */
export function classIndexOf(primaryKWhPerM2Year: number, bounds: ArrayLike<number>): number {
  for (let k = 0; k < bounds.length; k++) {
    if (primaryKWhPerM2Year <= (bounds[k] ?? Infinity)) return k
  }
  return bounds.length
}

/** Label of a class index, or null for `NOT_RATED`. */
export function classLabel(classIndex: number): EnergyClass | null {
  return ENERGY_CLASS_LABELS[classIndex] ?? null
}
