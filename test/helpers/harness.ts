import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'

import type { Browser, BrowserContextOptions, Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'

import { launchBrowser, waitForTwinReady, watchErrors } from './browser'
import { importSyntheticDistrict, REPO_ROOT } from './datasets'

type ImportedDistrict = Awaited<ReturnType<typeof importSyntheticDistrict>>
import { serveStatic, type StaticServer } from './staticServer'

/** Where browser tests leave their screenshots. */
export const TEST_OUTPUT = join(REPO_ROOT, 'test-output')

/** A synthetic district for the harness to import: `[buildings, seed]`. */
export type DistrictSpec = readonly [count: number, seed: number]

export interface OpenOptions {
  viewport?: { width: number; height: number }
  touch?: boolean
  downloads?: boolean
  /** Wait for the first full frame before returning (default true). */
  ready?: boolean
  /** Scripts to run in the page before any of its own. */
  initScripts?: string[]
  /** The page's clock zone (e.g. the district's own, for sun times). */
  timezoneId?: string
  /** The browser's language (`navigator.languages`), e.g. `ro-RO`. */
  locale?: string
}

export interface OpenedPage {
  page: Page
  /** Page errors and console errors, as they happen. */
  errors: string[]
}

/**
 * The shared harness of every browser test file: the built app (`dist/`) on a real HTTP server
 * on 127.0.0.1, Debian's Chromium, and synthetic districts imported through the real importer
 * CLI and served at `/fixtures/NAME.geojson`. Registers its own `beforeAll`/`afterAll`.
 */
export class TwinHarness {
  #server: StaticServer | undefined
  #browser: Browser | undefined
  readonly #datasets = new Map<string, ImportedDistrict>()

  constructor(districts: Record<string, DistrictSpec>) {
    beforeAll(async () => {
      const entries = Object.entries(districts)
      const imported = await Promise.all(
        entries.map(([, [count, seed]]) => importSyntheticDistrict(count, seed)),
      )
      this.#server = await serveStatic(join(REPO_ROOT, 'dist'))
      entries.forEach(([name], i) => {
        const d = imported[i]
        if (!d) return
        this.#datasets.set(name, d)
        this.server.files.set(TwinHarness.path(name), d.text)
        // Served as the importer writes it: the columnar copy beside the GeoJSON.
        this.server.files.set(TwinHarness.path(name).replace(/\.geojson$/, '.arrow'), d.columnar)
      })
      this.#browser = await launchBrowser()
      await mkdir(TEST_OUTPUT, { recursive: true })
    })
    afterAll(async () => {
      await this.#browser?.close()
      await this.#server?.close()
    })
  }

  /** The URL path a district named `name` is served at. */
  static path(name: string): string {
    return `/fixtures/${name}.geojson`
  }

  get server(): StaticServer {
    if (!this.#server) throw new Error('harness used before its beforeAll ran')
    return this.#server
  }

  get browser(): Browser {
    if (!this.#browser) throw new Error('harness used before its beforeAll ran')
    return this.#browser
  }

  /** The imported district `name`: its dataset object, GeoJSON text, columnar bytes, file path. */
  district(name: string): ImportedDistrict {
    const d = this.#datasets.get(name)
    if (!d) throw new Error(`no district named ${name} in this harness`)
    return d
  }

  /** Open the app at `query` (e.g. `?data=/fixtures/district.geojson&kiosk`) in a new context. */
  async open(query: string, options: OpenOptions = {}): Promise<OpenedPage> {
    const contextOptions: BrowserContextOptions = {
      viewport: options.viewport ?? { width: 1280, height: 800 },
      hasTouch: options.touch ?? false,
      acceptDownloads: options.downloads ?? false,
      ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
      ...(options.locale ? { locale: options.locale } : {}),
    }
    const context = await this.browser.newContext(contextOptions)
    const page = await context.newPage()
    const errors = watchErrors(page)
    for (const content of options.initScripts ?? []) await page.addInitScript({ content })
    await page.goto(`${this.server.url}/${query}`)
    if (options.ready ?? true) await waitForTwinReady(page)
    return { page, errors }
  }
}
