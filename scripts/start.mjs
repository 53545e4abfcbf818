// `npm start`: fetch the Mănăștur dataset from OpenStreetMap if there is none yet, then start the
// Vite dev server on 127.0.0.1. Plain Node ESM so it runs before anything is compiled.
//
// - public/data/district.geojson exists: start the app.
// - it does not: probe the Overpass endpoint (OVERPASS_URL, else the public instance) for a few
//   seconds; if it answers, run `npm run data` (at most FETCH_TIMEOUT_MS). If the probe or the
//   fetch fails, explain in one paragraph and start the app in its "no dataset" state.
// The dev server's exit code is forwarded; SIGINT/SIGTERM are passed on to the child.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const DATASET = join(ROOT, 'public', 'data', 'district.geojson')
const ENDPOINT = process.env.OVERPASS_URL?.trim() || 'https://overpass-api.de/api/interpreter'
/** How long the endpoint may take to answer the reachability probe, ms. */
const PROBE_TIMEOUT_MS = 5_000
/** How long `npm run data` may take in all (every Overpass attempt and the import), ms. */
const FETCH_TIMEOUT_MS = 4 * 60_000
const WINDOWS = process.platform === 'win32'

let child = null
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (child && child.exitCode === null) killTree(child, sig)
    else process.exit(130)
  })
}

/** Signal a child and, on POSIX, its whole process group (npm → sh → tsx → node). */
function killTree(proc, sig) {
  try {
    if (!WINDOWS && proc.pid !== undefined) process.kill(-proc.pid, sig)
    else proc.kill(sig)
  } catch {
    proc.kill(sig)
  }
}

/** Run a command with inherited stdio; resolves with its exit code (null when killed). */
function run(cmd, args, timeoutMs) {
  return new Promise((resolve) => {
    child = spawn(cmd, args, {
      cwd: ROOT,
      stdio: 'inherit',
      env: process.env,
      shell: WINDOWS,
      detached: !WINDOWS && timeoutMs !== undefined,
    })
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            process.stderr.write(`start: giving up after ${timeoutMs / 1000} s\n`)
            killTree(child, 'SIGTERM')
          }, timeoutMs)
    child.on('error', (e) => {
      process.stderr.write(`start: cannot run ${cmd}: ${e.message}\n`)
      clearTimeout(timer)
      resolve({ code: 1, signal: null })
    })
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal })
    })
  })
}

/** True when the endpoint answers any HTTP status within PROBE_TIMEOUT_MS. */
async function reachable(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) })
    await res.body?.cancel().catch(() => {})
    return true
  } catch {
    return false
  }
}

async function ensureDataset() {
  if (existsSync(DATASET)) return
  const where = relative(ROOT, DATASET)
  let host = ENDPOINT
  try {
    host = new URL(ENDPOINT).host
  } catch {
    // keep the raw value in the message
  }
  process.stdout.write(`start: no dataset at ${where}; fetching Mănăștur from OpenStreetMap…\n`)
  let why
  if (!(await reachable(ENDPOINT))) {
    why = `the Overpass API at ${host} did not answer (offline?)`
  } else {
    const { code } = await run(WINDOWS ? 'npm.cmd' : 'npm', ['run', 'data'], FETCH_TIMEOUT_MS)
    if (code === 0 && existsSync(DATASET)) return
    why = `\`npm run data\` did not produce it (see the error above)`
  }
  process.stdout.write(
    `\nstart: No dataset yet: ${where} does not exist and ${why}. ` +
      'The app starts anyway, in its "no dataset" state: open or drop an OSM file ' +
      '(.osm, Overpass JSON or GeoJSON) in the app, or build the dataset from a file with ' +
      '`npm run data -- --in FILE`, or fetch it later with `npm run data` when online, ' +
      'then reload the page.\n\n',
  )
}

await ensureDataset()
const localVite = join(ROOT, 'node_modules', '.bin', WINDOWS ? 'vite.cmd' : 'vite')
const { code, signal } = existsSync(localVite)
  ? await run(localVite, ['--host', '127.0.0.1'])
  : await run(WINDOWS ? 'npx.cmd' : 'npx', ['vite', '--host', '127.0.0.1'])
process.exit(code ?? (signal === 'SIGINT' ? 130 : 1))
