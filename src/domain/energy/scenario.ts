/**
 * Retrofit scenarios as plain JSON: which measures (with optional parameter overrides), which
 * buildings, when (rollout), and optional assumption overrides. `parseScenario` validates any
 * JSON value into the canonical form and fails with one line naming the field.
 */
import type { BuildingUse, HeatingSystem } from '../buildings/types'

import { ENERGY_CLASS_LABELS } from './classes'
import type { EnergyClass } from './classes'
import { DEFAULT_PARAMETERS, overrideProblem } from './parameters'
import { isJsonObject } from '../own'

/** Measure ids, in the order they are applied. */
export const MEASURE_IDS = [
  'wall',
  'roof',
  'windows',
  'basement',
  'envelope',
  'heat_pump',
  'dh_upgrade',
  'mvhr',
  'pv',
] as const

/** One retrofit measure id. `envelope` = wall + roof + windows + basement. */
export type MeasureId = (typeof MEASURE_IDS)[number]

/** The measures that make up `envelope`. */
export const ENVELOPE_PARTS = ['wall', 'roof', 'windows', 'basement'] as const

/** A measure with overrides of its parameters (`parameters.json` → `measures.<id>`). */
export interface MeasureSpec {
  readonly id: MeasureId
  /** Parameter name → value, e.g. `{ "u_W_m2K": 0.25 }`; empty for the defaults. */
  readonly params: Readonly<Record<string, number>>
}

/** A filter on building attributes; every given condition must hold. */
export interface BuildingFilter {
  /** Construction year (district default when unknown), inclusive bounds. */
  readonly year_min?: number
  readonly year_max?: number
  readonly levels_min?: number
  readonly levels_max?: number
  readonly heated_area_min_m2?: number
  readonly heated_area_max_m2?: number
  readonly heating?: readonly HeatingSystem[]
  /** `building=*` values. */
  readonly type?: readonly string[]
  readonly use?: readonly BuildingUse[]
  readonly rehabilitated?: boolean
  /** Baseline classes (before measures). */
  readonly class?: readonly EnergyClass[]
}

/** Which buildings a scenario touches. */
export type BuildingSelection =
  'all' | { readonly ids: readonly string[] } | { readonly filter: BuildingFilter }

/** One listed rollout step: these blocks get these of the scenario's measures in that year. */
export interface RolloutStep {
  readonly year: number
  readonly measures: readonly MeasureId[]
  readonly ids: readonly string[]
}

/** When: selected buildings are spread evenly over the years, inclusive. */
export interface Rollout {
  readonly start_year: number
  readonly end_year: number
  /** `worst_first`: by baseline class G → A+, then dataset order; `listed`: dataset order. */
  readonly order: 'worst_first' | 'listed'
  /**
   * With `listed`: explicit steps (a plan), each its own measures (a subset of the scenario's,
   * with their parameters) and year; only the selected buildings a step lists are retrofitted.
   */
  readonly steps?: readonly RolloutStep[]
}

/** A scenario in canonical form; `JSON.stringify` of it parses back to an equal value. */
export interface Scenario {
  readonly name: string
  readonly measures: readonly MeasureSpec[]
  readonly buildings: BuildingSelection
  /** null = all selected buildings at once ("now"). */
  readonly rollout: Rollout | null
  /** Parameter path → value (see `withOverrides`), e.g. prices. */
  readonly assumptions: Readonly<Record<string, unknown>>
}

/** A scenario that cannot be used; the message is one line naming the field path. */
export class ScenarioError extends Error {
  override name = 'ScenarioError'
}

const HEATING: readonly HeatingSystem[] = ['gas_boiler', 'district_heating', 'heat_pump', 'other']
const USES: readonly BuildingUse[] = ['residential', 'non_residential']

/** Names of the numeric parameters a measure accepts in `params`. */
export function measureParameterNames(id: MeasureId): string[] {
  if (id === 'envelope') return []
  return Object.entries(DEFAULT_PARAMETERS.measures[id])
    .filter(([, v]) => typeof v === 'object' && v !== null && 'value' in v)
    .map(([k]) => k)
}

const fail = (path: string, why: string): never => {
  throw new ScenarioError(`${path}: ${why}`)
}

function checkKeys(v: Record<string, unknown>, path: string, allowed: readonly string[]): void {
  for (const k of Object.keys(v)) {
    if (!allowed.includes(k)) fail(`${path}.${k}`, `unknown field (allowed: ${allowed.join(', ')})`)
  }
}

function finite(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(path, 'must be a finite number')
  return v as number
}

function year(v: unknown, path: string): number {
  const y = finite(v, path)
  if (!Number.isInteger(y) || y < 1800 || y > 2200) fail(path, 'must be a whole year 1800–2200')
  return y
}

function stringList<T extends string>(v: unknown, path: string, allowed?: readonly T[]): T[] {
  if (!Array.isArray(v)) fail(path, 'must be an array of strings')
  return (v as unknown[]).map((x, i) => {
    if (typeof x !== 'string') fail(`${path}[${i}]`, 'must be a string')
    if (allowed && !allowed.includes(x as T)) {
      fail(`${path}[${i}]`, `unknown value "${String(x)}" (allowed: ${allowed.join(', ')})`)
    }
    return x as T
  })
}

function parseMeasure(v: unknown, path: string): MeasureSpec {
  const known = (id: unknown, p: string): MeasureId => {
    if (typeof id !== 'string') fail(p, 'must be a measure id string')
    if (!(MEASURE_IDS as readonly string[]).includes(id as string)) {
      fail(p, `unknown measure "${String(id)}" (known: ${MEASURE_IDS.join(', ')})`)
    }
    return id as MeasureId
  }
  if (typeof v === 'string') return { id: known(v, path), params: {} }
  if (!isJsonObject(v)) fail(path, 'must be a measure id or an object {"id", "params"}')
  const o = v as Record<string, unknown>
  checkKeys(o, path, ['id', 'params'])
  const id = known(o.id, `${path}.id`)
  const params: Record<string, number> = {}
  if (o.params !== undefined) {
    if (!isJsonObject(o.params)) fail(`${path}.params`, 'must be an object of numbers')
    const names = measureParameterNames(id)
    for (const [k, x] of Object.entries(o.params as Record<string, unknown>)) {
      const p = `${path}.params.${k}`
      if (!names.includes(k)) {
        fail(p, `unknown parameter for "${id}" (known: ${names.join(', ') || 'none'})`)
      }
      const n = finite(x, p)
      if (n < 0) fail(p, 'must not be negative')
      if (k === 'heat_recovery' && n >= 1) fail(p, 'must be below 1')
      if ((k === 'u_W_m2K' || k.startsWith('efficiency')) && n === 0) fail(p, 'must be > 0')
      params[k] = n
    }
  }
  return { id, params }
}

const FILTER_FIELDS = [
  'year_min',
  'year_max',
  'levels_min',
  'levels_max',
  'heated_area_min_m2',
  'heated_area_max_m2',
  'heating',
  'type',
  'use',
  'rehabilitated',
  'class',
] as const

function parseFilter(v: unknown, path: string): BuildingFilter {
  if (!isJsonObject(v)) fail(path, 'must be an object')
  const o = v as Record<string, unknown>
  checkKeys(o, path, FILTER_FIELDS)
  const f: Record<string, unknown> = {}
  for (const k of ['year_min', 'year_max'] as const) {
    if (o[k] !== undefined) f[k] = year(o[k], `${path}.${k}`)
  }
  for (const k of [
    'levels_min',
    'levels_max',
    'heated_area_min_m2',
    'heated_area_max_m2',
  ] as const) {
    if (o[k] !== undefined) f[k] = finite(o[k], `${path}.${k}`)
  }
  if (o.heating !== undefined) f.heating = stringList(o.heating, `${path}.heating`, HEATING)
  if (o.type !== undefined) f.type = stringList(o.type, `${path}.type`)
  if (o.use !== undefined) f.use = stringList(o.use, `${path}.use`, USES)
  if (o.class !== undefined) f.class = stringList(o.class, `${path}.class`, ENERGY_CLASS_LABELS)
  if (o.rehabilitated !== undefined) {
    if (typeof o.rehabilitated !== 'boolean') fail(`${path}.rehabilitated`, 'must be true or false')
    f.rehabilitated = o.rehabilitated
  }
  return f as BuildingFilter
}

function parseSelection(v: unknown, path: string): BuildingSelection {
  if (v === undefined || v === 'all') return 'all'
  if (!isJsonObject(v)) fail(path, 'must be "all", {"ids": [...]} or {"filter": {...}}')
  const o = v as Record<string, unknown>
  if ('ids' in o) {
    checkKeys(o, path, ['ids'])
    return { ids: stringList(o.ids, `${path}.ids`) }
  }
  if ('filter' in o) {
    checkKeys(o, path, ['filter'])
    return { filter: parseFilter(o.filter, `${path}.filter`) }
  }
  return fail(path, 'must be "all", {"ids": [...]} or {"filter": {...}}')
}

function parseRollout(v: unknown, path: string): Rollout | null {
  if (v === undefined || v === null) return null
  if (!isJsonObject(v)) fail(path, 'must be an object {"start_year", "end_year", "order"} or null')
  const o = v as Record<string, unknown>
  checkKeys(o, path, ['start_year', 'end_year', 'order', 'steps'])
  const start = year(o.start_year, `${path}.start_year`)
  const end = o.end_year === undefined ? start : year(o.end_year, `${path}.end_year`)
  if (end < start) fail(`${path}.end_year`, `must not be before start_year ${start}`)
  const order = o.order ?? (o.steps !== undefined ? 'listed' : 'worst_first')
  if (order !== 'worst_first' && order !== 'listed') {
    fail(`${path}.order`, `unknown value "${String(order)}" (allowed: worst_first, listed)`)
  }
  const rollout = { start_year: start, end_year: end, order: order as Rollout['order'] }
  if (o.steps === undefined) return rollout
  if (order !== 'listed') fail(`${path}.steps`, 'need order "listed"')
  if (!Array.isArray(o.steps))
    fail(`${path}.steps`, 'must be an array of {"year", "measures", "ids"}')
  const seen = new Set<string>()
  const steps = (o.steps as unknown[]).map((st, i): RolloutStep => {
    const p = `${path}.steps[${i}]`
    if (!isJsonObject(st)) fail(p, 'must be an object {"year", "measures", "ids"}')
    const so = st as Record<string, unknown>
    checkKeys(so, p, ['year', 'measures', 'ids'])
    const y = year(so.year, `${p}.year`)
    if (y < start || y > end) fail(`${p}.year`, `must be within ${start}–${end}`)
    const measures = stringList(so.measures, `${p}.measures`, MEASURE_IDS)
    const ids = stringList(so.ids, `${p}.ids`)
    for (const id of ids) {
      if (seen.has(id)) fail(`${p}.ids`, `building "${id}" is in two steps`)
      seen.add(id)
    }
    return { year: y, measures, ids }
  })
  return { ...rollout, steps }
}

/**
 * Validate a scenario JSON value (short form `{"name", "measures": ["envelope"]}` or the full
 * form) into the canonical `Scenario`. Throws `ScenarioError` with one line such as
 * `scenario.measures[1].id: unknown measure "wal" (known: …)`.
 */
export function parseScenario(json: unknown, path = 'scenario'): Scenario {
  if (!isJsonObject(json)) fail(path, 'must be a JSON object')
  const o = json as Record<string, unknown>
  checkKeys(o, path, ['name', 'measures', 'buildings', 'rollout', 'assumptions'])
  if (typeof o.name !== 'string' || o.name.trim() === '') {
    fail(`${path}.name`, 'must be a non-empty string')
  }
  if (!Array.isArray(o.measures)) fail(`${path}.measures`, 'must be an array of measures')
  const measures = (o.measures as unknown[]).map((m, i) =>
    parseMeasure(m, `${path}.measures[${i}]`),
  )
  const seen = new Set<string>()
  measures.forEach((m, i) => {
    if (seen.has(m.id)) fail(`${path}.measures[${i}]`, `measure "${m.id}" is listed twice`)
    seen.add(m.id)
  })
  const rollout = parseRollout(o.rollout, `${path}.rollout`)
  rollout?.steps?.forEach((st, i) => {
    st.measures.forEach((m, k) => {
      if (!seen.has(m)) {
        fail(`${path}.rollout.steps[${i}].measures[${k}]`, `"${m}" is not among the measures`)
      }
    })
  })
  const assumptions: Record<string, unknown> = {}
  if (o.assumptions !== undefined) {
    if (!isJsonObject(o.assumptions)) fail(`${path}.assumptions`, 'must be an object {path: value}')
    for (const [k, v] of Object.entries(o.assumptions as Record<string, unknown>)) {
      const problem = overrideProblem(DEFAULT_PARAMETERS, k, v)
      if (problem !== null) fail(`${path}.assumptions["${k}"]`, problem)
      assumptions[k] = v
    }
  }
  return {
    name: (o.name as string).trim(),
    measures,
    buildings: parseSelection(o.buildings, `${path}.buildings`),
    rollout,
    assumptions,
  }
}

/** Parse scenario file text; JSON syntax errors become one-line `ScenarioError`s too. */
export function parseScenarioText(text: string, path = 'scenario'): Scenario {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    const why = e instanceof Error ? (e.message.split('\n')[0] ?? '') : 'invalid JSON'
    throw new ScenarioError(`${path}: not valid JSON (${why})`)
  }
  return parseScenario(json, path)
}

/** The canonical JSON text of a scenario (parses back to an equal `Scenario`). */
export function scenarioToJson(scenario: Scenario): string {
  return JSON.stringify(scenario, null, 2)
}

/** The measure ids a scenario applies, with `envelope` expanded into its four parts. */
export function expandMeasures(
  scenario: Scenario,
): Map<Exclude<MeasureId, 'envelope'>, MeasureSpec> {
  const out = new Map<Exclude<MeasureId, 'envelope'>, MeasureSpec>()
  for (const m of scenario.measures) {
    if (m.id === 'envelope') {
      for (const part of ENVELOPE_PARTS) {
        if (!out.has(part)) out.set(part, { id: part, params: {} })
      }
    } else {
      // An explicitly listed part (with its params) wins over the one implied by `envelope`.
      out.set(m.id, m)
    }
  }
  return out
}

/** The scenario as one rollout step applies it: only that step's measures, with their params. */
export function stepScenario(scenario: Scenario, step: RolloutStep): Scenario {
  return { ...scenario, measures: scenario.measures.filter((m) => step.measures.includes(m.id)) }
}
