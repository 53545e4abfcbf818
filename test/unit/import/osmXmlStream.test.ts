/** The streamed, chunk-fed OSM XML reader gives what the whole-text path gives. */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

import { describe, expect, it } from 'vitest'

import { importDistrict, importOsmXmlChunks } from '../../../src/domain/import/importDistrict'
import { ImportError } from '../../../src/domain/import/importError'
import { createOsmXmlReader } from '../../../src/domain/import/osmXml'

const FIXTURES = resolve(__dirname, '../../fixtures/osm')
const enc = new TextEncoder()

/** The dataset without its creation time. */
const same = (r: { dataset: { metadata: object } }): unknown => ({
  ...r.dataset,
  metadata: { ...r.dataset.metadata, generated: '' },
})

/** The bytes cut every `size` bytes (so cuts fall inside tags, attributes and UTF-8). */
function cut(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = []
  for (let at = 0; at < bytes.length; at += size) out.push(bytes.subarray(at, at + size))
  return out
}

const streamed = (text: string, size: number, name = 'x.osm') => {
  const bytes = enc.encode(text)
  return importOsmXmlChunks(cut(bytes, size), bytes.length, { sourceName: name })
}

const message = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError)
    return (e as Error).message
  }
  return 'no error'
}

const wholeMessage = (text: string): string => {
  try {
    importDistrict(text, { sourceName: 'x.osm' })
  } catch (e) {
    return (e as Error).message
  }
  return 'no error'
}

describe('streamed .osm reader', () => {
  it.each(['multipolygons.osm', 'building-parts.osm'])(
    '%s gives the same dataset in 1, 7 and 4093-byte chunks',
    async (name) => {
      const text = readFileSync(resolve(FIXTURES, name), 'utf8')
      const whole = importDistrict(text, { sourceName: name })
      for (const size of [1, 7, 4093]) {
        const r = await streamed(text, size, name)
        expect(same(r)).toEqual(same(whole))
      }
    },
  )

  it('reads multi-byte UTF-8 cut inside a character, unsorted and repeated node ids', async () => {
    const text = `<?xml version="1.0"?><osm version="0.6">
<node id="3" lat="46.1" lon="23.1"/><node id="1" lat="46.2" lon="23.0"/>
<node id="2" lat="46.2" lon="23.1"/><node id="1" lat="46.1" lon="23.0"/>
<node id="9" lat="46.15" lon="23.05"><tag k="addr:street" v="Strada Ștefan cel Mare"/><tag k="addr:housenumber" v="7ă"/></node>
<way id="5"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="1"/><tag k="building" v="apartments"/><tag k="name" v="Bloc Mănăștur ő"/></way>
</osm>`
    const whole = importDistrict(text, { sourceName: 'x.osm' })
    for (const size of [1, 2, 3, 5]) {
      expect(same(await streamed(text, size))).toEqual(same(whole))
    }
  })

  it.each([
    ['DOCTYPE', '<?xml version="1.0"?><!DOCTYPE osm [<!ENTITY a "b">]><osm></osm>'],
    ['malformed', '<osm version="0.6">\n<node id="1" lat="1" lon="2">\n</way></osm>'],
    ['truncated', '<osm version="0.6">\n<node id="1" lat="1" lon="2"/>\n<way id="2">'],
    [
      'remark',
      '<osm version="0.6"><remark>runtime error: Query timed out</remark><node id="1" lat="1" lon="2"/></osm>',
    ],
  ])('keeps the one-line %s error', async (_, text) => {
    const expected = wholeMessage(text)
    expect(expected).not.toBe('no error')
    expect(expected).not.toContain('\n')
    for (const size of [1, 3, 64]) expect(await message(streamed(text, size))).toBe(expected)
  })

  it('refuses more input after a failure with the same error', () => {
    const r = createOsmXmlReader('x.osm')
    expect(() => r.push(enc.encode('<osm><!DOCTYPE x>'))).toThrow(ImportError)
    expect(() => r.push(enc.encode('</osm>'))).toThrow(/malformed/)
  })
})
