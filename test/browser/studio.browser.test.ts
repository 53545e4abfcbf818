import { execFile } from 'node:child_process'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'

import type { BuildingFeature } from '@/domain/buildings/types'

import { changedPixelShare, decodePng, watchErrors } from '../helpers/browser'
import { REPO_ROOT } from '../helpers/datasets'
import { TwinHarness } from '../helpers/harness'

const run = promisify(execFile)
const twin = new TwinHarness({ district: [160, 5] })
const DATA = TwinHarness.path('district')
const VIEWPORT = { width: 1400, height: 900 }

const apartments = () =>
  twin
    .district('district')
    .dataset.features.filter(
      (f): f is BuildingFeature =>
        f.properties.kind === 'building' && f.properties.type === 'apartments',
    )

async function open(query = ''): Promise<Page> {
  return (await twin.open(`?data=${DATA}${query}`, { viewport: VIEWPORT, downloads: true })).page
}

const energyReady = (page: Page) =>
  page.waitForFunction(() => {
    const d = document.querySelector('[data-testid="dashboard"]')
    return d !== null && d.getAttribute('aria-busy') === 'false'
  })

const kpi = (page: Page, key: string) => page.getByTestId(`kpi-${key}`).textContent()

describe('scenario studio', () => {
  it('recolours only the blocks a measure touches, and the dashboard follows', async () => {
    const page = await open('&colour=class_after')
    const errors = watchErrors(page)
    await energyReady(page)
    const [a, b] = apartments()
    expect(a && b).toBeTruthy()
    if (!a || !b) return
    // Start from "no measures": after = today everywhere.
    await page.getByTestId('editor-toggle').click()
    await page.getByTestId('measure-envelope').uncheck()
    await expect.poll(() => kpi(page, 'investment'), { timeout: 20_000 }).toMatch(/^0 €/)
    const beforeA = await page.evaluate((id) => window.__twin.colourOf(id), a.properties.id)
    const beforeB = await page.evaluate((id) => window.__twin.colourOf(id), b.properties.id)
    // Apply the full envelope to block A alone.
    await page.evaluate((id) => window.__twin.select(id), a.properties.id)
    await page.getByTestId('scope-selection').check()
    await page.getByTestId('measure-envelope').check()
    // The inspector takes the dashboard's place while a block is selected.
    await page.evaluate(() => window.__twin.select(null))
    await expect.poll(() => kpi(page, 'investment'), { timeout: 20_000 }).not.toMatch(/^0 €/)
    // Read back from the GPU: the new colours arrive with the next drawn frame.
    await expect
      .poll(() => page.evaluate((id) => window.__twin.colourOf(id), a.properties.id), {
        timeout: 20_000,
      })
      .not.toEqual(beforeA)
    expect(await page.evaluate((id) => window.__twin.colourOf(id), b.properties.id)).toEqual(
      beforeB,
    )
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('the inspector asks the worker once per edit, and the ranges follow the figures', async () => {
    // Counts every request the page posts to a worker, by type.
    const count = `window.__requests = []
      const post = Worker.prototype.postMessage
      Worker.prototype.postMessage = function (m) {
        if (m && typeof m.type === 'string') window.__requests.push(m.type)
        return post.apply(this, arguments)
      }`
    const { page } = await twin.open(`?data=${DATA}`, { viewport: VIEWPORT, initScripts: [count] })
    const errors = watchErrors(page)
    await energyReady(page)
    const requests = (type: string) =>
      page.evaluate(
        (t) => (window as unknown as { __requests: string[] }).__requests.filter((x) => x === t),
        type,
      )
    const [a] = apartments()
    if (!a) throw new Error('no apartment block')
    await page.evaluate((id) => window.__twin.select(id), a.properties.id)
    await page.getByTestId('energy-details').waitFor()
    const inspects = (await requests('inspect')).length
    expect(inspects).toBeGreaterThan(0)
    for (const k of [1, 2]) {
      // The envelope toggled through the store, as the editor does (the inspector stays in view),
      // timed by the bench until the new colours are uploaded.
      await page.evaluate(() => window.__twin.bench.editMeasure())
      await expect.poll(async () => (await requests('inspect')).length).toBe(inspects + k)
    }
    // settled: no further inspect request came
    await page.waitForTimeout(1500)
    expect((await requests('inspect')).length).toBe(inspects + 2)
    // the dashboard's ranges are asked for after the figures and arrive
    await page.evaluate(() => window.__twin.select(null))
    await energyReady(page)
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="dashboard-ranges"]')?.getAttribute('data-ready') ===
        'true',
      undefined,
      { timeout: 60_000 },
    )
    expect((await requests('ranges')).length).toBeGreaterThan(0)
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('shows two different colourings either side of the swipe divider', async () => {
    const page = await open()
    await energyReady(page)
    const canvas = page.locator('.view-3d canvas')
    await page.getByTestId('compare-swipe').check()
    const shot = async (x: number) => {
      await page.evaluate((v) => {
        const input = document.querySelector<HTMLInputElement>('.compare-control input[type=range]')
        if (!input) throw new Error('no divider slider')
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set
        setter?.call(input, String(v))
        input.dispatchEvent(new Event('input', { bubbles: true }))
      }, x)
      await page.waitForTimeout(400)
      return canvas.screenshot()
    }
    const mostlyBefore = await shot(95)
    const mostlyAfter = await shot(5)
    expect(mostlyBefore.equals(mostlyAfter)).toBe(false)
    // Compare pixels: a real recolouring changes a good share of the image.
    const diff = await changedPixelShare(page, mostlyBefore, mostlyAfter)
    expect(diff).toBeGreaterThan(0.01)
    await page.context().close()
  })

  it('drags the swipe divider with no store write and no colour upload until release', async () => {
    const page = await open()
    await energyReady(page)
    await page.getByTestId('compare-swipe').check()
    const canvas = page.locator('.view-3d canvas')
    const counts = () =>
      page.evaluate(() => ({
        uploads: window.__twin.colourUploads(),
        writes: window.__twin.storeWrites(),
      }))
    // Let start-up recolours finish: the counts hold still over half a second.
    await expect
      .poll(
        async () => {
          const a = await counts()
          await page.waitForTimeout(500)
          return JSON.stringify(a) === JSON.stringify(await counts())
        },
        { timeout: 30_000 },
      )
      .toBe(true)
    const view = await page.locator('.view-3d').boundingBox()
    const handle = await page.locator('.swipe-handle').boundingBox()
    if (!view || !handle) throw new Error('no 3D view or divider handle')
    const y = handle.y + handle.height / 2
    const before = await counts()
    await page.mouse.move(handle.x + handle.width / 2, y)
    await page.mouse.down()
    await page.mouse.move(view.x + view.width * 0.8, y, { steps: 8 })
    const right = await canvas.screenshot()
    await page.mouse.move(view.x + view.width * 0.2, y, { steps: 8 })
    // The frame loop reads the dragged divider: the split moves while the button is down.
    await expect
      .poll(async () => changedPixelShare(page, right, await canvas.screenshot()), {
        timeout: 20_000,
      })
      .toBeGreaterThan(0.01)
    expect(await counts()).toEqual(before)
    await page.mouse.up()
    // Released: the store takes the settled position (the keyboard slider shows it).
    await expect
      .poll(() => page.locator('.compare-control input[type=range]').inputValue())
      .toBe('20')
    expect((await counts()).uploads).toBe(before.uploads)
    await page.context().close()
  })

  it('restores the same view from a copied URL in a fresh page', async () => {
    const page = await open()
    await energyReady(page)
    const target = apartments()[3]?.properties.id ?? ''
    await page.evaluate((id) => window.__twin.select(id), target)
    await page.getByTestId('colouring').selectOption('saving')
    await page.locator('.view-3d canvas').focus()
    await page.keyboard.press('Shift+ArrowLeft')
    await page.keyboard.press('+')
    await page.getByTestId('editor-toggle').click()
    await page.getByTestId('measure-heat_pump').check()
    await page.waitForTimeout(700) // the URL is written 200 ms after the last change
    const url = page.url()
    const camera = await page.evaluate(() => window.__twin.camera())
    const { page: fresh } = await twin.open(url.slice(twin.server.url.length + 1), {
      viewport: VIEWPORT,
    })
    expect(await fresh.evaluate(() => window.__twin.selectedId())).toBe(target)
    expect(await fresh.getByTestId('colouring').inputValue()).toBe('saving')
    const restored = await fresh.evaluate(() => window.__twin.camera())
    expect(restored?.distanceM).toBeCloseTo(camera?.distanceM ?? 0, 0)
    expect(restored?.azimuthRad).toBeCloseTo(camera?.azimuthRad ?? 0, 3)
    await fresh.getByTestId('editor-toggle').click()
    expect(await fresh.getByTestId('measure-heat_pump').isChecked()).toBe(true)
    await fresh.context().close()
    await page.context().close()
  })

  it('exports the same CSV as npm run assess for the same scenario', async () => {
    const page = await open()
    await energyReady(page)
    await page.getByTestId('editor-toggle').click()
    await page.getByTestId('measure-pv').check()
    await energyReady(page)
    // the URL follows the scenario 200 ms after it changed
    await page.waitForFunction(() => {
      const scn = new URLSearchParams(location.search).get('scn') ?? ''
      return atob(scn.replace(/-/g, '+').replace(/_/g, '/')).includes('"pv"')
    })
    const scenario = await page.evaluate(() => {
      const scn = new URLSearchParams(location.search).get('scn') ?? ''
      return atob(scn.replace(/-/g, '+').replace(/_/g, '/'))
    })
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-csv').click(),
    ])
    const csv = await readFile((await download.path()) ?? '', 'utf8')
    const dir = await mkdtemp(join(tmpdir(), 'twin-assess-'))
    const scenarioPath = join(dir, 'scenario.json')
    await writeFile(
      scenarioPath,
      new TextDecoder().decode(Uint8Array.from(scenario, (c) => c.charCodeAt(0))),
    )
    const out = join(dir, 'out.csv')
    await run(
      'npx',
      [
        'tsx',
        'scripts/assess.ts',
        '--in',
        twin.district('district').path,
        '--scenario',
        scenarioPath,
        '--format',
        'csv',
        '--out',
        out,
      ],
      { cwd: REPO_ROOT },
    )
    const expected = await readFile(out, 'utf8')
    expect(csv.split('\n').length).toBeGreaterThan(10)
    expect(csv).toBe(expected)
    await page.context().close()
  })

  it('keeps the selection when switching to the plan view', async () => {
    const page = await open()
    const planReady = async () => {
      await page.getByTestId('plan-view').waitFor()
      await page.waitForFunction(
        () => (window as unknown as { __plan?: unknown }).__plan !== undefined,
      )
      await page.waitForTimeout(1500)
    }
    const centreOf = (f: BuildingFeature): number[] => {
      const ring =
        f.geometry.type === 'Polygon' ? f.geometry.coordinates[0] : f.geometry.coordinates[0]?.[0]
      const corners = (ring ?? []).slice(0, 4)
      return [0, 1].map((k) => corners.reduce((sum, p) => sum + (p[k] ?? 0), 0) / 4)
    }
    // A plain rectangle (its vertex average lies on the roof) that the plan view shows with the
    // inspector open: the plan fills only the free region beside the side panel.
    const rectangles = apartments().filter(
      (f) =>
        f.geometry.type === 'Polygon' &&
        f.geometry.coordinates.length === 1 &&
        f.geometry.coordinates[0]?.length === 5,
    )
    await page.evaluate((id) => window.__twin.select(id), rectangles[0]?.properties.id ?? null)
    await page.getByTestId('view-toggle').click()
    await planReady()
    const box = await page.getByTestId('plan-view').boundingBox()
    const inView: boolean[] = []
    for (const f of rectangles) {
      const p = await page.evaluate(
        (c) =>
          (
            window as unknown as { __plan: { project(p: number[]): number[] | null } }
          ).__plan.project(c),
        centreOf(f),
      )
      inView.push(
        !!p &&
          !!box &&
          (p[0] ?? 0) > box.x + 20 &&
          (p[0] ?? 0) < box.x + box.width - 20 &&
          (p[1] ?? 0) > box.y + 20 &&
          (p[1] ?? 0) < box.y + box.height - 20,
      )
    }
    const target = rectangles.find((_, i) => inView[i])
    if (!target) throw new Error('no rectangular apartment block in the plan view')
    await page.getByTestId('view-toggle').click()
    await page.locator('.view-3d canvas').waitFor()
    await page.evaluate((id) => window.__twin.select(id), target.properties.id)
    await page.getByTestId('view-toggle').click()
    await planReady()
    expect(await page.getByTestId('inspector-id').textContent()).toBe(target.properties.id)
    // The selected footprint is drawn in the highlight colour in the plan view.
    const xy = await page.evaluate(
      (p) =>
        (window as unknown as { __plan: { project(p: number[]): number[] | null } }).__plan.project(
          p,
        ),
      centreOf(target),
    )
    expect(xy).not.toBeNull()
    const png = await page.screenshot({
      clip: { x: (xy?.[0] ?? 0) - 1, y: (xy?.[1] ?? 0) - 1, width: 3, height: 3 },
    })
    // The centre pixel of the 3×3 clip.
    const pixel = (await decodePng(page, png)).data.slice(16, 20)
    // Magenta highlight (255, 43, 214), allowing for lighting and blending.
    expect(pixel[0]).toBeGreaterThan(200)
    expect(pixel[1]).toBeLessThan(120)
    expect(pixel[2]).toBeGreaterThan(160)
    // The scale bar follows the plan view: its metres per pixel match the plan's own projection
    // of a point 100 m east of the view's centre (the plan keeps the 3D tilt, so the scale holds
    // at the centre only).
    const centre =
      (await page.evaluate(() =>
        (window as unknown as { __plan: { centre(): number[] | null } }).__plan.centre(),
      )) ?? []
    const east = [
      (centre[0] ?? 0) + 100 / (111_320 * Math.cos(((centre[1] ?? 0) * Math.PI) / 180)),
      centre[1] ?? 0,
    ]
    const projected = await page.evaluate(
      (pts) =>
        pts.map((p) =>
          (
            window as unknown as { __plan: { project(p: number[]): number[] | null } }
          ).__plan.project(p),
        ),
      [centre, east],
    )
    const [a, b] = projected
    const pxPer100m = Math.hypot((b?.[0] ?? 0) - (a?.[0] ?? 0), (b?.[1] ?? 0) - (a?.[1] ?? 0))
    const scale = await page.evaluate(() => ({
      px: parseFloat(
        document.querySelector<HTMLElement>('[data-testid="scale-bar"]')?.style.width ?? '',
      ),
      metres: Number(
        document.querySelector<HTMLElement>('[data-testid="scale-label"]')?.dataset['metres'],
      ),
    }))
    expect(scale.metres / scale.px / (100 / pxPer100m)).toBeCloseTo(1, 1)
    await page.context().close()
  })

  it('lets a lasso in the plan view choose the blocks a scenario applies to', async () => {
    const page = await open()
    await energyReady(page)
    await page.getByTestId('view-toggle').click()
    await page.getByTestId('plan-view').waitFor()
    await page.waitForTimeout(1000)
    await page.getByTestId('lasso-toggle').click()
    await page.getByTestId('lasso-layer').waitFor()
    const ring: [number, number][] = [
      [500, 350],
      [900, 350],
      [900, 650],
      [500, 650],
    ]
    await page.mouse.move(ring[0]![0], ring[0]![1])
    await page.mouse.down()
    for (const [x, y] of [...ring.slice(1), ring[0]!]) await page.mouse.move(x, y, { steps: 5 })
    await page.mouse.up()
    const notice = (await page.getByTestId('notice').textContent()) ?? ''
    const count = Number(/(\d+)/.exec(notice)?.[1] ?? '0')
    expect(count).toBeGreaterThan(0)
    expect(count).toBeLessThan(apartments().length + 200)
    await expect
      .poll(
        () =>
          page
            .getByTestId('dashboard')
            .isVisible()
            .catch(() => false),
        { timeout: 20_000 },
      )
      .toBe(true)
    await page.context().close()
  })
})
