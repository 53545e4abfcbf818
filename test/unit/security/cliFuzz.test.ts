/**
 * The CLIs' own code on randomly broken inputs (issue 16, point 6): whatever a hand-edited
 * dataset, scenario or flag holds, `assess`, `plan` and `data` either succeed or fail with one
 * of the errors they tell as one line naming the input and the field, never with the
 * catch-all "unexpected error". Seeded, so a failure names a case that can be replayed.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

import { describe, expect, it, vi } from 'vitest'

import { CliError } from '../../../scripts/lib/cliInput'
import { runCli } from '../../../scripts/lib/cliMain'
import { assessText, planRequestOf, planText } from '../../../scripts/lib/reports'
import type { PlanFlags } from '../../../scripts/lib/reports'
import { DatasetError } from '../../../src/domain/dataset/readDataset'
import { ScenarioError } from '../../../src/domain/energy/scenario'
import { importDistrict, importOsmXmlChunks } from '../../../src/domain/import/importDistrict'
import { ImportError } from '../../../src/domain/import/importError'
import { PlanError } from '../../../src/domain/planner/plan'
import { seededRandom } from '../../../src/domain/random'

const ROOT = resolve(import.meta.dirname, '../../..')
const read = (path: string) => readFileSync(resolve(ROOT, path), 'utf8')
const DISTRICT = read('test/fixtures/energy/district.geojson')
const SCENARIO = read('test/fixtures/energy/scenario-full.json')
const OVERPASS = read('test/fixtures/osm/district.overpass-geom.json')
const GEOJSON = read('test/fixtures/osm/gdal-multipolygons.geojson')
const OSM_XML = read('test/fixtures/osm/multipolygons.osm')
const CASES = Number(process.env.FUZZ_CASES ?? 150)

/** Written as the number 1e999, which JSON.parse reads as Infinity. */
const INFINITY = '\u0000inf'
const VALUES: unknown[] = [
  null,
  '',
  'constructor',
  '__proto__',
  'toString',
  '=HYPERLINK("http://x","y")',
  'x'.repeat(2000),
  -1,
  0,
  0.5,
  7,
  -1e308,
  1e308,
  INFINITY,
  true,
  [],
  [1, 2],
  {},
  { a: 1 },
  [[['a', 'b']]],
  '2026',
]
const DELETE = Symbol('delete')

/**
 * A copy of `json` with one to three values replaced: a path is walked down from the root
 * through random keys, and the value where it stops is replaced or deleted.
 */
function mutate(json: unknown, rnd: () => number): string {
  const root = structuredClone(json) as Record<string, unknown>
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T
  const changes = 1 + Math.floor(rnd() * 3)
  for (let c = 0; c < changes; c++) {
    let node: Record<string, unknown> = root
    for (;;) {
      const keys = Object.keys(node)
      if (keys.length === 0) break
      const key = pick(keys)
      const child = node[key]
      if (typeof child === 'object' && child !== null && rnd() < 0.8) {
        node = child as Record<string, unknown>
        continue
      }
      const value = rnd() < 0.15 ? DELETE : pick(VALUES)
      if (value === DELETE) {
        if (Array.isArray(node)) node.splice(Number(key), 1)
        else delete node[key]
      } else node[key] = structuredClone(value)
      break
    }
  }
  return JSON.stringify(root).replaceAll(JSON.stringify(INFINITY), '1e999')
}

/** Errors the CLIs tell as they are (`runCli`'s `known`, and the data CLI's). */
const TOLD = [CliError, DatasetError, ScenarioError, PlanError, ImportError]

/** Run `f`; an error that would reach the catch-all is returned as the failure's text. */
function untold(f: () => unknown): string | null {
  try {
    f()
    return null
  } catch (e) {
    if (TOLD.some((k) => e instanceof k)) {
      const msg = (e as Error).message
      // One line, and it names something: a told error that says nothing helps no one.
      return msg.includes('\n') || msg.trim().length < 8 ? `not one useful line: ${msg}` : null
    }
    return e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e)
  }
}

/** Every case of `n` seeded mutations of `json` run through `f`; the ones that failed untold. */
function fuzz(seed: number, json: unknown, f: (text: string) => unknown): string[] {
  const rnd = seededRandom(seed)
  const failures: string[] = []
  for (let i = 0; i < CASES; i++) {
    const text = mutate(json, rnd)
    const why = untold(() => f(text))
    if (why !== null) failures.push(`case ${i}: ${why.split('\n').slice(0, 3).join(' | ')}`)
  }
  return failures
}

const district = JSON.parse(DISTRICT) as unknown
const scenario = JSON.parse(SCENARIO) as unknown
const PLAN: PlanFlags = { target: 'co2:-20', by: '2030', from: '2026', 'budget-per-year': '1e6' }

describe('the CLIs on randomly broken inputs never reach "unexpected error"', () => {
  it('assess: a broken dataset, with and without a scenario, as JSON and CSV', () => {
    const failures = fuzz(1601, district, (text) => {
      assessText({ name: 'd.geojson', text }, undefined, 'json')
      assessText({ name: 'd.geojson', text }, { name: 's.json', text: SCENARIO }, 'csv')
    })
    expect(failures).toEqual([])
  })

  it('assess: a broken scenario', () => {
    const failures = fuzz(1602, scenario, (text) =>
      assessText({ name: 'd.geojson', text: DISTRICT }, { name: 's.json', text }, 'json'),
    )
    expect(failures).toEqual([])
  })

  it('plan: a broken dataset', () => {
    const failures = fuzz(1603, district, (text) =>
      planText({ name: 'd.geojson', text }, planRequestOf(PLAN, 2026), 'json'),
    )
    expect(failures).toEqual([])
  })

  it('plan: broken flags', () => {
    const failures = fuzz(1604, PLAN, (text) => {
      const flags = JSON.parse(text) as Record<string, unknown>
      // parseArgs gives strings (or the boolean flag); anything else is written as text.
      const asFlags = Object.fromEntries(
        Object.entries(flags).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
      ) as PlanFlags
      planText({ name: 'd.geojson', text: DISTRICT }, planRequestOf(asFlags, 2026), 'csv')
    })
    expect(failures).toEqual([])
  })

  it('data: a broken Overpass JSON and a broken GDAL GeoJSON', () => {
    const failures = [
      ...fuzz(1605, JSON.parse(OVERPASS), (text) => importDistrict(text, { sourceName: 'o.json' })),
      ...fuzz(1606, JSON.parse(GEOJSON), (text) =>
        importDistrict(text, { sourceName: 'g.geojson' }),
      ),
    ]
    expect(failures).toEqual([])
  })

  it('data: a broken .osm, streamed as the CLI reads it', async () => {
    const rnd = seededRandom(1607)
    const attrs = [...OSM_XML.matchAll(/="[^"]*"/g)]
    const failures: string[] = []
    for (let i = 0; i < CASES; i++) {
      let text = OSM_XML
      // Replace a few attribute values (ids, refs, lat/lon, tag values) from the end, so the
      // earlier matches' offsets stay right.
      const picks = [0, 1, 2].map(() => attrs[Math.floor(rnd() * attrs.length)])
      for (const m of picks.sort((a, b) => (b?.index ?? 0) - (a?.index ?? 0))) {
        if (!m) continue
        const v = VALUES[Math.floor(rnd() * VALUES.length)]
        const value = (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))
          .replaceAll('&', '&amp;')
          .replaceAll('"', '&quot;')
          .replaceAll('<', '&lt;')
        text = `${text.slice(0, m.index)}="${value}"${text.slice(m.index + m[0].length)}`
      }
      const bytes = new TextEncoder().encode(text)
      try {
        await importOsmXmlChunks([bytes], bytes.length, { sourceName: 'm.osm' })
      } catch (e) {
        if (!TOLD.some((k) => e instanceof k)) failures.push(`case ${i}: ${String(e)}`)
      }
    }
    expect(failures).toEqual([])
  })

  it('the fuzzer can fail: an error of another kind is reported as untold', () => {
    expect(
      untold(() => {
        throw new TypeError('x is undefined')
      }),
    ).toMatch(/^TypeError: x is undefined/)
    expect(untold(() => 1)).toBeNull()
  })

  it('a bug that still reached the catch-all is one line naming the input, not a stack', () => {
    const lines: string[] = []
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk))
      return true
    })
    const before = process.exitCode
    try {
      runCli(
        'assess',
        () => {
          throw new TypeError(
            "Cannot read properties of undefined (reading 'x')\n    at f (a.ts:1)",
          )
        },
        ['--in=/tmp/some/district.geojson'],
        [],
      )
      expect(process.exitCode).toBe(1)
    } finally {
      process.exitCode = before
      spy.mockRestore()
    }
    expect(lines).toEqual([
      "assess: district.geojson could not be processed (internal error: Cannot read properties of undefined (reading 'x')); please report it with the file\n",
    ])
  })
})
