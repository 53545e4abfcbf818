import { useEffect, useState } from 'react'

import { inspectBuilding } from '@/state/energySync'
import { oneLine } from '@/state/loadData'
import { selectEnergy } from '@/state/selectors'
import { useAppStore } from '@/state/store'
import type { BuildingInspection } from '@/domain/session/districtSession'

/** Where the figures of one block stand: asked for, arrived, or failed (one line). */
export type InspectionState =
  | { status: 'computing' }
  | { status: 'ready'; data: BuildingInspection | null }
  | { status: 'error'; message: string }
  | null

/**
 * The selected block's energy figures under the scenario of the figures on screen, from the
 * district worker: asked once per block and per new summary (an edit gives one), never for a
 * scenario the worker has not evaluated yet.
 */
export function useInspection(id: string | null): InspectionState {
  const energy = useAppStore(selectEnergy)
  const [state, setState] = useState<{
    id: string
    data: BuildingInspection | null
    error?: string
  } | null>(null)

  useEffect(() => {
    const scenario = useAppStore.getState().energyScenario
    if (!id || !energy || !scenario) return
    let current = true
    inspectBuilding(scenario, id)
      .then((data) => current && setState({ id, data }))
      .catch((e: unknown) => current && setState({ id, data: null, error: oneLine(e) }))
    return () => {
      current = false
    }
  }, [id, energy])

  if (!id || !energy) return null
  if (!state || state.id !== id) return { status: 'computing' }
  if (state.error) return { status: 'error', message: state.error }
  return { status: 'ready', data: state.data }
}
