/**
 * Planner responsiveness (issue #15): the longest task on the page's main thread while the app
 * plans, from the click on Plan until the results are shown and one second after, over a few
 * plans once the page has settled (start-up work and opening the panel are not planning). The
 * planning itself runs in the district worker; this measures what the page does meanwhile and
 * with the results (verdict, charts, playback colours, the frame that shows them).
 *
 * Each plan is recorded as a Chromium trace: a task's wall time and its thread's CPU time tell
 * a task the app made long from one the loaded machine stretched (a thread waiting for a core),
 * and its biggest part says what it was (a script function, GC, layout, a GPU call).
 * Called by bench/run.ts for each synthetic district of 20,000 blocks and more; standalone, on
 * the built app in dist/: `npx vite build && npx tsx bench/plannerPage.ts [blocks…]`.
 */
import os from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

import type { Browser, Page } from 'playwright-core'

import { generateSyntheticOsm } from '../scripts/lib/synthetic'
import { writeColumnar } from '../src/domain/dataset/writeColumnar'
import { importDistrict } from '../src/domain/import/importDistrict'
import { dashboardSettled, launchBrowser, waitForTwinReady } from '../test/helpers/browser'
import { serveStatic } from '../test/helpers/staticServer'

interface Metric {
  name: string
  value: number
  unit: string
}

/** Longest task allowed by the goal, ms. */
export const LONG_TASK_GOAL_MS = 50
/** Plans measured on one page. */
const PLANS = 3

interface TraceEvent {
  name: string
  ph: string
  pid: number
  tid: number
  ts: number
  dur?: number
  tdur?: number
  args?: {
    name?: string
    data?: { functionName?: string; url?: string; lineNumber?: number; columnNumber?: number }
  }
}

/** One long main-thread task: wall and CPU time, ms, and its biggest part. */
export interface LongTask {
  wallMs: number
  cpuMs: number
  what: string
}

/** What an event inside a task is, in a few words (a script call names its function). */
function partName(e: TraceEvent): string {
  const d = e.args?.data
  if (e.name === 'FunctionCall' && d) {
    const at = d.lineNumber === undefined ? '' : `:${d.lineNumber}:${d.columnNumber ?? 0}`
    return `script ${d.functionName || '(anonymous)'} (${(d.url ?? '').split('/').pop() ?? ''}${at})`
  }
  return e.name
}

/** Tasks shorter than this are not listed (the longest task is reported even under the goal). */
const LISTED_MS = 10

/** The page main thread's tasks over `LISTED_MS` in a trace, longest first. */
export function longTasksOf(trace: Buffer): LongTask[] {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents
  const key = (e: TraceEvent) => `${e.pid}:${e.tid}`
  const mains = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map(key),
  )
  const slices = events.filter((e) => e.ph === 'X' && mains.has(key(e)))
  const tasks = slices.filter((e) => e.name === 'RunTask' && (e.dur ?? 0) > LISTED_MS * 1e3)
  return tasks
    .map((t) => {
      const end = t.ts + (t.dur ?? 0)
      // Its biggest part: the longest slice inside it below the task's own wrappers.
      let what = 'unattributed'
      let longest = 0
      for (const e of slices) {
        if (e === t || key(e) !== key(t) || e.ts < t.ts || e.ts > end) continue
        if (/RunTask|ThreadController|v8\.callFunction|RunMicrotasks/.test(e.name)) continue
        if ((e.dur ?? 0) > longest && (e.dur ?? 0) < (t.dur ?? 0)) {
          longest = e.dur ?? 0
          what = `${partName(e)} ${(longest / 1e3).toFixed(0)} ms`
        }
      }
      return { wallMs: (t.dur ?? 0) / 1e3, cpuMs: (t.tdur ?? t.dur ?? 0) / 1e3, what }
    })
    .sort((a, b) => b.wallMs - a.wallMs)
}

/** One plan from the click to the results shown and a second after; its long tasks. */
async function planOnce(browser: Browser, page: Page): Promise<{ ms: number; tasks: LongTask[] }> {
  await browser.startTracing(page, {
    categories: ['toplevel', 'disabled-by-default-devtools.timeline', 'v8', 'devtools.timeline'],
  })
  const t0 = Date.now()
  await page.getByTestId('planner-run').click()
  // The button is disabled while the worker plans and enabled once the results are in.
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="planner-verdict"]') !== null &&
      !(document.querySelector('[data-testid="planner-run"]') as HTMLButtonElement | null)
        ?.disabled,
    null,
    { timeout: 600_000, polling: 100 },
  )
  const ms = Date.now() - t0
  await page.waitForTimeout(1000)
  return { ms, tasks: longTasksOf(await browser.stopTracing()) }
}

export async function measurePlannerLongTasks(
  browser: Browser,
  url: string,
  label: string,
): Promise<Metric[]> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  try {
    await page.goto(url)
    await waitForTwinReady(page, 600_000)
    await dashboardSettled(page, 600_000)
    await page.getByTestId('planner-toggle').click()
    await page.getByTestId('planner-budget').fill('5000000')
    await page.waitForTimeout(1000)
    const runs: { ms: number; tasks: LongTask[] }[] = []
    for (let k = 0; k < PLANS; k++) runs.push(await planOnce(browser, page))
    const all = runs.flatMap((r) => r.tasks).sort((a, b) => b.wallMs - a.wallMs)
    const longest = all[0]
    const byCpu = [...all].sort((a, b) => b.cpuMs - a.cpuMs)[0]
    for (const t of all.slice(0, 3)) {
      console.log(
        `  ${label}: task ${t.wallMs.toFixed(0)} ms wall, ${t.cpuMs.toFixed(0)} ms CPU: ${t.what}`,
      )
    }
    const sorted = runs.map((r) => r.ms).sort((a, b) => a - b)
    return [
      { name: `${label}.plan_click_to_results`, value: sorted[PLANS >> 1] ?? NaN, unit: 'ms' },
      { name: `${label}.longest_task`, value: longest?.wallMs ?? 0, unit: 'ms' },
      { name: `${label}.longest_task_cpu`, value: longest?.cpuMs ?? 0, unit: 'ms' },
      { name: `${label}.most_cpu_in_one_task`, value: byCpu?.cpuMs ?? 0, unit: 'ms' },
      {
        name: `${label}.long_tasks`,
        value: all.filter((t) => t.wallMs > LONG_TASK_GOAL_MS).length,
        unit: `tasks over ${LONG_TASK_GOAL_MS} ms in ${PLANS} plans`,
      },
      { name: `${label}.load_average_1min`, value: os.loadavg()[0] ?? NaN, unit: '' },
    ]
  } finally {
    await page.close()
  }
}

async function main(sizes: number[]) {
  const server = await serveStatic(join(process.cwd(), 'dist'))
  const browser = await launchBrowser()
  try {
    for (const size of sizes) {
      const osm = generateSyntheticOsm({ count: size, seed: 42, format: 'overpass-json' })
      const dataset = importDistrict(osm, { sourceName: `synthetic-${size}` }).dataset
      server.files.set('/bench.geojson', Buffer.from(JSON.stringify(dataset)))
      server.files.set('/bench.arrow', writeColumnar(dataset))
      const metrics = await measurePlannerLongTasks(
        browser,
        `${server.url}/?data=/bench.geojson`,
        `planner_page.${size}`,
      )
      for (const m of metrics) console.log(`| ${m.name} | ${m.value.toFixed(1)} ${m.unit} |`)
    }
  } finally {
    await browser.close()
    await server.close()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const sizes = process.argv.slice(2).map(Number)
  main(sizes.length > 0 ? sizes : [20_000]).catch((e: unknown) => {
    console.error(`planner page bench failed: ${e instanceof Error ? e.message : String(e)}`)
    process.exit(1)
  })
}
