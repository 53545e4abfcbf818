/**
 * OSM tag parsing: one small pure function per concern. Each returns `null` for a missing or
 * garbage value (the caller then falls back on another source and records the provenance).
 */

/** OSM tags of one element. */
export type Tags = Readonly<Record<string, string | undefined>>

/** Highest plausible storey count (the tallest buildings have ~160). */
const MAX_LEVELS = 200
/** Highest plausible building height, metres. */
const MAX_HEIGHT_M = 1000
const FEET_TO_M = 0.3048
const INCH_TO_M = 0.0254

/** Split an OSM multi-value (`4;5`) and keep the non-empty parts. */
function splitValues(raw: string): string[] {
  return raw
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '')
}

/** The largest non-null result of `parse` over the `;`-separated values of `raw`. */
function maxOf(raw: string | undefined, parse: (s: string) => number | null): number | null {
  if (raw === undefined) return null
  let best: number | null = null
  for (const part of splitValues(raw)) {
    const v = parse(part)
    if (v !== null && (best === null || v > best)) best = v
  }
  return best
}

/** A plain decimal (`4`, `4.5`, `4,5`), no sign, no exponent; null otherwise. */
function parseDecimal(s: string): number | null {
  if (!/^\d+(?:[.,]\d+)?$/.test(s)) return null
  return Number(s.replace(',', '.'))
}

/**
 * Above-ground storeys from `building:levels`. Accepts plain numbers (half levels round up to
 * a whole storey: `4.5` → 5), the Romanian notation `P+4` (ground floor + 4 = 5; `S+P+4` and
 * `P+4+M` count the same, basement and attic excluded), and `4;5` (the largest). Returns null
 * for empty, negative, zero, non-numeric or implausible (> 200) values.
 */
export function parseLevels(raw: string | undefined): number | null {
  return maxOf(raw, (s) => {
    const ro = /^(?:S\s*\+\s*)?P(?:\s*\+\s*(\d{1,3}))?(?:\s*\+\s*M)?$/i.exec(s)
    const n = ro ? 1 + Number(ro[1] ?? 0) : parseDecimal(s)
    if (n === null || !Number.isFinite(n)) return null
    const levels = Math.round(n)
    return levels >= 1 && levels <= MAX_LEVELS ? levels : null
  })
}

/**
 * Roof storeys from `roof:levels` (0 is valid: a flat roof). Null when absent or garbage.
 */
export function parseRoofLevels(raw: string | undefined): number | null {
  return maxOf(raw, (s) => {
    const n = parseDecimal(s)
    return n !== null && n <= 10 ? n : null
  })
}

/**
 * A height or length in metres from an OSM value: `15`, `15.5`, `15,5`, `15 m`, `15m`,
 * `50 ft`, `50'`, `12'6"`; `4;5` gives the largest. Null for empty, non-positive, non-numeric,
 * exponent (`1e9`) or implausible (> 1000 m) values.
 */
export function parseHeightM(raw: string | undefined): number | null {
  return maxOf(raw, (s) => {
    let m: number | null = null
    const metres = /^(\d+(?:[.,]\d+)?)\s*(?:m|metres|meters)?$/i.exec(s)
    const feet = /^(\d+(?:\.\d+)?)\s*(?:ft|feet|')\s*(?:(\d+(?:\.\d+)?)\s*(?:"|in))?$/i.exec(s)
    if (metres?.[1] !== undefined) m = parseDecimal(metres[1])
    else if (feet?.[1] !== undefined) {
      m = Number(feet[1]) * FEET_TO_M + Number(feet[2] ?? 0) * INCH_TO_M
    }
    if (m === null || !Number.isFinite(m) || m <= 0 || m > MAX_HEIGHT_M) return null
    return m
  })
}

/** Earliest and latest construction year we accept as real. */
const MIN_YEAR = 1000
const MAX_YEAR = 2100

/**
 * Construction year from `start_date` / `building:start_date`: `1975`, `1975-06`, `1975-06-12`,
 * `~1975`, `1970s` (→ 1975, the decade's midpoint), `1972..1978` (→ 1975). Null for anything else
 * (`C20`, `before 1980`, `abc`, `1e9`) or outside 1000–2100.
 */
export function parseYear(raw: string | undefined): number | null {
  if (raw === undefined) return null
  const s = raw.trim().replace(/^~\s*/, '')
  let y: number | null = null
  const exact = /^(\d{4})(?:-\d{2}(?:-\d{2})?)?$/.exec(s)
  const decade = /^(\d{3})0s$/.exec(s)
  const range = /^(\d{4})\s*\.\.\s*(\d{4})$/.exec(s)
  if (exact?.[1] !== undefined) y = Number(exact[1])
  else if (decade?.[1] !== undefined) y = Number(decade[1]) * 10 + 5
  else if (range?.[1] !== undefined && range[2] !== undefined) {
    const a = Number(range[1])
    const b = Number(range[2])
    y = b >= a ? Math.round((a + b) / 2) : null
  }
  return y !== null && y >= MIN_YEAR && y <= MAX_YEAR ? y : null
}

/** Number of dwellings from `building:flats`: a whole number 0–5000, else null. */
export function parseFlats(raw: string | undefined): number | null {
  if (raw === undefined) return null
  const s = raw.trim()
  if (!/^\d{1,4}$/.test(s)) return null
  const n = Number(s)
  return n <= 5000 ? n : null
}

/** The construction year tagged on an element (`start_date`, then `building:start_date`). */
export function getYearFromTags(tags: Tags): number | null {
  return parseYear(tags['start_date']) ?? parseYear(tags['building:start_date'])
}

/** A building's postal address from `addr:*` tags (on the building or an address node in it). */
export interface Address {
  /** `addr:street` (or `addr:place` where a village has no street names). */
  street: string
  /** `addr:housenumber`, or `conscription/housenumber` where both are tagged. */
  housenumber: string
}

/**
 * The address in `addr:street` (else `addr:place`) + `addr:housenumber` and/or
 * `addr:conscriptionnumber` (Czech/Slovak style: both give `123/4`), or null without a street
 * and a number.
 */
export function getAddressPartsFromTags(tags: Tags): Address | null {
  const street = (tags['addr:street'] ?? tags['addr:place'])?.trim()
  const house = tags['addr:housenumber']?.trim()
  const conscription = tags['addr:conscriptionnumber']?.trim()
  const housenumber =
    house && conscription && house !== conscription
      ? `${conscription}/${house}`
      : house || conscription
  if (!street || !housenumber) return null
  return { street, housenumber }
}

/** `street housenumber` from `addr:*` tags, or null without a house number and street. */
export function getAddressFromTags(tags: Tags): string | null {
  const a = getAddressPartsFromTags(tags)
  return a === null ? null : `${a.street} ${a.housenumber}`
}

/**
 * The `building=*` value used as the building type, or null when the element is not a building
 * (no tag, `building=no`). Lower-cased and trimmed.
 */
export function getBuildingType(tags: Tags): string | null {
  const raw = tags['building']?.trim().toLowerCase()
  if (!raw || raw === 'no') return null
  return raw
}
