/**
 * District-scale engine, step 1: `prepareDistrict` turns building inputs into struct-of-arrays
 * columns once (envelope areas by element and orientation, solar aperture per month, archetype
 * and system indices). `evaluate.ts` then runs the monthly method over these columns.
 */
import type { HeatingSystem } from '../../buildings/types'
import { USE_CLASSES } from '../../buildings/useClass'
import { ORIENTATIONS, windowShareByOrientation } from '../envelope'
import type { BuildingInput } from '../input'
import { inputUseClass } from '../input'
import type { EnergyParameters } from '../parameters'

/** Heating-system codes of `PreparedDistrict.heating`. */
export const HEATING_SYSTEMS: readonly HeatingSystem[] = [
  'gas_boiler',
  'district_heating',
  'heat_pump',
  'other',
]

/**
 * Parameter paths read by `prepareDistrict` (geometry and defaults baked into the columns):
 * after overriding one of these, prepare again. Everything else is read by `evaluateScenario`.
 */
export const PREPARE_PARAMETER_PATHS: readonly string[] = [
  'district.',
  'geometry.window_to_wall_ratio',
  'geometry.ref_area_to_gross_area',
  'geometry.ventilated_height_m',
  'geometry.blind_gable_aspect_ratio',
  'climate.irradiance_W_m2',
  'archetypes.*.year_from',
  'archetypes.*.year_to',
]

/** True when overriding `path` requires `prepareDistrict` to run again. */
export function needsPrepare(path: string): boolean {
  return PREPARE_PARAMETER_PATHS.some((p) => {
    if (p.includes('*')) {
      const [head, tail] = p.split('*')
      return path.startsWith(head ?? '') && path.endsWith(tail ?? '')
    }
    return p.endsWith('.') ? path.startsWith(p) : path === p
  })
}

/** Geometry and attributes of every building, one typed-array column per quantity. */
export interface PreparedDistrict {
  readonly count: number
  readonly ids: readonly string[]
  readonly indexById: ReadonlyMap<string, number>
  /** Distinct `building=*` values; `typeCode[i]` indexes this. */
  readonly typeNames: readonly string[]
  readonly typeCode: Uint16Array
  /** 1 = `use` residential (the scenario filter's `use`), 0 = non-residential. */
  readonly residential: Uint8Array
  /**
   * Index into `USE_CLASSES`: 0 apartment block, 1 house, 2 non-residential, 3 unknown. Blocks
   * and houses are rated (Mc 001-2022 Tables 5.8 and 5.7 [S1]); the others are computed with the
   * block archetypes but not rated.
   */
  readonly useClass: Uint8Array
  /** Construction year, district default where unknown. */
  readonly year: Int16Array
  /** 1 where the year came from the data, 0 where the district default was used. */
  readonly yearKnown: Uint8Array
  readonly levels: Uint16Array
  readonly heightM: Float64Array
  /** Index into `HEATING_SYSTEMS`, district default where unknown. */
  readonly heating: Uint8Array
  readonly heatingKnown: Uint8Array
  /** 1 = thermally rehabilitated: envelope measures at their default U-values are in place. */
  readonly rehabilitated: Uint8Array
  /** Archetype ids; `archetype[i]` indexes this. */
  readonly archetypeIds: readonly string[]
  readonly archetype: Uint8Array
  /** Dwellings (given, or heated area ÷ area per flat, ≥ 1; a house 1); 0 unless block or house. */
  readonly flats: Float64Array
  /** Reference (heated) floor area, m². */
  readonly refAreaM2: Float64Array
  readonly footprintM2: Float64Array
  readonly perimeterM: Float64Array
  /** Gross facade = perimeter × height, m². */
  readonly facadeM2: Float64Array
  readonly opaqueWallM2: Float64Array
  readonly windowM2: Float64Array
  /** Window area per orientation, m², `count × 8` (blind gables on slabs, `windowShareByOrientation`). */
  readonly windowByOrientationM2: Float64Array
  /** Gross built area = footprint × storeys, m² (what programme caps are per). */
  readonly builtAreaM2: Float64Array
  readonly roofM2: Float64Array
  /** Floor over the unheated basement, m². */
  readonly floorM2: Float64Array
  /** Ventilated volume, m³. */
  readonly volumeM3: Float64Array
  /** Gross facade per orientation, m², `count × 8` (order of `ORIENTATIONS`). */
  readonly facadeByOrientationM2: Float64Array
  /** Σ window area × monthly irradiance over orientations, W, `count × 12` (before g, F_w, F_F, F_sh). */
  readonly solarApertureW: Float64Array
  /** The parameters the columns were prepared with. */
  readonly params: EnergyParameters
}

const IRR_KEYS = ORIENTATIONS

/** The archetype of a year among those of one family (houses, or blocks for everything else). */
function archetypeIndexForYear(
  params: EnergyParameters,
  ids: readonly string[],
  y: number,
  family: 'apartment_block' | 'house',
): number {
  let first = -1
  let last = -1
  for (let a = 0; a < ids.length; a++) {
    const arch = params.archetypes[ids[a] ?? '']
    if (!arch || (arch.use_class ?? 'apartment_block') !== family) continue
    if (y >= arch.year_from.value && y <= arch.year_to.value) return a
    if (first < 0) first = a
    last = a
  }
  const firstArch = params.archetypes[ids[first] ?? '']
  return firstArch && y < firstArch.year_from.value ? first : Math.max(0, last)
}

/**
 * Precompute the columns for `buildings` (in order). Nulls are resolved from the district
 * defaults of `params` (year → archetype, heating, flats). Pure; O(buildings × ring points).
 */
export function prepareDistrict(
  buildings: readonly BuildingInput[],
  params: EnergyParameters,
): PreparedDistrict {
  const n = buildings.length
  const archetypeIds = Object.keys(params.archetypes)
  const typeNames: string[] = []
  const typeIndex = new Map<string, number>()
  const indexById = new Map<string, number>()
  const cols = {
    typeCode: new Uint16Array(n),
    residential: new Uint8Array(n),
    useClass: new Uint8Array(n),
    year: new Int16Array(n),
    yearKnown: new Uint8Array(n),
    levels: new Uint16Array(n),
    heightM: new Float64Array(n),
    heating: new Uint8Array(n),
    heatingKnown: new Uint8Array(n),
    rehabilitated: new Uint8Array(n),
    archetype: new Uint8Array(n),
    flats: new Float64Array(n),
    refAreaM2: new Float64Array(n),
    footprintM2: new Float64Array(n),
    perimeterM: new Float64Array(n),
    facadeM2: new Float64Array(n),
    opaqueWallM2: new Float64Array(n),
    windowM2: new Float64Array(n),
    windowByOrientationM2: new Float64Array(n * 8),
    builtAreaM2: new Float64Array(n),
    roofM2: new Float64Array(n),
    floorM2: new Float64Array(n),
    volumeM3: new Float64Array(n),
    facadeByOrientationM2: new Float64Array(n * 8),
    solarApertureW: new Float64Array(n * 12),
  }
  const wwr = params.geometry.window_to_wall_ratio.value
  const refRatio = params.geometry.ref_area_to_gross_area.value
  const ventH = params.geometry.ventilated_height_m.value
  const perFlat = params.district.area_per_flat_m2.value
  const defaultYear = params.district.default_year.value
  const defaultHeating = Math.max(
    0,
    HEATING_SYSTEMS.indexOf(params.district.default_heating.value as HeatingSystem),
  )
  const irr = params.climate.irradiance_W_m2.value
  const blindGable = params.geometry.blind_gable_aspect_ratio.value
  const ids: string[] = []
  for (let i = 0; i < n; i++) {
    const b = buildings[i]
    if (!b) continue
    const env = b.envelope
    ids.push(b.id)
    indexById.set(b.id, i)
    let t = typeIndex.get(b.type)
    if (t === undefined) {
      t = typeNames.length
      typeNames.push(b.type)
      typeIndex.set(b.type, t)
    }
    cols.typeCode[i] = t
    cols.residential[i] = b.use === 'residential' ? 1 : 0
    const useClass = inputUseClass(b)
    cols.useClass[i] = USE_CLASSES.indexOf(useClass)
    const y = b.year ?? defaultYear
    cols.year[i] = y
    cols.yearKnown[i] = b.year === null ? 0 : 1
    const family = useClass === 'house' ? 'house' : 'apartment_block'
    cols.archetype[i] = archetypeIndexForYear(params, archetypeIds, y, family)
    cols.levels[i] = env.levels
    cols.heightM[i] = env.heightM
    const h = b.heating === null ? -1 : HEATING_SYSTEMS.indexOf(b.heating)
    cols.heating[i] = h < 0 ? defaultHeating : h
    cols.heatingKnown[i] = h < 0 ? 0 : 1
    cols.rehabilitated[i] = b.rehabilitated === null ? 0 : 1
    // A_ref: the dataset's heated area where given, else 0.8 × gross floor area (D).
    const aRef = b.heatedAreaM2 > 0 ? b.heatedAreaM2 : refRatio * env.grossFloorM2
    cols.refAreaM2[i] = aRef
    cols.flats[i] =
      useClass === 'apartment_block'
        ? (b.flats ?? Math.max(1, Math.round(aRef / perFlat)))
        : useClass === 'house'
          ? (b.flats ?? 1)
          : 0
    cols.builtAreaM2[i] = env.grossFloorM2
    cols.footprintM2[i] = env.footprintM2
    cols.perimeterM[i] = env.perimeterM
    cols.facadeM2[i] = env.facadeM2
    cols.windowM2[i] = wwr * env.facadeM2
    cols.opaqueWallM2[i] = (1 - wwr) * env.facadeM2
    cols.roofM2[i] = env.roofM2
    cols.floorM2[i] = env.floorM2
    cols.volumeM3[i] = ventH * aRef
    const share = windowShareByOrientation(
      env.facadeByOrientationM2,
      env.footprintM2,
      env.perimeterM,
      blindGable,
    )
    for (let o = 0; o < 8; o++) {
      cols.facadeByOrientationM2[i * 8 + o] = env.facadeByOrientationM2[o] ?? 0
      const win = wwr * env.facadeM2 * (share[o] ?? 0)
      cols.windowByOrientationM2[i * 8 + o] = win
      const series = irr[IRR_KEYS[o] ?? 'N']
      for (let m = 0; m < 12; m++) {
        cols.solarApertureW[i * 12 + m] =
          (cols.solarApertureW[i * 12 + m] ?? 0) + win * (series[m] ?? 0)
      }
    }
  }
  return { count: n, ids, indexById, typeNames, archetypeIds, params, ...cols }
}
