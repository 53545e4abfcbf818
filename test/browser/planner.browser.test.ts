import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'

import { TEST_OUTPUT, TwinHarness } from '../helpers/harness'
import { readPdf } from '../helpers/pdf'

const twin = new TwinHarness({ district: [160, 11] })
const DATA = TwinHarness.path('district')

/** The downloaded file's text, after a click on `testId`. */
async function download(page: Page, testId: string): Promise<string> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(testId).click(),
  ])
  const path = await file.path()
  return readFile(path, 'utf8')
}

const coloursOf = (page: Page, ids: readonly string[]) =>
  page.evaluate((list) => list.map((id) => window.__twin.colourOf(id)?.join(',') ?? ''), ids)

// One walk through the whole path (plan, exports, playback, editor, presenting, pack): longer
// than the default timeout on a loaded machine.
describe('goal-seeking planner', () => {
  it('plans a target within a budget, plays it back on the blocks, exports it and hands it to the editor', async () => {
    const { page, errors } = await twin.open(`?data=${DATA}&colour=class_after`, {
      viewport: { width: 1440, height: 900 },
      downloads: true,
    })
    await page.getByTestId('planner-toggle').click()
    await page.getByTestId('planner-reduction').fill('30')
    await page.getByTestId('planner-from').fill('2026')
    await page.getByTestId('planner-by').fill('2028')
    await page.getByTestId('planner-budget').fill('3000000')
    await page.getByTestId('planner-run').click()
    // Planned in the district worker; generous: the engine runs once per package.
    await page.getByTestId('planner-verdict').waitFor({ timeout: 90_000 })
    const verdict =
      (await page.getByTestId('planner-verdict').locator('p').first().textContent()) ?? ''
    expect(verdict).toMatch(/2028/)
    expect(await page.getByTestId('plan-trajectory').locator('circle').count()).toBe(4)
    expect(await page.getByTestId('plan-mac').locator('rect').count()).toBeGreaterThan(0)
    await page.screenshot({ path: join(TEST_OUTPUT, 'planner-1440x900.png') })

    // The exported plan says which block is done in which year.
    const json = JSON.parse(await download(page, 'planner-json')) as {
      steps: { id: string; year: number }[]
      by_year: { year: number; spend_eur: number }[]
      attribution: string
    }
    expect(json.attribution).toBe('© OpenStreetMap contributors')
    expect(json.by_year.every((y) => y.spend_eur <= 3_000_000)).toBe(true)
    const csv = await download(page, 'planner-csv')
    expect(csv.split('\n')[0]).toBe(
      'id,year,measures,cost_eur,co2_saved_t_a,primary_saved_mwh_a,mac_eur_per_t',
    )
    expect(csv).toContain('© OpenStreetMap contributors')
    const first = json.steps.filter((s) => s.year === 2026).map((s) => s.id)
    const second = json.steps.filter((s) => s.year === 2027).map((s) => s.id)
    expect(first.length).toBeGreaterThan(0)
    expect(second.length).toBeGreaterThan(0)

    // Play back by keyboard: today, then 2026, then 2027; each year recolours its own blocks.
    const slider = page.getByTestId('planner-year')
    const label = page.getByTestId('planner-year-label')
    await slider.focus()
    await page.keyboard.press('Home')
    await expect.poll(() => label.textContent()).toContain('Today: 0 blocks')
    const today = await expect
      .poll(() => coloursOf(page, [...first, ...second]), { timeout: 20_000 })
      .not.toContain('')
      .then(() => coloursOf(page, [...first, ...second]))
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => label.textContent()).toContain('2026')
    await expect
      .poll(async () => (await coloursOf(page, first)).some((c, i) => c !== today[i]), {
        timeout: 20_000,
      })
      .toBe(true)
    // 2027's blocks are still as they are today.
    expect(await coloursOf(page, second)).toEqual(today.slice(first.length))
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => label.textContent()).toContain('2027')
    await expect
      .poll(
        async () => (await coloursOf(page, second)).some((c, i) => c !== today[first.length + i]),
        { timeout: 20_000 },
      )
      .toBe(true)

    // Screenshots at the other sizes the app is used at, with the results on screen.
    for (const [width, height] of [
      [390, 844],
      [1920, 1080],
      [1080, 1920],
    ] as const) {
      await page.setViewportSize({ width, height })
      await page.screenshot({ path: join(TEST_OUTPUT, `planner-${width}x${height}.png`) })
    }
    await page.setViewportSize({ width: 1440, height: 900 })

    // The plan becomes the scenario: the editor opens on it and the figures follow.
    await page.getByTestId('planner-use').click()
    const name = page.getByTestId('scenario-editor').getByLabel('Scenario name')
    await expect.poll(() => name.inputValue()).toBe('Plan: CO₂ emissions −30 % by 2028')

    // Presenting: the plan is one button away, to show and play back, not to edit.
    await page.getByTestId('story-toggle').click()
    await page.getByTestId('story-save').click()
    await page.getByTestId('story-present').click()
    await page.getByTestId('presenter-plan').click()
    await page.getByTestId('planner-year').waitFor()
    expect(await page.getByTestId('planner-run').count()).toBe(0)
    expect(await page.getByTestId('planner-use').count()).toBe(0)
    await page.screenshot({ path: join(TEST_OUTPUT, 'planner-presenting-1440x900.png') })
    await page.getByTestId('presenter-exit').click()

    // The council pack has a page for the plan, with both charts' titles and the verdict.
    await page.getByTestId('story-toggle').click()
    const [pack] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      page.getByTestId('story-pack').click(),
    ])
    const pdf = await readPdf(await pack.path())
    // Title, the one view, the plan, methods.
    expect(pdf.pages).toBe(4)
    const planPage = (pdf.pageTexts[2] ?? '').replace(/\s+/g, ' ')
    expect(planPage).toContain('Goal-seeking planner')
    expect(planPage).toContain('Marginal abatement cost curve')
    expect(planPage).toContain(verdict)
    expect(await page.evaluate(() => window.__twin.missingKeys())).toEqual([])
    expect(errors).toEqual([])
    await page.context().close()
  }, 300_000)

  it('plans only with the measures and packages allowed in the constraints, by keyboard', async () => {
    const { page, errors } = await twin.open(`?data=${DATA}`, {
      viewport: { width: 1440, height: 900 },
      downloads: true,
    })
    await page.getByTestId('planner-toggle').click()
    await page.getByTestId('planner-budget').fill('3000000')
    await page.getByTestId('planner-by').fill('2027')
    await page.getByTestId('planner-constraints').click()
    // Heat pumps left out: every package with one is switched off with it.
    await page.getByTestId('planner-measure-heat_pump').uncheck()
    expect(await page.getByTestId('planner-package-envelope+heat_pump').isDisabled()).toBe(true)
    // Of the rest only roof and windows, one unticked by keyboard (focus, space).
    const allowed = ['roof', 'windows']
    for (const box of await page
      .getByTestId('planner-package')
      .locator('input:not(:disabled)')
      .all()) {
      const id = ((await box.getAttribute('data-testid')) ?? '').replace('planner-package-', '')
      if (allowed.includes(id) || !(await box.isChecked())) continue
      await box.focus()
      await page.keyboard.press('Space')
      expect(await box.isChecked()).toBe(false)
    }
    for (const [width, height] of [
      [1440, 900],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width, height })
      await page.getByTestId('planner-package').scrollIntoViewIfNeeded()
      await page.screenshot({
        path: join(TEST_OUTPUT, `planner-constraints-${width}x${height}.png`),
      })
    }
    await page.setViewportSize({ width: 1440, height: 900 })
    await page.getByTestId('planner-run').click()
    await page.getByTestId('planner-verdict').waitFor({ timeout: 90_000 })
    const json = JSON.parse(await download(page, 'planner-json')) as {
      steps: { measures: string[] }[]
    }
    expect(json.steps.length).toBeGreaterThan(0)
    // The worker planned with exactly the allowed packages.
    for (const s of json.steps) expect(allowed).toContain(s.measures.join('+'))
    expect(await page.evaluate(() => window.__twin.missingKeys())).toEqual([])
    expect(errors).toEqual([])
    await page.context().close()
  }, 200_000)
})
