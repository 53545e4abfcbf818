/**
 * A big `.osm` opened in the app (issue #16, point 4): the longest task on the page's main
 * thread from the moment the file is chosen until its district is drawn and a second after,
 * and the page's JS heap (its peak while importing, and after GC once imported). The import
 * runs in the district worker; this measures what the page does meanwhile and with the result.
 *
 * The files are SYNTHETIC (scripts/lib/synthetic.ts): apartment blocks as `.osm` XML, and
 * where a size would take more blocks than a dataset may hold (`MAX_BUILDINGS`), tagged nodes
 * that are not buildings (shops, benches: most of a real extract) fill it to its size. A small
 * district is loaded first, as a planner would have one open. Each import is traced: a task's
 * wall and CPU time tell one the app made long from one the loaded machine stretched.
 *
 * Called by bench/run.ts at 60 and 300 MB; standalone, on the built app in dist/:
 * `npx vite build && npx tsx bench/bigImport.ts 60,300` (sizes in MiB).
 */
import { createWriteStream, existsSync, statSync } from 'node:fs'
import { once } from 'node:events'
import os from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

import type { Browser, CDPSession } from 'playwright-core'

import { generateSyntheticOsm } from '../scripts/lib/synthetic'
import { MAX_BUILDINGS } from '../src/domain/dataset/validateDataset'
import { writeColumnar } from '../src/domain/dataset/writeColumnar'
import { importDistrict } from '../src/domain/import/importDistrict'
import { launchBrowser, waitForTwinReady } from '../test/helpers/browser'
import { serveStatic } from '../test/helpers/staticServer'

import { longTasksOf, type LongTask } from './plannerPage'

interface Metric {
  name: string
  value: number
  unit: string
}

const MIB = 2 ** 20
/** Longest main-thread task allowed while importing (issue #16), ms. */
export const IMPORT_TASK_GOAL_MS = 100
/** Bytes of synthetic `.osm` XML per block, about (scripts/lib/synthetic.ts). */
const BYTES_PER_BLOCK = 534
/** Blocks at most: a tenth under the dataset limit, so the file is imported, not refused. */
const MOST_BLOCKS = Math.floor(MAX_BUILDINGS * 0.9)

/**
 * A synthetic `.osm` of `mib` MiB (within a few per cent) in the temporary folder, written
 * once and kept for later runs (the same size gives the same bytes); its path and block count.
 */
async function syntheticOsmFile(mib: number): Promise<{ path: string; blocks: number }> {
  const blocks = Math.min(MOST_BLOCKS, Math.round((mib * MIB) / BYTES_PER_BLOCK))
  const path = join(os.tmpdir(), `twin-bench-big-${mib}mib-${blocks}.osm`)
  if (existsSync(path)) return { path, blocks }
  const text = generateSyntheticOsm({ count: blocks, seed: 16, format: 'osm-xml' })
  // Its header, then the filler nodes (nodes come first in an .osm), then the blocks.
  const bodyAt = text.indexOf('<node')
  const out = createWriteStream(`${path}.part`)
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain')
  }
  await write(text.slice(0, bodyAt))
  let left = mib * MIB - text.length
  for (let id = 9_000_000_000; left > 0; id++) {
    const node = `  <node id="${id}" lat="46.7${id % 10_000}" lon="23.5${id % 7_000}"><tag k="amenity" v="bench"/><tag k="note" v="synthetic filler"/></node>\n`
    await write(node)
    left -= node.length
  }
  await write(text.slice(bodyAt))
  out.end()
  await once(out, 'finish')
  const { rename } = await import('node:fs/promises')
  await rename(`${path}.part`, path)
  return { path, blocks }
}

/** Records every long task (PerformanceObserver 'longtask') from the page's first script. */
const RECORD_LONG_TASKS = `
  window.__longTasks = []
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration])
  }).observe({ type: 'longtask', buffered: true })
`

/** JS heap in use on the page (no GC), bytes. */
const heapUsed = async (cdp: CDPSession) =>
  ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize

/** Import one file into a page that shows a small district; the figures of that import. */
async function importOnce(
  browser: Browser,
  baseUrl: string,
  file: { path: string; blocks: number },
  label: string,
): Promise<Metric[]> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  page.on('pageerror', (e) => console.error(`  page error: ${e.message}`))
  await page.addInitScript({ content: RECORD_LONG_TASKS })
  const cdp = await page.context().newCDPSession(page)
  try {
    await page.goto(baseUrl)
    await waitForTwinReady(page, 120_000)
    await page.waitForTimeout(2000)
    await browser.startTracing(page, {
      categories: ['toplevel', 'disabled-by-default-devtools.timeline', 'devtools.timeline'],
    })
    const since = await page.evaluate(() => performance.now())
    const t0 = Date.now()
    await page.getByTestId('file-input').first().setInputFiles(file.path)
    // Sampled while importing: the heap's peak, and how often the progress bar moved.
    let peakHeap = 0
    const progress = new Set<string>()
    for (;;) {
      const [heap, state] = await Promise.all([
        heapUsed(cdp),
        page.evaluate(() => ({
          done: window.__twin.ready && window.__twin.stats().buildings,
          value: document.querySelector('.overlay-card progress')?.getAttribute('value') ?? null,
          error: document.querySelector('[data-testid="data-message"]')?.textContent ?? null,
        })),
      ])
      peakHeap = Math.max(peakHeap, heap)
      if (state.value !== null) progress.add(state.value)
      if (state.error) throw new Error(`the import failed: ${state.error}`)
      if (state.done === file.blocks) break
      if (Date.now() - t0 > 900_000) throw new Error('the import did not finish within 15 min')
      await page.waitForTimeout(200)
    }
    const importMs = Date.now() - t0
    await page.waitForTimeout(1000)
    const traced = longTasksOf(await browser.stopTracing())
    const observed = await page.evaluate(
      (t) =>
        (window as unknown as { __longTasks: [number, number][] }).__longTasks
          .filter(([start]) => start >= t)
          .map(([, duration]) => duration),
      since,
    )
    await cdp.send('HeapProfiler.collectGarbage')
    const heapAfter = await heapUsed(cdp)
    const load = os.loadavg()[0] ?? NaN
    for (const t of traced.slice(0, Number(process.env.BIG_IMPORT_LIST ?? 3)))
      console.log(`  ${label}: ${describe(t)}`)
    const longest = traced[0]
    return [
      { name: `${label}.blocks`, value: file.blocks, unit: 'buildings' },
      { name: `${label}.file_size`, value: statSync(file.path).size / MIB, unit: 'MiB' },
      { name: `${label}.import_ms`, value: importMs, unit: 'ms (file chosen → drawn)' },
      { name: `${label}.longest_task`, value: longest?.wallMs ?? 0, unit: 'ms' },
      { name: `${label}.longest_task_cpu`, value: longest?.cpuMs ?? 0, unit: 'ms' },
      {
        name: `${label}.longest_longtask_observed`,
        value: Math.max(0, ...observed),
        unit: 'ms (PerformanceObserver)',
      },
      {
        name: `${label}.long_tasks`,
        value: traced.filter((t) => t.wallMs > IMPORT_TASK_GOAL_MS).length,
        unit: `tasks over ${IMPORT_TASK_GOAL_MS} ms`,
      },
      { name: `${label}.progress_steps`, value: progress.size, unit: 'values seen' },
      { name: `${label}.page_heap_peak`, value: peakHeap / MIB, unit: 'MiB (sampled, no GC)' },
      { name: `${label}.page_heap_after`, value: heapAfter / MIB, unit: 'MiB (after GC)' },
      { name: `${label}.load_average_1min`, value: load, unit: '' },
    ]
  } finally {
    await cdp.detach().catch(() => {})
    await page.close()
  }
}

const describe = (t: LongTask) =>
  `task ${t.wallMs.toFixed(0)} ms wall, ${t.cpuMs.toFixed(0)} ms CPU: ${t.what}`

/** The figures at each size (MiB), on the built app served at `server`. */
export async function measureBigImports(
  browser: Browser,
  server: { url: string; files: Map<string, string | Uint8Array> },
  sizesMib: number[],
): Promise<Record<string, Metric[] | string>> {
  const base = importDistrict(generateSyntheticOsm({ count: 200, seed: 3, format: 'osm-xml' }), {
    sourceName: 'synthetic-200',
  }).dataset
  server.files.set('/big-import-base.geojson', JSON.stringify(base))
  server.files.set('/big-import-base.arrow', writeColumnar(base))
  const out: Record<string, Metric[] | string> = {}
  for (const mib of sizesMib) {
    const label = `big_import.${mib}mib`
    try {
      console.log(`${label}: writing the synthetic .osm…`)
      const file = await syntheticOsmFile(mib)
      console.log(`${label}: importing ${file.blocks} blocks in the app…`)
      out[label] = await importOnce(
        browser,
        `${server.url}/?data=/big-import-base.geojson`,
        file,
        label,
      )
    } catch (e) {
      out[label] = `not run: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`
    }
  }
  return out
}

async function main(sizes: number[]) {
  const server = await serveStatic(join(process.cwd(), 'dist'))
  const browser = await launchBrowser()
  try {
    const results = await measureBigImports(browser, server, sizes)
    for (const [label, metrics] of Object.entries(results)) {
      if (typeof metrics === 'string') console.log(`| ${label} | ${metrics} |`)
      else for (const m of metrics) console.log(`| ${m.name} | ${m.value.toFixed(1)} ${m.unit} |`)
    }
  } finally {
    await browser.close()
    await server.close()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const sizes = (process.argv[2] ?? '60,300').split(',').map(Number)
  main(sizes).catch((e: unknown) => {
    console.error(`big import bench failed: ${e instanceof Error ? e.message : String(e)}`)
    process.exit(1)
  })
}
