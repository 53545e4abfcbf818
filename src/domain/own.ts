/**
 * `record[key]` only when `key` is the record's own property. Keys that come from OSM tags
 * or user text (`building=constructor`, `"__proto__"`) would otherwise reach
 * `Object.prototype` and return a function instead of "not found".
 */
export function ownValue<V>(
  record: Readonly<Partial<Record<string, V>>>,
  key: string,
): V | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined
}

/** Is `v` a JSON object (not null, not an array)? */
export const isJsonObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
