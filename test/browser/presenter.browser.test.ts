import { mkdtemp, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'

import { CURATED_SCENARIOS } from '@/state/slices/scenarioSlice'
import { en } from '@/ui/locales/en'
import { hu } from '@/ui/locales/hu'
import { ro } from '@/ui/locales/ro'

import { dashboardSettled, waitForTwinReady } from '../helpers/browser'
import { readPdf } from '../helpers/pdf'
import { TEST_OUTPUT, TwinHarness } from '../helpers/harness'

const twin = new TwinHarness({ district: [140, 9] })
const DATA = TwinHarness.path('district')

async function open(query = ''): Promise<Page> {
  const opened = await twin.open(`?data=${DATA}${query}`, {
    viewport: { width: 1400, height: 900 },
    downloads: true,
  })
  return opened.page
}

/** Controls that edit, export or open things: none may be on the projector while presenting. */
const EDITING = [
  'editor-toggle',
  'story-toggle',
  'story-panel',
  'story-pack',
  'dashboard',
  'export-csv',
  'colouring',
  'view-toggle',
  'inspector',
]

const leaves = (o: object): string[] =>
  Object.values(o).flatMap((v) =>
    typeof v === 'object' && v !== null ? leaves(v as object) : [String(v)],
  )
/** The literal parts of a message around its {{placeholders}}, long enough to be telling. */
const fragments = (m: string) =>
  m
    .split(/\{\{[^}]+\}\}/)
    .map((f) => f.trim())
    .filter((f) => f.length >= 6)

/** English text that the other language never uses: finding it in that pack means untranslated. */
function englishOnly(other: object): string[] {
  const theirs = leaves(other).join('\n')
  return [...leaves(en).flatMap(fragments), ...CURATED_SCENARIOS.map((c) => c.name)].filter(
    (f) => !theirs.includes(f),
  )
}

/** Make the council pack and read it back: size, pages and text (spaces normalised). */
async function makePack(page: Page): Promise<{ bytes: number; pages: number; text: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 120_000 }),
    page.getByTestId('story-pack').click(),
  ])
  const dir = await mkdtemp(join(tmpdir(), 'twin-pack-'))
  const pdf = join(dir, 'pack.pdf')
  await download.saveAs(pdf)
  const { pages, text } = await readPdf(pdf)
  return { bytes: (await stat(pdf)).size, pages, text: text.replace(/\s+/g, ' ') }
}

describe('presenter mode', () => {
  it('steps through saved views with the keyboard and flies the camera', async () => {
    const page = await open()
    await page.getByTestId('story-toggle').click()
    await page.getByTestId('story-save').click()
    await page.locator('.view-3d canvas').focus()
    await page.keyboard.press('Shift+ArrowRight')
    await page.keyboard.press('+')
    await page.keyboard.press('+')
    await page.waitForTimeout(400) // camera commits 250 ms after the last move
    await page.getByTestId('story-save').click()
    const second = await page.evaluate(() => window.__twin.camera())
    await page.getByTestId('story-present').click()
    await page.getByTestId('presenter-bar').waitFor()
    expect(await page.getByTestId('presenter-view').textContent()).toBe('View 1')
    // The projector shows the view, its caption and figures, and the step controls only.
    for (const id of EDITING) expect(await page.getByTestId(id).count(), id).toBe(0)
    expect(await page.locator('.toolbar, .compare-control, .scenario-editor').count()).toBe(0)
    expect(await page.getByTestId('presenter-figures').textContent()).toMatch(/\d/)
    await page.keyboard.press('PageDown') // what a presentation clicker sends
    expect(await page.getByTestId('presenter-view').textContent()).toBe('View 2')
    await expect
      .poll(async () => (await page.evaluate(() => window.__twin.camera()))?.distanceM, {
        timeout: 5_000,
      })
      .toBeCloseTo(second?.distanceM ?? 0, 0)
    await page.keyboard.press('Escape')
    await page.getByTestId('presenter-bar').waitFor({ state: 'detached' })
    await page.context().close()
  })

  it('exports a council pack of 5 views under 2 MB, translated in ro and hu, with a methods page', async () => {
    const page = await open('&lang=ro')
    await dashboardSettled(page, 60_000)
    await page.getByTestId('story-toggle').click()
    await page.getByTestId('story-save').click() // View 1: default scenario
    await page.getByTestId('editor-toggle').click() // replaces the story panel on the left
    const envelopeOnly = await page.getByTestId('kpi-investment').textContent()
    await page.getByTestId('measure-heat_pump').check()
    await expect
      .poll(() => page.getByTestId('kpi-investment').textContent(), { timeout: 60_000 })
      .not.toBe(envelopeOnly)
    await dashboardSettled(page, 60_000)
    await page.getByTestId('story-toggle').click()
    await page.getByTestId('story-save').click() // View 2: with heat pumps
    const shown = {
      investment: (await page.getByTestId('kpi-investment').textContent())?.trim() ?? '',
      co2: (await page.getByTestId('kpi-co2').textContent())?.trim() ?? '',
      primary: (await page.getByTestId('kpi-primary').textContent())?.trim() ?? '',
    }
    for (const colouring of ['class_after', 'saving', 'co2']) {
      await page.getByTestId('colouring').selectOption(colouring)
      await page.getByTestId('story-save').click() // Views 3 to 5
    }

    const roPack = await makePack(page)
    expect(roPack.pages).toBe(7) // title, 5 views, methods
    expect(roPack.bytes).toBeLessThanOrEqual(2 * 1024 * 1024)
    for (const value of Object.values(shown)) {
      expect(value).not.toBe('')
      expect(roPack.text).toContain(value)
    }
    expect(roPack.text).toContain('Vederea 5')
    expect(roPack.text).toContain('Metode și limite')
    expect(roPack.text).toContain('140 de clădiri') // Romanian plural for 20 and more
    expect(roPack.text).toContain('contributorii OpenStreetMap')
    expect(englishOnly(ro).filter((f) => roPack.text.includes(f))).toEqual([])

    await page.getByTestId('language').selectOption('hu')
    const huPack = await makePack(page)
    expect(huPack.pages).toBe(7)
    expect(huPack.text).toContain('Módszerek és korlátok')
    expect(huPack.text).toContain('140 épület')
    expect(englishOnly(hu).filter((f) => huPack.text.includes(f))).toEqual([])
    expect(await page.evaluate(() => window.__twin.missingKeys())).toEqual([])
    await page.context().close()
  })
})

describe('offline', () => {
  it('reloads and renders the district with the network unplugged', async () => {
    const { page } = await twin.open(`?data=${DATA}`, { viewport: { width: 1024, height: 700 } })
    // The service worker installs on the first visit and claims the page; one more online
    // load then goes through it, so the dataset given by URL lands in its cache too.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 60_000,
    })
    await page.reload()
    await waitForTwinReady(page)
    await page.context().setOffline(true)
    await page.reload()
    await waitForTwinReady(page)
    const stats = await page.evaluate(() => window.__twin.stats())
    expect(stats.buildings).toBeGreaterThan(100)
    await page.screenshot({ path: join(TEST_OUTPUT, 'offline.png') })
    await page.context().close()
  })
})
