import type { StateCreator } from 'zustand'

import type { DistrictDataset } from '@/domain/buildings/types'
import type { TranslatedMessage } from '@/workers/districtProtocol'

import { datasetOfVersion, holdDataset } from '../districtData'
import type { AppState } from '../store'
import { buildingIdOf, isBuildingFeature } from '@/domain/dataset/packedDataset'

/** Where the district data stands; drives the empty, loading and error screens. */
export type DataStatus = 'idle' | 'loading' | 'ready' | 'empty' | 'error'

export interface DataSlice {
  dataStatus: DataStatus
  /** One human line explaining `empty` or `error`; never a stack trace. */
  dataMessage: string | null
  /** The same message as a translation key, when it has one (shown instead of the text). */
  dataMessageKey: TranslatedMessage | null
  /** Short label of the loaded source (file name or URL) for the status line. */
  dataSource: string | null
  /** Progress of a long load/import, 0..1, or null when indeterminate. */
  dataProgress: number | null
  /** What the loading is: a prepared dataset fetched by URL, or a user's file imported. */
  dataLoadKind: 'load' | 'import'
  /**
   * Bumped on each new dataset (or none); the dataset itself is held outside the store
   * (`state/districtData.ts`, read with `selectDataset`).
   */
  datasetVersion: number
  /**
   * Version of the scene geometry to draw (`state/districtWorker.ts` holds the typed arrays;
   * 0 = none). Set when the worker sends the mesh, before the buildings' properties arrive.
   */
  geometryVersion: number
  setGeometryVersion: (version: number) => void
  setDataLoading: (source: string, progress?: number | null, kind?: 'load' | 'import') => void
  /** `geometryVersion`: the mesh of this dataset (kept when not given). */
  setDataset: (dataset: DistrictDataset, source: string, geometryVersion?: number) => void
  setDataEmpty: (message: string, translated?: TranslatedMessage | null) => void
  setDataError: (message: string, translated?: TranslatedMessage | null) => void
}

export const createDataSlice: StateCreator<AppState, [], [], DataSlice> = (set, get) => ({
  dataStatus: 'idle',
  dataMessage: null,
  dataMessageKey: null,
  dataSource: null,
  dataProgress: null,
  dataLoadKind: 'load',
  datasetVersion: 0,
  geometryVersion: 0,
  setGeometryVersion: (geometryVersion) => set({ geometryVersion }),
  setDataLoading: (source, progress = null, kind = 'load') =>
    set({
      dataStatus: 'loading',
      dataSource: source,
      dataProgress: progress,
      dataLoadKind: kind,
      dataMessage: null,
      dataMessageKey: null,
    }),
  setDataset: (dataset, source, geometryVersion) => {
    const datasetVersion = get().datasetVersion + 1
    holdDataset(datasetVersion, dataset)
    set((s) => ({
      dataStatus: 'ready',
      datasetVersion,
      geometryVersion: geometryVersion ?? s.geometryVersion,
      dataSource: source,
      dataProgress: null,
      dataMessage: null,
      dataMessageKey: null,
      // Keep a selection the new dataset still has (e.g. one restored from the URL).
      selectedId:
        s.selectedId !== null &&
        dataset.features.some((f) => isBuildingFeature(f) && buildingIdOf(f) === s.selectedId)
          ? s.selectedId
          : null,
    }))
  },
  setDataEmpty: (message, translated = null) => {
    const datasetVersion = get().datasetVersion + 1
    holdDataset(datasetVersion, null)
    set({
      dataStatus: 'empty',
      dataMessage: message,
      dataMessageKey: translated,
      dataProgress: null,
      datasetVersion,
      geometryVersion: 0,
    })
  },
  // An error keeps the previous dataset on screen: a failed import loses nothing.
  setDataError: (message, translated = null) =>
    set((s) => ({
      dataStatus: datasetOfVersion(s.datasetVersion) ? 'ready' : 'error',
      dataMessage: message,
      dataMessageKey: translated,
      dataProgress: null,
    })),
})
