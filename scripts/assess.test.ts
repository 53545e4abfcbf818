import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

import { describe, expect, it } from 'vitest'

const run = promisify(execFile)
const FIX = 'test/fixtures/energy'
const DISTRICT = `${FIX}/district.geojson`

async function assess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'scripts/assess.ts', ...args], {
      maxBuffer: 64 * 1024 * 1024,
    })
    return { code: 0, stdout, stderr }
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string }
    return { code: err.code ?? -1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' }
  }
}

interface Building {
  id: string
  use_class: string
  rated: boolean
  cost_per_flat_eur?: number | null
  owner_cost_per_flat_eur?: number | null
  bill_change_per_flat_eur_month?: number | null
  ranges: Record<string, [number, number]>
  heated_area_m2: number
  heating_need_kwh_m2a: number
  primary_kwh_m2a: number
  co2_kg_m2a: number
  class: string | null
  after?: Record<string, unknown>
  saving_pct?: number
  cost_eur?: number
  payback_years?: number | null
}

describe('npm run assess', () => {
  it('assesses today without a scenario: JSON buildings and totals', async () => {
    const r = await assess(['--in', DISTRICT])
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as { buildings: Building[]; totals: Record<string, unknown> }
    // 6 buildings in the fixture; the garage is unheated and skipped (said on stderr)
    expect(out.buildings.map((b) => b.id)).toEqual([
      'way/1001',
      'way/1002',
      'way/1003',
      'way/1004',
      'way/1006',
    ])
    expect(r.stderr).toMatch(/skipped 1/)
    for (const b of out.buildings) {
      for (const k of [
        'heated_area_m2',
        'heating_need_kwh_m2a',
        'primary_kwh_m2a',
        'co2_kg_m2a',
      ] as const) {
        expect(typeof b[k]).toBe('number')
      }
      expect(b.after).toBeUndefined()
    }
    const slab = out.buildings[0]!
    // 1970s slab with the panel-wall U of 1.1 + joints surcharge (parameters.json): class D
    expect(slab.class).toBe('D')
    expect(slab.use_class).toBe('apartment_block')
    expect(slab.rated).toBe(true)
    expect(slab.heating_need_kwh_m2a).toBeGreaterThan(150)
    expect(out.buildings[3]!.class).toBeNull() // the school is not rated on the block scale
    expect(out.buildings[3]!.rated).toBe(false)
    expect(out.totals.buildings).toBe(5)
    expect(out.totals.class_row).toBe('no_cooling_no_ventilation')
  })

  it('short-form scenario: every building carries an after object and the economics', async () => {
    const r = await assess(['--in', DISTRICT, '--scenario', `${FIX}/scenario-envelope.json`])
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as { buildings: Building[]; totals: Record<string, unknown> }
    for (const b of out.buildings) {
      expect(b.after).toBeDefined()
      for (const k of ['heating_need_kwh_m2a', 'primary_kwh_m2a', 'co2_kg_m2a', 'class']) {
        expect(b.after).toHaveProperty(k)
      }
      expect(typeof b.saving_pct).toBe('number')
      expect(typeof b.cost_eur).toBe('number')
      expect(b).toHaveProperty('payback_years')
    }
    const slab = out.buildings[0]!
    expect(slab.after!.heating_need_kwh_m2a as number).toBeLessThan(100)
    // the rehabilitated block already has the envelope: nothing to do, nothing spent
    const rehab = out.buildings.find((b) => b.id === 'way/1003')!
    expect(rehab.cost_eur).toBe(0)
    expect(rehab.payback_years).toBeNull()
    expect(out.totals.investment_eur as number).toBeGreaterThan(0)
    // the contract kiosk and planner read (README, energy section)
    expect(slab).toHaveProperty('use_class')
    expect(typeof slab.cost_per_flat_eur).toBe('number')
    expect(typeof slab.owner_cost_per_flat_eur).toBe('number')
    expect(typeof slab.bill_change_per_flat_eur_month).toBe('number')
    expect(slab).toHaveProperty('owner_payback_years')
    expect(typeof slab.after!.generation_kwh_a).toBe('number')
    const ranges = slab.ranges as Record<string, [number, number]>
    const [lo, hi] = ranges.after_primary_kwh_m2a!
    expect(lo).toBeLessThanOrEqual(slab.after!.primary_kwh_m2a as number)
    expect(hi).toBeGreaterThanOrEqual(slab.after!.primary_kwh_m2a as number)
    const byUse = out.totals.by_use_class as Record<string, Record<string, unknown>>
    expect(byUse.apartment_block!.buildings).toBeGreaterThan(0)
    expect(byUse.apartment_block!).toHaveProperty('investment_eur')
    expect(out.totals.blocks_renovated).toBe(byUse.apartment_block!.retrofitted_buildings)
    expect((out.totals.after as Record<string, unknown>).primary_mwh_a as number).toBeLessThan(
      out.totals.primary_mwh_a as number,
    )
  })

  it('full-form scenario with filter, rollout and assumptions; CSV written atomically to --out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'assess-'))
    const out = join(dir, 'report.csv')
    const r = await assess([
      '--in',
      DISTRICT,
      '--scenario',
      `${FIX}/scenario-full.json`,
      '--format',
      'csv',
      '--out',
      out,
    ])
    expect(r.code).toBe(0)
    expect(readdirSync(dir)).toEqual(['report.csv']) // no temporary file left behind
    const lines = readFileSync(out, 'utf8').trim().split('\n')
    expect(lines[0]).toMatch(
      /^id,type,use_class,rated,year,.*after_primary_kwh_m2a.*,payback_years/,
    )
    expect(lines).toHaveLength(6)
    // filter year_max 1990, residential: the 1995 courtyard block and the school are untouched
    const row = (id: string) => lines.find((l) => l.startsWith(`${id},`))!
    const measures = lines[0]!.split(',').indexOf('measures')
    expect(row('way/1006').split(',')[measures]).toBe('') // no measures
    expect(row('way/1004').split(',')[measures]).toBe('')
    expect(row('way/1001')).toMatch(/wall roof windows basement heat_pump pv/)
    expect(row('way/1002')).toMatch(/dh_upgrade/)

    const json = await assess(['--in', DISTRICT, '--scenario', `${FIX}/scenario-full.json`])
    const rep = JSON.parse(json.stdout) as { totals: { by_year: { year: number }[] } }
    expect(rep.totals.by_year.map((y) => y.year)).toEqual([2026, 2027, 2028, 2029, 2030])
  })

  it('CSV carries each figure’s range as FIGURE_low, FIGURE_high: the JSON report’s ranges', async () => {
    const args = ['--in', DISTRICT, '--scenario', `${FIX}/scenario-envelope.json`]
    const csv = await assess([...args, '--format', 'csv'])
    const json = JSON.parse((await assess(args)).stdout) as { buildings: Building[] }
    const [head, ...rows] = csv.stdout.trim().split('\n')
    const header = head!.split(',')
    expect(header).toContain('primary_kwh_m2a_low')
    expect(header).toContain('after_primary_kwh_m2a_high')
    expect(header).toContain('owner_payback_years_high')
    let compared = 0
    for (const b of json.buildings) {
      const cells = rows.find((l) => l.startsWith(`${b.id},`))!.split(',')
      for (const [figure, [low, high]] of Object.entries(b.ranges)) {
        const cell = (end: string) => cells[header.indexOf(`${figure}_${end}`)]
        expect(cell('low'), `${b.id} ${figure}`).toBe(String(low))
        // a payback that may never come has no high: null in JSON, empty in CSV
        expect(cell('high'), `${b.id} ${figure}`).toBe(high === null ? '' : String(high))
        compared++
      }
    }
    expect(compared).toBeGreaterThan(20)
  })

  it('CSV cells from the dataset cannot run as spreadsheet formulas; numbers stay numbers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'assess-'))
    const data = JSON.parse(readFileSync(DISTRICT, 'utf8')) as {
      features: { id: string; properties: Record<string, unknown> }[]
    }
    const hostile = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", '@SUM(1)', '-2+3']
    hostile.forEach((text, i) => {
      const f = data.features[i]!
      f.id = text
      f.properties.id = text
      f.properties.type = text
    })
    const file = join(dir, 'hostile.geojson')
    writeFileSync(file, JSON.stringify(data))
    const r = await assess(['--in', file, '--format', 'csv'])
    expect(r.code).toBe(0)
    const rows = r.stdout.trim().split('\n').slice(1)
    for (const text of hostile) {
      const quoted = `"'${text.replace(/"/g, '""')}"`
      expect(rows.some((row) => row.startsWith(`${quoted},${quoted},`))).toBe(true)
    }
    for (const row of rows) expect(row).not.toMatch(/(^|,)[=+\-@]/)
    expect(rows[0]).toMatch(/,\d+(\.\d+)?,/) // numbers unquoted
  })

  const errors: [string, string[], RegExp][] = [
    [
      'bad scenario field',
      ['--in', DISTRICT, '--scenario', `${FIX}/scenario-bad.json`],
      /^assess: scenario\.measures\[1\]: unknown measure "wal"/,
    ],
    [
      'missing --in file',
      ['--in', `${FIX}/missing.geojson`],
      /^assess: cannot read dataset missing\.geojson: no such file/,
    ],
    [
      'not a dataset',
      ['--in', `${FIX}/scenario-envelope.json`],
      /^assess: scenario-envelope\.json is not a Mănăștur Twin dataset/,
    ],
    ['no --in', [], /^assess: missing --in/],
    ['bad format', ['--in', DISTRICT, '--format', 'xml'], /^assess: --format must be csv or json/],
    ['unknown option', ['--in', DISTRICT, '--bogus'], /^assess: Unknown option '--bogus'/],
  ]
  for (const [name, args, pattern] of errors) {
    it(`fails with one line and exit code 1: ${name}`, async () => {
      const r = await assess(args)
      expect(r.code).toBe(1)
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
      expect(r.stderr).toMatch(pattern)
      expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/)
    })
  }

  it('malformed JSON input and malformed scenario JSON are one line each', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'assess-'))
    const bad = join(dir, 'broken.geojson')
    writeFileSync(bad, '{"type": "FeatureCollection", ')
    const r1 = await assess(['--in', bad])
    expect(r1.code).toBe(1)
    expect(r1.stderr).toMatch(/^assess: broken\.geojson is not valid JSON/)
    const sc = join(dir, 'broken.json')
    writeFileSync(sc, '{"name": "x", "measures": ["envelope",]}')
    const r2 = await assess(['--in', DISTRICT, '--scenario', sc])
    expect(r2.code).toBe(1)
    expect(r2.stderr).toMatch(/^assess: scenario: not valid JSON/)
    expect(r2.stderr.trim().split('\n')).toHaveLength(1)
  })
})
