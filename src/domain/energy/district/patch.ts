/**
 * Re-prepare a few rows of a prepared district (a block correction): the other buildings'
 * columns are copied, not recomputed, so one keystroke costs one building plus a memcpy.
 */
import type { BuildingInput } from '../input'
import type { EnergyParameters } from '../parameters'

import { prepareDistrict } from './prepare'
import type { PreparedDistrict } from './prepare'

/** `prepared` with row `index` of each entry of `rows` prepared again from its input. */
export function withRows(
  prepared: PreparedDistrict,
  rows: ReadonlyMap<number, BuildingInput>,
  params: EnergyParameters,
): PreparedDistrict {
  if (rows.size === 0 || prepared.count === 0) return prepared
  const at = [...rows.keys()]
  const fresh = prepareDistrict([...rows.values()], params)
  const out: Record<string, unknown> = { ...prepared }
  for (const [key, column] of Object.entries(prepared)) {
    if (!ArrayBuffer.isView(column) || column instanceof DataView) continue
    const col = column as unknown as Float64Array
    const src = (fresh as unknown as Record<string, Float64Array>)[key]
    if (!src) continue
    const stride = col.length / prepared.count
    const copy = col.slice()
    at.forEach((i, r) => {
      if (key === 'typeCode') {
        // Type codes index each district's own `typeNames`: translate.
        const code = prepared.typeNames.indexOf(fresh.typeNames[src[r] ?? 0] ?? '')
        copy[i] = code < 0 ? (col[i] ?? 0) : code
      } else copy.set(src.subarray(r * stride, (r + 1) * stride), i * stride)
    })
    out[key] = copy
  }
  return out as unknown as PreparedDistrict
}
