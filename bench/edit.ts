/**
 * A scenario edit as the district worker runs it (issue #12): `DistrictSession` over a
 * SYNTHETIC district (`scripts/lib/synthetic.ts`, imported by the real importer), timed in two
 * parts: the central figures (the `evaluate` request: evaluation, the page's summary, and its
 * structured clone with the typed arrays transferred, as postMessage sends it) and their
 * ranges (the `ranges` request that follows). Two edits over every block: the envelope toggled
 * back on (its heating needs are kept from the first time) and a new wall U-value each time
 * (every block's heat balance computed again, as while dragging a slider).
 * Standalone: `npx tsx bench/edit.ts [sizes]`.
 */
import { pathToFileURL } from 'node:url'

import { generateSyntheticOsm } from '../scripts/lib/synthetic'
import { datasetParts } from '../src/domain/dataset/packedDataset'
import { importDistrict } from '../src/domain/import/importDistrict'
import { DistrictSession } from '../src/domain/session/districtSession'
import { summaryTransferables } from '../src/domain/session/energySummary'

import type { Metric } from './run'

/** Issue #12: central figures within two frames, ranges within a second (at 100k blocks). */
export const EDIT_GOALS = { centralMs: 33, rangesMs: 1000 } as const

const SIZES = [3000, 20_000, 100_000]
const EDITS = 5

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? NaN
}

const TODAY = { name: 'Today', measures: [] }
const ENVELOPE = { name: 'Envelope', measures: ['envelope'] }
const wallAt = (u: number) => ({
  name: 'Wall',
  measures: [{ id: 'wall', params: { u_W_m2K: u } }, 'roof', 'windows', 'basement'],
})

/** The two edits: which scenario the k-th edit asks for. */
const EDIT_KINDS = {
  envelope_toggled_on: () => ENVELOPE,
  new_wall_u: (k: number) => wallAt(0.15 + 0.01 * k),
} as const

/** Central and ranges times of each edit at `count` synthetic blocks, medians of `EDITS`. */
function editsAt(count: number): Metric[] {
  const osm = generateSyntheticOsm({ count, seed: 42, format: 'overpass-json' })
  const { dataset } = importDistrict(osm, { sourceName: 'synthetic' })
  const session = DistrictSession.open(datasetParts(dataset))
  const timed = (f: () => void) => {
    const t0 = performance.now()
    f()
    return performance.now() - t0
  }
  const central = (scenario: unknown) =>
    timed(() => {
      const summary = session.evaluate(scenario)
      structuredClone(summary, { transfer: summaryTransferables(summary) })
    })
  // As the app starts: today's figures and ranges, then the envelope once; not timed.
  for (const s of [TODAY, ENVELOPE, TODAY]) {
    session.evaluate(s)
    session.ranges(s)
  }
  const out: Metric[] = []
  for (const [kind, scenarioOf] of Object.entries(EDIT_KINDS)) {
    const c: number[] = []
    const r: number[] = []
    for (let k = 0; k < EDITS; k++) {
      const s = scenarioOf(k)
      c.push(central(s))
      r.push(timed(() => session.ranges(s)))
      // Back to today, so the next edit is one again.
      session.evaluate(TODAY)
      session.ranges(TODAY)
    }
    const at = `edit.${count / 1000}k.${kind}`
    out.push(
      { name: `${at}.central`, value: median(c), unit: 'ms' },
      { name: `${at}.ranges`, value: median(r), unit: 'ms' },
    )
  }
  return out
}

export async function runEditBench(sizes = SIZES): Promise<Metric[]> {
  return Promise.resolve(sizes.flatMap(editsAt))
}

/** The goal table of issue #12 from the edit figures (any run's, by name). */
export function editGoalsTable(metrics: readonly Metric[]): string {
  const lines = [
    '| blocks | edit | central figures (ms) | ≤ 33 ms | ranges (ms) | ≤ 1 s |',
    '|---:|---|---:|---|---:|---|',
  ]
  const yes = (v: number, limit: number) =>
    Number.isFinite(v) ? (v <= limit ? 'yes' : '**no**') : 'n/a'
  for (const m of metrics) {
    const hit = /^edit\.([^.]+)\.([^.]+)\.central$/.exec(m.name)
    if (!hit) continue
    const [, size, kind] = hit
    const ranges = metrics.find((x) => x.name === `edit.${size}.${kind}.ranges`)?.value ?? NaN
    const label = kind === 'new_wall_u' ? 'new wall U-value' : 'envelope toggled back on'
    lines.push(
      `| ${size} | ${label} | ${m.value.toFixed(1)} | ${yes(m.value, EDIT_GOALS.centralMs)} | ${ranges.toFixed(0)} | ${yes(ranges, EDIT_GOALS.rangesMs)} |`,
    )
  }
  return lines.join('\n')
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const sizes = process.argv[2]?.split(',').map(Number) ?? SIZES
  runEditBench(sizes)
    .then((metrics) => {
      for (const m of metrics) console.log(`${m.name}: ${m.value.toFixed(1)} ${m.unit}`)
      console.log(editGoalsTable(metrics))
    })
    .catch((e: unknown) => {
      console.error(`edit bench failed: ${e instanceof Error ? e.message : String(e)}`)
      process.exit(1)
    })
}
