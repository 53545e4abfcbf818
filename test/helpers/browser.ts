import { existsSync } from 'node:fs'

import { chromium, type Browser, type Page } from 'playwright-core'

import type { BuildingFeature, DistrictDataset } from '@/domain/buildings/types'

/** Debian's Chromium; tests never download a browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Launch headless Chromium with SwiftShader WebGL (software rendering, as on CI). */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: install Debian's "chromium" (.ci/run does)`,
    )
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--ignore-gpu-blocklist',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  })
}

/** Collect page errors and console errors so tests can assert none happened. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`)
  })
  return errors
}

/** Wait until the twin reports its first full frame. */
export async function waitForTwinReady(page: Page, timeoutMs = 90_000): Promise<void> {
  await page.waitForFunction(() => window.__twin?.ready === true, undefined, {
    timeout: timeoutMs,
    polling: 100,
  })
}

/** The dashboard's figures and then their ranges (which follow the figures) are in. */
export async function dashboardSettled(page: Page, timeoutMs = 90_000): Promise<void> {
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="dashboard"]')?.getAttribute('aria-busy') === 'false' &&
      document.querySelector('[data-testid="dashboard-ranges"]')?.getAttribute('data-ready') ===
        'true',
    undefined,
    { timeout: timeoutMs },
  )
}

/** Fraction of sampled canvas pixels that differ from the most common colour. */
export async function canvasVariety(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvas = document.querySelector('canvas')
    if (!canvas) return 0
    const copy = document.createElement('canvas')
    copy.width = 200
    copy.height = 150
    const ctx = copy.getContext('2d')
    if (!ctx) return 0
    ctx.drawImage(canvas, 0, 0, copy.width, copy.height)
    const data = ctx.getImageData(0, 0, copy.width, copy.height).data
    const counts = new Map<number, number>()
    for (let i = 0; i < data.length; i += 4) {
      const key =
        ((data[i] ?? 0) >> 3) * 1024 + ((data[i + 1] ?? 0) >> 3) * 32 + ((data[i + 2] ?? 0) >> 3)
      counts.set(key, (counts.get(key) ?? 0) + 1)
    }
    const top = Math.max(...counts.values())
    return 1 - top / (data.length / 4)
  })
}

/**
 * The tallest building whose roof point a click would reach (on screen, no panel over it, no block
 * in front of it), with that point.
 */
export async function tallestOnScreen(
  page: Page,
  dataset: DistrictDataset,
): Promise<{ id: string; x: number; y: number } | null> {
  const byHeight = dataset.features
    .filter((f): f is BuildingFeature => f.properties.kind === 'building')
    .sort((a, b) => b.properties.height_m - a.properties.height_m)
  // The view may still be settling (a resize of its region, a camera flight): wait until the
  // tallest block's roof point holds still, so a tap lands where it was measured.
  let last: { id: string; x: number; y: number } | null = null
  for (let attempt = 0; attempt < 20; attempt++) {
    let found: { id: string; x: number; y: number } | null = null
    for (const f of byHeight) {
      const p = await page.evaluate((id) => window.__twin.clickablePointOf(id), f.properties.id)
      if (p) {
        found = { id: f.properties.id, ...p }
        break
      }
    }
    if (
      found &&
      last &&
      found.id === last.id &&
      Math.abs(found.x - last.x) < 1 &&
      Math.abs(found.y - last.y) < 1
    )
      return found
    last = found
    await page.waitForTimeout(250)
  }
  return last
}

/** Decode a PNG (e.g. a screenshot) with the page's own image decoder: RGBA bytes and size. */
export async function decodePng(
  page: Page,
  png: Buffer,
): Promise<{ data: number[]; width: number; height: number }> {
  return page.evaluate(async (b64) => {
    const img = new Image()
    img.src = `data:image/png;base64,${b64}`
    await img.decode()
    const c = document.createElement('canvas')
    c.width = img.width
    c.height = img.height
    const ctx = c.getContext('2d')
    ctx?.drawImage(img, 0, 0)
    const data = ctx?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray()
    return { data: [...data], width: c.width, height: c.height }
  }, png.toString('base64'))
}

/**
 * Share of pixels whose red + green channels differ by more than `threshold` between two PNGs
 * of the same size, computed in the page (shipping millions of channel values out is slow).
 */
export async function changedPixelShare(
  page: Page,
  a: Buffer,
  b: Buffer,
  threshold = 40,
): Promise<number> {
  return page.evaluate(
    async ({ a64, b64, threshold }) => {
      const pixels = async (b64: string) => {
        const img = new Image()
        img.src = `data:image/png;base64,${b64}`
        await img.decode()
        const c = document.createElement('canvas')
        c.width = img.width
        c.height = img.height
        const ctx = c.getContext('2d')
        ctx?.drawImage(img, 0, 0)
        return ctx?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray()
      }
      const [da, db] = [await pixels(a64), await pixels(b64)]
      let changed = 0
      for (let i = 0; i < da.length; i += 4) {
        const d =
          Math.abs((da[i] ?? 0) - (db[i] ?? 0)) + Math.abs((da[i + 1] ?? 0) - (db[i + 1] ?? 0))
        if (d > threshold) changed++
      }
      return changed / Math.max(1, da.length / 4)
    },
    { a64: a.toString('base64'), b64: b.toString('base64'), threshold },
  )
}
