import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import { importDistrict } from '@/domain/import/importDistrict'

import { generateSyntheticOsm } from '../../../scripts/lib/synthetic'

const ROOT = resolve(import.meta.dirname, '../../..')
const TSX = resolve(ROOT, 'node_modules/.bin/tsx')
const dir = mkdtempSync(join(tmpdir(), 'scale-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('synthetic generator (SYNTHETIC data, not OSM)', () => {
  it.each(['osm-xml', 'overpass-json', 'geojson'] as const)(
    '%s: deterministic, marked synthetic, imports every building',
    (format) => {
      const a = generateSyntheticOsm({ count: 500, seed: 42, format })
      expect(generateSyntheticOsm({ count: 500, seed: 42, format })).toBe(a)
      expect(generateSyntheticOsm({ count: 500, seed: 43, format })).not.toBe(a)
      const { dataset, report } = importDistrict(a, { sourceName: `synthetic.${format}` })
      expect(dataset.metadata.synthetic).toBe(true)
      expect(dataset.metadata.source).toMatch(/SYNTHETIC/)
      expect(dataset.metadata.counts.buildings).toBe(500)
      expect(report.dropped).toEqual([])
      const [w, s, e, n] = dataset.metadata.bbox
      expect((w + e) / 2).toBeCloseTo(23.555, 2)
      expect((s + n) / 2).toBeCloseTo(46.758, 2)
    },
  )
})

describe('scale: 100,000 synthetic buildings through npm run data', () => {
  it('completes under a 768 MiB heap limit with readable progress lines on stderr', () => {
    const input = join(dir, 'synthetic-100k.osm')
    const out = join(dir, 'district.geojson')
    writeFileSync(input, generateSyntheticOsm({ count: 100_000, seed: 7, format: 'osm-xml' }))
    const r = spawnSync(TSX, ['scripts/data.ts', '--in', input, '--out', out], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=768' },
    })
    expect(r.status, r.stderr).toBe(0)
    const lines = r.stderr.trimEnd().split('\n')
    expect(lines[0]).toBe('importing synthetic-100k.osm: 0%')
    expect(lines.at(-1)).toBe('importing synthetic-100k.osm: 100%')
    expect(r.stdout).toContain('Buildings: 100000')
    const written = JSON.parse(readFileSync(out, 'utf8')) as {
      metadata: { synthetic?: boolean; counts: { buildings: number } }
    }
    expect(written.metadata.counts.buildings).toBe(100_000)
    expect(written.metadata.synthetic).toBe(true)
    // A scale check, not a timing: the shared CI machine may be slow, so the limit is generous.
  }, 240_000)
})
