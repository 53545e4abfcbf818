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
  DICTIONARY_COLUMNS,
  EXTRA_COLUMN,
  GEOARROW_MULTIPOLYGON,
  GEOMETRY_COLUMN,
  isArrowFile,
  METADATA_KEY,
  MULTI_COLUMN,
  NUMBER_COLUMNS,
  TEXT_COLUMNS,
  TRACKED,
  provenanceColumn,
} from './columnarLayout'
import type { DatasetParts, PackedGeometry } from './packedDataset'
import { columnsFromRows } from './propertyColumns'
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

const isNull = (d: Data, row: number) => d.nullCount > 0 && !d.getValid(row)

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
  if (all.every((b) => b < 0x80)) {
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

/** A text column, plain or dictionary-encoded (each distinct value then one shared string). */
function textColumn(table: Table, name: string): Column<string | null> {
  const d = onlyChunk(table, name)
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
    return (row) => (isNull(d, row) ? null : (words[indices[row] ?? -1] ?? null))
  }
  if (d.typeId !== Type.Utf8) throw new Error(`column "${name}" is not text`)
  const values = utf8Strings(d.valueOffsets as Int32Array, d.values as Uint8Array, d.length)
  return (row) => (isNull(d, row) ? null : (values[row] ?? null))
}

/** A numeric column of any float or 32-bit-or-smaller integer type. */
function numberColumn(table: Table, name: string): Column<number | null> {
  const d = onlyChunk(table, name)
  if (d.typeId !== Type.Float && d.typeId !== Type.Int)
    throw new Error(`column "${name}" is not numeric`)
  const values = d.values as ArrayLike<number | bigint>
  if (typeof values[0] === 'bigint') throw new Error(`column "${name}" is 64-bit integers`)
  return (row) => (isNull(d, row) ? null : Number(values[row]))
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
    const text = Object.fromEntries(TEXT_COLUMNS.map((c) => [c, textColumn(table, c)]))
    const dict = Object.fromEntries(DICTIONARY_COLUMNS.map((c) => [c, textColumn(table, c)]))
    const num = Object.fromEntries(NUMBER_COLUMNS.map((c) => [c, numberColumn(table, c)]))
    const provenance = TRACKED.map((a) => [a, textColumn(table, provenanceColumn(a))] as const)
    const extra = table.schema.fields.some((f) => f.name === EXTRA_COLUMN)
      ? textColumn(table, EXTRA_COLUMN)
      : () => null
    const geometry = geometryOf(table, boolColumn(table, MULTI_COLUMN))
    const at = <T>(columns: Record<string, Column<T>>, name: string, row: number): T =>
      (columns[name] as Column<T>)(row)
    const properties: BuildingProperties[] = new Array<BuildingProperties>(table.numRows)
    // Blocks share a few provenance patterns: one frozen object per pattern, not per block
    // (a correction copies it before changing it).
    const patterns = new Map<string, Readonly<Partial<Record<TrackedAttribute, string>>>>()
    for (let row = 0; row < table.numRows; row++) {
      const values = provenance.map(([, column]) => column(row))
      const key = values.join('|')
      let prov = patterns.get(key)
      if (!prov) {
        const fresh: Partial<Record<TrackedAttribute, string>> = {}
        values.forEach((p, k) => {
          const a = provenance[k]?.[0]
          if (p !== null && a) fresh[a] = p
        })
        prov = Object.freeze(fresh)
        patterns.set(key, prov)
      }
      // Key order as the importer writes it, so exports of either path read the same.
      properties[row] = {
        kind: 'building',
        id: at(text, 'id', row) ?? '',
        type: at(dict, 'type', row) ?? '',
        name: at(text, 'name', row),
        address: at(text, 'address', row),
        footprint_area_m2: at(num, 'footprint_area_m2', row) ?? 0,
        height_m: at(num, 'height_m', row) ?? 0,
        levels: at(num, 'levels', row) ?? 0,
        year: at(num, 'year', row),
        use: at(dict, 'use', row),
        flats: at(num, 'flats', row),
        heated_area_m2: at(num, 'heated_area_m2', row) ?? 0,
        heating: at(dict, 'heating', row),
        rehabilitated: at(num, 'rehabilitated', row),
        epc_class: at(text, 'epc_class', row),
        provenance: prov,
        ...(JSON.parse(extra(row) ?? '{}') as object),
      } as BuildingProperties
    }
    return { metadata, properties: columnsFromRows(properties), geometry, context }
  } catch (e) {
    const why = e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e)
    throw new DatasetError(
      `${source} is not a Mănăștur Twin columnar dataset (${why})`,
      'loadError.notDataset',
      { name: source },
    )
  }
}
