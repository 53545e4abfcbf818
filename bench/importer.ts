/**
 * Importer benchmark: 100,000 SYNTHETIC buildings (scripts/lib/synthetic.ts) through
 * `importDistrict`, per input format, a SYNTHETIC `.osm` of at least 100 MB and a SYNTHETIC
 * `.osm.pbf` of 100,000 buildings read from disk: wall time and peak RSS / heap; and the
 * footprint-overlay join of 100,000 SYNTHETIC footprints onto 100,000 buildings. Run
 * standalone with `npx tsx bench/importer.ts` (`BENCH_IMPORT=osm-pbf,osm-xml-100mb,overlay-join`
 * runs only those cases), or as part of `npm run bench`.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { osmPbfChunks } from '../scripts/lib/readOsmPbf'
import { generateSyntheticOsm } from '../scripts/lib/synthetic'
import type { SyntheticFormat } from '../scripts/lib/synthetic'
import { writeOsmPbf } from '../scripts/lib/writeOsmPbf'
import type { BuildingFeature } from '../src/domain/buildings/types'
import { joinFootprints, parseFootprintOverlay } from '../src/domain/import/footprintOverlay'
import { importDistrict, importOsmXmlChunks } from '../src/domain/import/importDistrict'
import { importOsmPbf } from '../src/domain/import/osmPbf'
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
  if (wanted('osm-xml-100mb')) metrics.push(...(await largeOsmBench()))
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

/**
 * Memory bound of the streamed `.osm` / `.osm.pbf` import (README "Formats"), measured here:
 * peak RSS ≈ 200 MiB (Node, the code, one 1 MiB read and at most one 32 MiB PBF block) + about
 * 24 bytes per node (the id/lat/lon table) + the ways, relations and tagged nodes as objects
 * + the dataset built (≈ 2 KiB per building, features and report); the file's text or bytes
 * are never held whole.
 */
function sampler(): { sample: () => void; stop: () => { peakRss: number; peakHeap: number } } {
  let peakRss = 0
  let peakHeap = 0
  const startHeap = process.memoryUsage().heapUsed
  const sample = (): void => {
    const m = process.memoryUsage()
    peakRss = Math.max(peakRss, m.rss)
    peakHeap = Math.max(peakHeap, m.heapUsed)
  }
  const timer = setInterval(sample, 20)
  sample()
  return {
    sample,
    stop: () => {
      clearInterval(timer)
      sample()
      return { peakRss, peakHeap: peakHeap - startHeap }
    },
  }
}

/**
 * Runs this file in a fresh Node process with `env` (a synthetic file written, or one streamed
 * import measured), so the peak RSS is the import's own and not earlier cases' garbage.
 */
function child(env: Record<string, string>): string {
  const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  })
  if (r.status !== 0) throw new Error(`importer bench child failed: ${r.stderr.slice(-400)}`)
  return r.stdout
}

/** Writes a generated file and drops the text, so the import is measured without it. */
function writeSynthetic(path: string, count: number, seed: number, pbf: boolean): number {
  const text = generateSyntheticOsm({ count, seed, format: 'osm-xml' })
  if (pbf) writeFileSync(path, writeOsmPbf(parseOsmXml(text, basename(path))))
  else writeFileSync(path, text)
  return statSync(path).size
}

/**
 * A SYNTHETIC `.osm` of ≥ 100 MiB read from disk as `npm run data --in` reads it: streamed
 * (1 MiB reads, `importOsmXmlChunks`) and imported; memory sampled every 20 ms.
 */
async function largeOsmBench(): Promise<BenchMetric[]> {
  if (!process.env.BENCH_IMPORT_CHILD) return inChild('osm-xml-100mb')
  const dir = mkdtempSync(join(tmpdir(), 'bench-osm-'))
  try {
    const path = join(dir, 'synthetic-100mb.osm')
    child({ BENCH_IMPORT_WRITE: JSON.stringify([path, LARGE_COUNT, 3, false]) })
    const size = statSync(path).size
    if (size < 100 * MIB) throw new Error('importer bench: large .osm under 100 MiB')
    ;(globalThis as { gc?: () => void }).gc?.()
    const t0 = performance.now()
    const s = sampler()
    const result = await importOsmXmlChunks(osmPbfChunks(path), size, {
      sourceName: 'synthetic-100mb.osm',
      onProgress: s.sample,
    })
    const importMs = performance.now() - t0
    const { peakRss, peakHeap } = s.stop()
    const n = result.dataset.metadata.counts.buildings
    if (n !== LARGE_COUNT) throw new Error(`importer bench: expected ${LARGE_COUNT}, got ${n}`)
    const name = 'importer.osm-xml-100mb'
    return [
      { name: `${name}.input_size`, value: Math.round((size / MIB) * 10) / 10, unit: 'MiB' },
      { name: `${name}.import`, value: Math.round(importMs), unit: 'ms' },
      { name: `${name}.peak_rss`, value: Math.round(peakRss / MIB), unit: 'MiB' },
      { name: `${name}.peak_heap_growth`, value: Math.round(peakHeap / MIB), unit: 'MiB' },
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * A SYNTHETIC `.osm.pbf` of 100k buildings (the synthetic `.osm`, encoded by
 * scripts/lib/writeOsmPbf.ts) read from disk as `npm run data --in` reads it (`importOsmPbf`,
 * streamed block by block, nodes kept compactly): reading (to the end of the file) and the
 * whole import timed; memory sampled every 20 ms.
 */
async function pbfBench(): Promise<BenchMetric[]> {
  if (!process.env.BENCH_IMPORT_CHILD) return inChild('osm-pbf')
  const dir = mkdtempSync(join(tmpdir(), 'bench-pbf-'))
  try {
    const path = join(dir, 'synthetic-100k.osm.pbf')
    child({ BENCH_IMPORT_WRITE: JSON.stringify([path, COUNT, 1, true]) })
    const size = statSync(path).size
    ;(globalThis as { gc?: () => void }).gc?.()
    const t0 = performance.now()
    let readMs = 0
    const s = sampler()
    const result = await importOsmPbf(osmPbfChunks(path), size, {
      sourceName: 'synthetic-100k.osm.pbf',
      onProgress: (done) => {
        s.sample()
        if (done <= 300) readMs = performance.now() - t0
      },
    })
    const totalMs = performance.now() - t0
    const { peakRss } = s.stop()
    const n = result.dataset.metadata.counts.buildings
    if (n !== COUNT) throw new Error(`importer bench: expected ${COUNT} buildings, got ${n}`)
    const name = 'importer.osm-pbf'
    return [
      { name: `${name}.input_size`, value: Math.round((size / MIB) * 10) / 10, unit: 'MiB' },
      { name: `${name}.read_100k`, value: Math.round(readMs), unit: 'ms' },
      { name: `${name}.import_100k`, value: Math.round(totalMs), unit: 'ms' },
      { name: `${name}.peak_rss`, value: Math.round(peakRss / MIB), unit: 'MiB' },
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** One streamed case measured in a fresh process (its metrics as JSON on stdout). */
function inChild(name: string): BenchMetric[] {
  const out = child({ BENCH_IMPORT: name, BENCH_IMPORT_CHILD: '1' })
  const line = out.split('\n').find((l) => l.startsWith('BENCH_METRICS '))
  if (!line) throw new Error(`importer bench: no figures from the ${name} process`)
  return JSON.parse(line.slice('BENCH_METRICS '.length)) as BenchMetric[]
}

const write = process.env.BENCH_IMPORT_WRITE
if (write && import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const [path, count, seed, pbf] = JSON.parse(write) as [string, number, number, boolean]
  writeSynthetic(path, count, seed, pbf)
} else if (
  process.env.BENCH_IMPORT_CHILD &&
  import.meta.url === `file://${process.argv[1] ?? ''}`
) {
  runImporterBench()
    .then((ms) => console.log(`BENCH_METRICS ${JSON.stringify(ms)}`))
    .catch((e: unknown) => {
      console.error(e instanceof Error ? e.message : String(e))
      process.exitCode = 1
    })
} else if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
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
