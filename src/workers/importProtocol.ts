import type { DistrictDataset } from '@/domain/buildings/types'

/** Main thread → import worker. */
export interface ImportRequest {
  id: number
  text: string
  sourceName: string
}

/** Import worker → main thread: progress, then exactly one of result or error. */
export type ImportMessage =
  | { id: number; type: 'progress'; done: number; total: number }
  | { id: number; type: 'result'; dataset: DistrictDataset }
  | { id: number; type: 'error'; error: string }
