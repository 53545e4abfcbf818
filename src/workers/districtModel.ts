import type {
  BuildingFeature,
  ContextFeature,
  DistrictDataset,
  HeatingSystem,
} from '@/domain/buildings/types'
import { buildingResult, type BuildingResult } from '@/domain/energy/district/building'
import { evaluateScenario } from '@/domain/energy/district/evaluate'
import {
  needsPrepare,
  prepareDistrict,
  type PreparedDistrict,
} from '@/domain/energy/district/prepare'
import type { ScenarioResult } from '@/domain/energy/district/results'
import { withProperties } from '@/domain/dataset/packedDataset'
import { inputsFromDataset } from '@/domain/energy/input'
import { DEFAULT_PARAMETERS, withOverrides } from '@/domain/energy/parameters'
import { assessmentCsv, assessmentReport } from '@/domain/energy/report'
import { parseScenario, type Scenario } from '@/domain/energy/scenario'

import { summariseResult, type EnergySummary } from './energySummary'

/** What the inspector shows for one building. */
export interface BuildingInspection {
  result: BuildingResult
  /** Each measure of the scenario applied alone to this building. */
  perMeasure: { id: string; saving_pct: number; cost_eur: number; bill_saving_eur_a: number }[]
}

/** The "today" scenario: no measures, so after = before. */
export const BASELINE_SCENARIO = { name: 'Today', measures: [] }

/**
 * One dataset's energy model, kept where it is used (the district worker): prepared columns
 * are built once per dataset and parameter set, then every evaluation reuses them.
 */
/** What a user may correct for one block in the inspector (wins over the dataset). */
export interface BuildingOverride {
  year?: number | null
  heating?: HeatingSystem | null
  rehabilitated?: number | null
  levels?: number
}

export type BuildingOverrides = Readonly<Record<string, BuildingOverride>>

export class DistrictModel {
  private prepared: PreparedDistrict | null = null
  private preparedKey = ''
  private overrides: BuildingOverrides = {}
  private overridesKey = '{}'
  private skipped = 0
  private last: { key: string; scenario: Scenario; result: ScenarioResult } | null = null

  constructor(readonly dataset: DistrictDataset) {}

  /** Per-block corrections; the next evaluation prepares again when they changed. */
  setOverrides(overrides: BuildingOverrides): void {
    const key = JSON.stringify(overrides)
    if (key === this.overridesKey) return
    this.overrides = overrides
    this.overridesKey = key
    this.prepared = null
  }

  /** The dataset with per-block corrections applied (a shallow copy; the original is kept). */
  private correctedDataset(): DistrictDataset {
    if (Object.keys(this.overrides).length === 0) return this.dataset
    return {
      ...this.dataset,
      features: this.dataset.features.map((f): BuildingFeature | ContextFeature => {
        if (f.properties.kind !== 'building') return f
        const b = f as BuildingFeature
        const o = this.overrides[b.properties.id]
        if (!o) return b
        const p = { ...b.properties, provenance: { ...b.properties.provenance } }
        if (o.year !== undefined) {
          p.year = o.year
          p.provenance.year = 'overlay'
        }
        if (o.heating !== undefined) {
          p.heating = o.heating
          p.provenance.heating = 'overlay'
        }
        if (o.rehabilitated !== undefined) {
          p.rehabilitated = o.rehabilitated
          p.provenance.rehabilitated = 'overlay'
        }
        if (o.levels !== undefined && o.levels >= 1) {
          // Keep the storey height; the heated area follows the storeys.
          const storeyM = p.height_m / Math.max(1, p.levels)
          p.heated_area_m2 = (p.heated_area_m2 / Math.max(1, p.levels)) * o.levels
          p.levels = o.levels
          p.height_m = storeyM * o.levels
          p.provenance.levels = 'overlay'
        }
        return withProperties(b, p)
      }),
    }
  }

  private evaluate(scenarioJson: unknown): {
    scenario: Scenario
    result: ScenarioResult
    prepared: PreparedDistrict
  } {
    const scenario = parseScenario(scenarioJson ?? BASELINE_SCENARIO)
    const key = JSON.stringify(scenario)
    const params = withOverrides(DEFAULT_PARAMETERS, scenario.assumptions as Record<string, never>)
    // Geometry-derived columns depend on a few parameters only; re-prepare when those change.
    const prepareKey = JSON.stringify(
      Object.entries(scenario.assumptions).filter(([path]) => needsPrepare(path)),
    )
    if (!this.prepared || prepareKey !== this.preparedKey) {
      const { inputs, skipped } = inputsFromDataset(this.correctedDataset())
      this.prepared = prepareDistrict(inputs, params)
      this.preparedKey = prepareKey
      this.skipped = skipped.length
      this.last = null
    }
    if (this.last?.key !== key) {
      this.last = { key, scenario, result: evaluateScenario(this.prepared, scenario, params) }
    }
    return { scenario, result: this.last.result, prepared: this.prepared }
  }

  /** Evaluate a scenario (JSON form) into the page's summary. Throws ScenarioError. */
  summary(scenarioJson: unknown): EnergySummary {
    const { result, prepared } = this.evaluate(scenarioJson)
    return summariseResult(this.dataset, prepared.indexById, result, this.skipped)
  }

  /**
   * One building's full result, or null when the engine skipped it, with each measure's own
   * effect: the saving and cost of that measure alone on this building.
   */
  building(scenarioJson: unknown, id: string): BuildingInspection | null {
    const { scenario, result, prepared } = this.evaluate(scenarioJson)
    const index = prepared.indexById.get(id)
    if (index === undefined) return null
    const params = withOverrides(DEFAULT_PARAMETERS, scenario.assumptions as Record<string, never>)
    const perMeasure = scenario.measures.map((m) => {
      const alone = evaluateScenario(
        prepared,
        { ...scenario, measures: [m], buildings: { ids: [id] }, rollout: null },
        params,
      )
      const r = buildingResult(prepared, alone, index)
      return {
        id: m.id,
        saving_pct: r.saving_pct ?? 0,
        cost_eur: r.cost_eur ?? 0,
        bill_saving_eur_a: r.bill_saving_eur_a ?? 0,
      }
    })
    return { result: buildingResult(prepared, result, index), perMeasure }
  }

  /** The same report `npm run assess` writes, as text. */
  report(scenarioJson: unknown, format: 'csv' | 'json'): string {
    const withScenario = scenarioJson !== null && scenarioJson !== undefined
    const { result, prepared } = this.evaluate(scenarioJson)
    const report = assessmentReport(prepared, result, withScenario)
    return format === 'csv' ? assessmentCsv(report, withScenario) : JSON.stringify(report, null, 2)
  }
}
