/** Which buildings a scenario selects: all, a list of ids, or a filter on their attributes. */
import { ENERGY_CLASS_LABELS, NOT_RATED } from '../classes'
import type { BuildingFilter, Scenario } from '../scenario'

import { HEATING_SYSTEMS } from './prepare'
import type { PreparedDistrict } from './prepare'
import type { StateArrays } from './results'

export function selectBuildings(
  p: PreparedDistrict,
  scenario: Scenario,
  before: StateArrays,
  into?: Uint8Array,
): Uint8Array {
  const sel = into?.fill(0) ?? new Uint8Array(p.count)
  const b = scenario.buildings
  if (b === 'all') {
    sel.fill(1)
    return sel
  }
  if ('ids' in b) {
    for (const id of b.ids) {
      const i = p.indexById.get(id)
      if (i !== undefined) sel[i] = 1
    }
    return sel
  }
  const f: BuildingFilter = b.filter
  const heating = f.heating ? new Set(f.heating.map((h) => HEATING_SYSTEMS.indexOf(h))) : null
  const types = f.type
    ? new Set(f.type.map((t) => p.typeNames.indexOf(t)).filter((t) => t >= 0))
    : null
  const classes = f.class ? new Set(f.class.map((c) => ENERGY_CLASS_LABELS.indexOf(c))) : null
  const use = f.use ? new Set<number>(f.use.map((u) => (u === 'residential' ? 1 : 0))) : null
  for (let i = 0; i < p.count; i++) {
    const y = p.year[i] ?? 0
    const lv = p.levels[i] ?? 0
    const a = p.refAreaM2[i] ?? 0
    if (f.year_min !== undefined && y < f.year_min) continue
    if (f.year_max !== undefined && y > f.year_max) continue
    if (f.levels_min !== undefined && lv < f.levels_min) continue
    if (f.levels_max !== undefined && lv > f.levels_max) continue
    if (f.heated_area_min_m2 !== undefined && a < f.heated_area_min_m2) continue
    if (f.heated_area_max_m2 !== undefined && a > f.heated_area_max_m2) continue
    if (heating && !heating.has(p.heating[i] ?? 0)) continue
    if (types && !types.has(p.typeCode[i] ?? 0)) continue
    if (use && !use.has(p.residential[i] ?? 0)) continue
    if (f.rehabilitated !== undefined && (p.rehabilitated[i] === 1) !== f.rehabilitated) continue
    if (classes && !classes.has(before.classIndex[i] ?? NOT_RATED)) continue
    sel[i] = 1
  }
  return sel
}
