import { describe, expect, it } from 'vitest'

import { seededRandom } from '../random'

import { StreamingJsonReader } from './streamingReader'

const utf8 = (text: string) => new TextEncoder().encode(text)

/** Feed the UTF-8 bytes of `text` in pieces cut at the given byte positions, then finish. */
function readInPieces(text: string, cuts: number[]): unknown {
  const bytes = utf8(text)
  const reader = new StreamingJsonReader()
  let from = 0
  for (const at of [...cuts].sort((a, b) => a - b)) {
    reader.push(bytes.slice(from, at))
    from = at
  }
  reader.push(bytes.slice(from))
  return reader.finish()
}

/** Every way of cutting short texts in two (inside multi-byte characters too), and more. */
function cuttings(text: string, seed: number): number[][] {
  const size = utf8(text).length
  const out: number[][] = [[]]
  for (let i = 0; i <= size; i++) out.push([i])
  const random = seededRandom(seed)
  for (let k = 0; k < 40; k++) {
    const n = 1 + Math.floor(random() * 12)
    out.push(Array.from({ length: n }, () => Math.floor(random() * (size + 1))))
  }
  return out
}

const feature = (id: number, name: string) => ({
  type: 'Feature',
  id: `way/${id}`,
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [23.5 + id / 1e4, 46.7],
        [23.6, 46.7],
        [23.6, 46.8],
        [23.5 + id / 1e4, 46.7],
      ],
    ],
  },
  properties: {
    kind: 'building',
    id: `way/${id}`,
    name,
    levels: 4,
    provenance: { levels: 'tagged' },
  },
})

const VALID: [string, unknown][] = [
  [
    'a dataset',
    {
      type: 'FeatureCollection',
      metadata: { source: 'Mănăștur ő €', bbox: [23.5, 46.7, 23.6, 46.8], counts: { n: 3 } },
      features: [
        feature(1, 'Bloc A'),
        feature(2, null as never),
        feature(3, 'Str. "Primăverii" 4'),
      ],
    },
  ],
  [
    'strings full of brackets, quotes and escapes',
    {
      type: 'FeatureCollection',
      features: [
        feature(4, '{[ "]} \\ \\" \u00e2\u0219 \n \t } ]'),
        feature(5, '\\\\'),
        feature(6, '"'),
      ],
    },
  ],
  ['features before the metadata', { features: [feature(7, 'x')], metadata: { a: [1, [2]] } }],
  ['no features', { type: 'FeatureCollection', metadata: {}, features: [] }],
  ['a top-level array of numbers', { bbox: [1, 2, 3, 4], features: [feature(8, 'y')] }],
  ['nested arrays in features', { features: [{ a: [[{ b: [] }]] }, { c: { d: [{}] } }] }],
  ['two arrays of objects (read whole)', { features: [{ a: 1 }], other: [{ b: 2 }] }],
  [
    'a feature nested in a property (read whole)',
    { type: 'FeatureCollection', features: [{ ...feature(9, 'z'), extra: feature(10, 'w') }] },
  ],
  [
    'features under another key',
    { type: 'FeatureCollection', items: [feature(11, 'a'), feature(12, 'b')], features: [] },
  ],
  ['features nested deeper', { data: { features: [feature(13, 'a'), feature(14, 'b')] } }],
  ['an array of objects under another name', { things: [{ a: 1 }, { a: 2 }] }],
  ['a root array (read whole)', [{ a: 1 }, { b: 2 }]],
  ['a scalar', 42],
]

describe('StreamingJsonReader', () => {
  for (const [name, value] of VALID) {
    it(`reads ${name} exactly as JSON.parse, however the text is cut`, () => {
      for (const text of [JSON.stringify(value), JSON.stringify(value, null, 2)]) {
        for (const cuts of cuttings(text, text.length)) {
          expect(readInPieces(text, cuts)).toEqual(JSON.parse(text))
        }
      }
    })
  }

  it('parses features while the text arrives, and keeps them in file order', () => {
    const value = {
      type: 'FeatureCollection',
      metadata: { counts: { buildings: 500 } },
      features: Array.from({ length: 500 }, (_, i) => feature(i, `b${i}`)),
    }
    const bytes = utf8(JSON.stringify(value))
    const reader = new StreamingJsonReader()
    reader.push(bytes.slice(0, bytes.length / 2))
    // Half the text in, most of its features are already parsed (the fast path is taken).
    expect(reader.featureCount).toBeGreaterThan(200)
    reader.push(bytes.slice(bytes.length / 2))
    const read = reader.finish() as typeof value
    expect(read).toEqual(value)
    expect(read.features.map((f) => f.id)).toEqual(value.features.map((f) => f.id))
  })

  const INVALID = [
    '',
    '{',
    '{"features":[{"a":1},{"a":]}',
    '{"features":[{"a":1}]',
    '{"features":[{"a":1}]}}',
    '{"features":[{"a":1}]} trailing',
    '{"features":[{"a":1},]}',
    '{"features":[{"a":1} {"a":2}]}',
    '{"features":[{"a":"unterminated}]}',
    '[1,2',
    'not json',
    '{"features":[{"type":"Feature","a":1} {"type":"Feature","a":2}]}',
    '{"features":[{"type":"Feature","a":1},{"type":"Feature","a":2},]}',
    '{"features":[{"type":"Feature","a":1},,{"type":"Feature","a":2}]}',
    '{"features":[{"type":"Feature","a":},{"type":"Feature","a":2}]}',
    '{"features":[{"type":"Feature","a":1},{"type":"Feature","a":2}}',
    '{"features":[{"type":"Feature","a":1},{"type":"Feature","a":2}]',
  ]
  for (const text of INVALID) {
    it(`throws JSON.parse's own error for ${JSON.stringify(text)}`, () => {
      let expected = ''
      try {
        JSON.parse(text)
      } catch (e) {
        expected = (e as Error).message
      }
      expect(expected).not.toBe('')
      for (const cuts of cuttings(text, 7)) {
        expect(() => readInPieces(text, cuts)).toThrow(expected)
      }
    })
  }
})
