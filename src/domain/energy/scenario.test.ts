import { describe, expect, it } from 'vitest'

import {
  expandMeasures,
  parseScenario,
  parseScenarioText,
  ScenarioError,
  scenarioToJson,
} from './scenario'

const FULL = {
  name: 'Deep 2026–2030',
  measures: ['envelope', { id: 'heat_pump', params: { efficiency_heating: 3.5 } }, 'pv'],
  buildings: { filter: { year_max: 1990, heating: ['gas_boiler'], class: ['E', 'F', 'G'] } },
  rollout: { start_year: 2026, end_year: 2030, order: 'worst_first' },
  assumptions: { 'carriers.gas.price_lei_per_kWh': 0.4 },
}

describe('scenario JSON', () => {
  it('accepts the short form: all buildings, now, default parameters', () => {
    const s = parseScenario({ name: 'Envelope', measures: ['envelope'] })
    expect(s).toEqual({
      name: 'Envelope',
      measures: [{ id: 'envelope', params: {} }],
      buildings: 'all',
      rollout: null,
      assumptions: {},
    })
    expect([...expandMeasures(s).keys()]).toEqual(['wall', 'roof', 'windows', 'basement'])
  })

  it('round-trips the full form through JSON text', () => {
    for (const input of [
      FULL,
      { name: 'ids', measures: ['wall'], buildings: { ids: ['way/1'] } },
    ]) {
      const s = parseScenario(input)
      const again = parseScenarioText(scenarioToJson(s))
      expect(again).toEqual(s)
      expect(JSON.parse(JSON.stringify(again))).toEqual(again)
    }
  })

  it('an explicitly listed envelope part keeps its own parameters', () => {
    const s = parseScenario({
      name: 'x',
      measures: [{ id: 'wall', params: { u_W_m2K: 0.25 } }, 'envelope'],
    })
    expect(expandMeasures(s).get('wall')?.params).toEqual({ u_W_m2K: 0.25 })
  })

  const steps = (st: unknown[], measures = ['wall']) => ({
    name: 'plan',
    measures,
    rollout: { start_year: 2026, end_year: 2027, steps: st },
  })
  const bad: [unknown, string][] = [
    [
      steps([{ year: 2030, measures: ['wall'], ids: ['way/1'] }]),
      'scenario.rollout.steps[0].year: must be within 2026–2027',
    ],
    [
      steps([{ year: 2026, measures: ['roof'], ids: ['way/1'] }]),
      'scenario.rollout.steps[0].measures[0]: "roof" is not among the measures',
    ],
    [
      steps([
        { year: 2026, measures: ['wall'], ids: ['way/1'] },
        { year: 2027, measures: ['wall'], ids: ['way/1'] },
      ]),
      'scenario.rollout.steps[1].ids: building "way/1" is in two steps',
    ],
    [
      { name: 'Typo', measures: ['envelope', 'wal'] },
      'scenario.measures[1]: unknown measure "wal"',
    ],
    [{ name: 'x', measures: [{ id: 'wal' }] }, 'scenario.measures[0].id: unknown measure "wal"'],
    [
      { name: 'x', measures: [{ id: 'wall', params: { u: 0.3 } }] },
      'scenario.measures[0].params.u: unknown parameter for "wall"',
    ],
    [
      { name: 'x', measures: [{ id: 'wall', params: { u_W_m2K: -1 } }] },
      'scenario.measures[0].params.u_W_m2K: must not be negative',
    ],
    [
      { name: 'x', measures: ['wall', 'wall'] },
      'scenario.measures[1]: measure "wall" is listed twice',
    ],
    [{ measures: ['wall'] }, 'scenario.name: must be a non-empty string'],
    [{ name: 'x' }, 'scenario.measures: must be an array'],
    [{ name: 'x', measures: [], colour: 1 }, 'scenario.colour: unknown field'],
    [{ name: 'x', measures: [], buildings: 'some' }, 'scenario.buildings: must be "all"'],
    [
      { name: 'x', measures: [], buildings: { filter: { year_mx: 1990 } } },
      'scenario.buildings.filter.year_mx: unknown field',
    ],
    [
      { name: 'x', measures: [], buildings: { filter: { heating: ['coal'] } } },
      'scenario.buildings.filter.heating[0]: unknown value "coal"',
    ],
    [
      { name: 'x', measures: [], rollout: { start_year: 2030, end_year: 2026 } },
      'scenario.rollout.end_year: must not be before start_year 2030',
    ],
    [
      { name: 'x', measures: [], assumptions: { 'prices.gold': 1 } },
      'scenario.assumptions["prices.gold"]: unknown parameter path',
    ],
    [[1, 2], 'scenario: must be a JSON object'],
  ]
  for (const [input, message] of bad) {
    it(`rejects with one line: ${message}`, () => {
      let err: unknown
      try {
        parseScenario(input)
      } catch (e) {
        err = e
      }
      expect(err).toBeInstanceOf(ScenarioError)
      const msg = (err as Error).message
      expect(msg.startsWith(message)).toBe(true)
      expect(msg).not.toContain('\n')
    })
  }

  it('reports JSON syntax errors on one line', () => {
    expect(() => parseScenarioText('{"name": ')).toThrow(/^scenario: not valid JSON/)
  })
})
