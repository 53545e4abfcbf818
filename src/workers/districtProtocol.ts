import type { DatasetParts } from '@/domain/dataset/packedDataset'
import type { DistrictRanges } from '@/domain/energy/ranges'
import type { BuildingInspection, BuildingOverrides } from '@/domain/session/districtSession'
import type { EnergySummary } from '@/domain/session/energySummary'
import type { PlanSummary } from '@/domain/session/planSummary'
import type { PlanRequest } from '@/domain/planner/plan'
import type { SceneGeometry } from '@/geometry/sceneGeometry'

/** A dataset URL the worker fetches itself, and the name to use for it in messages. */
export interface DatasetSource {
  url: string
  label: string
}

/**
 * A file the user dropped or opened, as the `File` itself: posting one copies nothing (it is a
 * handle), so the page never holds its bytes; the worker reads it.
 */
export interface FileSource {
  file: File
}

/**
 * The largest file the app imports, bytes (README "Data"): 400 MiB. Above it the worker
 * refuses the file before reading it (`safety.importTooBig`, suggesting `npm run data`); the
 * worker holds the file's text and the import's elements at once, and a JS string cannot be
 * much longer (Chromium's limit is 2^29 − 24 characters, about 512 MiB).
 */
export const MAX_IMPORT_BYTES = 400 * 2 ** 20

/** What `open` finds at a URL with no dataset (404, an HTML page, no answer): not an error. */
export interface MissingDataset {
  missing: string
  translated: TranslatedMessage
}

/** The scene of a dataset the worker opened, with how long each step took. */
export interface OpenedDataset extends SceneGeometry {
  /** Names this dataset for the `parts` request that makes it the worker's current one. */
  token: number
  timings: {
    /** When parsing ended, epoch milliseconds (performance.timeOrigin + now, any thread). */
    parsedAtEpochMs: number
    /** Packing, projecting and extruding the footprints, ms. */
    geometryMs: number
  }
}

/**
 * The district worker's whole protocol in one map (house style §8): request type →
 * [request payload, response payload]. Scenarios travel in their JSON form.
 */
export interface DistrictMessageMap {
  /**
   * Read a dataset here, off the page's thread, and build its scene; the worker keeps it
   * (footprints packed) in a `DistrictSession` for `parts` and the energy requests. A URL is
   * parsed while its bytes arrive (index.html sends this before the app's code has loaded); a
   * file is a prepared dataset or goes through the same import as `npm run data`.
   */
  open: [{ source: DatasetSource | FileSource }, OpenedDataset | MissingDataset]
  /**
   * The dataset `open` answered with `token`, for the page: properties, packed footprints (a
   * copy), context. It becomes the worker's current dataset only now, so an open the page
   * dropped (a newer one came) never replaces the district the page shows.
   */
  parts: [{ token: number }, DatasetParts]
  evaluate: [{ scenario: unknown; overrides: BuildingOverrides }, EnergySummary]
  /**
   * Low–high of the district totals of the last evaluated scenario (asked for after it); null
   * when a newer request came while they were computed (they were dropped for it).
   */
  ranges: [{ scenario: unknown; overrides: BuildingOverrides }, DistrictRanges['totals'] | null]
  inspect: [
    { scenario: unknown; buildingId: string; overrides: BuildingOverrides },
    BuildingInspection | null,
  ]
  report: [{ scenario: unknown; format: 'csv' | 'json'; overrides: BuildingOverrides }, string]
  /** Plan with the scenario's assumptions; progress messages while it runs. */
  plan: [{ request: PlanRequest; scenario: unknown; overrides: BuildingOverrides }, PlanSummary]
  /** The last plan as `npm run plan` writes it (null before any plan). */
  planReport: [{ format: 'csv' | 'json' }, string | null]
}

export type DistrictRequestType = keyof DistrictMessageMap

export type DistrictRequest = {
  [K in DistrictRequestType]: { id: number; type: K } & DistrictMessageMap[K][0]
}[DistrictRequestType]

/** A message the page shows translated: a key under the locales, its parameters, a reason key. */
export interface TranslatedMessage {
  key: string
  params: Readonly<Record<string, string | number>>
  reasonKey?: string
}

export type DistrictResponse =
  | { id: number; ok: true; value: DistrictMessageMap[DistrictRequestType][1] }
  | { id: number; ok: false; error: string; translated?: TranslatedMessage }
  /** A long request's progress so far, 0..1 (before its answer; `open`: bytes downloaded). */
  | { id: number; progress: number }

/** Every ArrayBuffer in a scene geometry, for postMessage's transfer list. */
export function geometryTransferables(g: SceneGeometry): ArrayBuffer[] {
  const b = g.buffers
  return [
    b.positions,
    b.normals,
    b.buildingIndex,
    b.indices,
    b.roofCentres,
    b.vertexStart,
    b.vertexCount,
    g.ground.positions,
    g.ground.indices,
    g.ground.kindIndex,
  ].map((a) => a.buffer as ArrayBuffer)
}
