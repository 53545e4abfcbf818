/**
 * One district, opened once: its dataset (buildings' properties and packed footprints), the
 * prepared energy model and the caches that make an edit cost only what it changes. Pure (no
 * I/O): the district worker is a thin shell that turns a URL or a file into `DatasetParts`
 * and forwards requests here; tests and scripts use it directly.
 *
 * Caches, each keyed by exactly what it depends on:
 * - parameters by the scenario's assumption overrides (`DEFAULT_PARAMETERS` itself when there
 *   are none), so the engine's baseline cache, keyed by parameter identity, hits;
 * - prepared columns by the prepare-relevant assumptions; a block correction re-prepares only
 *   the rows it changed (`withRows`);
 * - the last evaluation by the scenario without its name (renaming evaluates nothing).
 */
import type {
  BuildingFeature,
  BuildingProperties,
  DistrictDataset,
  HeatingSystem,
} from '@/domain/buildings/types'
import { OSM_ATTRIBUTION } from '@/domain/buildings/types'
import { datasetOrigin } from '@/domain/dataset/origin'
import {
  buildingIdOf,
  datasetFromParts,
  isBuildingFeature,
  withProperties,
} from '@/domain/dataset/packedDataset'
import type { DatasetParts } from '@/domain/dataset/packedDataset'
import { measuresAlone } from '@/domain/energy/district/alone'
import type { MeasureAlone } from '@/domain/energy/district/alone'
import { buildingResult } from '@/domain/energy/district/building'
import type { BuildingResult } from '@/domain/energy/district/building'
import { evaluateScenario } from '@/domain/energy/district/evaluate'
import { withRows } from '@/domain/energy/district/patch'
import { needsPrepare, prepareDistrict } from '@/domain/energy/district/prepare'
import type { PreparedDistrict } from '@/domain/energy/district/prepare'
import type { ScenarioResult } from '@/domain/energy/district/results'
import { buildingInputFromFeature, inputsFromDataset } from '@/domain/energy/input'
import { DEFAULT_PARAMETERS, withOverrides } from '@/domain/energy/parameters'
import type { EnergyParameters } from '@/domain/energy/parameters'
import { evaluateRanges, onlyBuilding, rangeSteps, tornado } from '@/domain/energy/ranges'
import type { DistrictRanges, TornadoBar } from '@/domain/energy/ranges'
import {
  assessmentCsv,
  assessmentReport,
  buildingRangesJson,
  csvCell,
} from '@/domain/energy/report'
import { parseScenario } from '@/domain/energy/scenario'
import type { Scenario } from '@/domain/energy/scenario'
import { createLocalProjection } from '@/domain/geo/projection'
import type { LocalProjection } from '@/domain/geo/projection'
import { planDistrict } from '@/domain/planner/plan'
import type { Plan, PlanRequest } from '@/domain/planner/plan'
import { planCsv, planJson } from '@/domain/planner/report'

import { summariseResult } from './energySummary'
import type { EnergySummary } from './energySummary'
import { summarisePlan } from './planSummary'
import type { PlanSummary } from './planSummary'

/** What a user may correct for one block in the inspector (wins over the dataset). */
export interface BuildingOverride {
  year?: number | null
  heating?: HeatingSystem | null
  rehabilitated?: number | null
  levels?: number
}

export type BuildingOverrides = Readonly<Record<string, BuildingOverride>>

/** What the inspector shows for one building. */
export interface BuildingInspection {
  result: BuildingResult
  /** `{figure: [low, high]}` of this building (ranges.ts). */
  ranges: Record<string, [number, number]>
  /** The three assumptions that move it most. */
  tornado: { figure: string; bars: TornadoBar[] }
  /** Each measure of the scenario applied alone to this building. */
  perMeasure: MeasureAlone[]
}

/** The "today" scenario: no measures, so after = before. */
export const BASELINE_SCENARIO = { name: 'Today', measures: [] }

/** A building's properties with a correction applied (provenance says "overlay"). */
export function correctedProperties(
  properties: BuildingProperties,
  o: BuildingOverride,
): BuildingProperties {
  const p = { ...properties, provenance: { ...properties.provenance } }
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
  return p
}

export class DistrictSession {
  /** The dataset as opened (packed features; corrections are never written into it). */
  readonly dataset: DistrictDataset
  private readonly buildings: readonly BuildingFeature[]
  private readonly projection: LocalProjection
  /** Engine index of each building in dataset order, -1 where the engine skips it. */
  private engineIndex = new Int32Array(0)
  private skipped = 0
  private params: { key: string; params: EnergyParameters } = {
    key: '{}',
    params: DEFAULT_PARAMETERS,
  }
  private prepared: { key: string; prepared: PreparedDistrict } | null = null
  /** Corrections as applied to `prepared`, one JSON text per block. */
  private applied = new Map<string, string>()
  private overrides: BuildingOverrides = {}
  private byId: Map<string, BuildingFeature> | null = null
  /** The last plan, whole, for its export (the page gets only its summary). */
  private lastPlan: Plan | null = null
  private last: {
    key: string
    prepared: PreparedDistrict
    params: EnergyParameters
    result: ScenarioResult
  } | null = null
  /** The result before `last`, whose arrays the next evaluation overwrites (double buffer). */
  private spare: ScenarioResult | null = null

  private constructor(parts: DatasetParts) {
    this.dataset = datasetFromParts(parts)
    this.buildings = this.dataset.features.filter(isBuildingFeature)
    this.projection = createLocalProjection(datasetOrigin(parts.metadata))
  }

  /**
   * Open a district from its parts, however they were read (streamed GeoJSON, a columnar
   * file, an imported OSM file): the session does not know or care. Cheap: the energy model
   * is prepared at the first request, so opening never delays the first frame.
   */
  static open(parts: DatasetParts): DistrictSession {
    return new DistrictSession(parts)
  }

  /** Per-block corrections for the following requests (rows are patched when they change). */
  setOverrides(overrides: BuildingOverrides): void {
    this.overrides = overrides
  }

  /**
   * The engine's result of a scenario (JSON form), engine order; cached as described above.
   * Its arrays are reused by the evaluation after next: read it before evaluating twice more.
   */
  result(scenarioJson: unknown): ScenarioResult {
    return this.run(scenarioJson).result
  }

  /** Evaluate a scenario (JSON form) into the page's summary. Throws ScenarioError. */
  evaluate(scenarioJson: unknown): EnergySummary {
    const { result } = this.run(scenarioJson)
    return summariseResult(this.engineIndex, result, this.skipped)
  }

  /**
   * One building's full result, or null when the engine skipped it, with each measure's own
   * effect: the saving and cost of that measure alone on this building (one building's work).
   */
  inspect(scenarioJson: unknown, id: string): BuildingInspection | null {
    const { scenario, result, prepared, params } = this.run(scenarioJson)
    const index = prepared.indexById.get(id)
    if (index === undefined) return null
    // This building alone, with the district's columns sliced: ranges and tornado are cheap.
    const one = onlyBuilding(prepared, index)
    const oneResult = evaluateScenario(one, scenario, params)
    return {
      result: buildingResult(prepared, result, index),
      perMeasure: measuresAlone(prepared, scenario, params, index),
      ranges: buildingRangesJson(evaluateRanges(one, scenario, params, oneResult), 0),
      tornado: tornado(prepared, index, scenario, params),
    }
  }

  /** Low–high of the district totals (all buildings and per use class), after `evaluate`. */
  ranges(scenarioJson: unknown): DistrictRanges['totals'] {
    const steps = this.rangeSteps(scenarioJson)
    for (;;) {
      const step = steps.next()
      if (step.done) return step.value
    }
  }

  /** `ranges` one range end at a time (`rangeSteps`), for a caller that may stop between. */
  *rangeSteps(scenarioJson: unknown): Generator<void, DistrictRanges['totals'], void> {
    const { scenario, result, prepared, params } = this.run(scenarioJson)
    const steps = rangeSteps(prepared, scenario, params, result, { buildings: false })
    return (yield* steps).totals
  }

  /** The same report `npm run assess` writes, as text. */
  report(scenarioJson: unknown, format: 'csv' | 'json'): string {
    const withScenario = scenarioJson !== null && scenarioJson !== undefined
    const { result, prepared } = this.run(scenarioJson)
    const report = assessmentReport(prepared, result, withScenario)
    return format === 'csv' ? assessmentCsv(report, withScenario) : JSON.stringify(report, null, 2)
  }

  /**
   * Plan `request` on this district with the assumptions of `scenarioJson` (the editor's) and
   * the current corrections; the plan is kept for `planReport`. Throws PlanError.
   */
  plan(
    request: PlanRequest,
    scenarioJson: unknown,
    onProgress?: (fraction: number) => void,
  ): PlanSummary {
    const scenario = parseScenario(scenarioJson ?? BASELINE_SCENARIO)
    const params = this.paramsOf(scenario.assumptions)
    const prepared = this.preparedFor(scenario, params)
    const plan = planDistrict(prepared, params, request, {
      assumptions: scenario.assumptions,
      ...(onProgress && { onProgress: (f: number) => onProgress(0.95 * f) }),
    })
    this.lastPlan = plan
    // Its scenario evaluated once: the playback's classes, and a cache hit for "use as scenario".
    const evaluated = this.evaluate(plan.scenario)
    return summarisePlan(plan, evaluated, this.buildings.map(buildingIdOf))
  }

  /** The last plan as the file `npm run plan` writes, with the data's attribution; null if none. */
  planReport(format: 'csv' | 'json'): string | null {
    const plan = this.lastPlan
    if (!plan) return null
    if (format === 'json') return planJson({ ...plan, attribution: OSM_ATTRIBUTION } as Plan)
    return `${planCsv(plan)}\n${['attribution', OSM_ATTRIBUTION].map(csvCell).join(',')}\n`
  }

  /** Parameters of a scenario's assumptions: the same object for the same overrides. */
  private paramsOf(assumptions: Scenario['assumptions']): EnergyParameters {
    const key = JSON.stringify(assumptions)
    if (key !== this.params.key) {
      const params =
        Object.keys(assumptions).length === 0
          ? DEFAULT_PARAMETERS
          : withOverrides(DEFAULT_PARAMETERS, assumptions as Record<string, never>)
      this.params = { key, params }
    }
    return this.params.params
  }

  /** The prepared district for these parameters with the current corrections. */
  private preparedFor(scenario: Scenario, params: EnergyParameters): PreparedDistrict {
    // Geometry-derived columns depend on a few parameters only; re-prepare when those change.
    const key = JSON.stringify(
      Object.entries(scenario.assumptions).filter(([path]) => needsPrepare(path)),
    )
    if (this.prepared?.key !== key) {
      const { inputs, skipped } = inputsFromDataset(this.dataset)
      const prepared = prepareDistrict(inputs, params)
      this.prepared = { key, prepared }
      this.applied = new Map()
      this.skipped = skipped.length
      this.engineIndex = Int32Array.from(
        this.buildings,
        (b) => prepared.indexById.get(buildingIdOf(b)) ?? -1,
      )
    }
    const rows = new Map<number, ReturnType<typeof buildingInputFromFeature>>()
    const ids = new Set([...this.applied.keys(), ...Object.keys(this.overrides)])
    const p = this.prepared.prepared
    for (const id of ids) {
      const o = this.overrides[id]
      const text = o === undefined ? undefined : JSON.stringify(o)
      if (text === this.applied.get(id)) continue
      if (text === undefined) this.applied.delete(id)
      else this.applied.set(id, text)
      const index = p.indexById.get(id)
      const feature = this.featureOf(id)
      if (index === undefined || !feature) continue
      const corrected = o
        ? withProperties(feature, correctedProperties(feature.properties, o))
        : feature
      rows.set(index, buildingInputFromFeature(corrected, this.projection))
    }
    if (rows.size > 0) this.prepared = { key, prepared: withRows(p, rows, p.params) }
    return this.prepared.prepared
  }

  private featureOf(id: string): BuildingFeature | undefined {
    this.byId ??= new Map(this.buildings.map((b) => [buildingIdOf(b), b]))
    return this.byId.get(id)
  }

  private run(scenarioJson: unknown): {
    scenario: Scenario
    result: ScenarioResult
    prepared: PreparedDistrict
    params: EnergyParameters
  } {
    const scenario = parseScenario(scenarioJson ?? BASELINE_SCENARIO)
    const params = this.paramsOf(scenario.assumptions)
    const prepared = this.preparedFor(scenario, params)
    // The name is a label, not an input: renaming a scenario evaluates nothing.
    const key = JSON.stringify({ ...scenario, name: '' })
    const last = this.last
    if (last && last.key === key && last.prepared === prepared && last.params === params) {
      return { scenario, result: { ...last.result, scenario }, prepared, params }
    }
    const spare = this.spare
    const into = spare && spare.costEur.length === prepared.count ? { into: spare } : {}
    const result = evaluateScenario(prepared, scenario, params, into)
    this.spare = last?.result ?? null
    this.last = { key, prepared, params, result }
    return { scenario, result, prepared, params }
  }
}
