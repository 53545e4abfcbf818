import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'

import type { BuildingFeature } from '@/domain/buildings/types'

import { FIXTURE_STREETS, withAddresses } from '../helpers/datasets'
import { TwinHarness } from '../helpers/harness'

// A small district: every frame with shadows is drawn in software here.
const twin = new TwinHarness({ district: [30, 3] })
// The district with street addresses and one named building, as plain JSON (no columnar copy).
const DATA = '/fixtures/named.json'
const HALL = 'Casa de Cultură a Studenților'

const settle = (page: Page, ms = 400) => page.waitForTimeout(ms)

/** Keep the view's luminance (r+g+b per pixel) in the page, under `name`. */
const keepLuminance = (page: Page, name: string) =>
  page.evaluate((name) => {
    const canvas = document.querySelector<HTMLCanvasElement>('.view-3d canvas')
    if (!canvas) throw new Error('no 3D canvas')
    const copy = document.createElement('canvas')
    copy.width = canvas.width
    copy.height = canvas.height
    const ctx = copy.getContext('2d')
    if (!ctx) throw new Error('no 2D context')
    ctx.drawImage(canvas, 0, 0)
    const data = ctx.getImageData(0, 0, copy.width, copy.height).data
    const lum = new Uint16Array(data.length / 4)
    for (let i = 0; i < lum.length; i++)
      lum[i] = (data[4 * i] ?? 0) + (data[4 * i + 1] ?? 0) + (data[4 * i + 2] ?? 0)
    const w = window as unknown as { __shots?: Record<string, [Uint16Array, number]> }
    w.__shots = { ...w.__shots, [name]: [lum, copy.width] }
  }, name)

/** Mean column of the pixels much darker in shot `a` than in shot `b`, and how many there are. */
const darkerCentroidX = (page: Page, a: string, b: string) =>
  page.evaluate(
    ([a, b]) => {
      const shots = (window as unknown as { __shots: Record<string, [Uint16Array, number]> })
        .__shots
      const [la, width] = shots[a] ?? [new Uint16Array(), 1]
      const [lb] = shots[b] ?? [new Uint16Array()]
      let sum = 0
      let n = 0
      for (let i = 0; i < la.length; i++) {
        if ((lb[i] ?? 0) - (la[i] ?? 0) > 45) {
          sum += i % width
          n++
        }
      }
      return { x: n > 0 ? sum / n / width : NaN, n }
    },
    [a, b] as const,
  )

describe('a scene that reads as a place', () => {
  it('zooms toward the cursor, compass and scale bar follow the camera, the sun turns the shadows, the legend follows the view, names show when close', async () => {
    // Cluj's own clock, so 08:00 and 18:00 are morning and evening sun there.
    const named = withAddresses(structuredClone(twin.district('district').dataset))
    const hall = named.features.find((f) => f.properties.kind === 'building')
    if (hall?.properties.kind === 'building') hall.properties.name = HALL
    twin.server.files.set(DATA, JSON.stringify(named))
    const { page, errors } = await twin.open(`?data=${DATA}`, {
      viewport: { width: 1280, height: 800 },
      timezoneId: 'Europe/Bucharest',
    })

    // Zoom: wheel over a block far from the view's centre (all blocks' points in one call).
    const view = await page.getByTestId('view-region').boundingBox()
    if (!view) throw new Error('no view region')
    const centre = { x: view.x + view.width / 2, y: view.y + view.height / 2 }
    const ids = twin
      .district('district')
      .dataset.features.filter((f): f is BuildingFeature => f.properties.kind === 'building')
      .map((f) => f.properties.id)
    const points = await page.evaluate(
      (ids) => ids.map((id) => ({ id, p: window.__twin.screenPointOf(id) })),
      ids,
    )
    const far = points.flatMap(({ id, p }) =>
      p && Math.hypot(p.x - centre.x, p.y - centre.y) > 150 ? [{ id, ...p }] : [],
    )
    const target = far[0]
    expect(target).toBeDefined()
    if (!target) return
    const before = await page.evaluate(() => window.__twin.camera()?.distanceM ?? 0)
    await page.mouse.move(target.x, target.y)
    await page.mouse.wheel(0, -300)
    await expect
      .poll(() => page.evaluate(() => window.__twin.camera()?.distanceM ?? 0))
      .toBeLessThan(before * 0.8)
    await settle(page)
    const after = await page.evaluate(() => window.__twin.camera()?.distanceM ?? 0)
    const moved = await page.evaluate((id) => window.__twin.screenPointOf(id), target.id)
    expect(moved).not.toBeNull()
    const shift = Math.hypot((moved?.x ?? 0) - target.x, (moved?.y ?? 0) - target.y)
    // Zooming to the centre would push it outward by (zoom − 1) × its offset from the centre.
    const centreZoomShift =
      (before / after - 1) * Math.hypot(target.x - centre.x, target.y - centre.y)
    expect(shift).toBeLessThan(centreZoomShift * 0.25)

    // Scale bar: its length in metres over its width in pixels is the ground scale at the
    // centre; compass: the needle turns against the heading as the view rotates.
    const gauges = () =>
      page.evaluate(() => {
        const label = document.querySelector<HTMLElement>('[data-testid="scale-label"]')
        const bar = document.querySelector<HTMLElement>('[data-testid="scale-bar"]')
        const needle = document.querySelector<HTMLElement>('[data-testid="compass-needle"]')
        const canvas = document.querySelector('.view-3d canvas')
        const pose = window.__twin.camera()
        if (!label || !bar || !needle || !canvas || !pose) return null
        const m = new DOMMatrix(getComputedStyle(needle).transform)
        return {
          metresPerBarPx: Number(label.dataset['metres']) / bar.getBoundingClientRect().width,
          metresPerPx:
            (2 * pose.distanceM * Math.tan((22.5 * Math.PI) / 180)) /
            canvas.getBoundingClientRect().height,
          text: label.textContent,
          needleRad: Math.atan2(m.b, m.a),
          azimuthRad: pose.azimuthRad,
        }
      })
    const zoomed = await gauges()
    expect(zoomed).not.toBeNull()
    expect(zoomed?.text).toMatch(/^\d+ (m|km)$/)
    expect(zoomed?.metresPerBarPx).toBeCloseTo(zoomed?.metresPerPx ?? 0, 1)
    await page.locator('.view-3d canvas').focus()
    for (let i = 0; i < 6; i++) await page.keyboard.press('e')
    await settle(page)
    const turned = await gauges()
    expect(Math.abs((turned?.azimuthRad ?? 0) - (zoomed?.azimuthRad ?? 0))).toBeGreaterThan(0.4)
    expect(turned?.needleRad).toBeCloseTo(-(turned?.azimuthRad ?? 0), 2)

    // Sun: switch it on and move the time as a user would, then compare the light.
    await page.getByRole('button', { name: 'Home view' }).click()
    await settle(page)
    await page.getByTestId('sun-control').getByLabel('Sun and shadows').check()
    // This machine renders in software: the control says shadows may be slow.
    await expect.poll(() => page.getByTestId('sun-slow').isVisible()).toBe(true)
    const time = page.getByTestId('sun-control').locator('input[type=range]')
    const shotAt = async (name: string, minutes: number) => {
      await time.fill(String(minutes))
      await settle(page, 800)
      await keepLuminance(page, name)
    }
    await shotAt('morning', 8 * 60)
    await shotAt('evening', 18 * 60)
    // Where each image is darker than the other: shadows fall west in the morning, east at dusk.
    const darkMorning = await darkerCentroidX(page, 'morning', 'evening')
    const darkEvening = await darkerCentroidX(page, 'evening', 'morning')
    expect(darkMorning.n).toBeGreaterThan(200)
    expect(darkEvening.n).toBeGreaterThan(200)
    // The home view looks roughly north, so west is left of east on screen (x: share of width).
    expect(darkMorning.x).toBeLessThan(darkEvening.x - 0.015)

    // The legend names what is shown: today, after the scenario, or both sides of the swipe.
    const legend = page.getByTestId('legend')
    await expect.poll(() => legend.getByRole('heading').textContent()).toBe('Energy class today')
    await page.getByLabel('Show after the scenario').check()
    await expect
      .poll(() => legend.getByRole('heading').textContent())
      .toBe('Energy class after the scenario')
    await page.getByLabel('Swipe: today | after').check()
    await expect.poll(() => legend.getByRole('heading').textContent()).toBe('Energy class')
    expect(await legend.getByTestId('legend-sides').textContent()).toBe(
      'Left of the divider: today · right: after the scenario',
    )

    // Names: streets and the named building when close, none from far away.
    const labels = () => page.locator('.scene-label:not([hidden])').allTextContents()
    const known = new Set<string>(FIXTURE_STREETS)
    for (const f of named.features) if (f.properties.name) known.add(f.properties.name)
    await page.getByRole('button', { name: 'Home view' }).click()
    // Beside the swipe divider's handle, which sits at the centre.
    await page.mouse.move(centre.x - 150, centre.y)
    await page.mouse.wheel(0, -300)
    await expect.poll(async () => (await labels()).length, { timeout: 30_000 }).toBeGreaterThan(0)
    expect((await labels()).filter((text) => !known.has(text))).toEqual([])
    const distance = () => page.evaluate(() => window.__twin.camera()?.distanceM ?? 0)
    for (let i = 0; i < 20 && (await distance()) < 1500; i++) {
      await page.mouse.wheel(0, 600)
      await settle(page, 150)
    }
    expect(await distance()).toBeGreaterThan(1500)
    await expect.poll(labels, { timeout: 30_000 }).toEqual([])
    expect(errors).toEqual([])
    await page.context().close()
  })
})
