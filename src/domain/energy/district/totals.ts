/** Writing one building's outcome into state arrays, and district sums of those arrays. */
import { USE_CLASSES } from '../../buildings/useClass'
import { ENERGY_CLASS_LABELS, NOT_RATED } from '../classes'
import type { CarrierId } from '../parameters'

import type { Outcome } from './physics'
import type { PreparedDistrict } from './prepare'
import type { StateArrays, StateTotals } from './results'

export function newStateArrays(n: number): StateArrays {
  return {
    heatingNeedKWhPerM2Year: new Float64Array(n),
    deliveredKWhPerM2Year: new Float64Array(n),
    primaryKWhPerM2Year: new Float64Array(n),
    co2KgPerM2Year: new Float64Array(n),
    billEurPerYear: new Float64Array(n),
    classIndex: new Uint8Array(n),
    deliveredByCarrierKWhPerYear: new Float64Array(n * 3),
    pvKWhPerYear: new Float64Array(n),
    pvSelfKWhPerYear: new Float64Array(n),
    pvExportKWhPerYear: new Float64Array(n),
    netPrimaryKWhPerM2Year: new Float64Array(n),
    renewablePrimaryKWhPerM2Year: new Float64Array(n),
  }
}

/** Below this many buildings a range is copied element by element (no subarray views). */
const SHORT_RANGE = 64

function copyF64(to: Float64Array, from: Float64Array, start: number, end: number): void {
  if (end - start < SHORT_RANGE) for (let i = start; i < end; i++) to[i] = from[i] ?? 0
  else to.set(from.subarray(start, end), start)
}

function copyU8(to: Uint8Array, from: Uint8Array, start: number, end: number): void {
  if (end - start < SHORT_RANGE) for (let i = start; i < end; i++) to[i] = from[i] ?? 0
  else to.set(from.subarray(start, end), start)
}

/** Buildings `start` ≤ i < `end` of `from` into `out` (the buildings a scenario leaves alone). */
export function copyStates(out: StateArrays, from: StateArrays, start: number, end: number): void {
  if (end <= start) return
  copyF64(out.heatingNeedKWhPerM2Year, from.heatingNeedKWhPerM2Year, start, end)
  copyF64(out.deliveredKWhPerM2Year, from.deliveredKWhPerM2Year, start, end)
  copyF64(out.primaryKWhPerM2Year, from.primaryKWhPerM2Year, start, end)
  copyF64(out.co2KgPerM2Year, from.co2KgPerM2Year, start, end)
  copyF64(out.billEurPerYear, from.billEurPerYear, start, end)
  copyU8(out.classIndex, from.classIndex, start, end)
  copyF64(out.deliveredByCarrierKWhPerYear, from.deliveredByCarrierKWhPerYear, start * 3, end * 3)
  copyF64(out.pvKWhPerYear, from.pvKWhPerYear, start, end)
  copyF64(out.pvSelfKWhPerYear, from.pvSelfKWhPerYear, start, end)
  copyF64(out.pvExportKWhPerYear, from.pvExportKWhPerYear, start, end)
  copyF64(out.netPrimaryKWhPerM2Year, from.netPrimaryKWhPerM2Year, start, end)
  copyF64(out.renewablePrimaryKWhPerM2Year, from.renewablePrimaryKWhPerM2Year, start, end)
}

export function store(out: StateArrays, i: number, aRef: number, o: Outcome): void {
  out.heatingNeedKWhPerM2Year[i] = o.needKWh / aRef
  out.deliveredKWhPerM2Year[i] = o.deliveredKWh / aRef
  out.primaryKWhPerM2Year[i] = o.primaryKWh / aRef
  out.co2KgPerM2Year[i] = o.co2Kg / aRef
  out.billEurPerYear[i] = o.billEur
  out.classIndex[i] = o.classIndex
  out.deliveredByCarrierKWhPerYear[i * 3] = o.dGas
  out.deliveredByCarrierKWhPerYear[i * 3 + 1] = o.dEl
  out.deliveredByCarrierKWhPerYear[i * 3 + 2] = o.dDh
  out.pvKWhPerYear[i] = o.pvKWh
  out.pvSelfKWhPerYear[i] = o.pvSelfKWh
  out.pvExportKWhPerYear[i] = o.pvExportKWh
  out.netPrimaryKWhPerM2Year[i] = o.netPrimaryKWh / aRef
  out.renewablePrimaryKWhPerM2Year[i] = o.renewablePrimaryKWh / aRef
}

/** Running district sums of one state, in the units of `StateArrays` × area. */
export interface Sums {
  need: number
  delivered: number
  primary: number
  co2: number
  bill: number
  pv: number
  pvSelf: number
  pvExport: number
  net: number
  renewable: number
  gas: number
  el: number
  dh: number
  notRated: number
  readonly classCounts: Float64Array
}

export const newSums = (): Sums => ({
  need: 0,
  delivered: 0,
  primary: 0,
  co2: 0,
  bill: 0,
  pv: 0,
  pvSelf: 0,
  pvExport: 0,
  net: 0,
  renewable: 0,
  gas: 0,
  el: 0,
  dh: 0,
  notRated: 0,
  classCounts: new Float64Array(ENERGY_CLASS_LABELS.length),
})

/** Add building `i` (reference area `a`) of `s` to `t`. */
export function addBuilding(t: Sums, s: StateArrays, i: number, a: number): void {
  t.need += (s.heatingNeedKWhPerM2Year[i] ?? 0) * a
  t.delivered += (s.deliveredKWhPerM2Year[i] ?? 0) * a
  t.primary += (s.primaryKWhPerM2Year[i] ?? 0) * a
  t.co2 += (s.co2KgPerM2Year[i] ?? 0) * a
  t.bill += s.billEurPerYear[i] ?? 0
  t.pv += s.pvKWhPerYear[i] ?? 0
  t.pvSelf += s.pvSelfKWhPerYear[i] ?? 0
  t.pvExport += s.pvExportKWhPerYear[i] ?? 0
  t.net += (s.netPrimaryKWhPerM2Year[i] ?? 0) * a
  t.renewable += (s.renewablePrimaryKWhPerM2Year[i] ?? 0) * a
  const c3 = i * 3
  t.gas += s.deliveredByCarrierKWhPerYear[c3] ?? 0
  t.el += s.deliveredByCarrierKWhPerYear[c3 + 1] ?? 0
  t.dh += s.deliveredByCarrierKWhPerYear[c3 + 2] ?? 0
  const ci = s.classIndex[i] ?? NOT_RATED
  if (ci < ENERGY_CLASS_LABELS.length) t.classCounts[ci] = (t.classCounts[ci] ?? 0) + 1
  else t.notRated++
}

/** `t += u`, field by field. */
export function addSums(t: Sums, u: Sums): void {
  t.need += u.need
  t.delivered += u.delivered
  t.primary += u.primary
  t.co2 += u.co2
  t.bill += u.bill
  t.pv += u.pv
  t.pvSelf += u.pvSelf
  t.pvExport += u.pvExport
  t.net += u.net
  t.renewable += u.renewable
  t.gas += u.gas
  t.el += u.el
  t.dh += u.dh
  t.notRated += u.notRated
  u.classCounts.forEach((c, k) => (t.classCounts[k] = (t.classCounts[k] ?? 0) + c))
}

export function totalsOfSums(t: Sums): StateTotals {
  return {
    heatingNeedMWhPerYear: t.need / 1000,
    deliveredMWhPerYear: t.delivered / 1000,
    deliveredByCarrierMWhPerYear: {
      gas: t.gas / 1000,
      electricity: t.el / 1000,
      district_heat: t.dh / 1000,
    },
    pvMWhPerYear: t.pv / 1000,
    pvSelfConsumedMWhPerYear: t.pvSelf / 1000,
    pvExportedMWhPerYear: t.pvExport / 1000,
    primaryMWhPerYear: t.primary / 1000,
    netPrimaryMWhPerYear: t.net / 1000,
    renewablePrimaryMWhPerYear: t.renewable / 1000,
    co2TonnesPerYear: t.co2 / 1000,
    billEurPerYear: t.bill,
    classCounts: Array.from(t.classCounts),
    notRated: t.notRated,
  }
}

/** District sums of `s` over all buildings. */
export function totalsOf(p: PreparedDistrict, s: StateArrays): StateTotals {
  const t = newSums()
  for (let i = 0; i < p.count; i++) addBuilding(t, s, i, p.refAreaM2[i] ?? 0)
  return totalsOfSums(t)
}

/** District sums of `s` per use class (index as `USE_CLASSES`). */
export function sumsByUseClass(p: PreparedDistrict, s: StateArrays): Sums[] {
  const t = USE_CLASSES.map(() => newSums())
  for (let i = 0; i < p.count; i++) {
    const sums = t[p.useClass[i] ?? 3]
    if (sums) addBuilding(sums, s, i, p.refAreaM2[i] ?? 0)
  }
  return t
}

/** `base − minus + plus`, field by field. */
export function addTotals(base: StateTotals, minus: StateTotals, plus: StateTotals): StateTotals {
  const f = (key: Exclude<keyof StateTotals, 'deliveredByCarrierMWhPerYear' | 'classCounts'>) =>
    base[key] - minus[key] + plus[key]
  const c = (key: CarrierId) =>
    base.deliveredByCarrierMWhPerYear[key] -
    minus.deliveredByCarrierMWhPerYear[key] +
    plus.deliveredByCarrierMWhPerYear[key]
  return {
    heatingNeedMWhPerYear: f('heatingNeedMWhPerYear'),
    deliveredMWhPerYear: f('deliveredMWhPerYear'),
    deliveredByCarrierMWhPerYear: {
      gas: c('gas'),
      electricity: c('electricity'),
      district_heat: c('district_heat'),
    },
    pvMWhPerYear: f('pvMWhPerYear'),
    pvSelfConsumedMWhPerYear: f('pvSelfConsumedMWhPerYear'),
    pvExportedMWhPerYear: f('pvExportedMWhPerYear'),
    primaryMWhPerYear: f('primaryMWhPerYear'),
    netPrimaryMWhPerYear: f('netPrimaryMWhPerYear'),
    renewablePrimaryMWhPerYear: f('renewablePrimaryMWhPerYear'),
    co2TonnesPerYear: f('co2TonnesPerYear'),
    billEurPerYear: f('billEurPerYear'),
    classCounts: base.classCounts.map(
      (n, k) => n - (minus.classCounts[k] ?? 0) + (plus.classCounts[k] ?? 0),
    ),
    notRated: f('notRated'),
  }
}
