/**
 * Energy-engine benchmark: 100,000 SYNTHETIC block footprints (fixed seed, rotated slabs,
 * towers and L-shapes) → `prepareDistrict` once, then `evaluateScenario` as a slider would
 * call it (baseline cached, new scenario each run) and cold (new parameters, baseline
 * recomputed). Medians of several runs. Standalone: `npx tsx bench/energy.ts`.
 */
import { pathToFileURL } from 'node:url'

import { evaluateScenario } from '../src/domain/energy/district/evaluate'
import { prepareDistrict } from '../src/domain/energy/district/prepare'
import { envelopeFromFootprint } from '../src/domain/energy/envelope'
import type { BuildingInput } from '../src/domain/energy/input'
import { DEFAULT_PARAMETERS, withOverrides } from '../src/domain/energy/parameters'
import { parseScenario } from '../src/domain/energy/scenario'
import type { LocalMeters } from '../src/domain/geo/types'
import { seededRandom } from '../src/domain/random'

/** One measured figure. */
export interface EnergyBenchMetric {
  name: string
  value: number
  unit: string
}

const COUNT = 100_000
const RUNS = 9

/** 100k synthetic blocks: P+4 slabs, P+10 towers and L-shaped P+8 blocks, rotated at random. */
export function syntheticBlocks(count = COUNT, seed = 7): BuildingInput[] {
  const r = seededRandom(seed)
  const heating = ['gas_boiler', 'district_heating', null, 'gas_boiler'] as const
  const out: BuildingInput[] = []
  for (let i = 0; i < count; i++) {
    const kind = r()
    const rot = r() * Math.PI * 2
    const c = Math.cos(rot)
    const s = Math.sin(rot)
    const ox = (i % 300) * 120
    const oy = Math.floor(i / 300) * 80
    let pts: [number, number][]
    let levels: number
    if (kind < 0.6) {
      const w = 40 + r() * 60
      pts = [
        [0, 0],
        [w, 0],
        [w, 12],
        [0, 12],
      ]
      levels = 5
    } else if (kind < 0.85) {
      pts = [
        [0, 0],
        [30, 0],
        [30, 14],
        [0, 14],
      ]
      levels = 11
    } else {
      pts = [
        [0, 0],
        [50, 0],
        [50, 12],
        [12, 12],
        [12, 40],
        [0, 40],
      ]
      levels = 9
    }
    const ring = pts.map(([x, y]) => [
      ox + x * c - y * s,
      oy + x * s + y * c,
    ]) as unknown as LocalMeters[]
    out.push({
      id: `way/${i + 1}`,
      type: 'apartments',
      use: 'residential',
      year: r() < 0.3 ? null : 1965 + Math.floor(r() * 35),
      flats: null,
      heatedAreaM2: 0,
      heating: heating[i % heating.length] ?? null,
      rehabilitated: r() < 0.4 ? 2010 : null,
      envelope: envelopeFromFootprint([ring], levels, levels * 2.75),
    })
  }
  return out
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? NaN
}

function time(fn: () => void): number {
  const t0 = performance.now()
  fn()
  return performance.now() - t0
}

/** Prepare and scenario-evaluation times over 100k synthetic blocks, median of several runs. */
export async function runEnergyBench(): Promise<EnergyBenchMetric[]> {
  let inputs: BuildingInput[] = []
  const genMs = time(() => {
    inputs = syntheticBlocks()
  })
  const params = DEFAULT_PARAMETERS
  let prepared = prepareDistrict(inputs, params)
  const prepMs = median(
    Array.from({ length: 3 }, () =>
      time(() => {
        prepared = prepareDistrict(inputs, params)
      }),
    ),
  )
  const full = (u: number) =>
    parseScenario({
      name: 'slider',
      measures: [
        { id: 'wall', params: { u_W_m2K: u } },
        'roof',
        'windows',
        'basement',
        'heat_pump',
        'pv',
      ],
    })
  // Warm-up (JIT, baseline cache).
  for (let k = 0; k < 3; k++) evaluateScenario(prepared, full(0.4), params)
  const sliderMs = median(
    Array.from({ length: RUNS }, (_, k) =>
      time(() => evaluateScenario(prepared, full(0.2 + k * 0.05), params)),
    ),
  )
  const envelopeOnly = parseScenario({ name: 'Envelope', measures: ['envelope'] })
  const envelopeMs = median(
    Array.from({ length: RUNS }, () =>
      time(() => evaluateScenario(prepared, envelopeOnly, params)),
    ),
  )
  const filtered = parseScenario({
    name: 'filtered rollout',
    measures: ['envelope', 'dh_upgrade'],
    buildings: { filter: { year_max: 1990, class: ['D', 'E', 'F', 'G'] } },
    rollout: { start_year: 2026, end_year: 2035, order: 'worst_first' },
  })
  const filteredMs = median(
    Array.from({ length: RUNS }, () => time(() => evaluateScenario(prepared, filtered, params))),
  )
  // Cold: an edited assumption (new parameter object) recomputes the baseline too.
  const coldMs = median(
    Array.from({ length: RUNS }, (_, k) => {
      const p = withOverrides(params, { 'carriers.gas.price_lei_per_kWh': 0.3 + k * 0.01 })
      return time(() => evaluateScenario(prepared, full(0.4), p))
    }),
  )
  return [
    { name: 'energy.generate_synthetic_100k', value: Math.round(genMs), unit: 'ms' },
    { name: 'energy.prepare_100k', value: prepMs, unit: 'ms' },
    { name: 'energy.evaluate_100k.slider_all_measures', value: sliderMs, unit: 'ms' },
    { name: 'energy.evaluate_100k.envelope', value: envelopeMs, unit: 'ms' },
    { name: 'energy.evaluate_100k.filter_rollout', value: filteredMs, unit: 'ms' },
    { name: 'energy.evaluate_100k.cold_new_params', value: coldMs, unit: 'ms' },
  ]
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runEnergyBench()
    .then((metrics) => {
      console.log(
        `energy engine, ${COUNT.toLocaleString('en')} synthetic blocks, node ${process.version}`,
      )
      console.log('| figure | value |\n|---|---:|')
      for (const m of metrics) console.log(`| ${m.name} | ${m.value.toFixed(2)} ${m.unit} |`)
    })
    .catch((e: unknown) => {
      console.error(`energy bench failed: ${e instanceof Error ? e.message : String(e)}`)
      process.exit(1)
    })
}
