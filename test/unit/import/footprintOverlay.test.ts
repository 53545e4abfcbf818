import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

import { describe, expect, it } from 'vitest'

import type { BuildingProperties, PolygonGeometry } from '@/domain/buildings/types'
import { provenanceClass } from '@/domain/buildings/types'
import {
  OVERLAY_AMBIGUITY_MARGIN,
  OVERLAY_MIN_IOU,
  footprintIou,
  joinFootprints,
  parseFootprintOverlay,
} from '@/domain/import/footprintOverlay'
import { ImportError } from '@/domain/import/importError'
import { importDistrict } from '@/domain/import/importDistrict'
import { formatImportSummary } from '@/domain/import/summary'

const DIR = resolve(import.meta.dirname, '../../fixtures/overlay')
// Hand-written: six square buildings of 0.0002° and seven footprints placed against them
// (an exact copy, shifted by 32 % and 35 % of the width, one over two buildings, two over
// one building, one far away).
const OSM = readFileSync(resolve(DIR, 'buildings.osm'), 'utf8')
const CADASTRE = readFileSync(resolve(DIR, 'cadastre.geojson'), 'utf8')

function importWith(opts: { csv?: string; overlays?: { name: string; text: string }[] }) {
  const { dataset, report } = importDistrict(OSM, {
    sourceName: 'buildings.osm',
    footprintOverlays: opts.overlays ?? [{ name: 'cadastre.geojson', text: CADASTRE }],
    ...(opts.csv !== undefined && { overlayCsv: opts.csv, overlayName: 'city.csv' }),
  })
  const byId = new Map(
    dataset.features.map((f) => [f.id, f.properties as BuildingProperties] as const),
  )
  return { byId, report, dataset }
}

const square = (x: number, y: number, w: number, h = w): PolygonGeometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + w, y],
      [x + w, y + h],
      [x, y + h],
      [x, y],
    ],
  ],
})

describe('footprintIou', () => {
  it('is 1 for the same footprint and (1 − s)/(1 + s) for one shifted by s of its width', () => {
    const a = square(23.6, 46.77, 0.0002)
    expect(footprintIou(a, a)).toBeCloseTo(1, 9)
    for (const s of [0.1, 0.32, 0.35, 0.6]) {
      const b = square(23.6 + s * 0.0002, 46.77, 0.0002)
      expect(footprintIou(a, b)).toBeCloseTo((1 - s) / (1 + s), 4)
    }
    expect(footprintIou(a, square(23.61, 46.77, 0.0002))).toBe(0)
  })
})

describe('vector overlay joined by footprint overlap', () => {
  it('joins an exact match with provenance overlay:<source> and IoU 1', () => {
    const { byId } = importWith({})
    const b = byId.get('way/1')
    expect(b?.height_m).toBe(31.5)
    expect(b?.levels).toBe(10)
    expect(b?.year).toBe(1975)
    expect(b?.provenance.height_m).toBe('overlay:cadastre')
    expect(b?.provenance.levels).toBe('overlay:cadastre')
    expect(b?.provenance.year).toBe('overlay:cadastre')
    expect(b?.overlay_matches).toEqual([{ source: 'cadastre', footprint: 'cad-1', iou: 1 }])
    expect(provenanceClass(b?.provenance.height_m ?? 'default')).toBe('overlay_match')
  })

  it('joins a footprint shifted just inside the threshold and not one just outside', () => {
    const { byId, report } = importWith({})
    const shifted = byId.get('way/2')
    expect(shifted?.levels).toBe(5)
    expect(shifted?.provenance.levels).toBe('overlay:cadastre')
    const iou = shifted?.overlay_matches?.[0]?.iou ?? 0
    expect(iou).toBeGreaterThanOrEqual(OVERLAY_MIN_IOU)
    expect(iou).toBeCloseTo(0.68 / 1.32, 2)

    const outside = byId.get('way/3')
    expect(outside?.levels).toBe(4)
    expect(outside?.provenance.levels).toBe('tagged')
    expect(outside?.overlay_matches).toBeUndefined()
    const cad3 = report.overlays?.[0]?.unmatched.find((u) => u.footprint === 'cad-3')
    expect(cad3?.best_iou).toBeCloseTo(0.65 / 1.35, 2)
    expect(cad3?.best_iou ?? 1).toBeLessThan(OVERLAY_MIN_IOU)
    expect(cad3?.reason).toMatch(/below 0\.5/)
  })

  it('does not join one footprint covering two buildings, and says why', () => {
    const { byId, report } = importWith({})
    for (const id of ['way/4', 'way/5']) {
      expect(byId.get(id)?.overlay_matches).toBeUndefined()
      expect(byId.get(id)?.provenance.year).not.toBe('overlay:cadastre')
    }
    const u = report.overlays?.[0]?.unmatched.find((x) => x.footprint === 'cad-45')
    expect(u?.reason).toMatch(/covers 2 buildings/)
    expect(u?.best_iou).toBeCloseTo(0.2 / 0.45, 2)
  })

  it('reports two candidates for one building as ambiguous and joins neither', () => {
    const { byId, report } = importWith({})
    const b = byId.get('way/6')
    expect(b?.levels).toBe(10)
    expect(b?.provenance.levels).toBe('tagged')
    expect(b?.overlay_matches).toBeUndefined()
    const o = report.overlays?.[0]
    expect(o?.ambiguous).toHaveLength(1)
    expect(o?.ambiguous[0]?.kind).toBe('building')
    expect(o?.ambiguous[0]?.id).toBe('way/6')
    expect(o?.ambiguous[0]?.candidates.map((c) => c.id).sort()).toEqual(['cad-6a', 'cad-6b'])
    // Ambiguous footprints are listed as ambiguous, not also as unmatched.
    expect(o?.unmatched.map((u) => u.footprint)).not.toContain('cad-6a')
  })

  it('lists an unmatched footprint and counts the join in the report and the summary', () => {
    const { report, dataset } = importWith({})
    const o = report.overlays?.[0]
    expect(o).toMatchObject({
      source: 'cadastre',
      threshold: OVERLAY_MIN_IOU,
      margin: OVERLAY_AMBIGUITY_MARGIN,
      footprints: 7,
      matched: 2,
    })
    expect(o?.unmatched.map((u) => u.footprint).sort()).toEqual(['cad-3', 'cad-45', 'cad-far'])
    expect(o?.unmatched.find((u) => u.footprint === 'cad-far')).toEqual({
      footprint: 'cad-far',
      reason: 'overlaps no building',
      best_iou: null,
    })
    expect(dataset.metadata.counts.byProvenance.levels?.['overlay:cadastre']).toBe(2)
    const text = formatImportSummary(dataset.metadata)
    expect(text).toMatch(/Overlay cadastre: 2 of 7 footprints joined \(IoU ≥ 0\.5, one-to-one\)/)
    expect(text).toMatch(/overlay_match/)
  })

  it("lets the city's CSV win over a footprint overlay, value by value", () => {
    const { byId } = importWith({ csv: 'osm_id,year\nway/1,1979\n' })
    const b = byId.get('way/1')
    expect(b?.year).toBe(1979)
    expect(b?.provenance.year).toBe('overlay')
    expect(b?.provenance.height_m).toBe('overlay:cadastre')
  })

  it('joins each footprint once: the better of two buildings wins', () => {
    const overlay = parseFootprintOverlay(
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', id: 'f', properties: { levels: 3 }, geometry: square(0, 0, 1e-4) },
        ],
      }),
      'x.geojson',
    )
    // Two overlapping OSM buildings (bad data): one nearly the footprint, one half of it.
    const join = joinFootprints(
      [
        { id: 'way/10', geometry: square(0, 0, 1e-4) },
        { id: 'way/11', geometry: square(0.3e-4, 0, 1e-4) },
      ],
      overlay,
    )
    expect([...join.byBuilding.keys()]).toEqual([0])
    expect(join.report.ambiguous).toEqual([])
  })

  it('reports a footprint with two buildings of nearly the same IoU as ambiguous', () => {
    const overlay = parseFootprintOverlay(
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', id: 'f', properties: { levels: 3 }, geometry: square(0, 0, 1e-4) },
        ],
      }),
      'x.geojson',
    )
    // The same building mapped twice, both copies over the footprint.
    const join = joinFootprints(
      [
        { id: 'way/10', geometry: square(0, 0, 1e-4) },
        { id: 'way/11', geometry: square(0.01e-4, 0, 1e-4) },
      ],
      overlay,
    )
    expect(join.byBuilding.size).toBe(0)
    expect(join.report.ambiguous).toEqual([
      {
        kind: 'footprint',
        id: 'f',
        candidates: [
          { id: 'way/10', iou: 1 },
          { id: 'way/11', iou: 0.98 },
        ],
      },
    ])
  })

  it('refuses an overlay that is not a FeatureCollection, naming the file', () => {
    expect(() => parseFootprintOverlay('{"type":"Feature"}', 'heights.geojson')).toThrow(
      ImportError,
    )
    expect(() => parseFootprintOverlay('{', 'heights.geojson')).toThrow(/heights\.geojson/)
  })

  it('counts footprints without a usable value in one warning', () => {
    const o = parseFootprintOverlay(
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { colour: 'red' }, geometry: square(0, 0, 1e-4) },
          { type: 'Feature', properties: { levels: 'x' }, geometry: square(1, 0, 1e-4) },
          { type: 'Feature', properties: { levels: 2 }, geometry: null },
        ],
      }),
      'h.geojson',
    )
    expect(o.footprints).toEqual([])
    expect(o.warnings).toContain('overlay h: 1 feature(s) without a usable area ignored')
    expect(o.warnings).toContain('overlay h: 2 footprint(s) without a usable value ignored')
    expect(o.warnings.some((w) => /feature\/1: levels "x"/.test(w))).toBe(true)
  })
})
