/**
 * What the report CLIs (`npm run assess`, `npm run plan`) share: parsing flags with the usage
 * in any error, `--format csv|json`, writing the report atomically or to stdout, and one
 * stderr line and exit code 1 for any failure.
 */
import { basename, resolve } from 'node:path'

import { writeFileAtomic } from './atomicWrite'
import { CliError } from './cliInput'

/** The flags every report CLI takes, to spread into its `parseArgs` options. */
export const REPORT_FLAGS = {
  format: { type: 'string', default: 'json' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

/**
 * The flags `parse` reads (a `parseArgs(…).values` with `REPORT_FLAGS`), `--format` checked;
 * null once the usage was printed for `--help`. A parse error: CliError naming the usage.
 */
export function parseFlags<T extends { help?: boolean; format?: string }>(
  parse: () => T,
  usage: string,
): (T & { format: 'csv' | 'json' }) | null {
  let values: T
  try {
    values = parse()
  } catch (e) {
    throw new CliError(
      `${e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e)}; ${usage}`,
    )
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`)
    return null
  }
  const format = values.format
  if (format !== 'json' && format !== 'csv') {
    throw new CliError(`--format must be csv or json (got "${format ?? ''}")`)
  }
  return { ...values, format }
}

/** The report to `out` (atomically, then "wrote …" on stderr), or to stdout without one. */
export function writeReport(out: string | undefined, text: string): void {
  if (!out) {
    process.stdout.write(text)
    return
  }
  try {
    writeFileAtomic(resolve(out), text)
  } catch (e) {
    const code = (e as { code?: string }).code ?? 'write error'
    throw new CliError(`cannot write ${basename(out)}: ${code}`)
  }
  process.stderr.write(`wrote ${out}\n`)
}

/** The base name of the `--in` file in `argv` (`--in X` or `--in=X`), for failure messages. */
export function inputOf(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (arg === '--in') return argv[i + 1] === undefined ? undefined : basename(argv[i + 1] ?? '')
    if (arg.startsWith('--in=')) return basename(arg.slice('--in='.length))
  }
  return undefined
}

/**
 * Run `main(argv)`; any failure is one line `name: …` on stderr and exit code 1. Errors of
 * the `known` classes (and CliError, RangeError) name the input and field themselves; any
 * other is a bug (the hostile-input fuzz tests look for them), still told in one line that
 * names the input.
 */
export function runCli(
  name: string,
  main: (argv: string[]) => void,
  argv: string[],
  known: readonly (abstract new (...args: never[]) => Error)[],
): void {
  try {
    main(argv)
  } catch (e) {
    const told =
      e instanceof CliError || e instanceof RangeError || known.some((k) => e instanceof k)
    const msg = e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e)
    const input = inputOf(argv) ?? 'the input'
    process.stderr.write(
      `${name}: ${told ? msg : `${input} could not be processed (internal error: ${msg}); please report it with the file`}\n`,
    )
    process.exitCode = 1
  }
}
