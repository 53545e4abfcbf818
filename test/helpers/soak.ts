import type { CDPSession, Page } from 'playwright-core'

import type { DistrictDataset } from '@/domain/buildings/types'
import { seededRandom } from '@/domain/random'

import { tallestOnScreen, waitForTwinReady } from './browser'

/**
 * The compressed kiosk soak (issue 16, "days unattended"), shared by
 * `test/browser/soak.browser.test.ts` and `npm run soak -- <events>`: seeded random visitor
 * input sent as real browser input (Chrome DevTools Protocol `Input.*`, the same path a
 * touchscreen's events take into the page), idle resets, and WebGL context losses.
 */

/** What one random event is. A drag or pinch is one event of several input dispatches. */
export type SoakEventKind = 'tap' | 'drag' | 'mouseDrag' | 'pinch' | 'wheel' | 'button' | 'key'

/** One look at the page after an idle reset. */
export interface SoakCheckpoint {
  /** Random events sent before it. */
  afterEvents: number
  /** Heap objects after a full garbage collection (compiled code apart), bytes. */
  heapBytes: number
  /** V8's compiled code at the same moment, bytes. */
  codeBytes: number
  /** three.js resources held on the GPU. */
  memory: { geometries: number; textures: number }
  /** Whether the idle reset brought the exhibit home (no selection, no open dialog). */
  home: boolean
}

export interface SoakReport {
  seed: number
  /** Random events sent (gestures, not their input dispatches). */
  events: number
  /** Input dispatches those events took. */
  dispatches: number
  /** Dispatches the browser refused (DevTools "Internal error"). */
  dropped: number
  /** Checkpoint taps sent again because no pointer event of theirs reached the page. */
  retriedPicks: number
  counts: Record<SoakEventKind, number>
  /** One after each idle reset; the first is the reference. */
  checkpoints: SoakCheckpoint[]
  /** WebGL context losses forced and restored. */
  contextLosses: number
  /** Context losses the run was to force. */
  plannedContextLosses: number
  /** After each idle reset: the block tapped and the block that ended up selected. */
  picks: { id: string; selected: string | null; afterContextLoss: boolean }[]
  /** Main-frame navigations after the start (a reload is one). */
  navigations: number
  /** Windows the page opened (a visitor leaving the exhibit through a link). */
  popups: number
  /** Whether the page's own marker survived (a reload would drop it). */
  sameDocument: boolean
  errors: string[]
  seconds: number
}

export interface SoakOptions {
  events: number
  seed: number
  /** The dataset the kiosk shows (to find a block to tap after each restore). */
  dataset: DistrictDataset
  /** The kiosk's `reset` setting in the URL, seconds (`SOAK_KIOSK`'s). */
  resetAfterS: number
  /** Page errors and console errors, collected since the page opened. */
  errors: string[]
  contextLosses?: number
  log?: (line: string) => void
}

/**
 * The kiosk's timers for the soak: reset 2 s after the last input, attract loop 2 s later, so an
 * idle reset is seen (0.6 s after it) before the loop changes the scenario.
 */
export const SOAK_KIOSK = { query: 'kiosk&idle=4&reset=2', resetAfterS: 2 }

type Rect = { x: number; y: number; width: number; height: number }
type Point = { x: number; y: number }

const KEYS: readonly { key: string; code: string; keyCode: number; text?: string }[] = [
  { key: 'ArrowLeft', code: 'ArrowLeft', keyCode: 37 },
  { key: 'ArrowRight', code: 'ArrowRight', keyCode: 39 },
  { key: 'ArrowUp', code: 'ArrowUp', keyCode: 38 },
  { key: 'ArrowDown', code: 'ArrowDown', keyCode: 40 },
  { key: '+', code: 'Equal', keyCode: 187, text: '+' },
  { key: '-', code: 'Minus', keyCode: 189, text: '-' },
  { key: 'q', code: 'KeyQ', keyCode: 81, text: 'q' },
  { key: 'e', code: 'KeyE', keyCode: 69, text: 'e' },
  { key: 'PageUp', code: 'PageUp', keyCode: 33 },
  { key: 'PageDown', code: 'PageDown', keyCode: 34 },
  { key: 'Home', code: 'Home', keyCode: 36 },
  { key: 'Escape', code: 'Escape', keyCode: 27 },
  { key: 'Tab', code: 'Tab', keyCode: 9 },
  { key: 'Enter', code: 'Enter', keyCode: 13, text: '\r' },
  { key: ' ', code: 'Space', keyCode: 32, text: ' ' },
]

/** Events per batch: the page's buttons are looked up again before each. */
const BATCH = 100

/**
 * Events sent back to back before one frame is let through. A whole batch at once into a busy
 * software renderer let Chromium coalesce touches into a page pinch-zoom now and then.
 */
const PACE = 20

/** Seeded event generator: every CDP command one random event takes, in order. */
class EventSource {
  readonly counts: Record<SoakEventKind, number> = {
    tap: 0,
    drag: 0,
    mouseDrag: 0,
    pinch: 0,
    wheel: 0,
    button: 0,
    key: 0,
  }
  readonly #random: () => number
  #touchId = 1

  constructor(seed: number) {
    this.#random = seededRandom(seed)
  }

  #between(a: number, b: number): number {
    return a + (b - a) * this.#random()
  }
  #int(n: number): number {
    return Math.floor(this.#random() * n)
  }
  #pointIn(r: Rect): Point {
    return {
      x: this.#between(r.x + 2, r.x + r.width - 2),
      y: this.#between(r.y + 2, r.y + r.height - 2),
    }
  }
  #touch(points: Point[]) {
    return points.map((p, i) => ({ x: p.x, y: p.y, id: this.#touchId + i, radiusX: 4, radiusY: 4 }))
  }

  /** The commands of one random event over the view `view`, with `buttons` tappable now. */
  next(view: Rect, buttons: readonly Rect[]): [string, object][] {
    const r = this.#random()
    const kind: SoakEventKind =
      r < 0.25
        ? 'tap'
        : r < 0.45
          ? 'drag'
          : r < 0.52
            ? 'mouseDrag'
            : r < 0.64
              ? 'pinch'
              : r < 0.76
                ? 'wheel'
                : r < 0.9
                  ? 'button'
                  : 'key'
    this.counts[kind]++
    this.#touchId += 2
    const touch = (type: string, points: Point[]): [string, object] => [
      'Input.dispatchTouchEvent',
      { type, touchPoints: type === 'touchEnd' ? [] : this.#touch(points) },
    ]
    switch (kind) {
      case 'tap':
      case 'button': {
        const target =
          kind === 'button' && buttons.length > 0
            ? this.#pointIn(buttons[this.#int(buttons.length)] as Rect)
            : this.#pointIn(view)
        return [touch('touchStart', [target]), touch('touchEnd', [])]
      }
      case 'drag': {
        const from = this.#pointIn(view)
        const to = this.#pointIn(view)
        const steps = 1 + this.#int(3)
        const path = Array.from({ length: steps }, (_, i) => ({
          x: from.x + ((to.x - from.x) * (i + 1)) / steps,
          y: from.y + ((to.y - from.y) * (i + 1)) / steps,
        }))
        return [
          touch('touchStart', [from]),
          ...path.map((p) => touch('touchMove', [p])),
          touch('touchEnd', []),
        ]
      }
      case 'mouseDrag': {
        const from = this.#pointIn(view)
        const to = this.#pointIn(view)
        const button = this.#random() < 0.7 ? 'left' : 'right'
        const mouse = (type: string, p: Point): [string, object] => [
          'Input.dispatchMouseEvent',
          {
            type,
            x: p.x,
            y: p.y,
            button,
            buttons: type === 'mouseReleased' ? 0 : button === 'left' ? 1 : 2,
            clickCount: 1,
          },
        ]
        return [
          mouse('mousePressed', from),
          mouse('mouseMoved', { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 }),
          mouse('mouseMoved', to),
          mouse('mouseReleased', to),
        ]
      }
      case 'pinch': {
        const centre = this.#pointIn(view)
        const from = this.#between(20, 200)
        const to = this.#between(20, 200)
        const angle = this.#between(0, Math.PI)
        const pair = (d: number): Point[] => [
          { x: centre.x - Math.cos(angle) * d, y: centre.y - Math.sin(angle) * d },
          { x: centre.x + Math.cos(angle) * d, y: centre.y + Math.sin(angle) * d },
        ]
        return [
          touch('touchStart', pair(from)),
          touch('touchMove', pair((from + to) / 2)),
          touch('touchMove', pair(to)),
          touch('touchEnd', []),
        ]
      }
      case 'wheel': {
        const at = this.#pointIn(view)
        return [
          [
            'Input.dispatchMouseEvent',
            { type: 'mouseWheel', x: at.x, y: at.y, deltaX: 0, deltaY: this.#between(-600, 600) },
          ],
        ]
      }
      case 'key': {
        const k = KEYS[this.#int(KEYS.length)] as (typeof KEYS)[number]
        const base = { key: k.key, code: k.code, windowsVirtualKeyCode: k.keyCode }
        return [
          [
            'Input.dispatchKeyEvent',
            {
              type: k.text ? 'keyDown' : 'rawKeyDown',
              ...base,
              ...(k.text ? { text: k.text } : {}),
            },
          ],
          ['Input.dispatchKeyEvent', { type: 'keyUp', ...base }],
        ]
      }
    }
  }
}

/** Where random taps land (the 3D view) and every button a visitor could tap right now. */
function targets(page: Page): Promise<{ view: Rect; buttons: Rect[] }> {
  // No named helpers inside: tsx would wrap them in a `__name` the page does not have.
  return page.evaluate(() => {
    const canvas = document.querySelector('.view-3d canvas')
    const r = canvas?.getBoundingClientRect()
    const view = r
      ? { x: r.x, y: r.y, width: r.width, height: r.height }
      : { x: 0, y: 0, width: innerWidth, height: innerHeight }
    const buttons = [...document.querySelectorAll('button')]
      .filter((b) => !b.disabled && b.getClientRects().length > 0)
      .map((b) => b.getBoundingClientRect())
      .filter((b) => b.width >= 4 && b.height >= 4)
      .map((b) => ({ x: b.x, y: b.y, width: b.width, height: b.height }))
    return { view, buttons }
  })
}

/**
 * The page's heap after garbage collection, from a heap snapshot (which collects first): the
 * objects the app could leak (JS objects, strings, closures, DOM and other browser objects),
 * and apart from them V8's compiled code, which grows as the JIT optimises more hot functions
 * (about 1 MB over the first 2,500 events, levelling off) and is no leak.
 */
async function heapAfterGc(cdp: CDPSession): Promise<{ objects: number; code: number }> {
  // Several passes: objects freed by finalisers of one pass go in the next.
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage')
  const chunks: string[] = []
  const onChunk = (e: { chunk: string }) => chunks.push(e.chunk)
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk)
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false })
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk)
  const snapshot = JSON.parse(chunks.join('')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } }
    nodes: number[]
  }
  const fields = snapshot.snapshot.meta.node_fields
  const types = snapshot.snapshot.meta.node_types[0]
  const type = fields.indexOf('type')
  const size = fields.indexOf('self_size')
  let objects = 0
  let code = 0
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const bytes = snapshot.nodes[i + size] ?? 0
    if (types[snapshot.nodes[i + type] ?? 0] === 'code') code += bytes
    else objects += bytes
  }
  return { objects, code }
}

/**
 * What a visitor can see of the exhibit's state: the selection, any open dialog or side panel,
 * and which of the kiosk's buttons (scenario, colouring, language) are pressed.
 */
const homeState = (page: Page) =>
  page.evaluate(() =>
    JSON.stringify({
      selected: window.__twin ? window.__twin.selectedId() : '(reloaded)',
      dialog: document.querySelector('[role="dialog"]') !== null,
      side: document.querySelector('[data-side-panel]')?.getAttribute('data-side-panel'),
      pressed: [...document.querySelectorAll('[aria-pressed="true"]')].map((b) => b.textContent),
      lang: document.documentElement.lang,
      // The page itself neither zoomed nor scrolled: the exhibit fills the screen as it did.
      viewport: [
        visualViewport?.scale,
        visualViewport?.offsetLeft,
        visualViewport?.offsetTop,
        scrollX,
        scrollY,
      ],
    }),
  )

/** Leave the kiosk alone until its idle reset has run and its figures have settled. */
async function idleReset(
  page: Page,
  resetAfterS: number,
  home: string,
  log: (l: string) => void,
): Promise<boolean> {
  // Touches in flight end first; then nothing for longer than the reset delay.
  await page.waitForTimeout(resetAfterS * 1000 + 600)
  const deadline = Date.now() + 15_000
  while ((await homeState(page)) !== home && Date.now() < deadline) await page.waitForTimeout(200)
  const now = await homeState(page)
  if (now !== home) log(`not home after the idle reset: ${now} (home: ${home})`)
  await page.waitForFunction(
    () =>
      window.__twin.ready &&
      document.querySelector('[data-testid="dashboard"]')?.getAttribute('aria-busy') !== 'true',
    undefined,
    { timeout: 60_000, polling: 100 },
  )
  return (await homeState(page)) === home
}

/** Lose the 3D view's WebGL context; `restore` brings it back. */
async function loseContext(page: Page): Promise<void> {
  await page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('.view-3d canvas')
    const ext = canvas?.getContext('webgl2')?.getExtension('WEBGL_lose_context')
    if (!ext) throw new Error('WEBGL_lose_context unavailable')
    ;(window as unknown as { __soakLose: WEBGL_lose_context }).__soakLose = ext
    ext.loseContext()
  })
  await page.waitForFunction(() => window.__twin.ready === false, undefined, { polling: 50 })
}

async function restoreContext(page: Page): Promise<void> {
  await page.evaluate(() =>
    (window as unknown as { __soakLose: WEBGL_lose_context }).__soakLose.restoreContext(),
  )
  await waitForTwinReady(page, 60_000)
}

/**
 * Run the soak on a kiosk page that is open and ready (`?kiosk&idle=…&reset=…`). Events go in
 * segments; after each an idle reset and a checkpoint; between segments the WebGL context is
 * lost (with events sent while it is gone) and restored, and a tap must select a block again.
 */
export async function runSoak(page: Page, options: SoakOptions): Promise<SoakReport> {
  const started = Date.now()
  const log = options.log ?? (() => {})
  const losses = options.contextLosses ?? 2
  const cdp = await page.context().newCDPSession(page)
  // A kiosk browser starts on the exhibit: no earlier page a swipe could go back to (Chromium's
  // overscroll history navigation went back to the test's about:blank and closed the page).
  await cdp.send('Page.resetNavigationHistory')
  // A reload or any other document load (history.replaceState of the URL sync is not one).
  let navigations = 0
  page.on('load', () => navigations++)
  const errors: string[] = []
  // Home is what the idle reset shows before the attract loop starts cycling scenarios: one
  // input ends any attract loop already running, then the reset runs.
  await cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: 1, y: 1 })
  await page.waitForTimeout(options.resetAfterS * 1000 + 600)
  const home = await homeState(page)
  let popups = 0
  page.context().on('page', () => popups++)
  await page.evaluate(() => {
    ;(window as unknown as { __soakMarker: boolean }).__soakMarker = true
  })

  const source = new EventSource(options.seed)
  let sent = 0
  let dispatches = 0
  let dropped = 0
  const send = async (count: number) => {
    let left = count
    while (left > 0) {
      const { view, buttons } = await targets(page)
      const batch = Math.min(BATCH, left)
      for (let done = 0; done < batch; done += PACE) {
        const n = Math.min(PACE, batch - done)
        const commands = Array.from({ length: n }, () => source.next(view, buttons)).flat()
        // Back to back, in order (one DevTools connection); then one frame is let through.
        await Promise.all(
          commands.map(([method, params]) =>
            // Chromium now and then answers a mouse event sent amid touches with "Internal
            // error" and drops it; counted, and the soak fails if that is more than a few.
            (cdp.send as (m: string, p: object) => Promise<unknown>)(method, params).catch(() => {
              dropped++
            }),
          ),
        )
        await page.evaluate(() => new Promise((done) => requestAnimationFrame(done)))
        dispatches += commands.length
      }
      left -= batch
      sent += batch
    }
  }

  let retriedPicks = 0
  const checkpoints: SoakCheckpoint[] = []
  const picks: SoakReport['picks'] = []
  /** A tap on the tallest block in view must select it. */
  const pick = async (): Promise<{ id: string; selected: string | null }> => {
    const target = await tallestOnScreen(page, options.dataset)
    if (!target) return { id: '(no block on screen)', selected: null }
    // Both halves of the tap sent at once, as a finger's are: awaiting the first before sending
    // the second would, on a busy page, stretch the tap past what counts as one.
    const point = { x: target.x, y: target.y, id: 999, radiusX: 4, radiusY: 4 }
    // Chromium now and then turns a touch sent into a busy page into no pointer events at all:
    // such a tap never reached the app and is sent again; one that reached it must select.
    for (let attempt = 0; attempt < 3; attempt++) {
      await page.evaluate(() => {
        const w = window as unknown as { __soakPointers: number }
        w.__soakPointers = 0
        addEventListener('pointerup', () => w.__soakPointers++, { capture: true, once: true })
      })
      await Promise.all([
        cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [point] }),
        cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] }),
      ])
      const selected = await page
        .waitForFunction((id) => window.__twin.selectedId() === id, target.id, { timeout: 5_000 })
        .then(() => true)
        .catch(() => false)
      const arrived = await page.evaluate(
        () => (window as unknown as { __soakPointers: number }).__soakPointers > 0,
      )
      if (selected || arrived) break
      retriedPicks++
    }
    return { id: target.id, selected: await page.evaluate(() => window.__twin.selectedId()) }
  }
  const checkpoint = async (afterContextLoss: boolean) => {
    const atHome = await idleReset(page, options.resetAfterS, home, log)
    const heap = await heapAfterGc(cdp)
    const picked = await pick()
    picks.push({ ...picked, afterContextLoss })
    // Read after the pick: the picker's render target is made again on first use after a loss.
    const c: SoakCheckpoint = {
      afterEvents: sent,
      heapBytes: heap.objects,
      codeBytes: heap.code,
      memory: await page.evaluate(() => window.__twin.memory()),
      home: atHome,
    }
    checkpoints.push(c)
    log(
      `after ${c.afterEvents} events: heap ${(c.heapBytes / 1e6).toFixed(2)} MB ` +
        `(+ ${(c.codeBytes / 1e6).toFixed(2)} MB code), ` +
        `${c.memory.geometries} geometries, ${c.memory.textures} textures, home ${c.home}, ` +
        `tapped ${picked.id}, selected ${picked.selected ?? 'none'}`,
    )
  }

  const segments = losses + 2
  const per = Math.ceil(options.events / segments)
  const timed = async (count: number) => {
    const t0 = Date.now()
    await send(count)
    log(`${count} events in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
  }
  log(`soak seed ${options.seed}: ${options.events} events, ${losses} context losses`)

  let lostContexts = 0
  // A navigation, a closed page or a crash ends the run early: a failure to report, not a throw.
  try {
    await timed(Math.min(per, options.events))
    await checkpoint(false)
    for (let i = 0; i < losses; i++) {
      const part = Math.min(per, options.events - sent)
      const whileLost = Math.min(100, Math.ceil(part / 2))
      await timed(Math.floor(part / 2))
      await loseContext(page)
      // A visitor keeps tapping while the view is gone.
      await send(whileLost)
      await restoreContext(page)
      lostContexts++
      log(`context ${i + 1} lost and restored (${whileLost} events while lost)`)
      await timed(Math.max(0, part - Math.floor(part / 2) - whileLost))
      await checkpoint(true)
    }
    await timed(options.events - sent)
    await checkpoint(false)
  } catch (e) {
    errors.push(`the soak stopped after ${sent} events: ${(e as Error).message.split('\n')[0]}`)
  }

  const sameDocument = await page
    .evaluate(() => (window as unknown as { __soakMarker?: boolean }).__soakMarker === true)
    .catch(() => false)
  await cdp.detach().catch(() => {})
  return {
    seed: options.seed,
    events: sent,
    dispatches,
    dropped,
    retriedPicks,
    counts: { ...source.counts },
    checkpoints,
    contextLosses: lostContexts,
    plannedContextLosses: losses,
    picks,
    navigations,
    popups,
    sameDocument,
    errors: [...options.errors, ...errors],
    seconds: (Date.now() - started) / 1000,
  }
}

/** Share of input dispatches the browser may refuse before the soak counts as not run. */
const MAX_DROPPED_SHARE = 0.01

/** Heap after GC may differ from the first reset's by at most this share. */
export const HEAP_TOLERANCE = 0.05

/** What the soak must show, one line per failure (empty when it passed). */
export function soakProblems(report: SoakReport): string[] {
  const problems: string[] = []
  const [first, ...rest] = report.checkpoints
  if (!first) return ['no checkpoint was taken']
  for (const c of report.checkpoints) {
    if (!c.home) problems.push(`after ${c.afterEvents} events the idle reset did not bring it home`)
    if (
      c.memory.geometries !== first.memory.geometries ||
      c.memory.textures !== first.memory.textures
    )
      problems.push(
        `after ${c.afterEvents} events: ${c.memory.geometries} geometries, ${c.memory.textures} ` +
          `textures (first reset: ${first.memory.geometries}, ${first.memory.textures})`,
      )
  }
  for (const c of rest) {
    const drift = c.heapBytes / first.heapBytes - 1
    if (Math.abs(drift) > HEAP_TOLERANCE)
      problems.push(
        `after ${c.afterEvents} events the heap is ${(drift * 100).toFixed(1)} % off the first reset's`,
      )
  }
  for (const p of report.picks)
    if (p.selected !== p.id)
      problems.push(`after a context restore, tapping ${p.id} selected ${p.selected}`)
  const afterLoss = report.picks.filter((p) => p.afterContextLoss).length
  if (afterLoss !== report.plannedContextLosses || report.contextLosses !== afterLoss)
    problems.push(
      `${afterLoss} picks after ${report.contextLosses} of ${report.plannedContextLosses} context losses`,
    )
  if (report.navigations > 0 || !report.sameDocument)
    problems.push(
      `the page navigated ${report.navigations} times (reloaded: ${!report.sameDocument})`,
    )
  if (report.popups > 0) problems.push(`the page opened ${report.popups} windows`)
  if (report.dropped > report.dispatches * MAX_DROPPED_SHARE)
    problems.push(`${report.dropped} of ${report.dispatches} input dispatches were refused`)
  for (const e of report.errors) problems.push(e)
  return problems
}

/** The seed from `SOAK_SEED`, else a fresh one (printed, so a failing run can be replayed). */
export function soakSeed(): number {
  const fromEnv = Number(process.env.SOAK_SEED)
  return Number.isInteger(fromEnv) && process.env.SOAK_SEED
    ? fromEnv
    : Math.floor(Math.random() * 2 ** 31)
}
