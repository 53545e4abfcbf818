import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import type { BuildingProperties, DistrictDataset } from '../../../src/domain/buildings/types'
import { datasetParts } from '../../../src/domain/dataset/packedDataset'
import { readColumnar } from '../../../src/domain/dataset/readColumnar'

const ROOT = resolve(import.meta.dirname, '../../..')
const FIXTURES = resolve(ROOT, 'test/fixtures/osm')
const TSX = resolve(ROOT, 'node_modules/.bin/tsx')
const dir = mkdtempSync(join(tmpdir(), 'data-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Run `tsx scripts/data.ts` (what `npx tsx` / `npm run data` run) with a non-TTY stderr. */
function runCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(TSX, ['scripts/data.ts', ...args], { cwd: ROOT, encoding: 'utf8' })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('npm run data on bad input', () => {
  const EXISTING = '{"type":"FeatureCollection","metadata":{},"features":[]}\n'

  const EXISTING_ARROW = 'an older columnar file'

  it.each([
    ['truncated.osm', /XML is truncated/],
    ['truncated-overpass.json.txt', /JSON is truncated/],
    ['not-osm.json', /not OSM data/],
    ['entity-bomb.osm', /DOCTYPE/],
    ['empty.osm', /file is empty/],
    ['remark.overpass.json', /Overpass stopped with an error, so the data is partial/],
    ['does-not-exist.osm', /no such file/],
  ])('%s: one-line error, exit ≠ 0, existing output untouched', (file, why) => {
    const out = join(dir, `${file}.district.geojson`)
    writeFileSync(out, EXISTING)
    writeFileSync(out.replace(/\.geojson$/, '.arrow'), EXISTING_ARROW)
    const r = runCli(['--in', join(FIXTURES, file), '--out', out])
    expect(r.status).not.toBe(0)
    expect(r.stderr).toMatch(why)
    expect(r.stderr).toMatch(new RegExp(`^error: cannot read ${file.replace('.', '\\.')}: `))
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(r.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/)
    expect(readFileSync(out, 'utf8')).toBe(EXISTING)
    expect(readFileSync(out.replace(/\.geojson$/, '.arrow'), 'utf8')).toBe(EXISTING_ARROW)
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })

  it('rejects unknown flags with one line', () => {
    const r = runCli(['--frobnicate'])
    expect(r.status).toBe(1)
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1)
  })
})

describe('npm run data on a good file', () => {
  it('writes the dataset atomically and prints the summary table', () => {
    const out = join(dir, 'sub', 'district.geojson')
    const r = runCli(['--in', join(FIXTURES, 'district.osm'), '--out', out])
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('Buildings: 3')
    expect(r.stdout).toMatch(/attribute\s+tagged\s+overlay\s+levels\s+footprint\s+default/)
    const written = JSON.parse(readFileSync(out, 'utf8')) as {
      metadata: { counts: { buildings: number } }
    }
    expect(written.metadata.counts.buildings).toBe(3)
    // The columnar file beside it holds the same dataset, metadata included.
    expect(r.stdout).toContain(`Wrote ${join(dir, 'sub', 'district.arrow')}`)
    const columnar = readColumnar(
      readFileSync(join(dir, 'sub', 'district.arrow')),
      'district.arrow',
    )
    const fromJson = datasetParts(written as DistrictDataset)
    expect(columnar.metadata).toEqual(fromJson.metadata)
    expect(columnar.properties).toEqual(fromJson.properties)
    expect(Array.from(columnar.geometry.coords)).toEqual(Array.from(fromJson.geometry.coords))
  })
})

describe('npm run data with a vector overlay of footprints', () => {
  it('joins it by footprint overlap beside the CSV and reports the join', () => {
    const overlayDir = resolve(FIXTURES, '../overlay')
    const csv = join(dir, 'city.csv')
    writeFileSync(csv, 'osm_id,year\nway/2,1984\n')
    const out = join(dir, 'joined.geojson')
    const r = runCli([
      '--in',
      join(overlayDir, 'buildings.osm'),
      '--overlay',
      join(overlayDir, 'cadastre.geojson'),
      '--overlay',
      csv,
      '--out',
      out,
    ])
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/Overlay cadastre: 2 of 7 footprints joined/)
    expect(r.stdout).toMatch(/cad-far: overlaps no building/)
    const written = JSON.parse(readFileSync(out, 'utf8')) as DistrictDataset
    const way2 = written.features.find((f) => f.id === 'way/2')?.properties as
      BuildingProperties | undefined
    expect(way2?.provenance).toMatchObject({ levels: 'overlay:cadastre', year: 'overlay' })
    expect(way2?.overlay_matches?.[0]?.footprint).toBe('cad-2')
    expect(written.metadata.report?.overlays?.[0]?.matched).toBe(2)
  })

  it('refuses two overlay CSVs in one line', () => {
    const a = join(dir, 'a.csv')
    writeFileSync(a, 'osm_id,year\n')
    const r = runCli(['--in', join(FIXTURES, 'district.osm'), '--overlay', a, '--overlay', a])
    expect(r.status).toBe(1)
    expect(r.stderr).toBe('error: give at most one overlay CSV\n')
  })
})
