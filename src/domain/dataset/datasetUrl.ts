/**
 * Which `?data=` values may be opened: a relative path or an absolute http(s) URL, and
 * nothing else (no `data:`, `blob:`, `file:`, `ftp:`, `javascript:`…), at most
 * `MAX_DATASET_URL_LENGTH` characters, without spaces or control characters. The same rule
 * runs in the early start-up module and in the URL codec.
 */
export const MAX_DATASET_URL_LENGTH = 2048

/** The dataset opened when the link names none. */
export const DEFAULT_DATA_URL = 'data/district.geojson'

/** A scheme at the start (`name:` before any `/`, `?` or `#`), per RFC 3986 §3.1. */
const SCHEME = /^([a-z][a-z\d+.-]*):/i

export function isSafeDatasetUrl(value: string): boolean {
  if (value === '' || value.length > MAX_DATASET_URL_LENGTH) return false
  // Controls, spaces and characters never valid unescaped in a URL.
  for (let i = 0; i < value.length; i++)
    if (value.charCodeAt(i) <= 32 || value.charCodeAt(i) === 127) return false
  if (/[\s<>"'`\\]/.test(value)) return false
  const scheme = SCHEME.exec(value)?.[1]?.toLowerCase()
  if (scheme !== undefined)
    return (scheme === 'http' || scheme === 'https') && /^https?:\/\/[^/]/i.test(value)
  return true
}

/** A dataset URL shortened for a one-line message (its start and its file name stay). */
export function shortDatasetLabel(value: string, max = 80): string {
  if (value.length <= max) return value
  const keep = Math.floor((max - 1) / 2)
  return `${value.slice(0, keep)}…${value.slice(-keep)}`
}
