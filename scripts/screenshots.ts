/**
 * Screenshots of the audience views at the sizes the product is used at, for a person to look
 * at (never asserted): `npx vite build && npx tsx scripts/screenshots.ts [view…]`, views
 * `kiosk`, `resident`, `find`, `presenting`, `studio` (the desktop view: legend, compass,
 * scale bar, labels) and `swipe` (its before/after legend) (default: all). PNGs land in `test-output/`.
 * Synthetic blocks with fixture addresses, served like the browser tests serve them; `--data FILE`
 * shows a dataset `npm run data` prepared instead (e.g. from the OSM extract in ../shared), in
 * files named `…-data.png`.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import type { Page } from 'playwright-core'

import type { BuildingFeature, DistrictDataset } from '@/domain/buildings/types'

import { launchBrowser, tallestOnScreen, waitForTwinReady } from '../test/helpers/browser'
import { importSyntheticDistrict, REPO_ROOT, withAddresses } from '../test/helpers/datasets'
import { serveStatic } from '../test/helpers/staticServer'

const SIZES = [
  { name: 'phone', width: 390, height: 844, touch: true },
  { name: 'laptop', width: 1440, height: 900, touch: false },
  { name: 'desktop', width: 1920, height: 1080, touch: false },
  { name: 'kiosk-portrait', width: 1080, height: 1920, touch: true },
] as const

const VIEWS = ['kiosk', 'resident', 'find', 'presenting', 'studio', 'swipe'] as const
type View = (typeof VIEWS)[number]

const DATA = '/fixtures/district.geojson'

async function prepare(page: Page, view: View, ids: BuildingFeature[]): Promise<void> {
  if (view === 'kiosk' || view === 'studio') return
  if (view === 'swipe') {
    await page.getByTestId('compare-swipe').evaluate((el) => (el as HTMLElement).click())
    return
  }
  if (view === 'resident') {
    const dataset = { type: 'FeatureCollection', metadata: {}, features: ids } as never
    const target = await tallestOnScreen(page, dataset)
    if (target) await page.evaluate((id) => window.__twin.select(id), target.id)
    await page.getByTestId('resident-cost').waitFor({ timeout: 30_000 })
    return
  }
  if (view === 'find') {
    await page.getByTestId('find-toggle').click()
    await page.getByTestId('key-P').click()
    await page.getByTestId('key-R').click()
    return
  }
  // Set up through the DOM: on a phone the desktop toolbar may be covered (the layout's issue,
  // not what this picture is about).
  /** A toolbar control, through the menu sheet on a phone. */
  const control = async (id: string) => {
    const menu = page.getByTestId('menu-toggle')
    if ((await page.getByTestId(id).count()) === 0 && (await menu.isVisible())) await menu.click()
    return page.getByTestId(id)
  }
  const press = async (id: string) =>
    (await control(id)).evaluate((el) => (el as HTMLElement).click())
  /** Save the current view; the story panel is reopened when the phone's menu replaced it. */
  const save = async () => {
    if ((await page.getByTestId('story-save').count()) === 0) await press('story-toggle')
    await press('story-save')
  }
  await save()
  await (await control('colouring')).selectOption('class_after', { force: true })
  await save()
  await press('story-present')
  await page.getByTestId('presenter-bar').waitFor()
  await page.keyboard.press('PageDown')
  await page.waitForTimeout(1500)
}

/** The district to show: a prepared dataset given with `--data FILE`, else synthetic blocks. */
async function district(args: string[]): Promise<DistrictDataset> {
  const at = args.indexOf('--data')
  const file = at >= 0 ? args[at + 1] : undefined
  if (file) return JSON.parse(await readFile(file, 'utf8')) as DistrictDataset
  return withAddresses((await importSyntheticDistrict(150, 11)).dataset)
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const wanted = args.filter((v): v is View => VIEWS.includes(v as View))
  const views = wanted.length > 0 ? wanted : [...VIEWS]
  const dataset = await district(args)
  const buildings = dataset.features.filter(
    (f): f is BuildingFeature => f.properties.kind === 'building',
  )
  const server = await serveStatic(join(REPO_ROOT, 'dist'))
  server.files.set(DATA, JSON.stringify(dataset))
  const browser = await launchBrowser()
  await mkdir(join(REPO_ROOT, 'test-output'), { recursive: true })
  try {
    for (const view of views) {
      for (const size of SIZES) {
        const context = await browser.newContext({
          viewport: { width: size.width, height: size.height },
          hasTouch: size.touch,
        })
        const page = await context.newPage()
        const kiosk = view !== 'presenting' && view !== 'studio' && view !== 'swipe'
        await page.goto(`${server.url}/?${kiosk ? 'kiosk&' : ''}data=${DATA}`)
        await waitForTwinReady(page)
        await prepare(page, view, buildings)
        await page.waitForTimeout(500)
        const given = args.includes('--data') ? '-data' : ''
        const file = join(REPO_ROOT, 'test-output', `${view}-${size.name}${given}.png`)
        await writeFile(file, await page.screenshot())
        console.log(file)
        await context.close()
      }
    }
  } finally {
    await browser.close()
    await server.close()
  }
}

await main()
