import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import { readOsmPbf } from '../../../scripts/lib/readOsmPbf'
import type { DistrictDataset } from '../../../src/domain/buildings/types'
import { extractContext } from '../../../src/domain/import/context'
import { importDistrict, importOsmElements } from '../../../src/domain/import/importDistrict'

const ROOT = resolve(import.meta.dirname, '../../..')
const FIXTURES = resolve(ROOT, 'test/fixtures/osm')
const dir = mkdtempSync(join(tmpdir(), 'osm-pbf-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const now = () => new Date('2026-01-01T00:00:00Z')

// The .pbf fixtures are their .osm twins written by scripts/pbf-fixture.ts.
describe('.osm.pbf input', () => {
  it.each(['multipolygons.osm', 'building-parts.osm'])(
    '%s.pbf imports to the same dataset as %s',
    async (osm) => {
      const opts = { sourceName: 'same-name', now, extractContext }
      const fromXml = importDistrict(readFileSync(join(FIXTURES, osm), 'utf8'), opts)
      const fromPbf = importOsmElements(await readOsmPbf(join(FIXTURES, `${osm}.pbf`)), opts)
      expect(fromPbf.dataset.metadata.counts.buildings).toBeGreaterThan(0)
      expect(fromPbf.dataset).toEqual(fromXml.dataset)
    },
  )

  it('npm run data --in FILE.osm.pbf writes that dataset', () => {
    const out = join(dir, 'parts.geojson')
    const r = spawnSync(
      resolve(ROOT, 'node_modules/.bin/tsx'),
      ['scripts/data.ts', '--in', join(FIXTURES, 'building-parts.osm.pbf'), '--out', out],
      { cwd: ROOT, encoding: 'utf8' },
    )
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    const ds = JSON.parse(readFileSync(out, 'utf8')) as DistrictDataset
    const xml = importDistrict(readFileSync(join(FIXTURES, 'building-parts.osm'), 'utf8'), {
      sourceName: 'building-parts.osm.pbf',
      extractContext,
    }).dataset
    expect(ds.metadata.source).toBe('building-parts.osm.pbf')
    expect(ds.features).toEqual(JSON.parse(JSON.stringify(xml.features)))
  })

  it('refuses a broken .osm.pbf with one line', async () => {
    const broken = join(dir, 'broken.osm.pbf')
    writeFileSync(broken, readFileSync(join(FIXTURES, 'multipolygons.osm.pbf')).subarray(0, 200))
    await expect(readOsmPbf(broken)).rejects.toThrow(/^cannot read broken\.osm\.pbf: /)
  })
})
