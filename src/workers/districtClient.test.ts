import { afterEach, describe, expect, it } from 'vitest'

import { createDistrictClient } from './districtClient'
import type { DistrictResponse } from './districtProtocol'

/** A stand-in for the worker index.html starts: records what the page posts. */
class FakeWorker {
  posted: { id: number; type: string }[] = []
  onmessage: ((e: MessageEvent<DistrictResponse>) => void) | null = null
  onerror: ((e: ErrorEvent) => void) | null = null
  postMessage(message: { id: number; type: string }) {
    this.posted.push(message)
  }
  reply(response: DistrictResponse) {
    this.onmessage?.({ data: response } as MessageEvent<DistrictResponse>)
  }
  terminate() {}
}

const source = { url: 'http://127.0.0.1/data/district.geojson', label: 'data/district.geojson' }

function startEarly(early: DistrictResponse[] = []) {
  const worker = new FakeWorker()
  const g = globalThis as unknown as { window?: Record<string, unknown> }
  g.window = {
    __earlyDistrictWorker: {
      worker,
      early: early.map((data) => ({ data })),
      source,
    },
  }
  return worker
}

afterEach(() => {
  delete (globalThis as { window?: unknown }).window
})

describe('createDistrictClient with the worker index.html started', () => {
  it('hands the early open to the load of the same URL, once, even if it answered already', async () => {
    const missing = {
      missing: 'No dataset at data/district.geojson.',
      translated: { key: 'loadError.noDataset', params: { name: 'data/district.geojson' } },
    }
    startEarly([{ id: 0, ok: true, value: missing }])
    const client = createDistrictClient()
    expect(client.takeEarlyOpen('other.geojson')).toBeNull()
    await expect(client.takeEarlyOpen('data/district.geojson')).resolves.toEqual({
      ...missing,
    })
    expect(client.takeEarlyOpen('data/district.geojson')).toBeNull()
  })

  it('adopts the running worker: its own requests start at id 1 and get their replies', async () => {
    const worker = startEarly()
    const client = createDistrictClient()
    const early = client.takeEarlyOpen('data/district.geojson')
    const parts = client.request('parts', { token: 1 })
    expect(worker.posted).toEqual([{ id: 1, type: 'parts', token: 1 }])
    worker.reply({ id: 0, ok: false, error: 'data/district.geojson is not valid JSON (x)' })
    worker.reply({ id: 1, ok: false, error: 'no dataset opened' })
    await expect(early).rejects.toThrow('is not valid JSON')
    await expect(parts).rejects.toThrow('no dataset opened')
  })

  it('passes progress to the request that asked, and the latest early progress to the taker', async () => {
    const worker = startEarly([{ id: 0, progress: 0.25 }])
    const client = createDistrictClient()
    const heard: number[] = []
    const early = client.takeEarlyOpen('data/district.geojson', (p) => heard.push(p))
    expect(heard).toEqual([0.25])
    worker.reply({ id: 0, progress: 0.5 })
    const mine: number[] = []
    const other = client.request(
      'report',
      { scenario: null, format: 'csv', overrides: {} },
      [],
      (p) => mine.push(p),
    )
    worker.reply({ id: 1, progress: 0.9 })
    const none = { missing: 'none', translated: { key: 'loadError.noDataset', params: {} } }
    worker.reply({ id: 0, ok: true, value: none })
    worker.reply({ id: 1, ok: true, value: 'csv' })
    await expect(early).resolves.toEqual(none)
    await expect(other).resolves.toBe('csv')
    expect(heard).toEqual([0.25, 0.5])
    expect(mine).toEqual([0.9])
  })
})
