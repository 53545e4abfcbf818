import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

import { describe, expect, it } from 'vitest'

const run = promisify(execFile)
const DISTRICT = 'test/fixtures/energy/district.geojson'

async function cli(
  script: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', script, ...args], {
      maxBuffer: 64 * 1024 * 1024,
    })
    return { code: 0, stdout, stderr }
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string }
    return { code: err.code ?? -1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' }
  }
}

interface PlanJson {
  feasible: boolean
  shortfall: { message: string } | null
  steps: { id: string; year: number; measures: string[]; cost_eur: number }[]
  by_year: { year: number; spend_eur: number; co2_t_a: number; primary_mwh_a: number }[]
  scenario: unknown
}

describe('npm run plan', () => {
  it('writes a plan whose scenario npm run assess reproduces to 0.1 %', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-'))
    const out = join(dir, 'plan.json')
    const r = await cli('scripts/plan.ts', [
      '--in',
      DISTRICT,
      '--target',
      'co2:-55',
      '--by',
      '2028',
      '--from',
      '2026',
      '--budget-per-year',
      '150000',
      '--out',
      out,
    ])
    expect(r.code).toBe(0)
    const plan = JSON.parse(readFileSync(out, 'utf8')) as PlanJson
    expect(Object.keys(plan)).toEqual([
      'feasible',
      'target',
      'shortfall',
      'steps',
      'by_year',
      'scenario',
    ])
    expect(Object.keys(plan.steps[0] ?? {})).toEqual([
      'id',
      'year',
      'measures',
      'cost_eur',
      'co2_saved_t_a',
      'primary_saved_mwh_a',
      'mac_eur_per_t',
    ])
    // 150 k€ a year is not enough for −55 %: said in plain words, on stderr and in the file.
    expect(plan.feasible).toBe(false)
    expect(r.stderr).toContain(plan.shortfall?.message ?? '?')
    for (const y of plan.by_year) expect(y.spend_eur).toBeLessThanOrEqual(150_000)

    const scenario = join(dir, 'scenario.json')
    writeFileSync(scenario, JSON.stringify(plan.scenario))
    const a = await cli('scripts/assess.ts', ['--in', DISTRICT, '--scenario', scenario])
    expect(a.code).toBe(0)
    const byYear = (
      JSON.parse(a.stdout) as {
        totals: {
          by_year: {
            year: number
            investment_eur: number
            co2_t_a: number
            primary_mwh_a: number
          }[]
        }
      }
    ).totals.by_year
    expect(byYear.map((y) => y.year)).toEqual([2026, 2027, 2028])
    plan.by_year.forEach((y, k) => {
      const e = byYear[k]
      expect(Math.abs((e?.co2_t_a ?? 0) - y.co2_t_a)).toBeLessThanOrEqual(0.001 * y.co2_t_a)
      expect(Math.abs((e?.primary_mwh_a ?? 0) - y.primary_mwh_a)).toBeLessThanOrEqual(
        0.001 * y.primary_mwh_a,
      )
      expect(Math.abs((e?.investment_eur ?? 0) - y.spend_eur)).toBeLessThanOrEqual(
        0.001 * Math.max(1, y.spend_eur),
      )
    })
  }, 120_000)

  it('writes CSV to stdout', async () => {
    const r = await cli('scripts/plan.ts', [
      '--in',
      DISTRICT,
      '--target',
      'class:C',
      '--by',
      '2027',
      '--from',
      '2026',
      '--budget-total',
      '2000000',
      '--format',
      'csv',
    ])
    expect(r.code).toBe(0)
    expect(r.stdout.split('\n')[0]).toBe(
      'id,year,measures,cost_eur,co2_saved_t_a,primary_saved_mwh_a,mac_eur_per_t',
    )
  }, 60_000)

  it('fails in one line and leaves an existing output untouched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-bad-'))
    const out = join(dir, 'plan.json')
    writeFileSync(out, 'old')
    for (const args of [
      ['--target', 'co2:55', '--by', '2030', '--budget-per-year', '1'],
      ['--target', 'co2:-55', '--by', '2030', '--budget-per-year', 'lots'],
      ['--target', 'co2:-55', '--by', '2030', '--budget-per-year', '1', '--packages', 'gold'],
      ['--target', 'co2:-55', '--by', '2020', '--from', '2026', '--budget-per-year', '1'],
    ]) {
      const r = await cli('scripts/plan.ts', ['--in', DISTRICT, ...args, '--out', out])
      expect(r.code).toBe(1)
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
      expect(r.stderr).toMatch(/^plan: /)
      expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/)
    }
    expect(readFileSync(out, 'utf8')).toBe('old')
    expect(readdirSync(dir)).toEqual(['plan.json'])
  }, 180_000)
})
