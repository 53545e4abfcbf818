/**
 * Geometry benchmark: 3k / 20k / 100k SYNTHETIC footprints (fixed seed: rotated rectangles
 * and L-shapes on a jittered grid, not OSM data), packed once as the dataset readers do → `prepareFootprintsPacked` (project
 * once) →
 * `buildMeshBuffers` (one merged mesh), as the district worker does. Medians of a few
 * runs, plus the bytes of the typed arrays produced. Standalone: `npx tsx bench/geometry.ts`.
 */
import { pathToFileURL } from 'node:url'

import type { BuildingFeature } from '../src/domain/buildings/types'
import { createLocalProjection } from '../src/domain/geo/projection'
import { packGeometry } from '../src/domain/dataset/packedDataset'
import { prepareFootprintsPacked } from '../src/geometry/footprints'
import { buildMeshBuffers } from '../src/geometry/meshBuffers'
import { transferablesOf } from '../src/geometry/transferables'
import { seededRandom } from '../src/domain/random'

/** One measured figure. */
export interface GeometryBenchMetric {
  name: string
  value: number
  unit: string
}

const SIZES = [3_000, 20_000, 100_000]
const RUNS = 5
const ORIGIN = [23.555, 46.758] as const
const M_LAT = 1 / 110_574
const M_LNG = 1 / (111_320 * Math.cos((ORIGIN[1] * Math.PI) / 180))

/** SYNTHETIC blocks, one per 60 m grid cell: 2/3 rotated slabs, 1/3 rotated L-shapes. */
export function syntheticBuildingFeatures(count: number, seed = 11): BuildingFeature[] {
  const r = seededRandom(seed)
  const side = Math.ceil(Math.sqrt(count))
  const out: BuildingFeature[] = []
  for (let i = 0; i < count; i++) {
    const ce = ((i % side) - side / 2) * 60 + (r() - 0.5) * 10
    const cn = (Math.floor(i / side) - side / 2) * 60 + (r() - 0.5) * 10
    const angle = r() * Math.PI
    const w = 12 + r() * 40
    const d = 10 + r() * 4
    const local: [number, number][] =
      r() < 2 / 3
        ? [
            [-w / 2, -d / 2],
            [w / 2, -d / 2],
            [w / 2, d / 2],
            [-w / 2, d / 2],
          ]
        : [
            [-w / 2, -w / 2],
            [w / 2, -w / 2],
            [w / 2, -w / 2 + d],
            [-w / 2 + d, -w / 2 + d],
            [-w / 2 + d, w / 2],
            [-w / 2, w / 2],
          ]
    const cos = Math.cos(angle)
    const sin = Math.sin(angle)
    const ring = local.map(([x, y]) => [
      ORIGIN[0] + (ce + x * cos - y * sin) * M_LNG,
      ORIGIN[1] + (cn + x * sin + y * cos) * M_LAT,
    ])
    ring.push([...ring[0]!])
    const levels = r() < 0.8 ? 5 : 10
    out.push({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [ring] },
      properties: {
        kind: 'building',
        id: `way/${i + 1}`,
        type: 'apartments',
        name: null,
        address: null,
        footprint_area_m2: 0,
        height_m: levels * 2.8 + 1,
        levels,
        year: 1975,
        use: 'residential',
        flats: null,
        heated_area_m2: 0,
        heating: null,
        rehabilitated: null,
        epc_class: null,
        provenance: {},
      },
    })
  }
  return out
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN
const bytesOf = (v: unknown) => transferablesOf(v).reduce((s, b) => s + b.byteLength, 0)
const round = (x: number) => Math.round(x * 10) / 10

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now()
  const value = fn()
  return [value, performance.now() - t0]
}

/** Build time and bytes for each size (medians of `RUNS` runs after one warm-up). */
export async function runGeometryBench(): Promise<GeometryBenchMetric[]> {
  const projection = createLocalProjection(ORIGIN)
  const metrics: GeometryBenchMetric[] = []
  for (const size of SIZES) {
    const features = syntheticBuildingFeatures(size)
    const packed = packGeometry(features)
    const heights = features.map((f) => f.properties.height_m)
    const ids = features.map((f) => f.properties.id)
    const prep: number[] = []
    const mesh: number[] = []
    let meshBytes = 0
    let vertices = 0
    let triangles = 0
    for (let run = 0; run <= RUNS; run++) {
      const [fp, prepMs] = time(() => prepareFootprintsPacked(packed, heights, ids, projection))
      const [m, meshMs] = time(() => buildMeshBuffers(fp))
      if (run === 0) continue // warm-up: JIT and first allocations
      prep.push(prepMs)
      mesh.push(meshMs)
      meshBytes = bytesOf(m)
      vertices = m.totalVertices
      triangles = m.triangleCount
    }
    const k = `${size / 1000}k`
    metrics.push(
      { name: `geometry.${k}.prepare_footprints`, value: round(median(prep)), unit: 'ms' },
      { name: `geometry.${k}.merged_mesh`, value: round(median(mesh)), unit: 'ms' },
      {
        name: `geometry.${k}.prepare_plus_mesh`,
        value: round(median(prep) + median(mesh)),
        unit: 'ms',
      },
      { name: `geometry.${k}.vertices`, value: vertices, unit: 'vertices' },
      { name: `geometry.${k}.triangles`, value: triangles, unit: 'triangles' },
      { name: `geometry.${k}.mesh_bytes`, value: round(meshBytes / 2 ** 20), unit: 'MiB' },
    )
  }
  return metrics
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runGeometryBench()
    .then((metrics) => {
      console.log(`geometry, SYNTHETIC footprints, node ${process.version}`)
      console.log('| figure | value |\n|---|---:|')
      for (const m of metrics) console.log(`| ${m.name} | ${m.value} ${m.unit} |`)
    })
    .catch((e: unknown) => {
      console.error(`geometry bench failed: ${e instanceof Error ? e.message : String(e)}`)
      process.exit(1)
    })
}
