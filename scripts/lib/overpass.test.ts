import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { DistrictDataset } from '../../src/domain/buildings/types'
import { startFakeOverpass } from '../../test/helpers/fakeOverpass'
import type { FakeOverpass, FakeResponse } from '../../test/helpers/fakeOverpass'

import { fetchOverpass, FetchError, isOnline, overpassEndpoint } from './overpass'
import type { FetchOverpassOptions } from './overpass'

const ROOT = resolve(import.meta.dirname, '../..')
const FIXTURE = readFileSync(resolve(ROOT, 'test/fixtures/overpass/manastur-small.json'), 'utf8')
const OK: FakeResponse = { status: 200, body: FIXTURE }
const EMPTY_OK: FakeResponse = { status: 200, body: '{"version":0.6,"elements":[]}' }

let server: FakeOverpass
beforeAll(async () => {
  server = await startFakeOverpass()
})
afterAll(async () => {
  await server.close()
})

/** fetchOverpass against the fake server, with fast retries; collects progress lines. */
async function run(
  responses: FakeResponse[],
  opts: Partial<FetchOverpassOptions> = {},
): Promise<{ text?: string; error?: FetchError; lines: string[]; ms: number }> {
  server.script(responses)
  const lines: string[] = []
  const t0 = Date.now()
  try {
    const text = await fetchOverpass({
      url: server.url,
      timeoutMs: 2000,
      retries: 3,
      baseDelayMs: 5,
      maxDelayMs: 50,
      onProgress: (l) => lines.push(l),
      ...opts,
    })
    return { text, lines, ms: Date.now() - t0 }
  } catch (e) {
    if (!(e instanceof FetchError)) throw e
    return { error: e, lines, ms: Date.now() - t0 }
  }
}

const expectOneLine = (e: FetchError | undefined): void => {
  expect(e).toBeInstanceOf(FetchError)
  expect(e?.message).not.toMatch(/\n/)
  expect(e?.message.length).toBeLessThanOrEqual(300)
}

describe('the query sent to Overpass', () => {
  it('POSTs a form body data=<QL> with the Mănăștur bbox, buildings, highways and boundary', async () => {
    const r = await run([OK])
    expect(r.error).toBeUndefined()
    expect(r.text).toBe(FIXTURE)
    expect(server.requests).toHaveLength(1)
    const req = server.requests[0]!
    expect(req.method).toBe('POST')
    expect(req.path).toBe('/api/interpreter')
    expect(req.contentType).toMatch(/^application\/x-www-form-urlencoded/)
    expect(req.data).toMatch(/^\[out:json\]\[timeout:\d+\]\[bbox:46\.74,23\.53,46\.77,23\.58\];/)
    expect(req.data).toContain('way["building"];')
    expect(req.data).toContain('relation["building"]["type"="multipolygon"];')
    expect(req.data).toContain('way["highway"];')
    expect(req.data).toContain('way["leisure"~"^(park|garden)$"];')
    expect(req.data).toContain('way["waterway"~"^(river|stream|canal|ditch|drain)$"];')
    expect(req.data).toContain('["name"~"^(Cartierul )?M(ă|a)n(ă|a)(ș|ş|s)tur$",i]')
    expect(req.data).toMatch(/out geom qt;\s*$/)
  })

  it('sends any other --bbox, with every neighbourhood outline instead of the name filter', async () => {
    const r = await run([EMPTY_OK], { bbox: [23.58, 46.75, 23.62, 46.78] })
    expect(r.error).toBeUndefined()
    const q = server.requests[0]?.data ?? ''
    expect(q).toContain('[bbox:46.75,23.58,46.78,23.62]')
    expect(q).not.toContain('Cartierul')
    expect(q).toContain('relation["boundary"="administrative"]["admin_level"~"^(9|10)$"];')
  })

  it('prints readable progress lines', async () => {
    const r = await run([OK])
    expect(r.lines[0]).toMatch(
      /^Overpass: attempt 1\/4, querying Mănăștur \(bbox .*\) at 127\.0\.0\.1:\d+…$/,
    )
    expect(r.lines.at(-1)).toMatch(/^Overpass: attempt 1\/4 done, received \d+ kB in \d+\.\d s$/)
  })

  it('reports progress per MB on a large body', async () => {
    const big = JSON.stringify({ elements: [], pad: 'x'.repeat(2_500_000) })
    const r = await run([{ status: 200, body: big }])
    expect(r.error).toBeUndefined()
    expect(r.lines.filter((l) => /received \d\.\d MB…$/.test(l)).length).toBeGreaterThanOrEqual(2)
  })
})

describe('retries', () => {
  it('429 then 200: succeeds on the second attempt', async () => {
    const r = await run([{ status: 429, body: 'rate limited' }, OK])
    expect(r.error).toBeUndefined()
    expect(r.text).toBe(FIXTURE)
    expect(server.requests).toHaveLength(2)
    expect(server.requests[1]?.data).toBe(server.requests[0]?.data)
    expect(r.lines.join('\n')).toMatch(/HTTP 429 Too Many Requests.*retrying in/)
    expect(r.lines.join('\n')).toMatch(/attempt 2\/4 done/)
  })

  it.each([502, 503, 504])('%d is retried', async (status) => {
    const r = await run([{ status, body: '<html><title>busy</title></html>' }, { status }, OK])
    expect(r.error).toBeUndefined()
    expect(server.requests).toHaveLength(3)
  })

  it('honours Retry-After (seconds), capped by maxDelayMs', async () => {
    const r = await run([{ status: 429, headers: { 'retry-after': '1' } }, OK], {
      maxDelayMs: 5000,
    })
    expect(r.error).toBeUndefined()
    expect(r.ms).toBeGreaterThanOrEqual(950)
    expect(r.lines.join('\n')).toMatch(/retrying in 1\.0 s \(Retry-After\)/)
    const capped = await run([{ status: 429, headers: { 'retry-after': '3600' } }, OK], {
      maxDelayMs: 20,
    })
    expect(capped.error).toBeUndefined()
    expect(capped.ms).toBeLessThan(2000)
  })

  it('backs off exponentially between attempts', async () => {
    const r = await run([{ status: 504 }], { retries: 3, baseDelayMs: 40, maxDelayMs: 1000 })
    expect(r.error?.kind).toBe('http')
    expect(
      r.lines.filter((l) => l.includes('retrying in')).map((l) => /in ([\d.]+) s/.exec(l)?.[1]),
    ).toEqual(['0.0', '0.1', '0.2'])
    expect(r.ms).toBeGreaterThanOrEqual(40 + 80 + 160 - 10)
  })

  it('gives up after all attempts with one line naming the last status', async () => {
    const r = await run([{ status: 504, body: '<html><body><p>Gateway Timeout</p></body></html>' }])
    expect(server.requests).toHaveLength(4)
    expectOneLine(r.error)
    expect(r.error?.status).toBe(504)
    expect(r.error?.message).toMatch(
      /^Overpass at 127\.0\.0\.1:\d+ failed after 4 attempt\(s\): HTTP 504/,
    )
  })

  it('a hanging server times out each attempt, then fails with a clear one-line error', async () => {
    const r = await run([{ hang: true }], { timeoutMs: 200, retries: 1 })
    expect(server.requests).toHaveLength(2)
    expectOneLine(r.error)
    expect(r.error?.kind).toBe('timeout')
    expect(r.error?.message).toMatch(
      /failed after 2 attempt\(s\): no complete answer within 0\.2 s \(timed out\)/,
    )
    expect(r.ms).toBeLessThan(2000)
  })

  it('a body that stalls half-way also times out', async () => {
    const r = await run([{ status: 200, body: FIXTURE, stallMidBody: true }], {
      timeoutMs: 300,
      retries: 0,
    })
    expect(r.error?.kind).toBe('timeout')
    expect(server.requests).toHaveLength(1)
  })

  it('a timeout then a good answer succeeds', async () => {
    const r = await run([{ hang: true }, OK], { timeoutMs: 200 })
    expect(r.error).toBeUndefined()
    expect(r.text).toBe(FIXTURE)
  })

  it('network errors (nothing listening) are retried, then reported', async () => {
    const closed = await startFakeOverpass()
    const url = closed.url
    await closed.close()
    const r = await run([], { url, retries: 2 })
    expectOneLine(r.error)
    expect(r.error?.kind).toBe('network')
    expect(r.error?.message).toMatch(/failed after 3 attempt\(s\): cannot reach .*ECONNREFUSED/)
    expect(r.lines.filter((l) => /^Overpass: attempt \d\/3, querying/.test(l))).toHaveLength(3)
  })
})

describe('errors that are not retried', () => {
  it.each<[string, FakeResponse, RegExp]>([
    [
      '400 with the Overpass error page',
      {
        status: 400,
        body: '<?xml version="1.0"?><html><body><p><strong style="color:#FF0000">Error</strong>: line 3: parse error: Unknown type "wya" </p></body></html>',
      },
      /^Overpass rejected the query: HTTP 400 Bad Request: Error: line 3: parse error: Unknown type "wya"$/,
    ],
    ['403', { status: 403, body: '' }, /^Overpass rejected the query: HTTP 403 Forbidden$/],
    ['404', { status: 404, body: 'nope' }, /HTTP 404 Not Found: nope/],
  ])('%s fails at once', async (_name, response, why) => {
    const r = await run([response, OK])
    expect(server.requests).toHaveLength(1)
    expectOneLine(r.error)
    expect(r.error?.kind).toBe('http')
    expect(r.error?.message).toMatch(why)
  })

  it.each<[string, string, RegExp]>([
    [
      'truncated JSON',
      FIXTURE.slice(0, 400),
      /^Overpass answered with malformed JSON \(.*\); the response may be truncated$/,
    ],
    [
      'an HTML error page with 200',
      '<!DOCTYPE html>\n<html><head><title>Overpass API busy</title></head><body>\n<p>try later</p></body></html>',
      /^Overpass answered with an error page instead of JSON: Overpass API busy$/,
    ],
    [
      'an XML remark with 200',
      '<?xml version="1.0"?>\n<osm><remark> runtime error: Query timed out in "query" at line 3 after 91 seconds. </remark></osm>',
      /error page instead of JSON: runtime error: Query timed out in "query" at line 3 after 91 seconds\.$/,
    ],
    [
      'a runtime-error remark with 200',
      JSON.stringify({
        version: 0.6,
        elements: [],
        remark: 'runtime error: Query run out of memory using about 2048 MB of RAM.\nmore',
      }),
      /^Overpass could not run the query: runtime error: Query run out of memory using about 2048 MB of RAM\. \(try a smaller --bbox or later\)$/,
    ],
    [
      'JSON without elements',
      '{"type":"FeatureCollection","features":[]}',
      /without an "elements" array/,
    ],
    ['an empty body', '  \n', /empty body/],
  ])('%s → one-line error, not retried', async (_name, body, why) => {
    const r = await run([{ status: 200, body }, OK])
    expect(server.requests).toHaveLength(1)
    expectOneLine(r.error)
    expect(r.error?.message).toMatch(why)
  })

  it('a harmless remark is accepted', async () => {
    const body = JSON.stringify({ elements: [], remark: 'note: the area is empty' })
    const r = await run([{ status: 200, body }])
    expect(r.error).toBeUndefined()
  })

  it('an AbortSignal cancels the fetch and the backoff wait', async () => {
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 100)
    const r = await run([{ status: 429 }], {
      signal: controller.signal,
      baseDelayMs: 10_000,
      maxDelayMs: 10_000,
    })
    expect(r.error?.kind).toBe('aborted')
    expect(r.ms).toBeLessThan(2000)
  })

  it('an invalid OVERPASS_URL is one line', async () => {
    const r = await run([], { url: 'not a url' })
    expectOneLine(r.error)
    expect(r.error?.message).toMatch(/not a valid URL/)
  })
})

describe('endpoint and reachability', () => {
  const saved = process.env['OVERPASS_URL']
  afterEach(() => {
    if (saved === undefined) delete process.env['OVERPASS_URL']
    else process.env['OVERPASS_URL'] = saved
  })

  it('uses opts.url, then OVERPASS_URL, then the public instance', () => {
    delete process.env['OVERPASS_URL']
    expect(overpassEndpoint()).toBe('https://overpass-api.de/api/interpreter')
    process.env['OVERPASS_URL'] = 'http://127.0.0.1:1/x'
    expect(overpassEndpoint()).toBe('http://127.0.0.1:1/x')
    expect(overpassEndpoint('http://h/y')).toBe('http://h/y')
  })

  it('fetchOverpass reads OVERPASS_URL', async () => {
    process.env['OVERPASS_URL'] = server.url
    server.script([OK])
    await expect(fetchOverpass({ retries: 0 })).resolves.toBe(FIXTURE)
    expect(server.requests).toHaveLength(1)
  })

  it('isOnline: true when the server answers anything, false when nothing listens', async () => {
    server.script([{ status: 400, body: 'no query' }])
    expect(await isOnline(server.url, 1000)).toBe(true)
    const closed = await startFakeOverpass()
    const url = closed.url
    await closed.close()
    expect(await isOnline(url, 1000)).toBe(false)
    server.script([{ hang: true }])
    expect(await isOnline(server.url, 150)).toBe(false)
  })
})

describe('npm run data --area manastur against the fake Overpass (end to end)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'overpass-cli-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  /** `tsx scripts/data.ts …` asynchronously, so this process's fake server can answer. */
  function cli(
    args: string[],
    env: Record<string, string>,
  ): Promise<{ status: number | null; stdout: string; stderr: string }> {
    return new Promise((resolvePromise, reject) => {
      const child = spawn(resolve(ROOT, 'node_modules/.bin/tsx'), ['scripts/data.ts', ...args], {
        cwd: ROOT,
        env: { ...process.env, ...env },
      })
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
      child.on('error', reject)
      child.on('close', (status) => resolvePromise({ status, stdout, stderr }))
    })
  }

  it('fetches the area, imports it and writes buildings plus context layers', async () => {
    server.script([{ status: 429, headers: { 'retry-after': '0' } }, OK])
    const out = join(dir, 'district.geojson')
    const r = await cli(['--area', 'manastur', '--out', out], { OVERPASS_URL: server.url })
    expect(r.stderr).toMatch(/Overpass: attempt 1\/4/)
    expect(r.status).toBe(0)
    expect(server.requests).toHaveLength(2)
    expect(server.requests[1]?.data).toContain('[bbox:46.74,23.53,46.77,23.58]')
    const ds = JSON.parse(readFileSync(out, 'utf8')) as DistrictDataset
    expect(ds.metadata.source).toMatch(/Overpass/)
    expect(ds.metadata.counts.buildings).toBe(5)
    expect(ds.metadata.counts.context).toEqual({ street: 3, green: 2, water: 2, boundary: 1 })
    const courtyard = ds.features.find((f) => f.properties.id === 'relation/2001')
    expect(courtyard?.geometry.type).toBe('Polygon')
    expect(courtyard?.geometry.coordinates).toHaveLength(2) // outer ring + the hole
    const street = ds.features.find((f) => f.properties.id === 'way/1202')
    expect(street?.properties).toMatchObject({ kind: 'street', width_m: 7.5 })
  })

  it('without --area (the default) it also fetches Mănăștur', async () => {
    server.script([OK])
    const out = join(dir, 'default.geojson')
    const r = await cli(['--out', out], { OVERPASS_URL: server.url })
    expect(r.status).toBe(0)
    expect(server.requests[0]?.data).toContain('[bbox:46.74,23.53,46.77,23.58]')
  })

  it('--bbox sends that box', async () => {
    server.script([OK])
    const out = join(dir, 'bbox.geojson')
    const r = await cli(['--bbox', '23.54,46.75,23.56,46.76', '--out', out], {
      OVERPASS_URL: server.url,
    })
    expect(r.status).toBe(0)
    expect(server.requests[0]?.data).toContain('[bbox:46.75,23.54,46.76,23.56]')
  })

  it('a malformed answer: one-line error, exit 1, the existing dataset untouched', async () => {
    const out = join(dir, 'existing.geojson')
    writeFileSync(out, 'EXISTING')
    server.script([{ status: 200, body: '<html><title>Overpass API busy</title></html>' }])
    const r = await cli(['--out', out], { OVERPASS_URL: server.url })
    expect(r.status).toBe(1)
    const errorLines = r.stderr.split('\n').filter((l) => l.startsWith('error:'))
    expect(errorLines).toEqual([
      'error: Overpass answered with an error page instead of JSON: Overpass API busy',
    ])
    expect(readFileSync(out, 'utf8')).toBe('EXISTING')
  })
})
