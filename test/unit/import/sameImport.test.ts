import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import type { DistrictDataset } from '../../../src/domain/buildings/types'
import { datasetFromParts } from '../../../src/domain/dataset/packedDataset'
import { parseOsmXml } from '../../../src/domain/import/osmXml'
import { partsFromFile, readFileParts } from '../../../src/domain/session/readFile'
import { generateSyntheticOsm } from '../../../scripts/lib/synthetic'
import { writeOsmPbf } from '../../../scripts/lib/writeOsmPbf'

const ROOT = resolve(import.meta.dirname, '../../..')
const TSX = resolve(ROOT, 'node_modules/.bin/tsx')
const dir = mkdtempSync(join(tmpdir(), 'same-import-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The dataset as JSON would carry it, without the one field that differs by clock. */
const comparable = (d: DistrictDataset) => {
  const plain = JSON.parse(JSON.stringify(d)) as DistrictDataset
  return { ...plain, metadata: { ...plain.metadata, generated: '' } }
}

/** `npm run data --in input --out out`, which must succeed silently; the dataset it wrote. */
function importWithCli(input: string, out: string): DistrictDataset {
  const cli = spawnSync(TSX, ['scripts/data.ts', '--in', input, '--out', out], {
    cwd: ROOT,
    encoding: 'utf8',
  })
  expect(cli.stderr).toBe('')
  expect(cli.status).toBe(0)
  return JSON.parse(readFileSync(out, 'utf8')) as DistrictDataset
}

describe('a file opened in the app and the same file through npm run data', () => {
  it.each(['district.osm', 'district.overpass-geom.json'])(
    '%s gives the same dataset both ways, context layers included',
    async (name) => {
      const input = resolve(ROOT, 'test/fixtures/osm', name)
      const fromCli = importWithCli(input, join(dir, `${name}.geojson`))
      // The district worker's path: the file's bytes → `partsFromFile` → its session's parts.
      const bytes = readFileSync(input)
      const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
      const fromApp = datasetFromParts(partsFromFile(name, buffer as ArrayBuffer))
      expect(comparable(fromApp)).toEqual(comparable(fromCli))
      // And as the worker reads an opened file: streamed from `File.stream()` for a .osm.
      const fromFile = datasetFromParts(await readFileParts(new File([bytes], name)))
      expect(comparable(fromFile)).toEqual(comparable(fromCli))
      expect(fromCli.features.some((f) => f.properties.kind === 'street')).toBe(true)
    },
  )

  it('a .osm of many stream chunks gives the same dataset streamed in the worker as through the CLI', async () => {
    const xml = generateSyntheticOsm({ count: 60, seed: 5, format: 'osm-xml' })
    const input = join(dir, 'many-chunks.osm')
    writeFileSync(input, xml)
    const fromCli = importWithCli(input, join(dir, 'many-chunks.geojson'))
    // Built of 4 KiB parts (cut anywhere, inside tags or characters), which its stream yields
    // one by one, as a browser yields a big file's.
    const bytes = new Uint8Array(readFileSync(input))
    const parts: Uint8Array<ArrayBuffer>[] = []
    for (let at = 0; at < bytes.length; at += 4096) parts.push(bytes.subarray(at, at + 4096))
    const file = new File(parts, 'many-chunks.osm')
    let chunks = 0
    for (const reader = file.stream().getReader(); !(await reader.read()).done;) chunks++
    expect(chunks).toBeGreaterThan(3)
    const fractions: number[] = []
    const fromFile = datasetFromParts(await readFileParts(file, (f) => fractions.push(f)))
    expect(comparable(fromFile)).toEqual(comparable(fromCli))
    expect(fromCli.metadata.counts.buildings).toBeGreaterThan(50)
    // Progress moves while the stream is read, not only at the end.
    expect(fractions.filter((f) => f > 0 && f < 0.3).length).toBeGreaterThan(1)
  })
})

describe('a .osm.pbf opened in the app and the same file through npm run data', () => {
  it('gives the same dataset both ways (the same reader and import), context layers included', async () => {
    // district.osm (it has streets) written as .osm.pbf by our own writer.
    const xml = readFileSync(resolve(ROOT, 'test/fixtures/osm/district.osm'), 'utf8')
    const input = join(dir, 'district.osm.pbf')
    writeFileSync(input, writeOsmPbf(parseOsmXml(xml, 'district.osm')))
    const fromCli = importWithCli(input, join(dir, 'district.osm.pbf.geojson'))
    // The district worker's path: the opened file, streamed → `readFileParts` → its parts.
    const bytes = readFileSync(input)
    const fromApp = datasetFromParts(await readFileParts(new File([bytes], 'district.osm.pbf')))
    expect(comparable(fromApp)).toEqual(comparable(fromCli))
    expect(fromCli.metadata.counts.buildings).toBe(3)
    expect(fromCli.features.some((f) => f.properties.kind === 'street')).toBe(true)
    // And the same buildings as the .osm it was written from, through the app.
    const fromXml = datasetFromParts(
      partsFromFile('district.osm.pbf', new TextEncoder().encode(xml).buffer),
    )
    expect(comparable(fromApp).features).toEqual(comparable(fromXml).features)
  })
})
