import { OSM_ATTRIBUTION, type BuildingFeature } from '@/domain/buildings/types'
import { ENERGY_CLASS_LABELS } from '@/domain/energy/classes'

import { scenarioReport } from './energySync'
import { buildingsOf, selectDataset } from './selectors'
import type { AppState } from './store'

/** Per-building results as CSV: the very report `npm run assess` writes for the scenario. */
export function exportCsv(s: AppState): Promise<string> {
  return scenarioReport(s.scenario, 'csv')
}

const finiteOrNull = (v: number | undefined) =>
  v === undefined || !Number.isFinite(v) ? null : Math.round(v * 100) / 100

/** Each building's `ranges` from the JSON report of the scenario (the same figures). */
async function rangesById(s: AppState): Promise<Map<string, unknown>> {
  const report = JSON.parse(await scenarioReport(s.scenario, 'json')) as {
    buildings: { id: string; ranges?: unknown }[]
  }
  return new Map(report.buildings.map((b) => [b.id, b.ranges]))
}

/**
 * The dataset's buildings as GeoJSON with the scenario's figures added to each, their ranges
 * as in the JSON report (`ranges: {figure: [low, high]}`), and the ODbL attribution in the
 * metadata (RFC 7946 foreign member).
 */
export async function exportGeoJson(s: AppState): Promise<string> {
  const dataset = selectDataset(s)
  if (!dataset) return '{"type":"FeatureCollection","features":[]}'
  const ranges = s.energy ? await rangesById(s) : new Map<string, unknown>()
  const e = s.energy
  const label = (i: number | undefined) =>
    i === undefined ? null : (ENERGY_CLASS_LABELS[i] ?? null)
  const features = buildingsOf(dataset).map((f: BuildingFeature, i) => ({
    type: 'Feature',
    id: f.properties.id,
    // Read explicitly: the page keeps footprints packed and rebuilds geometry on demand.
    geometry: f.geometry,
    properties: {
      ...f.properties,
      ...(e && {
        class_before: label(e.classBefore[i]),
        class_after: label(e.classAfter[i]),
        heating_need_kwh_m2a: finiteOrNull(e.needBefore[i]),
        heating_need_after_kwh_m2a: finiteOrNull(e.needAfter[i]),
        primary_kwh_m2a: finiteOrNull(e.primaryBefore[i]),
        primary_after_kwh_m2a: finiteOrNull(e.primaryAfter[i]),
        co2_kg_m2a: finiteOrNull(e.co2Before[i]),
        co2_after_kg_m2a: finiteOrNull(e.co2After[i]),
        saving_pct: finiteOrNull(e.savingPct[i]),
        cost_eur: finiteOrNull(e.costEur[i]),
        bill_saving_eur_a: finiteOrNull(e.billSavingEurPerYear[i]),
        ranges: ranges.get(f.properties.id) ?? {},
      }),
    },
  }))
  return JSON.stringify({
    type: 'FeatureCollection',
    metadata: {
      ...dataset.metadata,
      scenario: s.scenario,
      attribution: OSM_ATTRIBUTION,
      exported: new Date().toISOString(),
    },
    features,
  })
}
