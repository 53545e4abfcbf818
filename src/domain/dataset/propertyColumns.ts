import type { BuildingProperties } from '../buildings/types'

/**
 * The buildings' properties as columns, one per key. One object per building costs ~300 bytes
 * of JS heap on each thread that holds it (its fields, boxed numbers, its own copy of every
 * string after a structured clone); as columns, numbers live in Float64Arrays outside the heap
 * and every other value is a code into the column's distinct values ("apartments" once, each
 * provenance pattern once). A building's object is made again on demand (`propertiesAt`), with
 * its own keys in its own order, so nothing a dataset carries is lost or reordered.
 */
export interface PropertyColumns {
  count: number
  /** Every key any building has. */
  keys: string[]
  /** One column per key, in `keys` order. */
  columns: PropertyColumn[]
  /** The distinct key lists (indices into `keys`, in the building's order) … */
  shapes: number[][]
  /** … and which one each building has. */
  shapeOf: Uint32Array
}

/**
 * Numbers (and nulls, as NaN: JSON has no NaN), or any other values as codes into `distinct`
 * (strings, booleans, objects: objects equal as JSON are one shared object, so copy one before
 * changing it).
 */
export type PropertyColumn =
  | { kind: 'number'; values: Float64Array }
  | { kind: 'value'; codes: Uint32Array; distinct: unknown[] }

const isNumberOrNull = (v: unknown) => v === null || typeof v === 'number'

/** The index of `key` in `list`, adding `value` for it the first time the key is seen. */
export function indexIn<K, V>(index: Map<K, number>, list: V[], key: K, value: V): number {
  let i = index.get(key)
  if (i === undefined) {
    i = list.length
    index.set(key, i)
    list.push(value)
  }
  return i
}

/** Columns of these properties, in this order. */
export function columnsFromRows(rows: readonly BuildingProperties[]): PropertyColumns {
  const count = rows.length
  const keyIndex = new Map<string, number>()
  const keys: string[] = []
  const numeric: boolean[] = []
  const shapeIndex = new Map<string, number>()
  const shapes: number[][] = []
  const shapeOf = new Uint32Array(count)
  for (let r = 0; r < count; r++) {
    const row = rows[r] as unknown as Record<string, unknown>
    const shape: number[] = []
    for (const key in row) {
      const k = indexIn(keyIndex, keys, key, key)
      if (k === numeric.length) numeric.push(true)
      if (numeric[k] && !isNumberOrNull(row[key])) numeric[k] = false
      shape.push(k)
    }
    shapeOf[r] = indexIn(shapeIndex, shapes, shape.join(','), shape)
  }
  const columns = keys.map((key, k): PropertyColumn => {
    if (numeric[k]) {
      const values = new Float64Array(count).fill(Number.NaN)
      for (let r = 0; r < count; r++) {
        const v = (rows[r] as unknown as Record<string, unknown>)[key]
        if (typeof v === 'number') values[r] = v
      }
      return { kind: 'number', values }
    }
    const codes = new Uint32Array(count)
    const distinct: unknown[] = []
    const codeOf = new Map<unknown, number>()
    for (let r = 0; r < count; r++) {
      const v = (rows[r] as unknown as Record<string, unknown>)[key]
      // Objects are shared by their JSON text; anything else by its value.
      const id = typeof v === 'object' && v !== null ? `\u0000${JSON.stringify(v)}` : v
      codes[r] = indexIn(codeOf, distinct, id, v)
    }
    return { kind: 'value', codes, distinct }
  })
  return { count, keys, columns, shapes, shapeOf }
}

function valueAt(column: PropertyColumn, row: number): unknown {
  if (column.kind === 'number') {
    const v = column.values[row] ?? Number.NaN
    return Number.isNaN(v) ? null : v
  }
  return column.distinct[column.codes[row] ?? -1] ?? null
}

/** Building `row`'s properties, a new object (its keys in the order the dataset had them). */
export function propertiesAt(c: PropertyColumns, row: number): BuildingProperties {
  const out: Record<string, unknown> = {}
  for (const k of c.shapes[c.shapeOf[row] ?? 0] ?? []) {
    const column = c.columns[k]
    const key = c.keys[k]
    if (column && key !== undefined) out[key] = valueAt(column, row)
  }
  return out as unknown as BuildingProperties
}

/** One property of every building, in order: undefined where a building has no such key. */
export function valuesOf(c: PropertyColumns, key: string): unknown[] {
  const k = c.keys.indexOf(key)
  const column = c.columns[k]
  const out = new Array<unknown>(c.count)
  // Which shapes have the key, found once per shape rather than once per building.
  const has = c.shapes.map((shape) => shape.includes(k))
  for (let r = 0; r < c.count; r++) {
    out[r] = column && has[c.shapeOf[r] ?? 0] ? valueAt(column, r) : undefined
  }
  return out
}

/** Every building's id, in order. */
export const idsOf = (c: PropertyColumns): string[] =>
  valuesOf(c, 'id').map((id) => (typeof id === 'string' ? id : ''))

/** Every building's properties as objects (for a pass that needs them all at once). */
export function rowsOf(c: PropertyColumns): BuildingProperties[] {
  const out = new Array<BuildingProperties>(c.count)
  for (let r = 0; r < c.count; r++) out[r] = propertiesAt(c, r)
  return out
}
