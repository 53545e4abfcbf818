import { execFile } from 'node:child_process'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

import type { DistrictDataset } from '@/domain/buildings/types'

import { generateSyntheticOsm } from '../../scripts/lib/synthetic'

const run = promisify(execFile)

/** Repository root (tests run from it). */
export const REPO_ROOT = process.cwd()

/**
 * Build a dataset the way a user would: write an OSM file, then run the real importer CLI
 * (`npm run data` → `tsx scripts/data.ts`), which writes the GeoJSON and its columnar copy.
 * Synthetic data, clearly marked as such.
 */
export async function importSyntheticDistrict(
  count: number,
  seed = 7,
): Promise<{ path: string; text: string; dataset: DistrictDataset; columnar: Uint8Array }> {
  const dir = await mkdtemp(join(tmpdir(), 'twin-fixture-'))
  const input = join(dir, 'synthetic.osm.json')
  const out = join(dir, 'district.geojson')
  await writeFile(input, generateSyntheticOsm({ count, seed, format: 'overpass-json' }))
  await run('npx', ['tsx', 'scripts/data.ts', '--in', input, '--out', out], { cwd: REPO_ROOT })
  const text = await readFile(out, 'utf8')
  // The importer writes the same dataset columnar beside it (district.arrow).
  const columnar = new Uint8Array(await readFile(join(dir, 'district.arrow')))
  return { path: out, text, dataset: JSON.parse(text) as DistrictDataset, columnar }
}

/** Street names of the address fixture (real Mănăștur street names; the blocks are synthetic). */
export const FIXTURE_STREETS = [
  'Strada Primăverii',
  'Strada Izlazului',
  'Calea Florești',
  'Strada Parângului',
  'Strada Bucegi',
  'Aleea Peana',
] as const

/**
 * Give synthetic blocks addresses and the dataset a street index (`metadata.streets`), as the
 * importer does for OSM `addr:*` tags: block i is on street i mod 6, odd numbers in order.
 */
export function withAddresses(dataset: DistrictDataset): DistrictDataset {
  const streets = FIXTURE_STREETS.map((name) => ({ name, ids: [] as string[] }))
  let i = 0
  for (const f of dataset.features) {
    if (f.properties.kind !== 'building') continue
    const street = streets[i % streets.length]
    if (street) {
      f.properties.address = `${street.name} ${Math.floor(i / streets.length) * 2 + 1}`
      street.ids.push(f.properties.id)
    }
    i++
  }
  return { ...dataset, metadata: { ...dataset.metadata, streets } as DistrictDataset['metadata'] }
}
