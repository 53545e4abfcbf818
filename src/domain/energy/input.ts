/**
 * From a dataset building feature to the engine's input: footprint rings projected to local
 * metres around the dataset origin, envelope areas from those rings, and the attributes the
 * engine reads (nulls are resolved later from the parameters' district defaults).
 */
import type {
  BuildingFeature,
  BuildingUse,
  DistrictDataset,
  HeatingSystem,
} from '../buildings/types'
import { datasetOrigin } from '../dataset/origin'
import { createLocalProjection } from '../geo/projection'
import type { LocalProjection } from '../geo/projection'
import type { LngLat, LocalMeters } from '../geo/types'

import { classOfProperties } from '../buildings/useClass'
import type { UseClass } from '../buildings/useClass'

import { envelopeFromPolygons } from './envelope'
import type { Envelope } from './envelope'

/** What the engine needs to know about one building. */
export interface BuildingInput {
  /** OSM id, `way/123`. */
  readonly id: string
  /** `building=*` value. */
  readonly type: string
  readonly use: BuildingUse
  /** Apartment block, house, non-residential or unknown; absent = from `use` and `type`. */
  readonly useClass?: UseClass
  /** Construction year, null = unknown (district default period applies). */
  readonly year: number | null
  /** Dwellings, null = unknown (heated area ÷ area per flat). */
  readonly flats: number | null
  /** Conditioned floor area, m²; 0 or less = derive from gross floor area. */
  readonly heatedAreaM2: number
  /** null = district default heating. */
  readonly heating: HeatingSystem | null
  /** Year of thermal rehabilitation, null = not known to be rehabilitated. */
  readonly rehabilitated: number | null
  readonly envelope: Envelope
}

/** A building feature the engine could not assess, and why. */
export interface SkippedBuilding {
  readonly id: string
  readonly reason: string
}

function ringsOf(feature: BuildingFeature): number[][][][] {
  const g = feature.geometry
  return (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as number[][][][]
}

/** Project a feature's rings and derive its engine input. Throws `RangeError` on bad geometry. */
export function buildingInputFromFeature(
  feature: BuildingFeature,
  projection: LocalProjection,
): BuildingInput {
  const p = feature.properties
  const polygons = ringsOf(feature).map((rings) =>
    rings.map((ring) =>
      ring.map((c) => {
        const lng = c[0]
        const lat = c[1]
        if (typeof lng !== 'number' || typeof lat !== 'number') {
          throw new RangeError('coordinate is not a [lng, lat] pair')
        }
        return projection.toLocal([lng, lat] as LngLat)
      }),
    ),
  ) as LocalMeters[][][]
  return {
    id: p.id,
    type: p.type,
    use: p.use,
    useClass: classOfProperties(p),
    year: p.year,
    flats: p.flats,
    heatedAreaM2: p.heated_area_m2,
    heating: p.heating,
    rehabilitated: p.rehabilitated,
    envelope: envelopeFromPolygons(polygons, p.levels, p.height_m),
  }
}

/**
 * Engine inputs for every heated building of a dataset, projected around the dataset's bbox
 * centre (the origin all views share). Unheated buildings (heated area 0: garages, sheds) and
 * buildings with unusable geometry are returned in `skipped` with a reason.
 */
export function inputsFromDataset(dataset: DistrictDataset): {
  inputs: BuildingInput[]
  skipped: SkippedBuilding[]
} {
  const projection = createLocalProjection(datasetOrigin(dataset.metadata))
  const inputs: BuildingInput[] = []
  const skipped: SkippedBuilding[] = []
  for (const f of dataset.features) {
    if (f.properties.kind !== 'building') continue
    const b = f as BuildingFeature
    const id = b.properties.id
    if (!(b.properties.heated_area_m2 > 0)) {
      skipped.push({ id, reason: 'unheated (heated area 0)' })
      continue
    }
    try {
      inputs.push(buildingInputFromFeature(b, projection))
    } catch (e) {
      skipped.push({ id, reason: e instanceof Error ? e.message : String(e) })
    }
  }
  return { inputs, skipped }
}

const HOUSE_TYPES = new Set(['house', 'detached', 'semidetached_house', 'terrace', 'bungalow'])

/** The use class of an engine input (inputs built by hand may leave it out). */
export function inputUseClass(b: BuildingInput): UseClass {
  if (b.useClass !== undefined) return b.useClass
  if (b.use !== 'residential') return 'non_residential'
  return HOUSE_TYPES.has(b.type) ? 'house' : 'apartment_block'
}
