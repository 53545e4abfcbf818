/**
 * Importer benchmark: 100,000 SYNTHETIC buildings (scripts/lib/synthetic.ts) through
 * `importDistrict`, per input format, a SYNTHETIC `.osm` of at least 100 MB and a SYNTHETIC
 * `.osm.pbf` of 100,000 buildings read from disk: wall time and peak RSS / heap; and the
 * footprint-overlay join of 100,000 SYNTHETIC footprints onto 100,000 buildings. Run
 * standalone with `npx tsx bench/importer.ts` (`BENCH_IMPORT=osm-pbf,osm-xml-100mb,overlay-join`
 * runs only those cases), or as part of `npm run bench`.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { readOsmPbf } from '../scripts/lib/readOsmPbf'
import { generateSyntheticOsm } from '../scripts/lib/synthetic'
import type { SyntheticFormat } from '../scripts/lib/synthetic'
import { writeOsmPbf } from '../scripts/lib/writeOsmPbf'
import type { BuildingFeature } from '../src/domain/buildings/types'
import { joinFootprints, parseFootprintOverlay } from '../src/domain/import/footprintOverlay'
import { importDistrict, importOsmElements } from '../src/domain/import/importDistrict'
import { parseOsmXml } from '../src/domain/import/osmXml'

/** One measured figure. */
export interface BenchMetric {
  name: string
  value: number
  unit: string
}

const COUNT = 100_000
const MIB = 2 ** 20
/** Buildings in the large `.osm` case: about 105 MiB of synthetic XML. */
const LARGE_COUNT = 200_000
const ONLY = process.env.BENCH_IMPORT?.split(',')
const wanted = (name: string): boolean => !ONLY || ONLY.includes(name)

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
  for (const format of formats.filter(wanted)) {
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
  if (wanted('osm-xml-100mb')) metrics.push(...largeOsmBench())
  if (wanted('osm-pbf')) metrics.push(...(await pbfBench()))
  if (wanted('overlay-join')) metrics.push(...overlayJoinBench())
  return metrics
}

/**
 * 100k SYNTHETIC footprints, each its building moved 0.5 m east (IoU ≈ 0.97), joined onto the
 * 100k SYNTHETIC buildings by `joinFootprints` (bbox grid + polygon-clipping): parse and join
 * time, buildings joined.
 */
function overlayJoinBench(): BenchMetric[] {
  const text = generateSyntheticOsm({ count: COUNT, seed: 1, format: 'geojson' })
  const buildings = importDistrict(text, { sourceName: 'synthetic-100k.geojson' })
    .dataset.features.filter((f): f is BuildingFeature => f.properties.kind === 'building')
    .map((f) => ({ id: f.properties.id, geometry: f.geometry }))
  const dx = 0.5 / (111_320 * Math.cos((46.77 * Math.PI) / 180))
  const shift = (c: unknown): unknown =>
    Array.isArray(c) && typeof c[0] === 'number' ? [c[0] + dx, c[1]] : (c as unknown[]).map(shift)
  const overlayText = JSON.stringify({
    type: 'FeatureCollection',
    features: buildings.map((b, i) => ({
      type: 'Feature',
      id: `f${i}`,
      properties: { levels: 5, year: 1980 },
      geometry: { type: b.geometry.type, coordinates: shift(b.geometry.coordinates) },
    })),
  })
  ;(globalThis as { gc?: () => void }).gc?.()
  const t0 = performance.now()
  const overlay = parseFootprintOverlay(overlayText, 'synthetic-footprints.geojson')
  const parseMs = performance.now() - t0
  const t1 = performance.now()
  const join = joinFootprints(buildings, overlay)
  const joinMs = performance.now() - t1
  const name = 'importer.overlay-join'
  return [
    { name: `${name}.footprints`, value: overlay.footprints.length, unit: 'footprints' },
    { name: `${name}.parse_100k`, value: Math.round(parseMs), unit: 'ms' },
    { name: `${name}.join_100k_x_100k`, value: Math.round(joinMs), unit: 'ms' },
    { name: `${name}.joined`, value: join.report.matched, unit: 'buildings' },
    { name: `${name}.rss_after`, value: Math.round(process.memoryUsage().rss / MIB), unit: 'MiB' },
  ]
}

/** A SYNTHETIC `.osm` of ≥ 100 MiB through `importDistrict`. */
function largeOsmBench(): BenchMetric[] {
  const text = generateSyntheticOsm({ count: LARGE_COUNT, seed: 3, format: 'osm-xml' })
  if (text.length < 100 * MIB) throw new Error('importer bench: large .osm under 100 MiB')
  ;(globalThis as { gc?: () => void }).gc?.()
  const t0 = performance.now()
  const { result, peakRssMiB, peakHeapMiB } = withPeakMemory((sample) =>
    importDistrict(text, { sourceName: 'synthetic-100mb.osm', onProgress: sample }),
  )
  const importMs = performance.now() - t0
  const n = result.dataset.metadata.counts.buildings
  if (n !== LARGE_COUNT) throw new Error(`importer bench: expected ${LARGE_COUNT}, got ${n}`)
  const name = 'importer.osm-xml-100mb'
  return [
    { name: `${name}.input_size`, value: Math.round((text.length / MIB) * 10) / 10, unit: 'MiB' },
    { name: `${name}.import`, value: Math.round(importMs), unit: 'ms' },
    { name: `${name}.peak_rss`, value: Math.round(peakRssMiB), unit: 'MiB' },
    { name: `${name}.peak_heap_growth`, value: Math.round(peakHeapMiB), unit: 'MiB' },
  ]
}

/**
 * A SYNTHETIC `.osm.pbf` of 100k buildings (the synthetic `.osm`, encoded by
 * scripts/lib/writeOsmPbf.ts) read from disk as `npm run data --in` reads it: streamed
 * reading plus import, timed together; memory sampled every 20 ms while reading.
 */
async function pbfBench(): Promise<BenchMetric[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-pbf-'))
  try {
    const path = join(dir, 'synthetic-100k.osm.pbf')
    const xml = generateSyntheticOsm({ count: COUNT, seed: 1, format: 'osm-xml' })
    writeFileSync(path, writeOsmPbf(parseOsmXml(xml, 'synthetic-100k.osm')))
    ;(globalThis as { gc?: () => void }).gc?.()
    let peakRss = 0
    const sample = (): void => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss)
    }
    const t0 = performance.now()
    const timer = setInterval(sample, 20)
    const elements = await readOsmPbf(path).finally(() => clearInterval(timer))
    const readMs = performance.now() - t0
    const result = importOsmElements(elements, {
      sourceName: 'synthetic-100k.osm.pbf',
      onProgress: sample,
    })
    const totalMs = performance.now() - t0
    sample()
    const n = result.dataset.metadata.counts.buildings
    if (n !== COUNT) throw new Error(`importer bench: expected ${COUNT} buildings, got ${n}`)
    const name = 'importer.osm-pbf'
    return [
      {
        name: `${name}.input_size`,
        value: Math.round((statSync(path).size / MIB) * 10) / 10,
        unit: 'MiB',
      },
      { name: `${name}.read_100k`, value: Math.round(readMs), unit: 'ms' },
      { name: `${name}.import_100k`, value: Math.round(totalMs), unit: 'ms' },
      { name: `${name}.peak_rss`, value: Math.round(peakRss / MIB), unit: 'MiB' },
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
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
