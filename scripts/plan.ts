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

import { DatasetError } from '../src/domain/dataset/readDataset'
import { ScenarioError } from '../src/domain/energy/scenario'
import { PlanError } from '../src/domain/planner/plan'

import { CliError, readText } from './lib/cliInput'
import { parseFlags, REPORT_FLAGS, runCli, writeReport } from './lib/cliMain'
import { planRequestOf, planText } from './lib/reports'

const USAGE =
  'usage: npm run plan -- --in DISTRICT.geojson --target co2:-55 --by 2030 --budget-per-year EUR [--from YEAR] [--budget-total EUR] [--scope district|apartments] [--packages a,b] [--measures a,b] [--max-blocks-per-year N] [--exclude-rehabilitated] [--owner-share S] [--grant-share S] [--format json|csv] [--out FILE]'

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
  const request = planRequestOf(args, new Date().getUTCFullYear())
  const input = args.in ?? ''
  const { text, shortfall } = planText(
    { name: basename(input), text: readText(input, 'dataset') },
    request,
    args.format,
  )
  if (shortfall) process.stderr.write(`${shortfall}\n`)
  writeReport(args.out, text)
}

runCli('plan', main, process.argv.slice(2), [PlanError, ScenarioError, DatasetError])
