/**
 * `npm run assess`: energy assessment of a district dataset, optionally with a scenario.
 *
 *   npm run assess -- --in DISTRICT.geojson [--scenario FILE.json] [--format csv|json] [--out FILE]
 *
 * JSON output is `{ "buildings": [...], "totals": {...} }`; CSV has one row per building.
 * Without --out the report goes to stdout; with it, the file is written atomically. Skipped
 * buildings (unheated, unusable geometry) are counted on stderr. Any failure: one line on
 * stderr, exit code 1, no stack trace.
 */
import { basename } from 'node:path'
import { parseArgs } from 'node:util'

import { DatasetError, readDataset } from '../src/domain/dataset/readDataset'
import { evaluateScenario } from '../src/domain/energy/district/evaluate'
import { prepareDistrict } from '../src/domain/energy/district/prepare'
import { inputsFromDataset } from '../src/domain/energy/input'
import { DEFAULT_PARAMETERS, withOverrides } from '../src/domain/energy/parameters'
import { assessmentCsv, assessmentReport } from '../src/domain/energy/report'
import { parseScenario, parseScenarioText, ScenarioError } from '../src/domain/energy/scenario'

import { CliError, readText } from './lib/cliInput'
import { parseFlags, REPORT_FLAGS, runCli, writeReport } from './lib/cliMain'

const USAGE =
  'usage: npm run assess -- --in DISTRICT.geojson [--scenario FILE.json] [--format csv|json] [--out FILE]'

function main(argv: string[]): void {
  const args = parseFlags(
    () =>
      parseArgs({
        args: argv,
        options: { ...REPORT_FLAGS, in: { type: 'string' }, scenario: { type: 'string' } },
        strict: true,
        allowPositionals: false,
      }).values,
    USAGE,
  )
  if (!args) return
  if (!args.in) throw new CliError(`missing --in; ${USAGE}`)
  const format = args.format

  const dataset = readDataset(readText(args.in, 'dataset'), basename(args.in))
  const scenarioFile = args.scenario
  const scenario = scenarioFile
    ? parseScenarioText(readText(scenarioFile, 'scenario'), 'scenario')
    : parseScenario({ name: 'Today', measures: [] })
  const params =
    Object.keys(scenario.assumptions).length > 0
      ? withOverrides(DEFAULT_PARAMETERS, scenario.assumptions)
      : DEFAULT_PARAMETERS

  const { inputs, skipped } = inputsFromDataset(dataset)
  if (inputs.length === 0)
    throw new CliError(`${basename(args.in)} has no heated buildings to assess`)
  const prepared = prepareDistrict(inputs, params)
  const result = evaluateScenario(prepared, scenario, params)
  const report = assessmentReport(prepared, result, scenarioFile !== undefined)
  const text =
    format === 'csv'
      ? assessmentCsv(report, scenarioFile !== undefined)
      : `${JSON.stringify(report, null, 2)}\n`

  if (skipped.length > 0) {
    process.stderr.write(
      `assessed ${inputs.length} buildings; skipped ${skipped.length} (e.g. ${skipped[0]?.id ?? ''}: ${skipped[0]?.reason ?? ''})\n`,
    )
  }
  writeReport(args.out, text)
}

runCli('assess', () => main(process.argv.slice(2)), [ScenarioError, DatasetError])
