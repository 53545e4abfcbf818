import type { TFunction } from 'i18next'

/**
 * OSM `building=` values the UI names in plain words; any other value (including `yes`, "a
 * building, type not tagged") is shown as the generic "building". Never the raw tag.
 */
export const BUILDING_TYPE_KEYS = [
  'apartments',
  'residential',
  'dormitory',
  'house',
  'detached',
  'semidetached_house',
  'terrace',
  'commercial',
  'retail',
  'office',
  'supermarket',
  'kiosk',
  'hotel',
  'school',
  'kindergarten',
  'university',
  'college',
  'church',
  'chapel',
  'hospital',
  'public',
  'civic',
  'sports_hall',
  'industrial',
  'warehouse',
  'garage',
  'garages',
  'shed',
  'service',
  'roof',
  'construction',
] as const

const KNOWN_TYPES: ReadonlySet<string> = new Set(BUILDING_TYPE_KEYS)

/** A building type in the reader's language. */
export function buildingTypeLabel(type: string, t: TFunction): string {
  return KNOWN_TYPES.has(type) ? t(`buildingType.${type}`) : t('buildingType.other')
}

/**
 * The i18n keys that name a parameter path in plain words: its quantity (the last segment,
 * e.g. `thermal_bridge_W_m2K`: label, unit, one-line explanation) and, for archetypes, systems
 * and measures, what it belongs to (`RO_MFH_pre1960` → "blocks built before 1960").
 */
export function parameterLabelKeys(path: string): { quantity: string; subject: string | null } {
  const parts = path.split('.')
  const quantity = `param.q.${parts[parts.length - 1] ?? path}`
  const [group, subject] = parts
  if (parts.length < 3 || !subject) return { quantity, subject: null }
  if (group === 'measures') return { quantity, subject: `measures.${subject}` }
  return { quantity, subject: `param.s.${subject}` }
}

/** A parameter's human label, unit and explanation (the raw path and source stay for experts). */
export function parameterLabel(
  path: string,
  t: TFunction,
): { label: string; unit: string; help: string } {
  const keys = parameterLabelKeys(path)
  const name = t(`${keys.quantity}.label`)
  return {
    label: keys.subject ? `${name} · ${t(keys.subject)}` : name,
    unit: t(`${keys.quantity}.unit`),
    help: t(`${keys.quantity}.help`),
  }
}
