import { join } from 'node:path'

import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'

import { canvasVariety, tallestOnScreen, waitForTwinReady } from '../helpers/browser'
import { TEST_OUTPUT, TwinHarness } from '../helpers/harness'

const twin = new TwinHarness({ a: [120, 1], b: [200, 2] })
const VIEWPORT = { width: 1024, height: 700 }

beforeAll(() => {
  // The same dataset with no columnar file beside it: an older dataset, read as GeoJSON.
  twin.server.files.set('/fixtures/a-json.geojson', twin.district('a').text)
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
    const from = twin.server.requested.length
    const { page } = await twin.open(`?data=${TwinHarness.path('a')}`, { viewport: VIEWPORT })
    const datasets = () =>
      twin.server.requested.slice(from).filter((p) => p.startsWith('/fixtures/a'))
    expect(datasets()).toEqual(['/fixtures/a.arrow'])
    const columnar = await page.evaluate(() => window.__twin.stats())
    expect(columnar.buildings).toBe(120)
    // Properties came with it: a tapped block is selected by its OSM id.
    const at = await tallestOnScreen(page, twin.district('a').dataset)
    if (!at) throw new Error('no block a click would reach')
    const { id } = at
    await page.mouse.click(at.x, at.y)
    await expect.poll(() => page.evaluate(() => window.__twin.selectedId())).toBe(id)
    await page.screenshot({ path: join(TEST_OUTPUT, 'columnar-loaded.png') })

    // Without a columnar file the app reads the GeoJSON, and draws exactly the same mesh.
    await page.evaluate(() => window.__twin.load('/fixtures/a-json.geojson'))
    await waitForTwinReady(page)
    expect(datasets().slice(1)).toEqual(['/fixtures/a-json.arrow', '/fixtures/a-json.geojson'])
    const fromJson = await page.evaluate(() => window.__twin.stats())
    expect(fromJson.buildings).toBe(columnar.buildings)
    expect(fromJson.triangles).toBe(columnar.triangles)
    await page.context().close()
  })
})

describe('GPU resources', () => {
  it('releases geometry and textures when a dataset is replaced, 20 times over', async () => {
    const { page } = await twin.open(`?data=${TwinHarness.path('a')}`, {
      viewport: VIEWPORT,
      initScripts: [TRACK_GPU_BUFFERS],
    })
    const first = await page.evaluate(() => window.__twin.memory())
    const firstBytes = await gpuBufferBytes(page)
    expect(first.geometries).toBeGreaterThan(0)
    // The mesh of 120 blocks alone is tens of kilobytes: the counter sees real buffers.
    expect(firstBytes).toBeGreaterThan(20_000)
    for (let i = 0; i < 20; i++) {
      const url = TwinHarness.path(i % 2 === 0 ? 'b' : 'a')
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
    await page.context().close()
  })

  it('recovers from a lost WebGL context without a reload', async () => {
    const { page } = await twin.open(`?data=${TwinHarness.path('a')}`, { viewport: VIEWPORT })
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
    await page.screenshot({ path: join(TEST_OUTPUT, 'context-restored.png') })
    // The page was not reloaded: the navigation entry is still the first one.
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1)
    await page.context().close()
  })
})
