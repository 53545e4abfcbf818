// `npm run soak -- <events>`: the kiosk soak of test/browser/soak.browser.test.ts, as long as
// asked, against the built app (`npm run build` first). Prints the seed, each checkpoint and
// every failed check; exits 1 when one failed. SOAK_SEED=<n> replays a run.
import { existsSync } from 'node:fs'
import { join } from 'node:path'

import { launchBrowser, waitForTwinReady, watchErrors } from '../test/helpers/browser'
import { importSyntheticDistrict, REPO_ROOT } from '../test/helpers/datasets'
import { runSoak, SOAK_KIOSK, soakProblems, soakSeed } from '../test/helpers/soak'
import { serveStatic } from '../test/helpers/staticServer'

const events = Number(process.argv[2] ?? 10_000)
if (!Number.isInteger(events) || events < 1) {
  console.error('usage: npm run soak -- <events> (a whole number, e.g. 100000)')
  process.exit(2)
}
const dist = join(REPO_ROOT, 'dist')
if (!existsSync(join(dist, 'index.html'))) {
  console.error('soak: no built app in dist/ — run `npm run build` first')
  process.exit(2)
}

const district = await importSyntheticDistrict(120, 5)
const server = await serveStatic(dist)
server.files.set('/fixtures/district.geojson', district.text)
server.files.set('/fixtures/district.arrow', district.columnar)
const browser = await launchBrowser()
let failed = true
try {
  const context = await browser.newContext({
    viewport: { width: 720, height: 540 },
    hasTouch: true,
  })
  const page = await context.newPage()
  const errors = watchErrors(page)
  page.on('pageerror', (e) => console.log('page error:', e.stack ?? e.message))
  await page.goto(`${server.url}/?${SOAK_KIOSK.query}&data=/fixtures/district.geojson`)
  await waitForTwinReady(page)
  const report = await runSoak(page, {
    events,
    seed: soakSeed(),
    dataset: district.dataset,
    resetAfterS: SOAK_KIOSK.resetAfterS,
    errors,
    log: (line) => console.log(line),
  })
  console.log(
    `${report.events} events (${report.dispatches} input dispatches) in ${report.seconds.toFixed(0)} s:`,
    JSON.stringify(report.counts),
  )
  const problems = soakProblems(report)
  for (const p of problems) console.log(`FAILED: ${p}`)
  console.log(problems.length === 0 ? 'soak passed' : `soak failed (seed ${report.seed})`)
  failed = problems.length > 0
} finally {
  await browser.close()
  await server.close()
}
process.exit(failed ? 1 : 0)
