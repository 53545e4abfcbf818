import { beforeEach, describe, expect, it } from 'vitest'

import type { BuildingFeature, DistrictDataset } from '@/domain/buildings/types'
import { parseScenario } from '@/domain/energy/scenario'
import type { EnergySummary } from '@/domain/session/energySummary'

import { selectBuildingColours, selectCompareColours } from './colours'
import { deleteSavedScenario, loadSavedScenarios, saveScenario } from './savedScenarios'
import { setAssumption, setMeasureParam, toggleMeasure } from './scenarioEdit'
import {
  buildingIndexOf,
  selectDataset,
  selectDistrictShown,
  selectSelectedBuilding,
  selectSidePanel,
} from './selectors'
import { CURATED_SCENARIOS, DEFAULT_SCENARIO } from './slices/scenarioSlice'
import { useAppStore } from './store'

const building = (id: string, type = 'apartments'): BuildingFeature => ({
  type: 'Feature',
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [23.55, 46.75],
        [23.5502, 46.75],
        [23.5502, 46.7501],
        [23.55, 46.75],
      ],
    ],
  },
  properties: {
    kind: 'building',
    id,
    type,
    name: null,
    address: null,
    footprint_area_m2: 100,
    height_m: 15,
    levels: 5,
    year: 1975,
    use: 'residential',
    flats: 20,
    heated_area_m2: 400,
    heating: null,
    rehabilitated: null,
    epc_class: null,
    provenance: { height_m: 'default' },
  },
})

const dataset = (ids: string[]): DistrictDataset => ({
  type: 'FeatureCollection',
  metadata: {
    source: 'test',
    bbox: [23.5, 46.7, 23.6, 46.8],
    generated: '2026-11-28T00:00:00Z',
    attribution: '© OpenStreetMap contributors',
    licence: 'ODbL',
    counts: { buildings: ids.length, byType: {}, byProvenance: {} },
  },
  features: ids.map((id) => building(id)),
})

const summary = (classBefore: number[], classAfter: number[]): EnergySummary => {
  const n = classBefore.length
  const f = () => new Float32Array(n)
  return {
    scenarioName: 'x',
    classRow: 'total',
    classBoundsKWhPerM2Year: [],
    classBefore: Uint8Array.from(classBefore),
    classAfter: Uint8Array.from(classAfter),
    needBefore: f(),
    needAfter: f(),
    primaryBefore: f(),
    primaryAfter: f(),
    co2Before: f(),
    co2After: f(),
    savingPct: f(),
    costEur: f(),
    billSavingEurPerYear: f(),
    selected: new Uint8Array(n),
    totals: {} as EnergySummary['totals'],
    byYear: [],
    skipped: 0,
  }
}

beforeEach(() => {
  useAppStore.setState(useAppStore.getInitialState(), true)
})

describe('data slice', () => {
  it('loads a dataset, bumps its version and indexes its buildings', () => {
    const d = dataset(['way/1', 'way/2'])
    useAppStore.getState().setDataset(d, 'test')
    const s = useAppStore.getState()
    expect(s.dataStatus).toBe('ready')
    expect(s.datasetVersion).toBe(1)
    expect(buildingIndexOf(d).get('way/2')).toBe(1)
  })

  it('keeps a selection the new dataset has and drops one it lacks', () => {
    const s = useAppStore.getState()
    s.selectBuilding('way/2')
    s.setDataset(dataset(['way/1', 'way/2']), 'a')
    expect(useAppStore.getState().selectedId).toBe('way/2')
    expect(selectSelectedBuilding(useAppStore.getState())?.properties.id).toBe('way/2')
    useAppStore.getState().setDataset(dataset(['way/3']), 'b')
    expect(useAppStore.getState().selectedId).toBeNull()
  })

  it('holds view data only: no dataset features, class instance or Promise in the store', () => {
    const s = useAppStore.getState()
    const d = dataset(['way/1', 'way/2'])
    s.setDataset(d, 'a', 1)
    s.setEnergy(summary([0, 1], [0, 0]), DEFAULT_SCENARIO)
    const state = useAppStore.getState()
    // The dataset is looked up by its version, outside the store.
    expect(selectDataset(state)).toBe(d)
    const plain = (v: unknown, path: string, seen: Set<unknown>): string[] => {
      if (typeof v !== 'object' || v === null || ArrayBuffer.isView(v) || seen.has(v)) return []
      seen.add(v)
      const proto = Object.getPrototypeOf(v) as unknown
      if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) return [path]
      return Object.entries(v).flatMap(([k, x]) => plain(x, `${path}.${k}`, seen))
    }
    expect(plain(state, 'state', new Set())).toEqual([])
    // Nothing in the store reaches the dataset's features.
    const reachesFeatures = JSON.stringify(state, (_k, v: unknown) =>
      v === d.features ? '<features>' : ArrayBuffer.isView(v) ? null : v,
    ).includes('<features>')
    expect(reachesFeatures).toBe(false)
  })

  it('keeps the district on screen when a later import fails', () => {
    const s = useAppStore.getState()
    s.setDataset(dataset(['way/1']), 'a')
    s.setDataError('cannot read x.osm: XML is truncated')
    const after = useAppStore.getState()
    expect(after.dataStatus).toBe('ready')
    expect(selectDataset(after)).not.toBeNull()
    expect(after.dataMessage).toContain('truncated')
  })

  it('holds a mesh sent ahead of its dataset, and forgets it when there is no dataset', () => {
    const s = useAppStore.getState()
    s.setGeometryVersion(3)
    expect(useAppStore.getState().geometryVersion).toBe(3)
    expect(selectDataset(useAppStore.getState())).toBeNull()
    s.setDataEmpty('No dataset at x.geojson.')
    expect(useAppStore.getState().geometryVersion).toBe(0)
  })

  it('tells a URL load from a file import, so the loading card says which', () => {
    const s = useAppStore.getState()
    s.setDataLoading('bloc.osm', 0.4, 'import')
    expect(useAppStore.getState()).toMatchObject({ dataLoadKind: 'import', dataProgress: 0.4 })
    s.setDataLoading('data/district.geojson')
    expect(useAppStore.getState()).toMatchObject({ dataLoadKind: 'load', dataProgress: null })
  })

  it('keeps the layout of a shown district while another loads over it (the canvas keeps its size)', () => {
    const s = useAppStore.getState()
    s.setTableOpen(true)
    s.setDataLoading('first.osm', 0, 'import')
    // Nothing shown yet: the loading card alone, no panel.
    expect(selectDistrictShown(useAppStore.getState())).toBe(false)
    expect(selectSidePanel(useAppStore.getState())).toBeNull()
    s.setDataset(dataset(['a']), 'first.osm')
    s.setDataLoading('big.osm', 0.3, 'import')
    expect(useAppStore.getState().dataStatus).toBe('loading')
    expect(selectDistrictShown(useAppStore.getState())).toBe(true)
    expect(selectSidePanel(useAppStore.getState())).toBe('table')
  })

  it('shows an error state when nothing was loaded yet', () => {
    useAppStore.getState().setDataError('broken')
    expect(useAppStore.getState().dataStatus).toBe('error')
  })
})

describe('colour selectors', () => {
  it('returns the same array until an input changes', () => {
    useAppStore.getState().setDataset(dataset(['way/1', 'way/2']), 'a')
    useAppStore.getState().setColouring('type')
    const a = selectBuildingColours(useAppStore.getState())
    useAppStore.getState().selectBuilding('way/1') // not an input of the colouring
    expect(selectBuildingColours(useAppStore.getState())).toBe(a)
    useAppStore.getState().setColouring('confidence')
    expect(selectBuildingColours(useAppStore.getState())).not.toBe(a)
  })

  it('colours classes before, or after with the compare toggle, and splits them for the swipe', () => {
    const s = useAppStore.getState()
    s.setDataset(dataset(['way/1', 'way/2']), 'a')
    s.setColouring('class_before')
    s.setEnergy(summary([6, 7], [2, 7]), DEFAULT_SCENARIO)
    const before = selectBuildingColours(useAppStore.getState())
    useAppStore.getState().setCompare({ after: true })
    const after = selectBuildingColours(useAppStore.getState())
    // Building 0 changed class (G-1 → B), building 1 did not (G → G).
    expect([...after.subarray(0, 3)]).not.toEqual([...before.subarray(0, 3)])
    expect([...after.subarray(4, 7)]).toEqual([...before.subarray(4, 7)])
    const split = selectCompareColours(useAppStore.getState())
    expect([...split.before.subarray(0, 3)]).toEqual([...before.subarray(0, 3)])
    expect([...split.after.subarray(0, 3)]).toEqual([...after.subarray(0, 3)])
  })
})

describe('scenario slice and edits', () => {
  it('starts from the default scenario and cycles the curated ones', () => {
    expect(useAppStore.getState().scenario).toBe(DEFAULT_SCENARIO)
    const names = CURATED_SCENARIOS.map(() => {
      useAppStore.getState().cycleScenario()
      return useAppStore.getState().scenario.name
    })
    expect(new Set(names).size).toBe(CURATED_SCENARIOS.length)
    useAppStore.getState().resetScenarioToDefault()
    expect(useAppStore.getState().scenario).toBe(DEFAULT_SCENARIO)
  })

  it('edits measures, parameters and assumptions into a scenario that still parses', () => {
    let s = parseScenario({ name: 'Test', measures: [] })
    s = toggleMeasure(s, 'wall', true)
    s = setMeasureParam(s, 'wall', 'u_W_m2K', 0.28)
    s = setAssumption(s, 'energy_classes.active_row', 'total')
    expect(parseScenario(JSON.parse(JSON.stringify(s)))).toEqual(s)
    expect(s.measures[0]?.params).toEqual({ u_W_m2K: 0.28 })
    s = setMeasureParam(s, 'wall', 'u_W_m2K', null)
    expect(s.measures[0]?.params).toEqual({})
    s = setAssumption(s, 'energy_classes.active_row', undefined)
    expect(s.assumptions).toEqual({})
    expect(toggleMeasure(s, 'wall', false).measures).toEqual([])
  })

  it('picks blocks by tapping into a list, and toggles them off again', () => {
    const s = useAppStore.getState()
    s.togglePicked('way/1')
    s.togglePicked('way/2')
    s.togglePicked('way/1')
    expect(useAppStore.getState().pickedIds).toEqual(['way/2'])
  })

  it('saves scenarios in browser storage by name, skipping corrupt entries', () => {
    const data = new Map<string, string>()
    const storage = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
    } as Storage
    saveScenario(parseScenario({ name: 'A', measures: ['wall'] }), storage)
    saveScenario(parseScenario({ name: 'A', measures: ['roof'] }), storage)
    saveScenario(parseScenario({ name: 'B', measures: [] }), storage)
    expect(loadSavedScenarios(storage).map((s) => s.name)).toEqual(['A', 'B'])
    expect(loadSavedScenarios(storage)[0]?.measures[0]?.id).toBe('roof')
    data.set('manastur-twin.scenarios', '[{"name": 3}, {"name": "C", "measures": []}]')
    expect(loadSavedScenarios(storage).map((s) => s.name)).toEqual(['C'])
    expect(deleteSavedScenario('C', storage)).toEqual([])
    data.set('manastur-twin.scenarios', 'not json')
    expect(loadSavedScenarios(storage)).toEqual([])
  })
})

describe('story slice', () => {
  it('saves views, reorders them and steps within bounds', () => {
    const s = useAppStore.getState()
    s.setColouring('saving')
    s.saveCurrentView('First')
    s.setColouring('co2')
    s.selectBuilding('way/9')
    s.saveCurrentView('Second')
    expect(useAppStore.getState().story.map((v) => v.name)).toEqual(['First', 'Second'])
    s.moveView(1, -1)
    expect(useAppStore.getState().story.map((v) => v.name)).toEqual(['Second', 'First'])
    s.stepStory(1)
    expect(useAppStore.getState().storyIndex).toBe(0)
    expect(useAppStore.getState().colouring).toBe('co2')
    expect(useAppStore.getState().selectedId).toBe('way/9')
    s.stepStory(1)
    s.stepStory(1)
    expect(useAppStore.getState().storyIndex).toBe(1)
    expect(useAppStore.getState().colouring).toBe('saving')
    s.stopPresenting()
    expect(useAppStore.getState().storyIndex).toBeNull()
  })

  it('asks the camera to fly to a view that has one', () => {
    const s = useAppStore.getState()
    s.commitCamera({ targetEastM: 1, targetNorthM: 2, distanceM: 300, azimuthRad: 0, tiltRad: 0.5 })
    s.saveCurrentView('Here')
    s.goToView(0, true)
    const req = useAppStore.getState().cameraRequest
    expect(req?.pose.distanceM).toBe(300)
    expect(req?.instant).toBe(true)
  })
})
