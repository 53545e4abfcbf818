/**
 * `npm run bench`: Node benchmarks (importer, energy engine, geometry) and browser
 * benchmarks of the twin against a deck.gl SolidPolygonLayer baseline on the same
 * footprints, same colours and the same camera path, measured in the same run.
 * Writes bench/results/latest.json and the tables in bench/README.md.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import { join } from 'node:path'

import type { Browser, CDPSession, Page } from 'playwright-core'

import { generateSyntheticOsm } from '../scripts/lib/synthetic'
import type { DistrictDataset } from '../src/domain/buildings/types'
import { writeColumnar } from '../src/domain/dataset/writeColumnar'
import { importDistrict } from '../src/domain/import/importDistrict'
import { launchBrowser } from '../test/helpers/browser'
import { serveStatic } from '../test/helpers/staticServer'

import { editGoalsTable, runEditBench } from './edit'
import { runEnergyBench } from './energy'
import { runGeometryBench } from './geometry'
import { IMPORT_TASK_GOAL_MS, measureBigImports } from './bigImport'
import { runImporterBench } from './importer'
import { plannerGoalTable, runPlannerBench } from './planner'
import { LONG_TASK_GOAL_MS, measurePlannerLongTasks } from './plannerPage'

export interface Metric {
  name: string
  value: number
  unit: string
}

const ROOT = process.cwd()
const SIZES = (process.env.BENCH_SIZES ?? '3000,20000,100000').split(',').map(Number)
/** Sizes (MiB) of the synthetic `.osm` files opened in the app (bench/bigImport.ts). */
const BIG_IMPORT_SIZES = (process.env.BENCH_BIG_IMPORT ?? '60,300').split(',').map(Number)
/** `BENCH_BROWSER_ONLY=1`: skip the Node benches and keep the previous run's Node figures. */
const BROWSER_ONLY = process.env.BENCH_BROWSER_ONLY === '1'
/**
 * Wait after a page's measurements before reading its heap, so late background work is in
 * the figure (the twin's district worker builds its energy model after the first frame).
 */
const HEAP_SETTLE_MS = Number(process.env.BENCH_HEAP_SETTLE_MS ?? 3000)
/**
 * Wait after the first frame before the interactive measurements (orbit, recolour, pick), the
 * same for both pages: start-up work that follows the first frame (the twin's first energy
 * evaluation, its offline service worker installing) is not part of orbiting.
 */
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 3000)
/** Longest wait for one raw protocol answer from a worker (a GC of a large heap is slow). */
const WORKER_CALL_TIMEOUT_MS = 60_000
const LATEST_JSON = join(ROOT, 'bench/results/latest.json')
const REAL_EXTRACT = join(
  ROOT,
  '../shared/data/osm/buildings/manastur_east_usamv_osm_buildings_wgs84.geojson',
)

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? NaN
}

async function nodeBenches(): Promise<Record<string, Metric[] | string>> {
  const out: Record<string, Metric[] | string> = {}
  const suites: [string, () => Promise<Metric[]>][] = [
    ['importer', runImporterBench],
    ['energy', runEnergyBench],
    ['edit', () => runEditBench(SIZES)],
    ['planner', runPlannerBench],
    ['geometry', runGeometryBench],
  ]
  for (const [name, run] of suites) {
    try {
      out[name] = await run()
    } catch (e) {
      // One suite failing (e.g. no OSM extract here) must not lose the others' figures.
      out[name] = `not run: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`
    }
    console.log(`node bench ${name}: done`)
  }
  return out
}

interface PageFigures {
  /** Parsed dataset exists: `twin:dataset-parsed` (in the worker) / `baseline:dataset-loaded`. */
  datasetParsedMs: number
  /** Duration of the measure `twin:geometry-build` (worker); NaN for the baseline. */
  geometryBuildMs: number
  firstFrameSubmittedMs: number
  firstFrameMs: number
  /** The page holds the dataset: `twin:dataset-loaded` / `baseline:dataset-loaded`. */
  datasetUsableMs: number
  orbitFps: number
  orbitSyncMsPerFrame: number
  recolourCpuMs: number
  recolourToFrameMs: number
  /** The app's real edit path (twin only): measure toggled → worker → colours uploaded. */
  editToColoursMs: number
  pickMs: number
  /** Main-thread JS heap after GC. */
  heapPageBytes: number
  /** Main-thread heap plus every dedicated worker's heap of the page, each after GC. */
  heapWithWorkersBytes: number
  /** ArrayBuffer backing stores of the page and its workers (typed arrays: geometry, columns). */
  arrayBufferBytes: number
  /** Dedicated workers counted in `heapWithWorkersBytes`. */
  workers: number
  gpuBytes: number
  buildings: number
}

/** One isolate's memory after GC: JS heap, and ArrayBuffer backing stores (typed arrays). */
interface IsolateMemory {
  heap: number
  arrayBuffers: number
}

/** `Runtime.getHeapUsage`'s answer; `backingStorageSize` is missing on older Chromium. */
const isolateMemory = (r: { usedSize?: unknown; backingStorageSize?: unknown }) => ({
  heap: typeof r.usedSize === 'number' ? r.usedSize : NaN,
  arrayBuffers: typeof r.backingStorageSize === 'number' ? r.backingStorageSize : NaN,
})

/** Main-thread memory after a full GC, through a CDP session on the page. */
async function pageMemory(cdp: CDPSession): Promise<IsolateMemory> {
  await cdp.send('HeapProfiler.collectGarbage')
  return isolateMemory(await cdp.send('Runtime.getHeapUsage'))
}

/**
 * JS heap after GC of each dedicated worker the page started (nested workers included).
 * Workers are found from the browser's target list: a worker target's `parentId` is the
 * page (or worker) that started it. Where Chromium gives no `parentId`, the worker is matched
 * on the page's browser context instead: `browser.newPage()` gives each page its own context
 * and run.ts keeps one page open at a time, measured right before `page.close()`. Service and
 * shared workers are not the page's own and are not counted.
 */
async function workerMemory(browser: Browser, pageCdp: CDPSession): Promise<IsolateMemory[]> {
  const { targetInfo: self } = await pageCdp.send('Target.getTargetInfo')
  const cdp = await browser.newBrowserCDPSession()
  try {
    const { targetInfos } = await cdp.send('Target.getTargets')
    const owners = new Set([self.targetId])
    const mine: string[] = []
    for (let grew = true; grew;) {
      grew = false
      for (const t of targetInfos) {
        if (t.type !== 'worker' || owners.has(t.targetId)) continue
        const belongs = t.parentId
          ? owners.has(t.parentId)
          : t.browserContextId !== undefined && t.browserContextId === self.browserContextId
        if (!belongs) continue
        owners.add(t.targetId)
        mine.push(t.targetId)
        grew = true
      }
    }
    const out: IsolateMemory[] = []
    for (const targetId of mine) {
      const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: false })
      let nextId = 0
      // Non-flattened session: raw protocol messages in, answers back as events.
      const call = (method: string) =>
        new Promise<Record<string, unknown>>((resolve, reject) => {
          const id = ++nextId
          const done = () => {
            clearTimeout(timer)
            cdp.off('Target.receivedMessageFromTarget', onMessage)
          }
          const timer = setTimeout(() => {
            done()
            reject(new Error(`worker ${targetId}: no answer to ${method}`))
          }, WORKER_CALL_TIMEOUT_MS)
          const onMessage = (e: { sessionId: string; message: string }) => {
            if (e.sessionId !== sessionId) return
            const m = JSON.parse(e.message) as {
              id?: number
              result?: Record<string, unknown>
              error?: { message?: string }
            }
            if (m.id !== id) return
            done()
            if (m.error) reject(new Error(`worker ${method}: ${m.error.message ?? 'error'}`))
            else resolve(m.result ?? {})
          }
          cdp.on('Target.receivedMessageFromTarget', onMessage)
          cdp
            .send('Target.sendMessageToTarget', {
              sessionId,
              message: JSON.stringify({ id, method }),
            })
            .catch((err: unknown) => {
              done()
              reject(err instanceof Error ? err : new Error(String(err)))
            })
        })
      try {
        await call('HeapProfiler.collectGarbage')
        out.push(isolateMemory(await call('Runtime.getHeapUsage')))
      } finally {
        await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => {})
      }
    }
    return out
  } finally {
    await cdp.detach().catch(() => {})
  }
}

/** Page heap, page + workers heap, and page + workers ArrayBuffers, all after GC. */
async function heapBytes(
  browser: Browser,
  page: Page,
): Promise<{ page: number; withWorkers: number; arrayBuffers: number; workers: number }> {
  const cdp = await page.context().newCDPSession(page)
  try {
    const own = await pageMemory(cdp)
    const workers = await workerMemory(browser, cdp)
    return {
      page: own.heap,
      withWorkers: workers.reduce((sum, w) => sum + w.heap, own.heap),
      arrayBuffers: workers.reduce((sum, w) => sum + w.arrayBuffers, own.arrayBuffers),
      workers: workers.length,
    }
  } finally {
    await cdp.detach().catch(() => {})
  }
}

async function measurePage(
  browser: Browser,
  url: string,
  hook: '__twin' | '__baseline',
  mark: string,
): Promise<PageFigures> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  page.on('pageerror', (e) => console.error(`  page error (${hook}): ${e.message}`))
  await page.goto(url)
  await page.waitForFunction((h) => (window as never)[h]?.['ready'] === true, hook, {
    timeout: 600_000,
    polling: 50,
  })
  // The frame is complete when the GPU has drawn it (a fence, src/scene/frameComplete.ts),
  // which in software WebGL can be long after its commands were submitted.
  await page.waitForFunction(
    (m) => performance.getEntriesByName(`${m}:first-frame`).length > 0,
    mark,
    { timeout: 600_000, polling: 50 },
  )
  await page.waitForTimeout(SETTLE_MS)
  const marks = await page.evaluate((m) => {
    // A mark's time is its startTime, a measure's its duration; missing → NaN ('n/a').
    // No named helper functions in here: tsx would wrap them in `__name`, unknown in the page.
    const [loaded = NaN, parsed = NaN, submitted = NaN, drawn = NaN] = [
      'dataset-loaded',
      'dataset-parsed',
      'ready',
      'first-frame',
    ].map((name) => performance.getEntriesByName(`${m}:${name}`)[0]?.startTime ?? NaN)
    return {
      parsed: Number.isFinite(parsed) ? parsed : loaded,
      geometry: performance.getEntriesByName(`${m}:geometry-build`)[0]?.duration ?? NaN,
      submitted,
      drawn,
      loaded,
    }
  }, mark)
  const figures = await page.evaluate(async (h) => {
    const api = (window as never)[h] as {
      stats(): { buildings: number }
      gpuBytes?: () => number
      bench: {
        orbit(n: number): Promise<{ fps: number }>
        orbitSync(n: number): { msPerFrame: number }
        recolour(): Promise<{ cpuMs: number; toFrameMs: number }>
        editMeasure?: () => Promise<{ ms: number }>
        pick(): { ms: number }
        gpuBytes?: () => number
      }
    }
    // Size the runs to the renderer's speed: software WebGL at 100k can take seconds a frame.
    const probe = api.bench.orbitSync(2).msPerFrame
    const frames = Math.max(4, Math.min(60, Math.round(15_000 / Math.max(1, probe))))
    const orbit = await api.bench.orbit(frames)
    const sync = api.bench.orbitSync(Math.max(3, Math.min(10, Math.round(frames / 4))))
    const recolours = []
    for (let i = 0; i < 5; i++) recolours.push(await api.bench.recolour())
    const edits = []
    const editMeasure = api.bench.editMeasure
    if (editMeasure) for (let i = 0; i < 5; i++) edits.push((await editMeasure()).ms)
    const picks = []
    for (let i = 0; i < 5; i++) picks.push(api.bench.pick().ms)
    return {
      orbitFps: orbit.fps,
      orbitSyncMsPerFrame: sync.msPerFrame,
      recolourCpu: recolours.map((r) => r.cpuMs),
      recolourFrame: recolours.map((r) => r.toFrameMs),
      edits,
      picks,
      gpuBytes: (api.gpuBytes ?? api.bench.gpuBytes)?.() ?? NaN,
      buildings: api.stats().buildings,
    }
  }, hook)
  await page.waitForTimeout(HEAP_SETTLE_MS)
  const heap = await heapBytes(browser, page)
  await page.close()
  return {
    datasetParsedMs: marks.parsed,
    geometryBuildMs: marks.geometry,
    firstFrameSubmittedMs: marks.submitted,
    firstFrameMs: marks.drawn,
    datasetUsableMs: marks.loaded,
    orbitFps: figures.orbitFps,
    orbitSyncMsPerFrame: figures.orbitSyncMsPerFrame,
    recolourCpuMs: median(figures.recolourCpu),
    recolourToFrameMs: median(figures.recolourFrame),
    editToColoursMs: median(figures.edits),
    pickMs: median(figures.picks),
    heapPageBytes: heap.page,
    heapWithWorkersBytes: heap.withWorkers,
    arrayBufferBytes: heap.arrayBuffers,
    workers: heap.workers,
    gpuBytes: figures.gpuBytes,
    buildings: figures.buildings,
  }
}

/**
 * The dataset both pages load, as `npm run data` writes it: the GeoJSON (the baseline reads
 * it) and the columnar file beside it (the twin's worker prefers it, as the app does).
 */
async function datasetFor(
  size: number | 'real',
): Promise<{ geojson: Uint8Array; columnar: Uint8Array }> {
  let dataset: DistrictDataset
  if (size === 'real') {
    const text = await readFile(REAL_EXTRACT, 'utf8')
    dataset = importDistrict(text, { sourceName: 'real extract' }).dataset
  } else {
    const osm = generateSyntheticOsm({ count: size, seed: 42, format: 'overpass-json' })
    dataset = importDistrict(osm, { sourceName: `synthetic-${size}` }).dataset
  }
  return { geojson: Buffer.from(JSON.stringify(dataset)), columnar: writeColumnar(dataset) }
}

const BYTE_ROWS = new Set<keyof PageFigures>([
  'heapPageBytes',
  'heapWithWorkersBytes',
  'arrayBufferBytes',
  'gpuBytes',
])

const ROWS: [keyof PageFigures, string, 'lower' | 'higher'][] = [
  ['datasetParsedMs', 'dataset load + parse (ms)', 'lower'],
  ['geometryBuildMs', 'geometry build in the worker (ms)', 'lower'],
  ['firstFrameSubmittedMs', 'first frame submitted to the GPU (ms)', 'lower'],
  ['firstFrameMs', 'time to first full frame, drawn by the GPU (ms)', 'lower'],
  ['datasetUsableMs', 'dataset usable in the page (ms)', 'lower'],
  ['orbitFps', 'orbit, frames per second (rAF)', 'higher'],
  ['orbitSyncMsPerFrame', 'orbit, ms per frame (synchronous, no vsync cap)', 'lower'],
  ['recolourCpuMs', 'recolour, CPU part (ms)', 'lower'],
  ['recolourToFrameMs', 'recolour → next frame (ms)', 'lower'],
  ['editToColoursMs', 'edit a measure → worker → new colours on the GPU (ms)', 'lower'],
  ['pickMs', 'pick latency (ms)', 'lower'],
  ['heapPageBytes', 'JS heap after GC, page (MB)', 'lower'],
  ['heapWithWorkersBytes', 'JS heap after GC, page + workers (MB)', 'lower'],
  ['arrayBufferBytes', 'ArrayBuffers (typed arrays), page + workers (MB)', 'lower'],
  ['gpuBytes', 'GPU buffer bytes (MB)', 'lower'],
]

function table(results: Record<string, { twin: PageFigures; baseline: PageFigures }>): string {
  const lines: string[] = []
  for (const [label, { twin, baseline }] of Object.entries(results)) {
    lines.push(`\n### ${label} (${twin.buildings} buildings)\n`)
    lines.push('| figure | twin | deck.gl baseline | twin / baseline |', '|---|---:|---:|---:|')
    for (const [key, name] of ROWS) {
      const scale = BYTE_ROWS.has(key) ? 1 / 1_048_576 : 1
      const a = twin[key] * scale
      const b = baseline[key] * scale
      const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(v < 10 ? 2 : 1) : 'n/a')
      lines.push(
        `| ${name} | ${fmt(a)} | ${fmt(b)} | ${Number.isFinite(a / b) ? (a / b).toFixed(2) : 'n/a'} |`,
      )
    }
  }
  return lines.join('\n')
}

/** Issue #11's goals against the baseline of the same run: [row, limit, 'max' | 'min']. */
const GOALS: [keyof PageFigures, string, number, 'max' | 'min'][] = [
  ['firstFrameMs', 'time to first full frame', 0.5, 'max'],
  ['heapWithWorkersBytes', 'JS heap after GC, page + workers', 0.8, 'max'],
  ['orbitFps', 'orbit frames per second', 2, 'min'],
]

/** The goals at the sizes the issue names (20k and 100k blocks), with ratio and verdict. */
function goalsTable(results: Record<string, { twin: PageFigures; baseline: PageFigures }>) {
  const lines = ['| district | goal | twin / baseline | met |', '|---|---|---:|---|']
  for (const [label, { twin, baseline }] of Object.entries(results)) {
    if (!label.startsWith('synthetic') || twin.buildings < 20_000) continue
    for (const [key, name, limit, kind] of GOALS) {
      const r = twin[key] / baseline[key]
      const met = kind === 'max' ? r <= limit : r >= limit
      const goal = `${name} ${kind === 'max' ? '≤' : '≥'} ${limit}×`
      lines.push(
        `| ${label} | ${goal} | ${Number.isFinite(r) ? r.toFixed(2) : 'n/a'} | ${Number.isFinite(r) ? (met ? 'yes' : '**no**') : 'n/a'} |`,
      )
    }
  }
  return lines.join('\n')
}

function nodeTable(node: Record<string, Metric[] | string>): string {
  const lines = ['| suite | figure | value |', '|---|---|---:|']
  for (const [suite, metrics] of Object.entries(node)) {
    if (typeof metrics === 'string') lines.push(`| ${suite} | ${metrics} | |`)
    else
      for (const m of metrics)
        lines.push(`| ${suite} | ${m.name} | ${m.value.toFixed(2)} ${m.unit} |`)
  }
  return lines.join('\n')
}

type NodeResults = Record<string, Metric[] | string>

/** The Node figures of the previous run, from bench/results/latest.json, if any. */
async function previousNodeResults(): Promise<{ node: NodeResults; measured: string } | undefined> {
  if (!existsSync(LATEST_JSON)) return undefined
  try {
    const prev = JSON.parse(await readFile(LATEST_JSON, 'utf8')) as {
      started?: string
      nodeMeasured?: string
      node?: NodeResults
    }
    if (!prev.node || typeof prev.node !== 'object' || !Object.keys(prev.node).length)
      return undefined
    return { node: prev.node, measured: prev.nodeMeasured ?? prev.started ?? 'an earlier run' }
  } catch {
    return undefined
  }
}

async function main() {
  const started = new Date()
  // Read before anything is written: a browser-only run keeps the previous Node figures.
  const previous = BROWSER_ONLY ? await previousNodeResults() : undefined
  console.log('building the twin and the deck.gl baseline…')
  // Its own output folder, so a bench never races a test run over dist/.
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', 'bench/dist-twin'], {
    stdio: 'inherit',
  })
  execFileSync(
    'npx',
    ['vite', 'build', '--config', 'bench/vite.baseline.config.ts', '--logLevel', 'warn'],
    {
      stdio: 'inherit',
    },
  )
  let node: NodeResults = {}
  let nodeMeasured: string | undefined = started.toISOString()
  if (!BROWSER_ONLY) node = await nodeBenches()
  else if (previous) {
    ;({ node, measured: nodeMeasured } = previous)
    console.log(`BENCH_BROWSER_ONLY=1: keeping the Node figures of ${nodeMeasured}`)
  } else {
    nodeMeasured = undefined
    console.log('BENCH_BROWSER_ONLY=1: no earlier Node figures to keep')
  }

  const twinServer = await serveStatic(join(ROOT, 'bench/dist-twin'))
  const baseServer = await serveStatic(join(ROOT, 'bench/dist-baseline'))
  const browser = await launchBrowser()
  const results: Record<string, { twin: PageFigures; baseline: PageFigures }> = {}
  const plannerPage: Record<string, Metric[] | string> = {}
  let bigImport: Record<string, Metric[] | string> = {}
  const sizes: (number | 'real')[] = [...SIZES]
  if (existsSync(REAL_EXTRACT)) sizes.unshift('real')
  else console.log(`real extract not found at ${REAL_EXTRACT}: measuring synthetic districts only`)
  try {
    for (const size of sizes) {
      const label = size === 'real' ? 'real OSM extract (Mănăștur east)' : `synthetic ${size}`
      console.log(`${label}: generating and importing…`)
      const { geojson, columnar } = await datasetFor(size)
      // Encoded once: both servers send the same bytes with a length, like a static host.
      twinServer.files.set('/bench.geojson', geojson)
      twinServer.files.set('/bench.arrow', columnar)
      baseServer.files.set('/bench.geojson', geojson)
      console.log(`${label}: twin…`)
      const twin = await measurePage(
        browser,
        `${twinServer.url}/?data=/bench.geojson`,
        '__twin',
        'twin',
      )
      console.log(`${label}: deck.gl baseline…`)
      const baseline = await measurePage(
        browser,
        `${baseServer.url}/?data=/bench.geojson`,
        '__baseline',
        'baseline',
      )
      results[label] = { twin, baseline }
      console.log(table({ [label]: { twin, baseline } }))
      if (size !== 'real' && size >= 20_000) {
        console.log(`${label}: planning in the app (long tasks)…`)
        plannerPage[label] = await measurePlannerLongTasks(
          browser,
          `${twinServer.url}/?data=/bench.geojson`,
          `planner_page.${size}`,
        ).catch(
          (e: unknown) => `not run: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
        )
      }
    }
    console.log('big .osm files opened in the app (long tasks, page heap)…')
    bigImport = await measureBigImports(browser, twinServer, BIG_IMPORT_SIZES)
  } finally {
    await browser.close()
    await twinServer.close()
    await baseServer.close()
  }

  const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, node ${process.version}, Chromium headless with SwiftShader (software WebGL)`
  await mkdir(join(ROOT, 'bench/results'), { recursive: true })
  await writeFile(
    LATEST_JSON,
    JSON.stringify(
      {
        started: started.toISOString(),
        machine,
        heapSettleMs: HEAP_SETTLE_MS,
        nodeMeasured: nodeMeasured ?? null,
        node,
        browser: results,
        plannerPage,
        bigImport,
      },
      null,
      2,
    ),
  )
  const nodeSection =
    nodeMeasured === undefined
      ? 'Not run (`BENCH_BROWSER_ONLY=1`) and no earlier figures in `bench/results/latest.json`.'
      : `${
          nodeMeasured === started.toISOString()
            ? ''
            : `Not rerun this time (\`BENCH_BROWSER_ONLY=1\`): figures from the run of ${nodeMeasured}.\n\n`
        }${nodeTable(node)}`
  const editNode = Array.isArray(node.edit) ? node.edit : null
  const readme = `# Benchmarks

Generated by \`npm run bench\` on ${started.toISOString()}.

Machine: ${machine}.

WebGL is rendered in software here, so absolute frame rates mean little; the ratio to the
deck.gl \`SolidPolygonLayer\` baseline, measured in the same run on the same footprints,
colours and camera path, is the figure to read. Ratios below 1 are better for times and
bytes, above 1 for frames per second. Synthetic districts are generated with a fixed seed
(\`scripts/lib/synthetic.ts\`) and clearly marked synthetic.

Times are read from each page's performance entries. \`dataset load + parse\` is when the
parsed dataset exists (the twin parses in its worker, mark \`twin:dataset-parsed\`; the
baseline parses on the page, mark \`baseline:dataset-loaded\`); \`dataset usable in the page\`
is when the page holds the dataset (\`twin:dataset-loaded\`, \`baseline:dataset-loaded\`).
\`first frame submitted\` is when the frame's commands were handed to the GPU (the render
callback); \`time to first full frame\` is when a WebGL2 fence says the GPU has finished them
(\`src/scene/frameComplete.ts\`, polled without stalling). With software WebGL the two can be
seconds apart, and only the second is a frame anyone sees.

Orbit, recolour and pick are measured ${SETTLE_MS / 1000} s after the first frame (start-up
work that follows it is not orbiting). The JS heap is read after a forced GC,
${HEAP_SETTLE_MS / 1000} s after the other measurements, so late background work is included;
\`page + workers\` counts the page and every dedicated worker it started (the twin's district
worker; the baseline has none, so its two heap rows are equal) and is the figure the goal
"heap no larger than the baseline's" is judged by.
ArrayBuffer backing stores (typed arrays: geometry, packed footprints, energy columns) are
outside the JS heap for both pages; they have their own row (\`backingStorageSize\` of the
same CDP call, page + workers), and the GPU buffer bytes row counts what was uploaded.

## Goals (issue #11), twin / deck.gl baseline in this run

${goalsTable(results)}

## Goals (issue #12): a scenario edit, off the main thread

The district worker's own code (\`DistrictSession\`, \`bench/edit.ts\`) in Node, over the same
synthetic districts: the central figures of an edit (the \`evaluate\` request, with its summary
cloned as postMessage sends it) within two frames, and their ranges (the \`ranges\` request the
page sends as soon as the figures arrive) within 1 s; medians of 5 edits, each over every block.
"Envelope toggled back on" finds the heating needs kept from the first time; "new wall U-value"
computes every block's heat balance again, as a slider drag does.

${editNode ? editGoalsTable(editNode) : 'Not measured in this run.'}

## Browser: twin vs deck.gl baseline

\`edit a measure → worker → new colours on the GPU\` is the app's real path for an edit
(\`__twin.bench.editMeasure\`: the envelope measure toggled as the editor's checkbox does,
the district worker evaluates the scenario, the page colours the new summary and uploads the
colour texture; median of 5, colouring "class after retrofit"). The baseline has no energy
model, so it has no such figure.
${table(results)}

The deck.gl baseline has no separate geometry build: it tessellates on the main thread inside
its first frame, so its \`geometry build in the worker\` is n/a and that work is in its
\`time to first full frame\`.

## Node
${nodeSection}

### Goal (issue #15), planner

${nodeMeasured === undefined ? 'Not run.' : plannerGoalTable(node.planner)}

While the app plans (district worker; \`bench/plannerPage.ts\`), the longest task on the page's
main thread, PerformanceObserver 'longtask', from the click on Plan to the results shown + 1 s
(goal: none over ${LONG_TASK_GOAL_MS} ms):

${nodeTable(plannerPage)}

### Goal (issue #16), a big \`.osm\` opened in the app

A SYNTHETIC \`.osm\` of each size opened with the Open file button over a small district
(\`bench/bigImport.ts\`): the longest task on the page's main thread from the file chosen until
its district is drawn + 1 s (traced; goal: none over ${IMPORT_TASK_GOAL_MS} ms), how often the
progress bar moved, and the page's JS heap (its peak while importing, and after GC).

${nodeTable(bigImport)}

Rerun: \`npm run bench\` (sizes: \`BENCH_SIZES=3000,20000 npm run bench\`; browser only,
keeping the previous Node figures: \`BENCH_BROWSER_ONLY=1 npm run bench\`; heap settle time:
\`BENCH_HEAP_SETTLE_MS=3000\`).
`
  await writeFile(join(ROOT, 'bench/README.md'), readme)
  console.log('wrote bench/README.md and bench/results/latest.json')
}

main().catch((e: unknown) => {
  console.error(`bench failed: ${e instanceof Error ? e.message : String(e)}`)
  process.exit(1)
})
