import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { DatasetError } from '@/domain/dataset/datasetError'

import { fetchWithLimits, Superseded, type LimitedDownload } from './download'

/** A real HTTP server on 127.0.0.1 that answers slowly, stalls or never answers. */
const open = new Set<ServerResponse>()
const server = createServer((req, res) => {
  open.add(res)
  res.on('close', () => open.delete(res))
  const path = req.url ?? '/'
  if (path === '/silent') return // never answers
  if (path === '/whole') {
    res.writeHead(200, { 'content-length': 6 }).end('abcdef')
    return
  }
  res.writeHead(200, { 'content-type': 'application/geo+json' })
  res.write('{"type":')
  if (path === '/stalls') return // the headers and a first chunk, then nothing
  // '/trickle': a byte every 20 ms, for ever: never a stall, but never done either.
  const timer = setInterval(() => res.write(' '), 20)
  res.on('close', () => clearInterval(timer))
})
let base = ''
beforeAll(async () => {
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  for (const res of open) res.destroy()
  await new Promise((ok) => server.close(ok))
})

const LIMITS = { stallMs: 300, timeoutMs: 1500 }

async function readAll(d: LimitedDownload): Promise<string> {
  let text = ''
  for (let c = await d.read(); c; c = await d.read()) text += new TextDecoder().decode(c)
  return text
}

async function failureOf(work: Promise<unknown>): Promise<unknown> {
  try {
    await work
  } catch (e) {
    return e
  }
  throw new Error('expected the download to fail')
}

describe('dataset download limits', () => {
  it('reads a whole answer', async () => {
    // The happy path gets limits no loaded machine reaches: it is about the bytes, not the clock.
    const d = await fetchWithLimits(`${base}/whole`, 'whole', new AbortController().signal, {
      stallMs: 30_000,
      timeoutMs: 60_000,
    })
    expect(await readAll(d)).toBe('abcdef')
  })

  it('gives up with a translated message when no answer comes', async () => {
    const e = await failureOf(
      fetchWithLimits(`${base}/silent`, 'silent.geojson', new AbortController().signal, LIMITS),
    )
    expect(e).toBeInstanceOf(DatasetError)
    expect(e).toMatchObject({ key: 'safety.stalled', params: { source: 'silent.geojson' } })
  })

  it('gives up when the bytes stop arriving mid-way', async () => {
    const d = await fetchWithLimits(
      `${base}/stalls`,
      'stalls',
      new AbortController().signal,
      LIMITS,
    )
    const e = await failureOf(readAll(d))
    expect(e).toMatchObject({
      key: 'safety.stalled',
      message: 'stalls stopped sending data for 0 s',
    })
  })

  it('gives up at the overall timeout on a server that trickles for ever', async () => {
    // A stall limit well above the trickle's 20 ms gaps, so only the overall timeout can fire.
    const d = await fetchWithLimits(`${base}/trickle`, 'slow', new AbortController().signal, {
      ...LIMITS,
      stallMs: 1000,
    })
    const e = await failureOf(readAll(d))
    expect(e).toMatchObject({ key: 'safety.timedOut', params: { source: 'slow', seconds: 2 } })
  })

  it('never counts time spent on the bytes already received as a stall', async () => {
    // The happy path gets limits no loaded machine reaches: it is about the bytes, not the clock.
    const d = await fetchWithLimits(`${base}/whole`, 'whole', new AbortController().signal, {
      stallMs: 30_000,
      timeoutMs: 60_000,
    })
    const first = await d.read()
    await new Promise((ok) => setTimeout(ok, LIMITS.stallMs * 2)) // parsing, say
    expect(first).not.toBeNull()
    expect(await d.read()).toBeNull()
  })

  it('is cancelled, not failed, when a newer dataset is asked for', async () => {
    const newer = new AbortController()
    const d = await fetchWithLimits(`${base}/stalls`, 'stalls', newer.signal, LIMITS)
    const reading = failureOf(readAll(d))
    newer.abort()
    expect(await reading).toBeInstanceOf(Superseded)
  })
})
