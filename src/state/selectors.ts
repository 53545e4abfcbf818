import type { BuildingFeature, DistrictDataset } from '@/domain/buildings/types'

import { datasetOfVersion } from './districtData'
import type { AppState } from './store'
import { buildingIdOf, isBuildingFeature } from '@/domain/dataset/packedDataset'

/** Narrow, named selectors: components subscribe to exactly what they render (house style §6). */
export const selectDataStatus = (s: AppState) => s.dataStatus
export const selectDataMessage = (s: AppState) => s.dataMessage
export const selectDataMessageKey = (s: AppState) => s.dataMessageKey
export const selectDataProgress = (s: AppState) => s.dataProgress
export const selectDataSource = (s: AppState) => s.dataSource
export const selectDataLoadKind = (s: AppState) => s.dataLoadKind
/** The open dataset (held outside the store, `districtData.ts`), or null. */
export const selectDataset = (s: AppState) => datasetOfVersion(s.datasetVersion)
/**
 * A district is on screen: ready, or another one loading over it. The layout (side panel,
 * bars) follows this, not the status, so an import never resizes the canvas (each resize
 * stalls a software renderer's page for seconds while it reallocates its framebuffers).
 */
export const selectDistrictShown = (s: AppState) =>
  s.dataStatus === 'ready' || (s.dataStatus === 'loading' && selectDataset(s) !== null)
export const selectGeometryVersion = (s: AppState) => s.geometryVersion
export const selectSelectedId = (s: AppState) => s.selectedId
export const selectLanguage = (s: AppState) => s.language
export const selectColouring = (s: AppState) => s.colouring
export const selectViewMode = (s: AppState) => s.viewMode
export const selectSun = (s: AppState) => s.sun
export const selectKiosk = (s: AppState) => s.kiosk
export const selectAttract = (s: AppState) => s.attract
export const selectQrOpen = (s: AppState) => s.qrOpen
export const selectFindOpen = (s: AppState) => s.findOpen
export const selectDetailsOpen = (s: AppState) => s.detailsOpen
export const selectStoryOpen = (s: AppState) => s.storyOpen
export const selectTableOpen = (s: AppState) => s.tableOpen
export const selectStory = (s: AppState) => s.story
export const selectStoryIndex = (s: AppState) => s.storyIndex
export const selectClassPalette = (s: AppState) => s.classPalette
export const selectCompare = (s: AppState) => s.compare
export const selectEnergy = (s: AppState) => s.energy
export const selectEnergyStatus = (s: AppState) => s.energyStatus
export const selectScenario = (s: AppState) => s.scenario
export const selectPickMode = (s: AppState) => s.pickMode
export const selectPickedIds = (s: AppState) => s.pickedIds
export const selectEditorOpen = (s: AppState) => s.editorOpen
export const selectBuildingOverrides = (s: AppState) => s.buildingOverrides
export const selectNotice = (s: AppState) => s.notice
export const selectHomeRequest = (s: AppState) => s.homeRequest
export const selectPlannerOpen = (s: AppState) => s.plannerOpen
export const selectPlan = (s: AppState) => s.plan
export const selectPlanStatus = (s: AppState) => s.planStatus
export const selectPlanProgress = (s: AppState) => s.planProgress
export const selectPlanError = (s: AppState) => s.planError
export const selectPlanYear = (s: AppState) => s.planYear
export const selectPlanForm = (s: AppState) => s.planForm

/** Buildings of a dataset in file order; memoised per dataset object. */
const buildingCache = new WeakMap<DistrictDataset, readonly BuildingFeature[]>()
export function buildingsOf(dataset: DistrictDataset): readonly BuildingFeature[] {
  let list = buildingCache.get(dataset)
  if (!list) {
    list = dataset.features.filter(isBuildingFeature)
    buildingCache.set(dataset, list)
  }
  return list
}

/** Building ids in dataset order (the mesh's `buildingIndex` order), memoised per dataset. */
const idsCache = new WeakMap<DistrictDataset, readonly string[]>()
export function buildingIdsOf(dataset: DistrictDataset): readonly string[] {
  let ids = idsCache.get(dataset)
  if (!ids) {
    ids = buildingsOf(dataset).map(buildingIdOf)
    idsCache.set(dataset, ids)
  }
  return ids
}

/** Index of building id → position in `buildingsOf`, memoised per dataset. */
const indexCache = new WeakMap<DistrictDataset, ReadonlyMap<string, number>>()
export function buildingIndexOf(dataset: DistrictDataset): ReadonlyMap<string, number> {
  let map = indexCache.get(dataset)
  if (!map) {
    map = new Map(buildingsOf(dataset).map((f, i) => [buildingIdOf(f), i]))
    indexCache.set(dataset, map)
  }
  return map
}

/** The selected building's feature, or null. */
export function selectSelectedBuilding(s: AppState): BuildingFeature | null {
  const dataset = selectDataset(s)
  if (!dataset || !s.selectedId) return null
  const i = buildingIndexOf(dataset).get(s.selectedId)
  return i === undefined ? null : (buildingsOf(dataset)[i] ?? null)
}

/** What the one side region shows (src/app/App.tsx maps each to its component). */
export type SidePanel =
  'editor' | 'find' | 'story' | 'table' | 'menu' | 'inspector' | 'dashboard' | 'planner'

/**
 * The side panel on screen. The editor always stays (tapping blocks while it picks them must not
 * hide it; the dashboard shows under it), and the menu while open; otherwise the most recent of
 * "a block was selected" (the inspector) and "a panel was opened" wins, and closing the
 * inspector uncovers the panel that was open.
 */
export function selectSidePanel(s: AppState): SidePanel | null {
  const ready = selectDistrictShown(s)
  if (s.editorOpen && !s.kiosk && ready) return 'editor'
  if (s.menuOpen) return 'menu'
  if (s.findOpen && s.kiosk && ready) return 'find'
  const inspector = selectSelectedBuilding(s) !== null
  if (inspector && s.inspectorFront) return 'inspector'
  if (s.storyOpen && !s.kiosk) return 'story'
  // Planning is the studio's work, not the exhibit's.
  if (s.plannerOpen && !s.kiosk && ready) return 'planner'
  if (s.tableOpen && ready) return 'table'
  if (s.dashboardOpen && ready) return 'dashboard'
  return inspector ? 'inspector' : null
}
