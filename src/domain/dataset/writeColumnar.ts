import {
  Bool,
  Dictionary,
  Field,
  FixedSizeList,
  Float64,
  Int32,
  List,
  RecordBatch,
  Schema,
  Struct,
  Table,
  Utf8,
  makeData,
  tableToIPC,
  vectorFromArray,
  type Data,
} from 'apache-arrow'

import type { BuildingFeature, ContextFeature, DistrictDataset } from '../buildings/types'

import {
  CONTEXT_KEY,
  DICTIONARY_COLUMNS,
  EXTRA_COLUMN,
  GEOARROW_METADATA,
  GEOARROW_MULTIPOLYGON,
  GEOMETRY_COLUMN,
  GEO_KEY,
  METADATA_KEY,
  MULTI_COLUMN,
  NUMBER_COLUMNS,
  TEXT_COLUMNS,
  TRACKED,
  provenanceColumn,
} from './columnarLayout'
import { packGeometry, type PackedGeometry } from './packedDataset'

/** Offsets as Arrow's signed 32-bit list offsets (the same bytes: counts stay below 2^31). */
const int32 = (a: Uint32Array) => new Int32Array(a.buffer, a.byteOffset, a.length)

/** The GeoArrow multipolygon column of packed footprints, sharing their buffers. */
function geometryData(g: PackedGeometry): { field: Field; data: Data } {
  const xy = new Field('xy', new Float64(), false)
  const vertexType = new FixedSizeList(2, xy)
  const vertices = new Field('vertices', vertexType, false)
  const rings = new Field('rings', new List(vertices), false)
  const polygons = new Field('polygons', new List(rings), false)
  const type = new List(polygons)
  const points = g.coords.length / 2
  const coords = makeData({ type: new Float64(), length: g.coords.length, data: g.coords })
  const vertexData = makeData({ type: vertexType, length: points, child: coords })
  const ringData = makeData({
    type: rings.type,
    length: g.ringStart.length - 1,
    valueOffsets: int32(g.ringStart),
    child: vertexData,
  })
  const polygonData = makeData({
    type: polygons.type,
    length: g.polygonRingStart.length - 1,
    valueOffsets: int32(g.polygonRingStart),
    child: ringData,
  })
  const data = makeData({
    type,
    length: g.buildingPolygonStart.length - 1,
    valueOffsets: int32(g.buildingPolygonStart),
    child: polygonData,
  })
  const metadata = new Map([
    ['ARROW:extension:name', GEOARROW_MULTIPOLYGON],
    ['ARROW:extension:metadata', GEOARROW_METADATA],
  ])
  return { field: new Field(GEOMETRY_COLUMN, type, false, metadata), data }
}

/**
 * The dataset as an Arrow IPC file (see `columnarLayout.ts`): buildings as rows with their
 * properties as columns and their footprints as GeoArrow; the dataset's metadata and its
 * context layers (streets, green, water: a small share of the bytes) as schema metadata.
 */
export function writeColumnar(dataset: DistrictDataset): Uint8Array {
  const buildings: BuildingFeature[] = []
  const context: ContextFeature[] = []
  for (const f of dataset.features) {
    if (f.properties.kind === 'building') buildings.push(f as BuildingFeature)
    else context.push(f as ContextFeature)
  }
  const props = buildings.map((b) => b.properties)
  const columns: { field: Field; data: Data }[] = []
  const add = (name: string, values: unknown[], type: Utf8 | Float64 | Dictionary | Bool) => {
    const nullable = values.some((v) => v === null || v === undefined)
    const vector = vectorFromArray(values, type)
    for (const data of vector.data) columns.push({ field: new Field(name, type, nullable), data })
  }
  const text = () => new Dictionary(new Utf8(), new Int32())
  for (const c of TEXT_COLUMNS)
    add(
      c,
      props.map((p) => p[c]),
      new Utf8(),
    )
  for (const c of DICTIONARY_COLUMNS)
    add(
      c,
      props.map((p) => p[c]),
      text(),
    )
  for (const c of NUMBER_COLUMNS)
    add(
      c,
      props.map((p) => p[c]),
      new Float64(),
    )
  for (const a of TRACKED)
    add(
      provenanceColumn(a),
      props.map((p) => p.provenance[a] ?? null),
      text(),
    )
  const fixed = new Set<string>([
    'kind',
    'provenance',
    ...TEXT_COLUMNS,
    ...DICTIONARY_COLUMNS,
    ...NUMBER_COLUMNS,
  ])
  add(
    EXTRA_COLUMN,
    props.map((p) => {
      const extra = Object.entries(p).filter(([k, v]) => !fixed.has(k) && v !== undefined)
      return extra.length > 0 ? JSON.stringify(Object.fromEntries(extra)) : null
    }),
    new Utf8(),
  )
  const packed = packGeometry(buildings)
  add(
    MULTI_COLUMN,
    Array.from(packed.multi, (m) => m === 1),
    new Bool(),
  )
  columns.push(geometryData(packed))

  const geo = {
    version: '1.1.0',
    primary_column: GEOMETRY_COLUMN,
    columns: {
      [GEOMETRY_COLUMN]: {
        encoding: 'multipolygon',
        geometry_types: ['MultiPolygon'],
        bbox: dataset.metadata.bbox,
      },
    },
  }
  const schema = new Schema(
    columns.map((c) => c.field),
    new Map([
      [METADATA_KEY, JSON.stringify(dataset.metadata)],
      [CONTEXT_KEY, JSON.stringify(context)],
      [GEO_KEY, JSON.stringify(geo)],
    ]),
  )
  const batch = new RecordBatch(
    schema,
    makeData({
      type: new Struct(schema.fields),
      length: buildings.length,
      children: columns.map((c) => c.data),
    }),
  )
  return tableToIPC(new Table([batch]), 'file')
}
