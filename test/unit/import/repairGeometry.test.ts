import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

import { describe, expect, it } from 'vitest'

import { importDistrict } from '@/domain/import/importDistrict'
import { repairFootprint } from '@/domain/import/repairGeometry'

const ROOT = resolve(import.meta.dirname, '../../..')

/** A ~30 × 33 m square near Mănăștur (invented coordinates), closed, counter-clockwise. */
const SQUARE = [
  [23.55, 46.76],
  [23.5504, 46.76],
  [23.5504, 46.7603],
  [23.55, 46.7603],
  [23.55, 46.76],
]
const HOLE = [
  [23.5501, 46.7601],
  [23.5502, 46.7601],
  [23.5502, 46.7602],
  [23.5501, 46.7602],
  [23.5501, 46.7601],
]
const poly = (...rings: number[][][]) => ({ type: 'Polygon', coordinates: rings })

describe('repairFootprint', () => {
  it.each<[string, unknown, RegExp | null]>([
    ['a clean square', poly(SQUARE), null],
    ['clockwise winding (silently re-wound)', poly([...SQUARE].reverse()), null],
    [
      'duplicate consecutive nodes',
      poly([SQUARE[0]!, SQUARE[1]!, SQUARE[1]!, SQUARE[2]!, SQUARE[3]!, SQUARE[0]!]),
      /removed 1 duplicate consecutive node/,
    ],
    ['an unclosed ring', poly(SQUARE.slice(0, 4)), /closed an unclosed ring/],
    [
      'an unclosed way as LineString',
      { type: 'LineString', coordinates: SQUARE.slice(0, 4) },
      /closed/,
    ],
    [
      'a self-intersecting (bow-tie) ring',
      poly([SQUARE[0]!, SQUARE[2]!, SQUARE[1]!, SQUARE[3]!, SQUARE[0]!]),
      /outer ring 1 crosses itself; split at the crossing/,
    ],
    [
      'a hole with fewer than 3 distinct points',
      poly(SQUARE, [HOLE[0]!, HOLE[1]!, HOLE[0]!]),
      /removed a hole: ring has fewer than 3 distinct points/,
    ],
    [
      'invalid positions',
      poly([SQUARE[0]!, [NaN, 1], ...SQUARE.slice(1)]),
      /removed 1 invalid coordinate/,
    ],
    ['3D positions (altitude dropped)', poly(SQUARE.map(([x, y]) => [x!, y!, 12])), null],
  ])('repairs %s', (_label, geometry, reason) => {
    const r = repairFootprint(geometry)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.areaM2).toBeGreaterThan(100)
    if (reason === null) expect(r.repairs).toEqual([])
    else expect(r.repairs.join('; ')).toMatch(reason)
    const outer =
      r.geometry.type === 'Polygon' ? r.geometry.coordinates[0] : r.geometry.coordinates[0]?.[0]
    expect(outer?.[0]).toEqual(outer?.at(-1))
  })

  it('keeps a valid hole and subtracts its area', () => {
    const solid = repairFootprint(poly(SQUARE))
    const holed = repairFootprint(poly(SQUARE, HOLE))
    expect(solid.ok && holed.ok).toBe(true)
    if (!solid.ok || !holed.ok) return
    expect(holed.geometry.coordinates).toHaveLength(2)
    expect(solid.areaM2 - holed.areaM2).toBeGreaterThan(80)
    expect(solid.areaM2 - holed.areaM2).toBeLessThan(90)
  })

  it.each<[string, unknown, RegExp]>([
    [
      'fewer than 3 distinct points',
      poly([SQUARE[0]!, SQUARE[1]!, SQUARE[0]!]),
      /fewer than 3 distinct/,
    ],
    ['all nodes identical', poly([SQUARE[0]!, SQUARE[0]!, SQUARE[0]!, SQUARE[0]!]), /fewer than 3/],
    [
      'collinear points (no area)',
      poly([
        [23.55, 46.76],
        [23.5501, 46.76],
        [23.5502, 46.76],
      ]),
      /area below/,
    ],
    ['a point', { type: 'Point', coordinates: [23.55, 46.76] }, /not an area/],
    ['null', null, /no geometry/],
    ['no rings', { type: 'Polygon', coordinates: [] }, /no rings/],
    ['garbage coordinates', { type: 'Polygon', coordinates: 'abc' }, /no rings|not an array/],
    [
      'projected metres (EPSG:3844)',
      poly([
        [390447, 584800],
        [390500, 584800],
        [390500, 584850],
        [390447, 584800],
      ]),
      /outside the WGS84 range/,
    ],
  ])('drops %s with a reason, never throwing', (_label, geometry, reason) => {
    const r = repairFootprint(geometry)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.reason).toMatch(reason)
  })
})

describe('geometry repair through the importer (repair.osm)', () => {
  const { dataset, report } = importDistrict(
    readFileSync(resolve(ROOT, 'test/fixtures/osm/repair.osm'), 'utf8'),
    { sourceName: 'repair.osm' },
  )
  const kept = dataset.features.map((f) => f.id).sort()

  it.each([
    ['way/501', /crosses itself/],
    ['way/502', /duplicate consecutive/],
    ['way/503', /unclosed/],
  ])('%s is repaired: %s', (id, reason) => {
    expect(kept).toContain(id)
    expect(report.repaired.find((r) => r.id === id)?.reason).toMatch(reason)
  })

  it.each([
    ['way/504', /fewer than 3 distinct points/],
    ['way/505', /missing from the file/],
    ['relation/601', /member way\/8888 is missing from the file/],
    // A relation clipped by the extract is dropped, never given a made-up footprint.
    ['relation/602', /member way\/7777 is missing from the file/],
  ])('%s is dropped: %s', (id, reason) => {
    expect(kept).not.toContain(id)
    expect(report.dropped.find((r) => r.id === id)?.reason).toMatch(reason)
  })

  it('writes the report into metadata', () => {
    expect(dataset.metadata.report).toBe(report)
    expect(dataset.metadata.counts.buildings).toBe(3)
  })
})
