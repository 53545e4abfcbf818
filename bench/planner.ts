/**
 * Planner benchmark: a plan for 100,000 SYNTHETIC blocks (the energy bench's district) with
 * every catalogue package (14) over 5 years, target −55 % CO2 at 5 M€ a year (out of reach,
 * so the shortfall search runs too). Median of a few runs, in Node. Standalone:
 * `npm run bench:planner` (or `npx tsx bench/planner.ts`).
 */
import { pathToFileURL } from 'node:url'

import { prepareDistrict } from '../src/domain/energy/district/prepare'
import { DEFAULT_PARAMETERS } from '../src/domain/energy/parameters'
import { PACKAGES } from '../src/domain/planner/packages'
import { planDistrict } from '../src/domain/planner/plan'

import { syntheticBlocks } from './energy'

const RUNS = 3

interface Metric {
  name: string
  value: number
  unit: string
}

export async function runPlannerBench(): Promise<Metric[]> {
  const params = DEFAULT_PARAMETERS
  const prepared = prepareDistrict(syntheticBlocks(100_000), params)
  const times: number[] = []
  let steps = 0
  for (let k = 0; k < RUNS; k++) {
    const t0 = performance.now()
    const plan = planDistrict(prepared, params, {
      target: { kind: 'co2', reductionPct: 55 },
      scope: 'district',
      from: 2026,
      by: 2030,
      budget: { perYear: 5_000_000 },
    })
    times.push(performance.now() - t0)
    steps = plan.steps.length
  }
  times.sort((a, b) => a - b)
  return [
    {
      name: `planner.plan_100k_x${PACKAGES.length}_packages_x5_years`,
      value: times[Math.floor(RUNS / 2)] ?? NaN,
      unit: 'ms',
    },
    { name: 'planner.plan_100k.steps', value: steps, unit: 'blocks' },
  ]
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runPlannerBench()
    .then((metrics) => {
      console.log(`planner, 100,000 synthetic blocks, node ${process.version}`)
      console.log('| figure | value |\n|---|---:|')
      for (const m of metrics) console.log(`| ${m.name} | ${m.value.toFixed(2)} ${m.unit} |`)
    })
    .catch((e: unknown) => {
      console.error(`planner bench failed: ${e instanceof Error ? e.message : String(e)}`)
      process.exit(1)
    })
}
