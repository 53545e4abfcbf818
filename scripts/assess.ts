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

import { DatasetError } from '../src/domain/dataset/readDataset'
import { ScenarioError } from '../src/domain/energy/scenario'

import { CliError, readText } from './lib/cliInput'
import { parseFlags, REPORT_FLAGS, runCli, writeReport } from './lib/cliMain'
import { assessText } from './lib/reports'

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
  const scenario = args.scenario
  const { text, assessed, skipped } = assessText(
    { name: basename(args.in), text: readText(args.in, 'dataset') },
    scenario ? { name: basename(scenario), text: readText(scenario, 'scenario') } : undefined,
    args.format,
  )
  if (skipped.length > 0) {
    process.stderr.write(
      `assessed ${assessed} buildings; skipped ${skipped.length} (e.g. ${skipped[0]?.id ?? ''}: ${skipped[0]?.reason ?? ''})\n`,
    )
  }
  writeReport(args.out, text)
}

runCli('assess', main, process.argv.slice(2), [ScenarioError, DatasetError])
