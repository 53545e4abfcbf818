import { ImportError } from '@/domain/import/importError'

import { DatasetError } from './datasetError'

/** A failure as the page shows it: a key under the locales, its parameters, a reason key. */
export interface ErrorMessage {
  key: string
  params: Readonly<Record<string, string | number>>
  reasonKey?: string
}

/**
 * What the page shows for a failure, in its own language: the error's code, or, when reading
 * `sourceName` failed in an unforeseen way, "cannot read NAME" (never the English detail).
 */
export function errorMessageOf(err: unknown, sourceName: string | null): ErrorMessage | null {
  if (err instanceof ImportError) return { key: `loadError.${err.code}`, params: err.params }
  if (err instanceof DatasetError && err.key !== undefined) {
    return {
      key: err.key,
      params: err.params ?? {},
      ...(err.reasonKey !== undefined && { reasonKey: err.reasonKey }),
    }
  }
  return sourceName === null ? null : { key: 'loadError.unreadable', params: { name: sourceName } }
}
