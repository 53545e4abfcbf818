/**
 * Planner responsiveness (issue #15): the longest task on the page's main thread while the app
 * plans (PerformanceObserver 'longtask', Chromium), from the click on Plan until the results are
 * shown and one second after. The planning itself runs in the district worker; this measures
 * what the page does meanwhile and with the results (verdict, charts, playback colours).
 * Called by bench/run.ts for each synthetic district of 20,000 blocks and more.
 */
import type { Browser } from 'playwright-core'

interface Metric {
  name: string
  value: number
  unit: string
}

/** Longest task allowed by the goal, ms. */
export const LONG_TASK_GOAL_MS = 50

export async function measurePlannerLongTasks(
  browser: Browser,
  url: string,
  label: string,
): Promise<Metric[]> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  try {
    await page.goto(url)
    await page.waitForFunction(() => (window as never)['__twin']?.['ready'] === true, null, {
      timeout: 600_000,
    })
    // Start-up work after the first frame (the first energy evaluation) is not planning.
    await page.waitForTimeout(3000)
    await page.evaluate(() => {
      const w = window as unknown as { __longTasks: number[] }
      w.__longTasks = []
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push(e.duration)
      }).observe({ type: 'longtask' })
    })
    await page.getByTestId('planner-toggle').click()
    await page.getByTestId('planner-budget').fill('5000000')
    const t0 = Date.now()
    await page.getByTestId('planner-run').click()
    await page.getByTestId('planner-verdict').waitFor({ timeout: 600_000 })
    const planMs = Date.now() - t0
    await page.waitForTimeout(1000)
    const tasks = await page.evaluate(
      () => (window as unknown as { __longTasks: number[] }).__longTasks,
    )
    return [
      { name: `${label}.plan_click_to_results`, value: planMs, unit: 'ms' },
      { name: `${label}.longest_task`, value: Math.max(0, ...tasks), unit: 'ms' },
      { name: `${label}.long_tasks`, value: tasks.length, unit: 'tasks' },
    ]
  } finally {
    await page.close()
  }
}
