import type { Scenario } from '@/domain/energy/scenario'

import { oneLine } from './loadData'
import { districtClient, readyFor } from './districtWorker'
import { selectDataset } from './selectors'
import { useAppStore } from './store'

/**
 * Keep `energy` in step with the dataset and the scenario: the district worker evaluates
 * (off the main thread), only the latest request matters, and a scenario change while one
 * is running queues exactly one more run.
 */
export function startEnergySync(): () => void {
  let running = false
  let queued = false

  // Asked as soon as the central figures are here (the page recolours meanwhile). The worker
  // drops them for any newer request (null), so an edit never waits behind them; they are
  // asked again if the figures they belong to are still the current ones.
  const askRanges = () => {
    const { scenario, buildingOverrides, energyScenario } = useAppStore.getState()
    if (running || energyScenario !== scenario) return
    void districtClient()
      .request('ranges', { scenario, overrides: buildingOverrides })
      .then((r) => {
        const now = useAppStore.getState()
        if (r) now.setEnergyRanges(r, scenario)
        else if (now.buildingOverrides === buildingOverrides) askRanges()
      })
      .catch(() => undefined) // the figures stand without ranges; the dashboard says so
  }

  const run = async () => {
    if (running) {
      queued = true
      return
    }
    const state = useAppStore.getState()
    const { scenario, buildingOverrides } = state
    const dataset = selectDataset(state)
    if (!dataset) return
    running = true
    useAppStore.getState().setEnergyStatus('computing')
    try {
      await readyFor(dataset)
      const summary = await districtClient().request('evaluate', {
        scenario,
        overrides: buildingOverrides,
      })
      const now = useAppStore.getState()
      if (
        selectDataset(now) === dataset &&
        now.scenario === scenario &&
        now.buildingOverrides === buildingOverrides
      ) {
        now.setEnergy(summary, scenario)
      } else queued = true
    } catch (e) {
      useAppStore.getState().setEnergyStatus('error', oneLine(e))
    } finally {
      running = false
      if (queued) {
        queued = false
        void run()
      } else askRanges() // for the figures just set, if they are still the current ones
    }
  }

  void run()
  return useAppStore.subscribe((s, prev) => {
    if (
      s.datasetVersion !== prev.datasetVersion ||
      s.scenario !== prev.scenario ||
      s.buildingOverrides !== prev.buildingOverrides
    ) {
      void run()
    }
  })
}

/** The figures of one building under the active scenario (for the inspector). */
export function inspectBuilding(scenario: Scenario, id: string) {
  const overrides = useAppStore.getState().buildingOverrides
  return districtClient().request('inspect', { scenario, buildingId: id, overrides })
}

/** The same report `npm run assess` writes, for the active scenario. */
export function scenarioReport(scenario: Scenario | null, format: 'csv' | 'json') {
  const overrides = useAppStore.getState().buildingOverrides
  return districtClient().request('report', { scenario, format, overrides })
}
