import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

import { deflateSync } from 'node:zlib'

import { createOSMStream } from 'osm-pbf-parser-node'
import { afterAll, describe, expect, it } from 'vitest'

import { readOsmPbf } from '../../../scripts/lib/readOsmPbf'
import { generateSyntheticOsm } from '../../../scripts/lib/synthetic'
import { writeOsmPbf } from '../../../scripts/lib/writeOsmPbf'
import type { DistrictDataset } from '../../../src/domain/buildings/types'
import { extractContext } from '../../../src/domain/import/context'
import { importDistrict, importOsmElements } from '../../../src/domain/import/importDistrict'
import { looksLikeOsmPbf, readOsmPbfChunks } from '../../../src/domain/import/osmPbf'
import { parseOsmXml } from '../../../src/domain/import/osmXml'

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

/** What osm-pbf-parser-node (a kept Node-only reader) reads, in the importer's shape. */
async function withKeptReader(path: string): Promise<unknown[]> {
  const out: unknown[] = []
  for await (const raw of createOSMStream(path, { withInfo: false })) {
    const { type, id, lat, lon, refs, members, tags } = raw as Record<string, unknown>
    if (type === 'node') out.push({ type, id, lat, lon, ...(tags ? { tags } : {}) })
    else if (type === 'way') out.push({ type, id, nodes: refs, ...(tags ? { tags } : {}) })
    else if (type === 'relation') out.push({ type, id, members, ...(tags ? { tags } : {}) })
  }
  return out
}

/** Protobuf field encoders for hand-made blocks. */
const varint = (n: number): number[] => {
  const out: number[] = []
  for (let v = n; ; v = Math.floor(v / 128)) {
    if (v < 128) return [...out, v]
    out.push((v % 128) | 128)
  }
}
const field = (n: number, bytes: Uint8Array | number[]): number[] => [
  ...varint(n * 8 + 2),
  ...varint(bytes.length),
  ...bytes,
]
const text = (s: string): number[] => [...new TextEncoder().encode(s)]
/** A file of one OSMHeader block with these bytes as its HeaderBlock. */
function headerOnly(header: number[], compression: 'zlib' | 'lzma' = 'zlib'): Uint8Array {
  const blob =
    compression === 'zlib'
      ? [
          ...varint(2 * 8),
          ...varint(header.length),
          ...field(3, deflateSync(Uint8Array.from(header))),
        ]
      : field(4, header)
  const blobHeader = [...field(1, text('OSMHeader')), ...varint(3 * 8), ...varint(blob.length)]
  return Uint8Array.from([0, 0, 0, blobHeader.length, ...blobHeader, ...blob])
}

describe('the .osm.pbf reader the CLI and the app share', () => {
  it.each(['multipolygons.osm.pbf', 'building-parts.osm.pbf'])(
    'reads %s element for element as osm-pbf-parser-node does',
    async (name) => {
      const path = join(FIXTURES, name)
      const mine = await readOsmPbf(path)
      expect(mine.elements.length).toBeGreaterThan(10)
      expect(mine.elements).toEqual(await withKeptReader(path))
      expect(mine.generator).toBe('hand-written test fixture')
    },
  )

  it('reads a file of many blocks fed in odd-sized chunks the same as whole', async () => {
    const xml = generateSyntheticOsm({ count: 3000, seed: 5, format: 'osm-xml' })
    const bytes = writeOsmPbf(parseOsmXml(xml, 'synthetic.osm'))
    const path = join(dir, 'synthetic.osm.pbf')
    writeFileSync(path, bytes)
    const kept = await withKeptReader(path)
    expect(kept.length).toBeGreaterThan(16_000) // more than two blocks of 8,000
    const chunks: Uint8Array[] = []
    for (let at = 0; at < bytes.length; at += 4093) chunks.push(bytes.subarray(at, at + 4093))
    let lastRead = 0
    const read = await readOsmPbfChunks(chunks, 'synthetic.osm.pbf', (n) => (lastRead = n))
    expect(read.elements).toEqual(kept)
    expect(lastRead).toBe(bytes.length)
  })

  it('refuses a truncated file, a file needing a feature it cannot read, and lzma blocks', async () => {
    const whole = readFileSync(join(FIXTURES, 'building-parts.osm.pbf'))
    await expect(
      readOsmPbfChunks([whole.subarray(0, whole.length - 3)], 'cut.osm.pbf'),
    ).rejects.toThrow(
      /^cannot read cut\.osm\.pbf: is not a readable \.osm\.pbf file \(the file is truncated\)/,
    )
    const historical = headerOnly([
      ...field(4, text('OsmSchema-V0.6')),
      ...field(4, text('HistoricalInformation')),
    ])
    await expect(readOsmPbfChunks([historical], 'h.osm.pbf')).rejects.toThrow(
      /HistoricalInformation/,
    )
    const lzma = headerOnly(field(4, text('OsmSchema-V0.6')), 'lzma')
    await expect(readOsmPbfChunks([lzma], 'l.osm.pbf')).rejects.toThrow(/other than zlib/)
    await expect(
      readOsmPbfChunks([new TextEncoder().encode('<osm/>')], 'x.osm.pbf'),
    ).rejects.toThrow(/is not a readable \.osm\.pbf/)
  })

  it('tells a .osm.pbf by its first bytes, whatever its name', () => {
    const pbf = readFileSync(join(FIXTURES, 'building-parts.osm.pbf'))
    expect(looksLikeOsmPbf(pbf.subarray(0, 64))).toBe(true)
    expect(looksLikeOsmPbf(new TextEncoder().encode('<?xml version="1.0"?><osm>'))).toBe(false)
    expect(looksLikeOsmPbf(new Uint8Array(0))).toBe(false)
  })
})
