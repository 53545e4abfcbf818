import { describe, expect, it } from 'vitest'

import { transferablesOf } from './transferables'

describe('transferablesOf', () => {
  it('lists every typed array buffer once, through objects and arrays', () => {
    const shared = new Float32Array(8)
    const value = {
      positions: shared,
      view: shared.subarray(2, 4),
      nested: { indices: new Uint32Array(3), tiles: [{ a: new Int8Array(2) }] },
      count: 3,
      ids: ['way/1', 'way/2'],
      nothing: null,
    }
    const list = transferablesOf(value)
    expect(list).toHaveLength(3)
    expect(new Set(list).size).toBe(3)
    expect(list).toContain(shared.buffer)
  })

  it('gives a list postMessage accepts: the buffers move rather than copy', () => {
    const value = { positions: new Float32Array([1, 2, 3]), more: [new Uint32Array([4])] }
    const moved = structuredClone(value, { transfer: transferablesOf(value) })
    expect(value.positions.byteLength).toBe(0) // detached: transferred, not copied
    expect(Array.from(moved.positions)).toEqual([1, 2, 3])
  })

  it('skips shared memory, which cannot be transferred', () => {
    expect(transferablesOf({ a: new Float32Array(new SharedArrayBuffer(16)) })).toEqual([])
  })
})
