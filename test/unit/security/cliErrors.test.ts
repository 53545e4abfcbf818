/**
 * The CLIs on hostile input (issue 16, point 6): every failure is one stderr line naming the
 * input and what in it is wrong, exit code 1, no stack trace; and on a full disk or a
 * read-only directory the old output stays as it was, with no temporary file left.
 */
import { execFile, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'

import { afterAll, describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../../..')
const TSX = resolve(ROOT, 'node_modules/.bin/tsx')
const DISTRICT = resolve(ROOT, 'test/fixtures/energy/district.geojson')
const PLAN_ARGS = ['--target', 'co2:-20', '--by', '2030', '--budget-per-year', '1000000']
const dir = mkdtempSync(join(tmpdir(), 'cli-hostile-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const run = promisify(execFile)
async function cli(script: string, args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await run(TSX, [`scripts/${script}.ts`, ...args], { cwd: ROOT })
    return { code: 0, stderr }
  } catch (e) {
    const err = e as { code?: number; stderr?: string }
    return { code: err.code ?? -1, stderr: err.stderr ?? '' }
  }
}

/** Write `name` in the test's directory; its path. */
function fixture(name: string, content: unknown): string {
  const path = join(dir, name)
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content))
  return path
}

const good = JSON.parse(readFileSync(DISTRICT, 'utf8')) as {
  features: { geometry: unknown; properties: Record<string, unknown> }[]
}
/** The good district with one change made to a copy. */
function district(change: (d: typeof good) => void): typeof good {
  const copy = structuredClone(good)
  change(copy)
  return copy
}

/** The one line a failure must be, checked for any CLI. */
function expectOneLine(r: { code: number; stderr: string }, pattern: RegExp): void {
  expect(r.code).toBe(1)
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1)
  expect(r.stderr).toMatch(pattern)
  expect(r.stderr).not.toMatch(/unexpected/)
  expect(r.stderr).not.toMatch(/\bat .*\.(ts|js|mjs):\d+/)
}

const DATASETS: [string, string, unknown, RegExp][] = [
  [
    'empty metadata',
    'empty-metadata.geojson',
    '{"type":"FeatureCollection","metadata":{},"features":[]}',
    /its metadata is not usable \(no valid bbox\)/,
  ],
  [
    'metadata null',
    'metadata-null.geojson',
    district((d) => Object.assign(d, { metadata: null })),
    /its metadata is not usable/,
  ],
  [
    'features not an array',
    'features-object.geojson',
    district((d) => Object.assign(d, { features: {} })),
    /is not a Mănăștur Twin dataset/,
  ],
  [
    'a geometry null',
    'geometry-null.geojson',
    district((d) => Object.assign(d.features[0] ?? {}, { geometry: null })),
    /feature way\/1001 \(#1\) cannot be used \(no polygon geometry\)/,
  ],
  [
    'a non-numeric height',
    'height-text.geojson',
    district((d) => Object.assign(d.features[0]?.properties ?? {}, { height_m: 'tall' })),
    /feature way\/1001 \(#1\) .*field "height_m"/,
  ],
  [
    'a coordinate that is text',
    'coordinate-text.geojson',
    district((d) =>
      Object.assign(d.features[1] ?? {}, {
        geometry: { type: 'Polygon', coordinates: [[['a', 'b']]] },
      }),
    ),
    /feature way\/1002 \(#2\) .*finite longitude\/latitude/,
  ],
  [
    'properties null',
    'properties-null.geojson',
    district((d) => Object.assign(d.features[2] ?? {}, { properties: null })),
    /feature #3 .*properties/,
  ],
  ['not JSON at all', 'not-json.geojson', '{"type": "FeatureCollection", ', /is not valid JSON/],
  ['an empty file', 'empty.geojson', '', /is empty/],
]

describe('npm run assess and npm run plan on a hostile dataset', () => {
  it.each(DATASETS)('%s: one line naming the file and the field', async (_, file, content, why) => {
    const path = fixture(file, content)
    const named = (cli: string) =>
      new RegExp(`^${cli}: ${file.replace('.', '\\.')}:? .*${why.source}`)
    const [assess, plan] = await Promise.all([
      cli('assess', ['--in', path]),
      cli('plan', ['--in', path, ...PLAN_ARGS]),
    ])
    expectOneLine(assess, named('assess'))
    expectOneLine(plan, named('plan'))
  })
})

describe('npm run assess on a hostile scenario', () => {
  it.each([
    ['null', null, /^assess: scenario: must be a JSON object/],
    ['measures not a list', { name: 'x', measures: 'envelope' }, /scenario\.measures: must be/],
    ['a measure null', { name: 'x', measures: [null] }, /scenario\.measures\[0\]: must be/],
    [
      'a prototype name as assumption',
      '{"name":"x","measures":[],"assumptions":{"__proto__":{"a":1}}}',
      /scenario\.assumptions\["__proto__"\]: unknown parameter path/,
    ],
    [
      'a parameter that is text',
      { name: 'x', measures: [{ id: 'envelope', params: null }] },
      /scenario\.measures\[0\]\.params: must be an object of numbers/,
    ],
  ])('%s: one line naming the field', async (name, content, why) => {
    const path = fixture(`scenario-${name.replace(/\W+/g, '-')}.json`, content)
    expectOneLine(await cli('assess', ['--in', DISTRICT, '--scenario', path]), why)
  })
})

const SQUARE = [
  { lat: 46.76, lon: 23.55 },
  { lat: 46.76, lon: 23.551 },
  { lat: 46.761, lon: 23.551 },
  { lat: 46.76, lon: 23.55 },
]
const overpass = (...elements: unknown[]) => ({ version: 0.6, elements })
const way = (extra: object) => ({ type: 'way', id: 1, geometry: SQUARE, ...extra })
const multipolygon = (members: unknown) => ({
  type: 'relation',
  id: 7,
  members,
  tags: { type: 'multipolygon', building: 'yes' },
})

describe('npm run data on a hostile Overpass JSON or overlay', () => {
  it.each([
    [
      'a tag that is a number',
      overpass(way({ tags: { building: 5 } })),
      /element #1 \(way\/1\): tag "building" is not text/,
    ],
    [
      'a tag that is null',
      overpass(way({ tags: { building: 'yes', height: null } })),
      /element #1 \(way\/1\): tag "height" is not text/,
    ],
    ['tags a string', overpass(way({ tags: 'building=yes' })), /tags is not an object/],
    [
      'a member null',
      overpass(multipolygon([null])),
      /element #1 \(relation\/7\): member #1 has no type and ref/,
    ],
    ['members not a list', overpass(multipolygon('x')), /relation\/7\): members is not a list/],
    ['nodes not a list', overpass(way({ nodes: 5, tags: { building: 'yes' } })), /nodes is not/],
    [
      'a node without a position',
      overpass({ type: 'node', id: 3, lat: 'x', lon: null }),
      /element #1 \(node\/3\): lat\/lon is not a number/,
    ],
    [
      'a GeoJSON building whose geometry is null',
      {
        type: 'FeatureCollection',
        features: [{ type: 'Feature', geometry: null, properties: { building: 'yes' } }],
      },
      /none of its 1 building\(s\) is usable/,
    ],
  ])('%s: one line naming the element and field', async (name, content, why) => {
    const path = fixture(`${name.replace(/\W+/g, '-')}.json`, content)
    const r = await cli('data', ['--in', path, '--out', join(dir, 'out', 'x.geojson')])
    expectOneLine(
      r,
      new RegExp(`^error: cannot read ${name.replace(/\W+/g, '-')}\\.json: .*${why.source}`),
    )
  })

  it('an overlay whose features are not a list: one line naming the overlay', async () => {
    const path = fixture('cadastre.geojson', { type: 'FeatureCollection', features: {} })
    const r = await cli('data', [
      '--in',
      resolve(ROOT, 'test/fixtures/osm/district.osm'),
      '--overlay',
      path,
      '--out',
      join(dir, 'out', 'y.geojson'),
    ])
    expectOneLine(
      r,
      /^error: cannot read cadastre\.geojson: overlay is not a GeoJSON FeatureCollection/,
    )
  })
})

/** Whether this machine lets a test mount its own small file system (a user namespace). */
const canMount = spawnSync('unshare', ['-rm', 'true']).status === 0

/**
 * Run the CLI `cliArgs` with `--out` on a fresh one-page (4 KiB) tmpfs that holds `old` in `out.json`
 * (mounted read-only when asked): its stderr, exit code, and what the tmpfs holds after.
 */
function onSmallDisk(cliArgs: string[], readOnly: boolean) {
  const mnt = mkdtempSync(join(tmpdir(), 'cli-disk-'))
  const script = [
    'set -e',
    `mount -t tmpfs -o size=4k tmpfs "${mnt}"`,
    `printf old > "${mnt}/out.json"`,
    readOnly ? `mount -o remount,ro "${mnt}"` : 'true',
    'set +e',
    `"$@" --out "${mnt}/out.json" 2>"${mnt}.err"`,
    'echo "code=$?"',
    `echo "files=$(ls -A "${mnt}" | tr '\\n' ' ')"`,
    `echo "out=$(cat "${mnt}/out.json")"`,
  ].join('\n')
  const r = spawnSync('unshare', ['-rm', 'sh', '-c', script, 'sh', TSX, ...cliArgs], {
    cwd: ROOT,
    encoding: 'utf8',
  })
  const stderr = readFileSync(`${mnt}.err`, 'utf8')
  rmSync(`${mnt}.err`, { force: true })
  rmSync(mnt, { recursive: true, force: true })
  const field = (k: string) => new RegExp(`^${k}=(.*)$`, 'm').exec(r.stdout)?.[1]?.trim()
  return { code: Number(field('code')), stderr, files: field('files'), out: field('out') }
}

describe.skipIf(!canMount)('the report CLIs on a full disk and a read-only directory', () => {
  it.each([
    ['a full disk', false, /ENOSPC/],
    ['a read-only directory', true, /EROFS/],
  ])('%s: one line, the old output intact, no temp file', (_, readOnly, code) => {
    for (const [name, args] of [
      ['assess', ['scripts/assess.ts', '--in', DISTRICT]],
      ['plan', ['scripts/plan.ts', '--in', DISTRICT, ...PLAN_ARGS]],
    ] as const) {
      const r = onSmallDisk([...args], readOnly)
      // assess tells the blocks it skipped before it writes; the failure is the last line.
      expect(r.code).toBe(1)
      expect(r.stderr.trimEnd().split('\n').at(-1)).toMatch(
        new RegExp(`^${name}: cannot write out\\.json: ${code.source}$`),
      )
      expect(r.stderr).not.toMatch(/\bat .*\.(ts|js|mjs):\d+/)
      expect(r.out).toBe('old')
      expect(r.files).toBe('out.json')
    }
  })
})
