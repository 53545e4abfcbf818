import type { BuildingSelection, MeasureId, MeasureSpec, Scenario } from '@/domain/energy/scenario'

/** Pure edits of a scenario (house style §3): each returns a new canonical scenario. */

export function toggleMeasure(s: Scenario, id: MeasureId, on: boolean): Scenario {
  const has = s.measures.some((m) => m.id === id)
  if (on === has) return s
  const measures: MeasureSpec[] = on
    ? [...s.measures, { id, params: {} }]
    : s.measures.filter((m) => m.id !== id)
  return { ...s, measures }
}

export function setMeasureParam(
  s: Scenario,
  id: MeasureId,
  name: string,
  value: number | null,
): Scenario {
  return {
    ...s,
    measures: s.measures.map((m) => {
      if (m.id !== id) return m
      const params = { ...m.params }
      if (value === null || !Number.isFinite(value)) delete params[name]
      else params[name] = value
      return { ...m, params }
    }),
  }
}

export function setSelection(s: Scenario, buildings: BuildingSelection): Scenario {
  return { ...s, buildings }
}

export function setAssumption(s: Scenario, path: string, value: unknown): Scenario {
  const assumptions = { ...s.assumptions }
  if (value === undefined) delete assumptions[path]
  else assumptions[path] = value
  return { ...s, assumptions }
}

export function setRollout(s: Scenario, rollout: Scenario['rollout']): Scenario {
  return { ...s, rollout }
}
