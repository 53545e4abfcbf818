/**
 * What `npm run assess` and `npm run plan` compute, from the texts of their input files to the
 * report's text: no file system, so the hostile-input tests run the CLIs' own code in-process.
 * Every failure is a CliError, DatasetError, ScenarioError or PlanError naming the input and
 * the field.
 */
import { readDataset } from '../../src/domain/dataset/readDataset'
import { evaluateScenario } from '../../src/domain/energy/district/evaluate'
import { prepareDistrict } from '../../src/domain/energy/district/prepare'
import type { SkippedBuilding } from '../../src/domain/energy/input'
import { inputsFromDataset } from '../../src/domain/energy/input'
import { DEFAULT_PARAMETERS, withOverrides } from '../../src/domain/energy/parameters'
import { assessmentCsv, assessmentReport } from '../../src/domain/energy/report'
import { parseScenario, parseScenarioText } from '../../src/domain/energy/scenario'
import type { MeasureId } from '../../src/domain/energy/scenario'
import { planDistrict } from '../../src/domain/planner/plan'
import type { PlanRequest } from '../../src/domain/planner/plan'
import { parseTarget, planCsv, planJson } from '../../src/domain/planner/report'

import { CliError } from './cliInput'

/** An input file's name (as errors name it) and its text. */
export interface NamedText {
  name: string
  text: string
}

/** `npm run assess`: the report's text and the buildings left out of it. */
export function assessText(
  district: NamedText,
  scenarioFile: NamedText | undefined,
  format: 'csv' | 'json',
): { text: string; assessed: number; skipped: SkippedBuilding[] } {
  const dataset = readDataset(district.text, district.name)
  const scenario = scenarioFile
    ? parseScenarioText(scenarioFile.text, 'scenario')
    : parseScenario({ name: 'Today', measures: [] })
  const params =
    Object.keys(scenario.assumptions).length > 0
      ? withOverrides(DEFAULT_PARAMETERS, scenario.assumptions)
      : DEFAULT_PARAMETERS
  const { inputs, skipped } = inputsFromDataset(dataset)
  if (inputs.length === 0) throw new CliError(`${district.name} has no heated buildings to assess`)
  const prepared = prepareDistrict(inputs, params)
  const result = evaluateScenario(prepared, scenario, params)
  const withScenario = scenarioFile !== undefined
  const report = assessmentReport(prepared, result, withScenario)
  const text =
    format === 'csv' ? assessmentCsv(report, withScenario) : `${JSON.stringify(report, null, 2)}\n`
  return { text, assessed: inputs.length, skipped }
}

/** The planner's flags as `parseArgs` gives them (strings; absent when not given). */
export interface PlanFlags {
  target?: string
  by?: string
  from?: string
  'budget-per-year'?: string
  'budget-total'?: string
  scope?: string
  packages?: string
  measures?: string
  'max-blocks-per-year'?: string
  'exclude-rehabilitated'?: boolean
  'owner-share'?: string
  'grant-share'?: string
}

function number(v: string | undefined, flag: string): number | undefined {
  if (v === undefined) return undefined
  const n = Number(v)
  if (v.trim() === '' || !Number.isFinite(n))
    throw new CliError(`${flag} must be a number (got "${v}")`)
  return n
}

const list = (v: string | undefined) =>
  v === undefined
    ? undefined
    : v
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '')

/** The plan request the flags ask for; a CliError naming the flag when one is not usable. */
export function planRequestOf(flags: PlanFlags, thisYear: number): PlanRequest {
  const perYear = number(flags['budget-per-year'], '--budget-per-year')
  const total = number(flags['budget-total'], '--budget-total')
  if ((perYear === undefined) === (total === undefined)) {
    throw new CliError('give exactly one of --budget-per-year and --budget-total')
  }
  const scope = flags.scope ?? 'district'
  if (scope !== 'district' && scope !== 'apartments') {
    throw new CliError(`--scope must be district or apartments (got "${scope}")`)
  }
  const maxPerYear = number(flags['max-blocks-per-year'], '--max-blocks-per-year')
  const owner = number(flags['owner-share'], '--owner-share')
  const grant = number(flags['grant-share'], '--grant-share')
  const packages = list(flags.packages)
  // Checked against the measure list by the planner (PlanError naming the unknown one).
  const measures = list(flags.measures) as MeasureId[] | undefined
  return {
    target: parseTarget(flags.target ?? ''),
    scope,
    from: number(flags.from, '--from') ?? thisYear,
    by: number(flags.by, '--by') ?? 0,
    budget: perYear !== undefined ? { perYear } : { total: total ?? 0 },
    ...(packages ? { packages } : {}),
    ...(measures ? { measures } : {}),
    ...(maxPerYear !== undefined ? { maxBlocksPerYear: maxPerYear } : {}),
    excludeRehabilitated: flags['exclude-rehabilitated'] ?? false,
    ...(owner !== undefined ? { ownerShare: owner } : {}),
    ...(grant !== undefined ? { grantShare: grant } : {}),
  }
}

/** `npm run plan`: the plan's text and, when the target is out of reach, why in one line. */
export function planText(
  district: NamedText,
  request: PlanRequest,
  format: 'csv' | 'json',
): { text: string; shortfall: string | undefined } {
  const dataset = readDataset(district.text, district.name)
  const { inputs } = inputsFromDataset(dataset)
  if (inputs.length === 0) throw new CliError(`${district.name} has no heated buildings to plan`)
  const params = DEFAULT_PARAMETERS
  const plan = planDistrict(prepareDistrict(inputs, params), params, request)
  const text = format === 'csv' ? planCsv(plan) : planJson(plan)
  return { text, shortfall: plan.shortfall?.message }
}
