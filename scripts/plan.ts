/**
 * `npm run plan`: the goal-seeking planner on a district dataset.
 *
 *   npm run plan -- --in DISTRICT.geojson --target co2:-55 --by 2030 --budget-per-year 5000000
 *     [--from 2026] [--budget-total EUR] [--scope district|apartments] [--packages a,b,…]
 *     [--measures a,b,…] [--max-blocks-per-year N] [--exclude-rehabilitated]
 *     [--owner-share 0.25] [--grant-share 0.5] [--format json|csv] [--out FILE]
 *
 * JSON: `{feasible, target, shortfall, steps, by_year, scenario}`; `scenario` is a listed
 * rollout that `npm run assess --scenario` reproduces. With --out the file is written
 * atomically. Any failure: one line on stderr, exit code 1, no stack trace.
 */
import { basename } from 'node:path'
import { parseArgs } from 'node:util'

import { DatasetError, readDataset } from '../src/domain/dataset/readDataset'
import { prepareDistrict } from '../src/domain/energy/district/prepare'
import { inputsFromDataset } from '../src/domain/energy/input'
import { DEFAULT_PARAMETERS } from '../src/domain/energy/parameters'
import { ScenarioError } from '../src/domain/energy/scenario'
import type { MeasureId } from '../src/domain/energy/scenario'
import { PlanError, planDistrict } from '../src/domain/planner/plan'
import type { PlanRequest } from '../src/domain/planner/plan'
import { parseTarget, planCsv, planJson } from '../src/domain/planner/report'

import { CliError, readText } from './lib/cliInput'
import { parseFlags, REPORT_FLAGS, runCli, writeReport } from './lib/cliMain'

const USAGE =
  'usage: npm run plan -- --in DISTRICT.geojson --target co2:-55 --by 2030 --budget-per-year EUR [--from YEAR] [--budget-total EUR] [--scope district|apartments] [--packages a,b] [--measures a,b] [--max-blocks-per-year N] [--exclude-rehabilitated] [--owner-share S] [--grant-share S] [--format json|csv] [--out FILE]'

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

function main(argv: string[]): void {
  const args = parseFlags(
    () =>
      parseArgs({
        args: argv,
        strict: true,
        allowPositionals: false,
        options: {
          ...REPORT_FLAGS,
          in: { type: 'string' },
          target: { type: 'string' },
          by: { type: 'string' },
          from: { type: 'string' },
          'budget-per-year': { type: 'string' },
          'budget-total': { type: 'string' },
          scope: { type: 'string', default: 'district' },
          packages: { type: 'string' },
          measures: { type: 'string' },
          'max-blocks-per-year': { type: 'string' },
          'exclude-rehabilitated': { type: 'boolean', default: false },
          'owner-share': { type: 'string' },
          'grant-share': { type: 'string' },
        },
      }).values,
    USAGE,
  )
  if (!args) return
  for (const flag of ['in', 'target', 'by'] as const) {
    if (!args[flag]) throw new CliError(`missing --${flag}; ${USAGE}`)
  }
  const perYear = number(args['budget-per-year'], '--budget-per-year')
  const total = number(args['budget-total'], '--budget-total')
  if ((perYear === undefined) === (total === undefined)) {
    throw new CliError('give exactly one of --budget-per-year and --budget-total')
  }
  const format = args.format
  const scope = args.scope
  if (scope !== 'district' && scope !== 'apartments') {
    throw new CliError(`--scope must be district or apartments (got "${scope ?? ''}")`)
  }
  const by = number(args.by, '--by') ?? 0
  const maxPerYear = number(args['max-blocks-per-year'], '--max-blocks-per-year')
  const owner = number(args['owner-share'], '--owner-share')
  const grant = number(args['grant-share'], '--grant-share')
  const packages = list(args.packages)
  const measures = list(args.measures) as MeasureId[] | undefined
  const request: PlanRequest = {
    target: parseTarget(args.target ?? ''),
    scope,
    from: number(args.from, '--from') ?? new Date().getUTCFullYear(),
    by,
    budget: perYear !== undefined ? { perYear } : { total: total ?? 0 },
    ...(packages ? { packages } : {}),
    ...(measures ? { measures } : {}),
    ...(maxPerYear !== undefined ? { maxBlocksPerYear: maxPerYear } : {}),
    excludeRehabilitated: args['exclude-rehabilitated'] ?? false,
    ...(owner !== undefined ? { ownerShare: owner } : {}),
    ...(grant !== undefined ? { grantShare: grant } : {}),
  }

  const input = args.in ?? ''
  const dataset = readDataset(readText(input, 'dataset'), basename(input))
  const { inputs } = inputsFromDataset(dataset)
  if (inputs.length === 0) throw new CliError(`${basename(input)} has no heated buildings to plan`)
  const params = DEFAULT_PARAMETERS
  const plan = planDistrict(prepareDistrict(inputs, params), params, request)
  const text = format === 'csv' ? planCsv(plan) : planJson(plan)
  if (plan.shortfall) process.stderr.write(`${plan.shortfall.message}\n`)
  writeReport(args.out, text)
}

runCli('plan', () => main(process.argv.slice(2)), [PlanError, ScenarioError, DatasetError])
