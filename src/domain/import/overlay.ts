import type { OverlayValues } from '../buildings/infer'
import { parseFlats, parseHeightM, parseLevels } from '../buildings/tags'
import type { HeatingSystem } from '../buildings/types'
import { parseUseClass } from '../buildings/useClass'
import { ENERGY_CLASS_LABELS } from '../energy/classes'

import { CsvError, parseCsv } from './csv'
import { ImportError } from './importError'

/** One usable overlay row. */
interface OverlayRow {
  /** 1-based CSV line. */
  line: number
  /** `way/123` or `addr:<normalised street>|<number>`. */
  key: string
  /** The key as written in the CSV, for messages. */
  label: string
  values: OverlayValues
  matched: boolean
}

/** A parsed overlay CSV, ready to join onto buildings. */
export interface OverlayIndex {
  byId: Map<string, OverlayRow>
  byAddress: Map<string, OverlayRow>
  /** Rows that could not be used and values that failed validation, one line each. */
  warnings: string[]
}

/** Column aliases (lower-case, spaces as `_`) → canonical column. */
const COLUMNS: Record<string, string> = {
  osm_id: 'id',
  id: 'id',
  '@id': 'id',
  osm: 'id',
  street: 'street',
  'addr:street': 'street',
  strada: 'street',
  housenumber: 'housenumber',
  house_number: 'housenumber',
  'addr:housenumber': 'housenumber',
  number: 'housenumber',
  nr: 'housenumber',
  numar: 'housenumber',
  levels: 'levels',
  'building:levels': 'levels',
  height_m: 'height_m',
  height: 'height_m',
  year: 'year',
  start_date: 'year',
  flats: 'flats',
  'building:flats': 'flats',
  heating: 'heating',
  rehabilitated: 'rehabilitated',
  epc_class: 'epc_class',
  epc: 'epc_class',
  use_class: 'use_class',
  use: 'use_class',
  utilizare: 'use_class',
}

/** Accepted spellings of the heating systems (lower-case, `_`/`-` as spaces). */
const HEATING: Record<string, HeatingSystem> = {
  'gas boiler': 'gas_boiler',
  gas: 'gas_boiler',
  'centrala proprie': 'gas_boiler',
  centrala: 'gas_boiler',
  'district heating': 'district_heating',
  district: 'district_heating',
  termoficare: 'district_heating',
  'heat pump': 'heat_pump',
  'pompa de caldura': 'heat_pump',
  other: 'other',
  altul: 'other',
}

const EPC_CLASSES = new Set<string>(ENERGY_CLASS_LABELS)
const NOT_REHABILITATED = new Set(['no', 'nu', 'none', '0', 'false'])

/** Lower-case, no diacritics, single spaces. */
function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[.,]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * The join key for an address: street without `strada`/`str.` prefix, case and diacritics
 * folded, plus the house number without spaces (`Str. Mehedinți 12 A` ≡ `strada mehedinti 12a`).
 */
export function addressKey(street: string, housenumber: string): string {
  const s = fold(street).replace(/^(strada|str) /, '')
  return `addr:${s}|${fold(housenumber).replace(/\s/g, '')}`
}

/** `way/123` from `way/123`, `w123`, `way 123` or an openstreetmap.org URL; null otherwise. */
export function normaliseOsmId(raw: string): string | null {
  const m = /(?:^|\/)(node|way|relation|n|w|r)[/\s]?(\d+)\/?$/i.exec(raw.trim())
  if (!m?.[1] || !m[2]) return null
  const t = m[1].toLowerCase()
  const type = t === 'n' ? 'node' : t === 'w' ? 'way' : t === 'r' ? 'relation' : t
  return `${type}/${m[2]}`
}

type Validator = (
  raw: string,
) => { ok: true; set: (v: OverlayValues) => void } | { ok: false; why: string }

const VALIDATORS: Record<string, Validator> = {
  levels: (raw) => {
    const n = parseLevels(raw)
    return n === null
      ? { ok: false, why: 'is not a storey count (1–200)' }
      : { ok: true, set: (v) => (v.levels = n) }
  },
  height_m: (raw) => {
    const n = parseHeightM(raw)
    return n === null
      ? { ok: false, why: 'is not a height in metres' }
      : { ok: true, set: (v) => (v.height_m = n) }
  },
  year: (raw) => {
    const n = /^\d{4}$/.test(raw) ? Number(raw) : NaN
    return n >= 1800 && n <= 2100
      ? { ok: true, set: (v) => (v.year = n) }
      : { ok: false, why: 'is not a year (1800–2100)' }
  },
  flats: (raw) => {
    const n = parseFlats(raw)
    return n === null
      ? { ok: false, why: 'is not a number of flats (0–5000)' }
      : { ok: true, set: (v) => (v.flats = n) }
  },
  heating: (raw) => {
    const h = HEATING[fold(raw).replace(/[_-]/g, ' ')]
    return h === undefined
      ? { ok: false, why: 'is not one of gas boiler, district heating, heat pump, other' }
      : { ok: true, set: (v) => (v.heating = h) }
  },
  rehabilitated: (raw) => {
    if (NOT_REHABILITATED.has(raw.toLowerCase())) {
      return { ok: true, set: (v) => (v.rehabilitated = null) }
    }
    const n = /^\d{4}$/.test(raw) ? Number(raw) : NaN
    return n >= 1960 && n <= 2100
      ? { ok: true, set: (v) => (v.rehabilitated = n) }
      : { ok: false, why: 'is not a year of rehabilitation (or empty)' }
  },
  epc_class: (raw) => {
    const c = raw.toUpperCase().replace(/\s/g, '')
    return EPC_CLASSES.has(c)
      ? { ok: true, set: (v) => (v.epc_class = c) }
      : { ok: false, why: 'is not an EPC class A+…G' }
  },
  use_class: (raw) => {
    const u = parseUseClass(raw)
    return u === null
      ? { ok: false, why: 'is not one of apartment_block, house, non_residential, unknown' }
      : { ok: true, set: (v) => (v.use_class = u) }
  },
}

/** The canonical overlay column of a CSV header or a GeoJSON property name, or undefined. */
export const overlayColumnOf = (name: string): string | undefined =>
  COLUMNS[name.trim().toLowerCase().replace(/\s+/g, '_')]

/**
 * The validated values of one overlay record (canonical column → raw text); each value that
 * fails validation is one warning starting with `where` and is left out.
 */
export function overlayValuesOf(
  cell: Readonly<Record<string, string>>,
  where: string,
  warnings: string[],
): OverlayValues {
  const values: OverlayValues = {}
  for (const [column, validate] of Object.entries(VALIDATORS)) {
    const raw = cell[column]
    if (raw === undefined || raw === '') continue
    const r = validate(raw)
    if (r.ok) r.set(values)
    else warnings.push(`${where}: ${column} "${raw}" ${r.why}; value ignored`)
  }
  return values
}

/**
 * Parse the attribute overlay CSV. Rows are keyed by OSM id (`osm_id` column: `way/123`) or,
 * where that is empty, by `street` + `housenumber`. Values that fail validation are reported in
 * `warnings` and skipped; the rest of the row still applies. Duplicated keys: the first row wins.
 * Throws `ImportError` (naming `sourceName`) only when the CSV cannot be parsed or has no key
 * column.
 */
export function parseOverlay(csv: string, sourceName: string): OverlayIndex {
  let rows: { fields: string[]; line: number }[]
  try {
    rows = parseCsv(csv)
  } catch (e) {
    if (e instanceof CsvError)
      throw new ImportError(sourceName, `CSV ${e.message}`, 'csvMalformed', { line: e.line })
    throw e
  }
  const header = rows.shift()
  if (!header) throw new ImportError(sourceName, 'overlay CSV is empty', 'csvEmpty')
  const warnings: string[] = []
  const columns = header.fields.map(overlayColumnOf)
  const unknown = header.fields.filter((_, i) => columns[i] === undefined)
  if (unknown.length > 0) warnings.push(`overlay: ignored unknown column(s) ${unknown.join(', ')}`)
  const has = (c: string): boolean => columns.includes(c)
  if (!has('id') && !(has('street') && has('housenumber'))) {
    throw new ImportError(
      sourceName,
      'overlay CSV needs an osm_id column or street and housenumber columns',
      'csvColumns',
    )
  }
  const byId = new Map<string, OverlayRow>()
  const byAddress = new Map<string, OverlayRow>()
  for (const { fields, line } of rows) {
    const cell: Record<string, string> = {}
    columns.forEach((c, i) => {
      if (c !== undefined) cell[c] = (fields[i] ?? '').trim()
    })
    let key: string | null = null
    let label = ''
    const rawId = cell['id'] ?? ''
    if (rawId !== '') {
      key = normaliseOsmId(rawId) ?? (/^\d+$/.test(rawId) ? `way/${rawId}` : null)
      if (key === null) {
        warnings.push(`overlay line ${line}: osm_id "${rawId}" is not an OSM id; row ignored`)
        continue
      }
      label = key
    } else if (cell['street'] && cell['housenumber']) {
      key = addressKey(cell['street'], cell['housenumber'])
      label = `address ${cell['street']} ${cell['housenumber']}`
    } else {
      warnings.push(`overlay line ${line}: no osm_id and no street + housenumber; row ignored`)
      continue
    }
    const map = key.startsWith('addr:') ? byAddress : byId
    const previous = map.get(key)
    if (previous) {
      warnings.push(
        `overlay line ${line}: duplicate of line ${previous.line} (${label}); row ignored`,
      )
      continue
    }
    const values = overlayValuesOf(cell, `overlay line ${line}`, warnings)
    map.set(key, { line, key, label, values, matched: false })
  }
  return { byId, byAddress, warnings }
}

/**
 * The overlay values for one building: the address row's values, overridden by the id row's.
 * Marks the rows as matched. Undefined when no row matches.
 */
export function lookupOverlay(
  index: OverlayIndex,
  id: string,
  street: string | undefined,
  housenumber: string | undefined,
): OverlayValues | undefined {
  const byId = index.byId.get(id)
  const byAddr =
    street && housenumber ? index.byAddress.get(addressKey(street, housenumber)) : undefined
  if (!byId && !byAddr) return undefined
  if (byId) byId.matched = true
  if (byAddr) byAddr.matched = true
  return { ...byAddr?.values, ...byId?.values }
}

/** One warning per overlay row that matched no building. */
export function unmatchedOverlayRows(index: OverlayIndex): string[] {
  const out: string[] = []
  for (const row of [...index.byId.values(), ...index.byAddress.values()]) {
    if (!row.matched) out.push(`overlay line ${row.line}: ${row.label} matched no building`)
  }
  return out.sort((a, b) => lineOf(a) - lineOf(b))
}

const lineOf = (w: string): number => Number(/line (\d+)/.exec(w)?.[1] ?? 0)
