import type { CameraPose, Colouring, Language } from './slices/viewSlice'
import { COLOURINGS } from './slices/viewSlice'

/** The part of the app state that lives in the URL, so a copied link restores the view. */
export interface UrlView {
  /** Dataset URL; `null` means the bundled default. */
  data: string | null
  language: Language
  colouring: Colouring
  selectedId: string | null
  camera: CameraPose | null
}

/** What parsing found wrong, as short human lines (shown as one notice). */
export interface UrlParseResult {
  view: UrlView
  problems: string[]
}

export const DEFAULT_URL_VIEW: UrlView = {
  data: null,
  language: 'en',
  colouring: 'type',
  selectedId: null,
  camera: null,
}

const LANGUAGES: readonly Language[] = ['en', 'ro', 'hu']
const OSM_ID = /^(way|relation|node)\/\d{1,15}$/
const round = (v: number, digits: number) => Number(v.toFixed(digits))

/** Serialise a view to query parameters; numbers rounded to what a person could notice. */
export function encodeUrlView(view: UrlView, defaultLanguage: Language = 'en'): string {
  const params = new URLSearchParams()
  if (view.data) params.set('data', view.data)
  if (view.language !== defaultLanguage) params.set('lang', view.language)
  if (view.colouring !== DEFAULT_URL_VIEW.colouring) params.set('colour', view.colouring)
  if (view.selectedId) params.set('sel', view.selectedId)
  if (view.camera) {
    const c = view.camera
    params.set(
      'cam',
      [
        round(c.targetEastM, 1),
        round(c.targetNorthM, 1),
        round(c.distanceM, 1),
        round(c.azimuthRad, 4),
        round(c.tiltRad, 4),
      ].join(','),
    )
  }
  return params.toString()
}

/**
 * Parse query parameters into a view. Anything malformed falls back to its default and is
 * reported; values are only ever used as data, never inserted as HTML.
 */
export function decodeUrlView(search: string, defaultLanguage: Language = 'en'): UrlParseResult {
  const params = new URLSearchParams(search)
  const problems: string[] = []
  const view: UrlView = { ...DEFAULT_URL_VIEW, language: defaultLanguage }

  const data = params.get('data')
  if (data !== null) {
    // Relative paths and http(s) URLs only: no javascript: or data: URLs.
    if (/^(https?:\/\/|\/|\.{0,2}\/?[\w-])[^\s<>"']*$/i.test(data) && !/^\w+script:/i.test(data)) {
      view.data = data
    } else problems.push('data')
  }
  const lang = params.get('lang')
  if (lang !== null) {
    if (LANGUAGES.includes(lang as Language)) view.language = lang as Language
    else problems.push('lang')
  }
  const colour = params.get('colour')
  if (colour !== null) {
    if (COLOURINGS.includes(colour as Colouring)) view.colouring = colour as Colouring
    else problems.push('colour')
  }
  const sel = params.get('sel')
  if (sel !== null) {
    if (OSM_ID.test(sel)) view.selectedId = sel
    else problems.push('sel')
  }
  const cam = params.get('cam')
  if (cam !== null) {
    const parts = cam.split(',').map(Number)
    const [e, n, d, az, tilt] = parts
    if (
      parts.length === 5 &&
      parts.every(Number.isFinite) &&
      e !== undefined &&
      n !== undefined &&
      d !== undefined &&
      az !== undefined &&
      tilt !== undefined &&
      d > 0
    ) {
      view.camera = { targetEastM: e, targetNorthM: n, distanceM: d, azimuthRad: az, tiltRad: tilt }
    } else problems.push('cam')
  }
  return { view, problems }
}
