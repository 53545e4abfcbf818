/**
 * SYNTHETIC test data: a deterministic, made-up district of apartment blocks laid out on a grid
 * around Mănăștur's centre, for scale tests and benchmarks. Nothing here is real OSM data; every
 * element is tagged `note=synthetic` and the file's generator/metadata says so.
 */

import { seededRandom } from '../../src/domain/random'

/** Output formats the importer reads. */
export type SyntheticFormat = 'overpass-json' | 'osm-xml' | 'geojson'

/** Options of `generateSyntheticOsm`. */
export interface SyntheticOptions {
  /** Number of buildings. */
  count: number
  /** PRNG seed: the same seed gives byte-identical output. */
  seed: number
  format: SyntheticFormat
}

/** Approximate centre of Mănăștur, WGS84 degrees [lng, lat]. */
export const SYNTHETIC_CENTRE: readonly [number, number] = [23.555, 46.758]
/** Grid cell size, metres: one building per cell. */
const CELL_M = 100
const GENERATOR = 'manastur-twin synthetic generator (SYNTHETIC test data, not OSM)'
const M_PER_DEG_LAT = 110_574
const M_PER_DEG_LNG = 111_320 * Math.cos((SYNTHETIC_CENTRE[1] * Math.PI) / 180)

type Pt = [number, number]

interface Block {
  /** Outer ring, local metres, counter-clockwise, not closed. */
  outer: Pt[]
  /** Courtyard ring (clockwise, not closed), if any. */
  inner: Pt[] | null
  tags: Record<string, string>
}

const LEVEL_CHOICES = ['5', '5', '5', '9', '11', '4', 'P+4', 'P+10']

function makeBlock(rand: () => number, i: number): Block {
  const shape = rand()
  const w = 10 + rand() * 5 // 10–15 m
  const l = 30 + rand() * 50 // 30–80 m
  let outer: Pt[]
  let inner: Pt[] | null = null
  if (shape < 0.7) {
    outer = [
      [0, 0],
      [l, 0],
      [l, w],
      [0, w],
    ]
  } else if (shape < 0.85) {
    // L-shape: a long wing plus a perpendicular wing of the same depth.
    const l2 = 25 + rand() * 30
    outer = [
      [0, 0],
      [l, 0],
      [l, w],
      [w, w],
      [w, l2],
      [0, l2],
    ]
  } else {
    // Perimeter block with a courtyard: depth w all round.
    const s = Math.max(l, 40)
    outer = [
      [0, 0],
      [s, 0],
      [s, s],
      [0, s],
    ]
    inner = [
      [w, w],
      [w, s - w],
      [s - w, s - w],
      [s - w, w],
    ]
  }
  const tags: Record<string, string> = { building: 'apartments', note: 'synthetic' }
  const r = rand()
  if (r < 0.6) tags['building:levels'] = LEVEL_CHOICES[i % LEVEL_CHOICES.length] ?? '5'
  else if (r < 0.75) tags['height'] = String(Math.round(14 + rand() * 20))
  if (rand() < 0.3) tags['start_date'] = String(1965 + Math.floor(rand() * 25))
  if (rand() < 0.2) tags['name'] = `Bloc S${i}`
  return { outer, inner, tags }
}

/**
 * Generate `count` synthetic apartment blocks (rectangles 10–15 m × 30–80 m, some L-shapes,
 * some with courtyards) on a 100 m grid centred on Mănăștur, as `.osm` XML, Overpass JSON
 * (`out body; >; out skel` style, separate nodes) or GeoJSON. Deterministic from `seed`; fast
 * enough for 100,000 buildings in a few seconds.
 */
export function generateSyntheticOsm(opts: SyntheticOptions): string {
  const { count, seed, format } = opts
  const rand = seededRandom(seed)
  const side = Math.max(1, Math.ceil(Math.sqrt(count)))
  const half = (side * CELL_M) / 2
  const toLngLat = ([x, y]: Pt): Pt => [
    Math.round((SYNTHETIC_CENTRE[0] + x / M_PER_DEG_LNG) * 1e7) / 1e7,
    Math.round((SYNTHETIC_CENTRE[1] + y / M_PER_DEG_LAT) * 1e7) / 1e7,
  ]
  const parts: string[] = []
  let nodeId = 1
  const wayBase = 1_000_000_000
  const relBase = 2_000_000_000
  const esc = (s: string): string =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')

  if (format === 'osm-xml') {
    parts.push(
      `<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6" generator="${GENERATOR}">\n`,
    )
  } else if (format === 'overpass-json') {
    parts.push(`{"version":0.6,"generator":${JSON.stringify(GENERATOR)},"elements":[\n`)
  } else {
    parts.push(
      `{"type":"FeatureCollection","metadata":{"synthetic":true,"generator":${JSON.stringify(GENERATOR)}},"features":[\n`,
    )
  }
  let firstJson = true
  const json = (s: string): void => {
    parts.push(firstJson ? s : `,\n${s}`)
    firstJson = false
  }

  for (let i = 0; i < count; i++) {
    const b = makeBlock(rand, i)
    // Place in the cell with a small jitter and one of 4 orientations.
    const cx = (i % side) * CELL_M - half + 10 + rand() * 5
    const cy = Math.floor(i / side) * CELL_M - half + 10 + rand() * 5
    const flip = rand() < 0.5
    const place = (p: Pt): Pt => toLngLat(flip ? [cx + p[1], cy + p[0]] : [cx + p[0], cy + p[1]])
    // A flip mirrors the ring; reverse it to keep the orientation.
    const ringOf = (r: Pt[]): Pt[] => (flip ? [...r].reverse() : r).map(place)
    const outer = ringOf(b.outer)
    const inner = b.inner ? ringOf(b.inner) : null

    if (format === 'geojson') {
      const rings = [outer, ...(inner ? [inner] : [])].map((r) => [...r, r[0]])
      const id = inner ? `relation/${relBase + i}` : `way/${wayBase + i}`
      json(
        `{"type":"Feature","id":"${id}","properties":${JSON.stringify(b.tags)},"geometry":{"type":"Polygon","coordinates":${JSON.stringify(rings)}}}`,
      )
      continue
    }
    const wayIds: number[] = []
    for (const ring of inner ? [outer, inner] : [outer]) {
      const first = nodeId
      const refs: number[] = []
      for (const [lng, lat] of ring) {
        if (format === 'osm-xml') {
          parts.push(`  <node id="${nodeId}" lat="${lat}" lon="${lng}"/>\n`)
        } else json(`{"type":"node","id":${nodeId},"lat":${lat},"lon":${lng}}`)
        refs.push(nodeId++)
      }
      refs.push(first)
      const wayId = wayBase + i * 2 + wayIds.length
      wayIds.push(wayId)
      const wayTags: Record<string, string> = inner ? { note: 'synthetic' } : b.tags
      if (format === 'osm-xml') {
        parts.push(
          `  <way id="${wayId}">${refs.map((r) => `<nd ref="${r}"/>`).join('')}${Object.entries(
            wayTags,
          )
            .map(([k, v]) => `<tag k="${esc(k)}" v="${esc(v)}"/>`)
            .join('')}</way>\n`,
        )
      } else {
        json(
          `{"type":"way","id":${wayId},"nodes":[${refs.join(',')}],"tags":${JSON.stringify(wayTags)}}`,
        )
      }
    }
    if (inner) {
      const relTags = { ...b.tags, type: 'multipolygon' }
      const [outerWay, innerWay] = wayIds
      if (format === 'osm-xml') {
        parts.push(
          `  <relation id="${relBase + i}"><member type="way" ref="${outerWay}" role="outer"/><member type="way" ref="${innerWay}" role="inner"/>${Object.entries(
            relTags,
          )
            .map(([k, v]) => `<tag k="${esc(k)}" v="${esc(v)}"/>`)
            .join('')}</relation>\n`,
        )
      } else {
        json(
          `{"type":"relation","id":${relBase + i},"members":[{"type":"way","ref":${outerWay},"role":"outer"},{"type":"way","ref":${innerWay},"role":"inner"}],"tags":${JSON.stringify(relTags)}}`,
        )
      }
    }
  }
  parts.push(format === 'osm-xml' ? '</osm>\n' : '\n]}\n')
  return parts.join('')
}
