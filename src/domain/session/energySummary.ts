import type { DistrictTotals, ScenarioResult, YearTotals } from '@/domain/energy/district/results'
import { NOT_RATED } from '@/domain/energy/classes'
import type { ClassRow } from '@/domain/energy/parameters'

/**
 * What the page needs of an evaluated scenario, per building in DATASET order (the order of
 * the mesh's building index). Buildings the engine skips (unheated, unusable geometry) get
 * NaN and class 255. Float32 halves the bytes; figures are shown to 1 decimal at most.
 */
export interface EnergySummary {
  scenarioName: string
  classRow: ClassRow
  classBoundsKWhPerM2Year: readonly number[]
  classBefore: Uint8Array
  classAfter: Uint8Array
  needBefore: Float32Array
  needAfter: Float32Array
  primaryBefore: Float32Array
  primaryAfter: Float32Array
  co2Before: Float32Array
  co2After: Float32Array
  /** Primary-energy saving, %, NaN where the scenario does not touch the building. */
  savingPct: Float32Array
  costEur: Float32Array
  billSavingEurPerYear: Float32Array
  selected: Uint8Array
  totals: DistrictTotals
  byYear: readonly YearTotals[]
  /** Buildings the engine could not rate (unheated or unusable geometry). */
  skipped: number
}

/** Scatter a scenario result (engine order) into dataset order (`engineIndex`: -1 = skipped). */
export function summariseResult(
  engineIndex: Int32Array,
  result: ScenarioResult,
  skipped: number,
): EnergySummary {
  const n = engineIndex.length
  // Every element is written once below (skipped ones too): no fill before.
  const s: EnergySummary = {
    scenarioName: result.scenario.name,
    classRow: result.classRow,
    classBoundsKWhPerM2Year: result.classBoundsKWhPerM2Year,
    classBefore: new Uint8Array(n),
    classAfter: new Uint8Array(n),
    needBefore: new Float32Array(n),
    needAfter: new Float32Array(n),
    primaryBefore: new Float32Array(n),
    primaryAfter: new Float32Array(n),
    co2Before: new Float32Array(n),
    co2After: new Float32Array(n),
    savingPct: new Float32Array(n),
    costEur: new Float32Array(n),
    billSavingEurPerYear: new Float32Array(n),
    selected: new Uint8Array(n),
    totals: result.totals,
    byYear: result.byYear,
    skipped,
  }
  const { before, after } = result
  const nan = Number.NaN
  for (let d = 0; d < n; d++) {
    const e = engineIndex[d] ?? -1
    if (e < 0) {
      s.classBefore[d] = NOT_RATED
      s.classAfter[d] = NOT_RATED
      s.needBefore[d] = nan
      s.needAfter[d] = nan
      s.primaryBefore[d] = nan
      s.primaryAfter[d] = nan
      s.co2Before[d] = nan
      s.co2After[d] = nan
      s.savingPct[d] = nan
      s.costEur[d] = nan
      s.billSavingEurPerYear[d] = nan
      continue
    }
    s.classBefore[d] = before.classIndex[e] ?? NOT_RATED
    s.classAfter[d] = after.classIndex[e] ?? NOT_RATED
    s.needBefore[d] = before.heatingNeedKWhPerM2Year[e] ?? nan
    s.needAfter[d] = after.heatingNeedKWhPerM2Year[e] ?? nan
    const pb = before.primaryKWhPerM2Year[e] ?? nan
    const pa = after.primaryKWhPerM2Year[e] ?? nan
    s.primaryBefore[d] = pb
    s.primaryAfter[d] = pa
    s.co2Before[d] = before.co2KgPerM2Year[e] ?? nan
    s.co2After[d] = after.co2KgPerM2Year[e] ?? nan
    const selected = result.selected[e] ?? 0
    s.selected[d] = selected
    s.costEur[d] = result.costEur[e] ?? 0
    s.billSavingEurPerYear[d] = result.billSavingEurPerYear[e] ?? 0
    s.savingPct[d] = selected && pb > 0 ? ((pb - pa) / pb) * 100 : nan
  }
  return s
}

/** The typed arrays of a summary, for postMessage's transfer list. */
export function summaryTransferables(s: EnergySummary): ArrayBuffer[] {
  return [
    s.classBefore,
    s.classAfter,
    s.needBefore,
    s.needAfter,
    s.primaryBefore,
    s.primaryAfter,
    s.co2Before,
    s.co2After,
    s.savingPct,
    s.costEur,
    s.billSavingEurPerYear,
    s.selected,
  ].map((a) => a.buffer as ArrayBuffer)
}
