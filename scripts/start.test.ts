import { spawn } from 'node:child_process'
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startFakeOverpass } from '../test/helpers/fakeOverpass'
import type { FakeOverpass } from '../test/helpers/fakeOverpass'

const ROOT = resolve(import.meta.dirname, '..')
const base = mkdtempSync(join(tmpdir(), 'npm-start-'))
let server: FakeOverpass
beforeAll(async () => {
  server = await startFakeOverpass([{ status: 400, body: 'no query' }])
})
afterAll(async () => {
  await server.close()
  rmSync(base, { recursive: true, force: true })
})

/**
 * A throwaway project with the real scripts/start.mjs, a stub `vite` that records its arguments
 * and exits 7, and an `npm run data` that writes a dataset (standing in for the importer).
 */
function project(name: string, withDataset: boolean): string {
  const dir = join(base, name)
  mkdirSync(join(dir, 'scripts'), { recursive: true })
  mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true })
  mkdirSync(join(dir, 'public', 'data'), { recursive: true })
  copyFileSync(join(ROOT, 'scripts/start.mjs'), join(dir, 'scripts/start.mjs'))
  const vite = join(dir, 'node_modules', '.bin', 'vite')
  writeFileSync(vite, '#!/bin/sh\necho "$@" > vite-args.txt\nexit 7\n')
  chmodSync(vite, 0o755)
  writeFileSync(
    join(dir, 'scripts', 'data.mjs'),
    "import { writeFileSync } from 'node:fs'\n" +
      "writeFileSync('public/data/district.geojson', JSON.stringify({ url: process.env.OVERPASS_URL }))\n",
  )
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name,
      private: true,
      type: 'module',
      scripts: { data: 'node scripts/data.mjs' },
    }),
  )
  if (withDataset) writeFileSync(join(dir, 'public/data/district.geojson'), '{}')
  return dir
}

function start(
  dir: string,
  overpassUrl: string,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['scripts/start.mjs'], {
      cwd: dir,
      env: { ...process.env, OVERPASS_URL: overpassUrl },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    child.on('error', reject)
    child.on('close', (status) => resolvePromise({ status, stdout, stderr }))
  })
}

describe.skipIf(process.platform === 'win32')('npm start (scripts/start.mjs)', () => {
  it('with a dataset: starts vite on 127.0.0.1 at once and forwards its exit code', async () => {
    const dir = project('has-data', true)
    const r = await start(dir, 'http://127.0.0.1:9/unused')
    expect(r.status).toBe(7)
    expect(readFileSync(join(dir, 'vite-args.txt'), 'utf8').trim()).toBe('--host 127.0.0.1')
    expect(r.stdout).not.toMatch(/fetching/)
  })

  it('offline: explains in one paragraph and still starts the app', async () => {
    const closed = await startFakeOverpass()
    const url = closed.url
    await closed.close()
    const dir = project('offline', false)
    const r = await start(dir, url)
    expect(r.status).toBe(7)
    expect(r.stdout).toMatch(/no dataset at public\/data\/district\.geojson; fetching Mănăștur/)
    const paragraph = r.stdout.split('\n').find((l) => l.startsWith('start: No dataset yet'))
    expect(paragraph).toMatch(/did not answer \(offline\?\)/)
    expect(paragraph).toMatch(/"no dataset" state/)
    expect(paragraph).toContain('`npm run data -- --in FILE`')
    expect(existsSync(join(dir, 'vite-args.txt'))).toBe(true)
    expect(existsSync(join(dir, 'public/data/district.geojson'))).toBe(false)
  })

  it('online: runs npm run data with OVERPASS_URL, then starts the app', async () => {
    const dir = project('online', false)
    const r = await start(dir, server.url)
    expect(r.status).toBe(7)
    expect(r.stdout).not.toMatch(/No dataset yet/)
    const written = JSON.parse(readFileSync(join(dir, 'public/data/district.geojson'), 'utf8')) as {
      url: string
    }
    expect(written.url).toBe(server.url)
    expect(existsSync(join(dir, 'vite-args.txt'))).toBe(true)
  })
})
