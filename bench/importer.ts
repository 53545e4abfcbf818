/**
 * Importer benchmark: 100,000 SYNTHETIC buildings (scripts/lib/synthetic.ts) through
 * `importDistrict`, per input format: wall time and peak RSS / heap. Run standalone with
 * `npx tsx bench/importer.ts`, or as part of `npm run bench`.
 */
import { generateSyntheticOsm } from '../scripts/lib/synthetic'
import type { SyntheticFormat } from '../scripts/lib/synthetic'
import { importDistrict } from '../src/domain/import/importDistrict'

/** One measured figure. */
export interface BenchMetric {
  name: string
  value: number
  unit: string
}

const COUNT = 100_000
const MIB = 2 ** 20

/**
 * Peak RSS (whole process, so later formats include earlier garbage) and peak heap growth
 * above the heap in use when `fn` starts (input text excluded), sampled at every progress call.
 */
function withPeakMemory<T>(fn: (sample: () => void) => T): {
  result: T
  peakRssMiB: number
  peakHeapMiB: number
} {
  let peakRss = 0
  let peakHeap = 0
  const sample = (): void => {
    const m = process.memoryUsage()
    if (m.rss > peakRss) peakRss = m.rss
    if (m.heapUsed > peakHeap) peakHeap = m.heapUsed
  }
  const startHeap = process.memoryUsage().heapUsed
  sample()
  const result = fn(sample)
  sample()
  return { result, peakRssMiB: peakRss / MIB, peakHeapMiB: (peakHeap - startHeap) / MIB }
}

/** 100k synthetic import per format: time (ms), peak RSS and heap (MiB), output size. */
export async function runImporterBench(): Promise<BenchMetric[]> {
  const metrics: BenchMetric[] = []
  const formats: SyntheticFormat[] = ['osm-xml', 'overpass-json', 'geojson']
  for (const format of formats) {
    const t0 = performance.now()
    const text = generateSyntheticOsm({ count: COUNT, seed: 1, format })
    const genMs = performance.now() - t0
    ;(globalThis as { gc?: () => void }).gc?.()
    const t1 = performance.now()
    const { result, peakRssMiB, peakHeapMiB } = withPeakMemory((sample) =>
      importDistrict(text, { sourceName: `synthetic-100k.${format}`, onProgress: sample }),
    )
    const importMs = performance.now() - t1
    const n = result.dataset.metadata.counts.buildings
    if (n !== COUNT) throw new Error(`importer bench: expected ${COUNT} buildings, got ${n}`)
    metrics.push(
      { name: `importer.${format}.generate_100k`, value: Math.round(genMs), unit: 'ms' },
      { name: `importer.${format}.import_100k`, value: Math.round(importMs), unit: 'ms' },
      {
        name: `importer.${format}.input_size`,
        value: Math.round((text.length / MIB) * 10) / 10,
        unit: 'MiB',
      },
      { name: `importer.${format}.peak_rss`, value: Math.round(peakRssMiB), unit: 'MiB' },
      { name: `importer.${format}.peak_heap_growth`, value: Math.round(peakHeapMiB), unit: 'MiB' },
    )
  }
  return metrics
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  runImporterBench()
    .then((ms) => {
      for (const m of ms)
        console.log(`${m.name.padEnd(40)} ${String(m.value).padStart(8)} ${m.unit}`)
    })
    .catch((e: unknown) => {
      console.error(`importer bench failed: ${e instanceof Error ? e.message : String(e)}`)
      process.exitCode = 1
    })
}
