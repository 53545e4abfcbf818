import { tableFromIPC, Type, type Data, type FixedSizeList, type Table } from 'apache-arrow'

import type {
  BuildingProperties,
  ContextFeature,
  DatasetMetadata,
  TrackedAttribute,
} from '../buildings/types'

import {
  ARROW_MAGIC,
  CONTEXT_KEY,
  EXTRA_COLUMN,
  GEOARROW_MULTIPOLYGON,
  GEOMETRY_COLUMN,
  isArrowFile,
  METADATA_KEY,
  MULTI_COLUMN,
  TRACKED,
  provenanceColumn,
} from './columnarLayout'
import type { DatasetParts, PackedGeometry } from './packedDataset'
import {
  columnsFromRows,
  indexIn,
  type PropertyColumn,
  type PropertyColumns,
} from './propertyColumns'
import { DatasetError } from './readDataset'

/** A column read into plain values, row by row. */
type Column<T> = (row: number) => T

/** One chunk of a column; the reader takes files of one record batch (what the writer makes). */
function onlyChunk(table: Table, name: string): Data {
  const chunks = table.getChild(name)?.data
  if (!chunks) throw new Error(`no column "${name}"`)
  if (chunks.length !== 1) throw new Error(`column "${name}" is in ${chunks.length} batches, not 1`)
  return chunks[0] as Data
}

/** The validity bitmap of a column that has nulls, else null (every row holds a value). */
const validityOf = (d: Data): Uint8Array | null => (d.nullCount > 0 ? d.nullBitmap : null)

const isValid = (bits: Uint8Array | null, i: number) =>
  bits === null || (((bits[i >> 3] ?? 0) >> (i & 7)) & 1) === 1

/**
 * Strings of a UTF-8 buffer by their offsets. Pure ASCII (ids, most names) is decoded once
 * and sliced: one TextDecoder call per value would cost more than the rest of the read.
 */
function utf8Strings(offsets: Int32Array, bytes: Uint8Array, count: number): string[] {
  const start = offsets[0] ?? 0
  const end = offsets[count] ?? start
  const all = bytes.subarray(start, end)
  const decoder = new TextDecoder()
  const out: string[] = new Array<string>(count)
  let ascii = true
  for (let i = 0; i < all.length && ascii; i++) ascii = (all[i] ?? 0) < 0x80
  if (ascii) {
    const text = decoder.decode(all)
    for (let i = 0; i < count; i++) {
      out[i] = text.slice((offsets[i] ?? 0) - start, (offsets[i + 1] ?? 0) - start)
    }
  } else {
    for (let i = 0; i < count; i++) {
      out[i] = decoder.decode(bytes.subarray(offsets[i], offsets[i + 1]))
    }
  }
  return out
}

/** A text column as each row's index into `words` (-1 for a null). */
interface TextCodes {
  codes: Int32Array
  words: string[]
}

/** A text column, plain or dictionary-encoded (each distinct value then one shared string). */
function textCodes(table: Table, name: string): TextCodes {
  const d = onlyChunk(table, name)
  const bits = validityOf(d)
  const codes = new Int32Array(d.length)
  if (d.typeId === Type.Dictionary && d.dictionary) {
    const dict = d.dictionary.data[0]
    if (dict?.typeId !== Type.Utf8 || d.dictionary.data.length !== 1) {
      throw new Error(`column "${name}" is not text`)
    }
    const words = utf8Strings(
      dict.valueOffsets as Int32Array,
      dict.values as Uint8Array,
      dict.length,
    )
    const indices = d.values as ArrayLike<number>
    for (let row = 0; row < d.length; row++) {
      const w = isValid(bits, d.offset + row) ? (indices[row] ?? -1) : -1
      codes[row] = w < words.length ? w : -1
    }
    return { codes, words }
  }
  if (d.typeId !== Type.Utf8) throw new Error(`column "${name}" is not text`)
  if (d.nullCount === d.length) return { codes: codes.fill(-1), words: [] }
  const words = utf8Strings(d.valueOffsets as Int32Array, d.values as Uint8Array, d.length)
  for (let row = 0; row < d.length; row++) codes[row] = isValid(bits, d.offset + row) ? row : -1
  return { codes, words }
}

/** A number column of NaN: what `columnsFromRows` makes of a key that is null everywhere. */
const allNull = (count: number): PropertyColumn => ({
  kind: 'number',
  values: new Float64Array(count).fill(Number.NaN),
})

/**
 * A text property as `columnsFromRows` codes it: codes into its distinct values in order of
 * first appearance, a null read as `nullAs`.
 */
function textProperty(t: TextCodes, nullAs: string | null): PropertyColumn {
  const count = t.codes.length
  const codes = new Uint32Array(count)
  const distinct: unknown[] = []
  const index = new Map<unknown, number>()
  const codeOf = (v: unknown) => indexIn(index, distinct, v, v)
  // Each word is looked up once; equal words (a dictionary may repeat one) share a code.
  const seen = new Int32Array(t.words.length).fill(-1)
  let nullCode = -1
  for (let row = 0; row < count; row++) {
    const w = t.codes[row] ?? -1
    if (w < 0) {
      if (nullCode < 0) nullCode = codeOf(nullAs)
      codes[row] = nullCode
    } else {
      let code = seen[w] ?? -1
      if (code < 0) {
        code = codeOf(t.words[w])
        seen[w] = code
      }
      codes[row] = code
    }
  }
  if (distinct.length === 1 && distinct[0] === null) return allNull(count)
  return { kind: 'value', codes, distinct }
}

/** A numeric column of any float or 32-bit-or-smaller integer type, a null read as `nullAs`. */
function numberProperty(table: Table, name: string, nullAs: number): PropertyColumn {
  const d = onlyChunk(table, name)
  if (d.typeId !== Type.Float && d.typeId !== Type.Int)
    throw new Error(`column "${name}" is not numeric`)
  const source = d.values as ArrayLike<number | bigint>
  if (typeof source[0] === 'bigint') throw new Error(`column "${name}" is 64-bit integers`)
  const bits = validityOf(d)
  const values = new Float64Array(d.length)
  for (let row = 0; row < d.length; row++) {
    values[row] = isValid(bits, d.offset + row) ? Number(source[row]) : nullAs
  }
  return { kind: 'number', values }
}

/** A boolean column (bit-packed). */
function boolColumn(table: Table, name: string): Column<boolean> {
  const d = onlyChunk(table, name)
  if (d.typeId !== Type.Bool) throw new Error(`column "${name}" is not boolean`)
  const bits = d.values as Uint8Array
  return (row) => {
    const i = d.offset + row
    return (((bits[i >> 3] ?? 0) >> (i & 7)) & 1) === 1
  }
}

/** An offsets buffer as the packed layout's Uint32Array (a view of the same bytes). */
function offsetsOf(d: Data, name: string): Uint32Array {
  if (d.typeId !== Type.List) throw new Error(`"${name}" is not a GeoArrow multipolygon`)
  const o = d.valueOffsets as Int32Array
  if (o[0] !== 0 || d.offset !== 0) throw new Error(`"${name}" offsets do not start at 0`)
  return new Uint32Array(o.buffer, o.byteOffset, d.length + 1)
}

/**
 * The footprints of the GeoArrow multipolygon column as a `PackedGeometry`. Interleaved
 * coordinates are used where they lie (no copy); separated ones (`struct<x, y>`, which other
 * tools may write) are interleaved once.
 */
function geometryOf(table: Table, multi: Column<boolean>): PackedGeometry {
  const field = table.schema.fields.find((f) => f.name === GEOMETRY_COLUMN)
  const extension = field?.metadata.get('ARROW:extension:name')
  if (extension !== GEOARROW_MULTIPOLYGON) {
    throw new Error(`column "${GEOMETRY_COLUMN}" is not ${GEOARROW_MULTIPOLYGON}`)
  }
  const buildings = onlyChunk(table, GEOMETRY_COLUMN)
  const polygons = buildings.children[0]
  const rings = polygons?.children[0]
  const vertices = rings?.children[0]
  if (!polygons || !rings || !vertices) throw new Error('geometry is not nested lists')
  const buildingPolygonStart = offsetsOf(buildings, 'geometry')
  const polygonRingStart = offsetsOf(polygons, 'polygons')
  const ringStart = offsetsOf(rings, 'rings')
  const points = ringStart[ringStart.length - 1] ?? 0
  let coords: Float64Array
  const xy = vertices.children
  if (vertices.typeId === Type.FixedSizeList && xy[0]?.typeId === Type.Float) {
    const values = xy[0].values as Float64Array
    if (!(values instanceof Float64Array) || (vertices.type as FixedSizeList).listSize !== 2) {
      throw new Error('coordinates are not 2D doubles')
    }
    coords = values.subarray(0, points * 2)
  } else if (vertices.typeId === Type.Struct && xy[0]?.values instanceof Float64Array) {
    const x = xy[0].values
    const y = xy[1]?.values
    if (!(y instanceof Float64Array)) throw new Error('coordinates are not 2D doubles')
    coords = new Float64Array(points * 2)
    for (let i = 0; i < points; i++) {
      coords[i * 2] = x[i] ?? Number.NaN
      coords[i * 2 + 1] = y[i] ?? Number.NaN
    }
  } else throw new Error('coordinates are not 2D doubles')
  if (coords.length !== points * 2) throw new Error('geometry is cut short')
  const count = buildings.length
  const flags = new Uint8Array(count)
  for (let i = 0; i < count; i++) flags[i] = multi(i) ? 1 : 0
  return { coords, ringStart, polygonRingStart, buildingPolygonStart, multi: flags }
}

/** The provenance of every block from its nine columns: one frozen object per pattern. */
function provenanceProperty(columns: TextCodes[], count: number): PropertyColumn {
  // A pattern's key is a number made of its columns' word indices while that fits a double.
  let span = 1
  for (const c of columns) span *= c.words.length + 1
  const keyOf =
    span <= Number.MAX_SAFE_INTEGER
      ? (row: number) => {
          let key = 0
          for (const c of columns) key = key * (c.words.length + 1) + (c.codes[row] ?? -1) + 1
          return key
        }
      : (row: number) => columns.map((c) => c.codes[row]).join(',')
  const codes = new Uint32Array(count)
  const distinct: unknown[] = []
  const byKey = new Map<number | string, number>()
  // Patterns equal as JSON are one object (a dictionary may repeat a word).
  const byJson = new Map<string, number>()
  for (let row = 0; row < count; row++) {
    const key = keyOf(row)
    let code = byKey.get(key)
    if (code === undefined) {
      const fresh: Partial<Record<TrackedAttribute, string>> = {}
      columns.forEach((c, k) => {
        const w = c.codes[row] ?? -1
        const a = TRACKED[k]
        if (w >= 0 && a) fresh[a] = c.words[w] ?? ''
      })
      code = indexIn(byJson, distinct, JSON.stringify(fresh), Object.freeze(fresh))
      byKey.set(key, code)
    }
    codes[row] = code
  }
  return { kind: 'value', codes, distinct }
}

/**
 * The properties without a column of their own (`extra_json`): each distinct text is parsed
 * once and coded by `columnsFromRows` over the distinct objects, in order of first appearance,
 * then spread over the rows: the same columns and codes as over every row's object.
 */
function extraProperties(extra: TextCodes | null, count: number): PropertyColumns {
  const texts: BuildingProperties[] = []
  const textOf = new Uint32Array(count)
  const seen = new Map<string | null, number>()
  for (let row = 0; row < count; row++) {
    const w = extra?.codes[row] ?? -1
    const json = w < 0 ? null : (extra?.words[w] ?? null)
    let t = seen.get(json)
    if (t === undefined) {
      t = texts.length
      seen.set(json, t)
      texts.push(JSON.parse(json ?? '{}') as BuildingProperties)
    }
    textOf[row] = t
  }
  const distinct = columnsFromRows(texts)
  const spread = <A extends Float64Array | Uint32Array>(values: A, out: A): A => {
    for (let row = 0; row < count; row++) out[row] = values[textOf[row] ?? 0] ?? 0
    return out
  }
  return {
    count,
    keys: distinct.keys,
    columns: distinct.columns.map((c): PropertyColumn =>
      c.kind === 'number'
        ? { kind: 'number', values: spread(c.values, new Float64Array(count)) }
        : { kind: 'value', codes: spread(c.codes, new Uint32Array(count)), distinct: c.distinct },
    ),
    shapes: distinct.shapes,
    shapeOf: spread(distinct.shapeOf, new Uint32Array(count)),
  }
}

/**
 * The buildings' properties straight from the file's columns into `PropertyColumns`, the
 * columns `columnsFromRows` makes of the importer's objects (same keys, key order, values and
 * codes), without making an object per building first.
 */
function propertyColumns(table: Table): PropertyColumns {
  const count = table.numRows
  if (count === 0) return columnsFromRows([])
  const text = (name: string, nullAs: string | null = null) =>
    textProperty(textCodes(table, name), nullAs)
  const num = (name: string, nullAs = Number.NaN) => numberProperty(table, name, nullAs)
  const provenance = provenanceProperty(
    TRACKED.map((a) => textCodes(table, provenanceColumn(a))),
    count,
  )
  // Key order as the importer writes it, so exports of either path read the same.
  const base: [string, PropertyColumn][] = [
    ['kind', { kind: 'value', codes: new Uint32Array(count), distinct: ['building'] }],
    ['id', text('id', '')],
    ['type', text('type', '')],
    ['name', text('name')],
    ['address', text('address')],
    ['footprint_area_m2', num('footprint_area_m2', 0)],
    ['height_m', num('height_m', 0)],
    ['levels', num('levels', 0)],
    ['year', num('year')],
    ['use', text('use')],
    ['flats', num('flats')],
    ['heated_area_m2', num('heated_area_m2', 0)],
    ['heating', text('heating')],
    ['rehabilitated', num('rehabilitated')],
    ['epc_class', text('epc_class')],
    ['provenance', provenance],
  ]
  const keys = base.map(([k]) => k)
  const hasExtra = table.schema.fields.some((f) => f.name === EXTRA_COLUMN)
  const more = extraProperties(hasExtra ? textCodes(table, EXTRA_COLUMN) : null, count)
  const repeated = more.keys.find((k) => keys.includes(k))
  if (repeated !== undefined) throw new Error(`"${EXTRA_COLUMN}" repeats the column "${repeated}"`)
  const own = keys.map((_, k) => k)
  return {
    count,
    keys: [...keys, ...more.keys],
    columns: [...base.map(([, column]) => column), ...more.columns],
    shapes: more.shapes.map((shape) => [...own, ...shape.map((k) => k + own.length)]),
    shapeOf: more.shapeOf,
  }
}

/** Parse a JSON schema-metadata value. */
function metadataJson(table: Table, key: string): unknown {
  const text = table.schema.metadata.get(key)
  if (text === undefined) throw new Error(`no "${key}" metadata`)
  return JSON.parse(text) as unknown
}

/**
 * Read a columnar dataset (`district.arrow`, see `columnarLayout.ts`) into the parts the
 * GeoJSON path makes (`datasetParts`), the footprints straight from the file's bytes.
 * Throws `DatasetError` with one line naming `source` for a truncated or foreign file.
 */
export function readColumnar(bytes: Uint8Array, source: string): DatasetParts {
  if (!isArrowFile(bytes))
    throw new DatasetError(`${source} is not an Arrow file`, 'loadError.notDataset', {
      name: source,
    })
  const tail = new TextDecoder().decode(bytes.subarray(bytes.length - ARROW_MAGIC.length))
  if (bytes.length < 2 * ARROW_MAGIC.length + 8 || tail !== ARROW_MAGIC) {
    throw new DatasetError(
      `${source} is cut short (an incomplete download?)`,
      'loadError.cutShort',
      { name: source },
    )
  }
  try {
    const table = tableFromIPC(bytes)
    const metadata = metadataJson(table, METADATA_KEY) as DatasetMetadata
    const context = metadataJson(table, CONTEXT_KEY) as ContextFeature[]
    if (typeof metadata !== 'object' || !Array.isArray(context) || !Array.isArray(metadata.bbox)) {
      throw new Error('its metadata is not a dataset')
    }
    const geometry = geometryOf(table, boolColumn(table, MULTI_COLUMN))
    return { metadata, properties: propertyColumns(table), geometry, context }
  } catch (e) {
    const why = e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e)
    throw new DatasetError(
      `${source} is not a Mănăștur Twin columnar dataset (${why})`,
      'loadError.notDataset',
      { name: source },
    )
  }
}
