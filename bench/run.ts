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

import type { Browser, Page } from 'playwright-core'

import { launchBrowser } from '../test/helpers/browser'
import { serveStatic } from '../test/helpers/staticServer'

export interface Metric {
  name: string
  value: number
  unit: string
}

const ROOT = process.cwd()
const SIZES = (process.env.BENCH_SIZES ?? '3000,20000,100000').split(',').map(Number)
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
  const suites: [string, string, string][] = [
    ['importer', './importer', 'runImporterBench'],
    ['energy', './energy', 'runEnergyBench'],
    ['geometry', './geometry', 'runGeometryBench'],
  ]
  for (const [name, path, fn] of suites) {
    try {
      const mod = (await import(path)) as Record<string, () => Promise<Metric[]>>
      const run = mod[fn]
      out[name] = run ? await run() : `missing ${fn}`
    } catch (e) {
      out[name] = `not run: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`
    }
    console.log(`node bench ${name}: done`)
  }
  return out
}

interface PageFigures {
  loadMs: number
  firstFrameMs: number
  orbitFps: number
  orbitSyncMsPerFrame: number
  recolourCpuMs: number
  recolourToFrameMs: number
  pickMs: number
  heapBytes: number
  gpuBytes: number
  buildings: number
}

async function heapBytes(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.send('Performance.enable')
  const { metrics } = await cdp.send('Performance.getMetrics')
  return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN
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
  const marks = await page.evaluate(
    (m) => ({
      loaded: performance.getEntriesByName(`${m}:dataset-loaded`)[0]?.startTime ?? NaN,
      ready: performance.getEntriesByName(`${m}:ready`)[0]?.startTime ?? NaN,
    }),
    mark,
  )
  const figures = await page.evaluate(async (h) => {
    const api = (window as never)[h] as {
      stats(): { buildings: number }
      gpuBytes?: () => number
      bench: {
        orbit(n: number): Promise<{ fps: number }>
        orbitSync(n: number): { msPerFrame: number }
        recolour(): Promise<{ cpuMs: number; toFrameMs: number }>
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
    const picks = []
    for (let i = 0; i < 5; i++) picks.push(api.bench.pick().ms)
    return {
      orbitFps: orbit.fps,
      orbitSyncMsPerFrame: sync.msPerFrame,
      recolourCpu: recolours.map((r) => r.cpuMs),
      recolourFrame: recolours.map((r) => r.toFrameMs),
      picks,
      gpuBytes: (api.gpuBytes ?? api.bench.gpuBytes)?.() ?? NaN,
      buildings: api.stats().buildings,
    }
  }, hook)
  const heap = await heapBytes(page)
  await page.close()
  return {
    loadMs: marks.loaded,
    firstFrameMs: marks.ready,
    orbitFps: figures.orbitFps,
    orbitSyncMsPerFrame: figures.orbitSyncMsPerFrame,
    recolourCpuMs: median(figures.recolourCpu),
    recolourToFrameMs: median(figures.recolourFrame),
    pickMs: median(figures.picks),
    heapBytes: heap,
    gpuBytes: figures.gpuBytes,
    buildings: figures.buildings,
  }
}

async function datasetFor(size: number | 'real'): Promise<string> {
  const { importDistrict } = (await import('../src/domain/import/importDistrict')) as {
    importDistrict: (text: string, o: { sourceName: string }) => { dataset: unknown }
  }
  if (size === 'real') {
    const text = await readFile(REAL_EXTRACT, 'utf8')
    return JSON.stringify(importDistrict(text, { sourceName: 'real extract' }).dataset)
  }
  const { generateSyntheticOsm } = await import('../scripts/lib/synthetic')
  const osm = generateSyntheticOsm({ count: size, seed: 42, format: 'overpass-json' })
  return JSON.stringify(importDistrict(osm, { sourceName: `synthetic-${size}` }).dataset)
}

const ROWS: [keyof PageFigures, string, 'lower' | 'higher'][] = [
  ['loadMs', 'dataset load + parse (ms)', 'lower'],
  ['firstFrameMs', 'time to first full frame (ms)', 'lower'],
  ['orbitFps', 'orbit, frames per second (rAF)', 'higher'],
  ['orbitSyncMsPerFrame', 'orbit, ms per frame (synchronous, no vsync cap)', 'lower'],
  ['recolourCpuMs', 'recolour, CPU part (ms)', 'lower'],
  ['recolourToFrameMs', 'recolour → next frame (ms)', 'lower'],
  ['pickMs', 'pick latency (ms)', 'lower'],
  ['heapBytes', 'JS heap after GC (MB)', 'lower'],
  ['gpuBytes', 'GPU buffer bytes (MB)', 'lower'],
]

function table(results: Record<string, { twin: PageFigures; baseline: PageFigures }>): string {
  const lines: string[] = []
  for (const [label, { twin, baseline }] of Object.entries(results)) {
    lines.push(`\n### ${label} (${twin.buildings} buildings)\n`)
    lines.push('| figure | twin | deck.gl baseline | twin / baseline |', '|---|---:|---:|---:|')
    for (const [key, name] of ROWS) {
      const scale = key === 'heapBytes' || key === 'gpuBytes' ? 1 / 1_048_576 : 1
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

async function main() {
  const started = new Date()
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
  const node = await nodeBenches()

  const twinServer = await serveStatic(join(ROOT, 'bench/dist-twin'))
  const baseServer = await serveStatic(join(ROOT, 'bench/dist-baseline'))
  const browser = await launchBrowser()
  const results: Record<string, { twin: PageFigures; baseline: PageFigures }> = {}
  const sizes: (number | 'real')[] = [...SIZES]
  if (existsSync(REAL_EXTRACT)) sizes.unshift('real')
  else console.log(`real extract not found at ${REAL_EXTRACT}: measuring synthetic districts only`)
  try {
    for (const size of sizes) {
      const label = size === 'real' ? 'real OSM extract (Mănăștur east)' : `synthetic ${size}`
      console.log(`${label}: generating and importing…`)
      const text = await datasetFor(size)
      twinServer.files.set('/bench.geojson', text)
      baseServer.files.set('/bench.geojson', text)
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
    }
  } finally {
    await browser.close()
    await twinServer.close()
    await baseServer.close()
  }

  const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, node ${process.version}, Chromium headless with SwiftShader (software WebGL)`
  await mkdir(join(ROOT, 'bench/results'), { recursive: true })
  await writeFile(
    join(ROOT, 'bench/results/latest.json'),
    JSON.stringify({ started: started.toISOString(), machine, node, browser: results }, null, 2),
  )
  const readme = `# Benchmarks

Generated by \`npm run bench\` on ${started.toISOString()}.

Machine: ${machine}.

WebGL is rendered in software here, so absolute frame rates mean little; the ratio to the
deck.gl \`SolidPolygonLayer\` baseline, measured in the same run on the same footprints,
colours and camera path, is the figure to read. Ratios below 1 are better for times and
bytes, above 1 for frames per second. Synthetic districts are generated with a fixed seed
(\`scripts/lib/synthetic.ts\`) and clearly marked synthetic.

## Browser: twin vs deck.gl baseline
${table(results)}

## Node
${nodeTable(node)}

Rerun: \`npm run bench\` (sizes: \`BENCH_SIZES=3000,20000 npm run bench\`).
`
  await writeFile(join(ROOT, 'bench/README.md'), readme)
  console.log('wrote bench/README.md and bench/results/latest.json')
}

main().catch((e: unknown) => {
  console.error(`bench failed: ${e instanceof Error ? e.message : String(e)}`)
  process.exit(1)
})
