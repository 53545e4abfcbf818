import { join } from 'node:path'

import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { canvasVariety, launchBrowser, waitForTwinReady } from '../helpers/browser'
import { importSyntheticDistrict, REPO_ROOT } from '../helpers/datasets'
import { serveStatic, type StaticServer } from '../helpers/staticServer'

let server: StaticServer
let browser: Browser
let a: Awaited<ReturnType<typeof importSyntheticDistrict>>

beforeAll(async () => {
  let b: typeof a
  ;[a, b] = await Promise.all([importSyntheticDistrict(120, 1), importSyntheticDistrict(200, 2)])
  server = await serveStatic(join(REPO_ROOT, 'dist'))
  server.files.set('/fixtures/a.geojson', a.text)
  server.files.set('/fixtures/a.arrow', a.columnar)
  // The same dataset with no columnar file beside it: an older dataset, read as GeoJSON.
  server.files.set('/fixtures/a-json.geojson', a.text)
  server.files.set('/fixtures/b.geojson', b.text)
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

/**
 * Counts the bytes of every WebGL buffer the page allocates and has not deleted: GPU memory
 * as WebGL sees it, independent of three.js's own bookkeeping. A plain script string (tsx
 * would wrap named functions in a helper the page does not have).
 */
const TRACK_GPU_BUFFERS = `
  (function () {
    var live = new Map();
    var bound = new Map();
    var proto = WebGL2RenderingContext.prototype;
    var bindBuffer = proto.bindBuffer;
    var bufferData = proto.bufferData;
    var deleteBuffer = proto.deleteBuffer;
    proto.bindBuffer = function (target, buffer) {
      bound.set(target, buffer);
      return bindBuffer.apply(this, arguments);
    };
    proto.bufferData = function (target, data) {
      var buffer = bound.get(target);
      if (buffer) live.set(buffer, typeof data === 'number' ? data : data.byteLength);
      return bufferData.apply(this, arguments);
    };
    proto.deleteBuffer = function (buffer) {
      live.delete(buffer);
      return deleteBuffer.apply(this, arguments);
    };
    window.__gpuBufferBytes = function () {
      var sum = 0;
      live.forEach(function (bytes) { sum += bytes; });
      return sum;
    };
  })();
`

const gpuBufferBytes = (page: Page) =>
  page.evaluate(() => (window as unknown as { __gpuBufferBytes(): number }).__gpuBufferBytes())

describe('the columnar dataset', () => {
  it('is read in place of the GeoJSON beside it, and draws the same district', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 700 } })
    const from = server.requested.length
    await page.goto(`${server.url}/?data=/fixtures/a.geojson`)
    await waitForTwinReady(page)
    const datasets = () => server.requested.slice(from).filter((p) => p.startsWith('/fixtures/a'))
    expect(datasets()).toEqual(['/fixtures/a.arrow'])
    const columnar = await page.evaluate(() => window.__twin.stats())
    expect(columnar.buildings).toBe(120)
    // Properties came with it: a tapped block is selected by its OSM id.
    const id = a.dataset.features[5]?.properties.id ?? ''
    const at = await page.evaluate((i) => window.__twin.screenPointOf(i), id)
    expect(at).not.toBeNull()
    await page.mouse.click(at?.x ?? 0, at?.y ?? 0)
    await expect.poll(() => page.evaluate(() => window.__twin.selectedId())).toBe(id)
    await page.screenshot({ path: join(REPO_ROOT, 'test-output', 'columnar-loaded.png') })

    // Without a columnar file the app reads the GeoJSON, and draws exactly the same mesh.
    await page.evaluate(() => window.__twin.load('/fixtures/a-json.geojson'))
    await waitForTwinReady(page)
    expect(datasets().slice(1)).toEqual(['/fixtures/a-json.arrow', '/fixtures/a-json.geojson'])
    const fromJson = await page.evaluate(() => window.__twin.stats())
    expect(fromJson.buildings).toBe(columnar.buildings)
    expect(fromJson.triangles).toBe(columnar.triangles)
    await page.close()
  })
})

describe('GPU resources', () => {
  it('releases geometry and textures when a dataset is replaced, 20 times over', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 700 } })
    await page.addInitScript({ content: TRACK_GPU_BUFFERS })
    await page.goto(`${server.url}/?data=/fixtures/a.geojson`)
    await waitForTwinReady(page)
    const first = await page.evaluate(() => window.__twin.memory())
    const firstBytes = await gpuBufferBytes(page)
    expect(first.geometries).toBeGreaterThan(0)
    // The mesh of 120 blocks alone is tens of kilobytes: the counter sees real buffers.
    expect(firstBytes).toBeGreaterThan(20_000)
    for (let i = 0; i < 20; i++) {
      const url = i % 2 === 0 ? '/fixtures/b.geojson' : '/fixtures/a.geojson'
      await page.evaluate((u) => window.__twin.load(u), url)
      await waitForTwinReady(page)
      const expected = i % 2 === 0 ? 'b' : 'a'
      const buildings = await page.evaluate(() => window.__twin.stats().buildings)
      expect(buildings).toBe(expected === 'a' ? 120 : 200)
    }
    const after = await page.evaluate(() => window.__twin.memory())
    expect(after.geometries).toBe(first.geometries)
    expect(after.textures).toBe(first.textures)
    // The 20th load is dataset a again: the same bytes on the GPU as after the first one.
    expect(await gpuBufferBytes(page)).toBe(firstBytes)
    await page.close()
  })

  it('recovers from a lost WebGL context without a reload', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 700 } })
    await page.goto(`${server.url}/?data=/fixtures/a.geojson`)
    await waitForTwinReady(page)
    const before = await page.evaluate(() => window.__twin.stats())
    await page.evaluate(() => {
      const canvas = document.querySelector('canvas')
      const gl = canvas?.getContext('webgl2')
      const ext = gl?.getExtension('WEBGL_lose_context')
      if (!ext) throw new Error('WEBGL_lose_context unavailable')
      ;(window as unknown as { __lose: WEBGL_lose_context }).__lose = ext
      ext.loseContext()
    })
    await page.waitForFunction(() => window.__twin.ready === false)
    await page.evaluate(() =>
      (window as unknown as { __lose: WEBGL_lose_context }).__lose.restoreContext(),
    )
    await waitForTwinReady(page, 30_000)
    const after = await page.evaluate(() => window.__twin.stats())
    expect(after.buildings).toBe(before.buildings)
    expect(after.triangles).toBe(before.triangles)
    expect(await canvasVariety(page)).toBeGreaterThan(0.05)
    await page.screenshot({ path: join(REPO_ROOT, 'test-output', 'context-restored.png') })
    // The page was not reloaded: the navigation entry is still the first one.
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1)
    await page.close()
  })
})
