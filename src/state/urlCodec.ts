import { isSafeDatasetUrl } from '@/domain/dataset/datasetUrl'
import { parseScenario, type Scenario } from '@/domain/energy/scenario'

import { CURATED_SCENARIOS } from './slices/scenarioSlice'
import type { StoryView } from './slices/storySlice'
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
  /** The presenter's saved views. */
  story: StoryView[]
  /** The active scenario (canonical form); null for the default one. */
  scenario: Scenario | null
  /** Show the after-state. */
  after: boolean
}

/** What parsing found wrong, as short human lines (shown as one notice). */
export interface UrlParseResult {
  view: UrlView
  problems: string[]
}

export const DEFAULT_URL_VIEW: UrlView = {
  data: null,
  language: 'en',
  colouring: 'class_before',
  selectedId: null,
  camera: null,
  story: [],
  scenario: null,
  after: false,
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
  if (view.story.length > 0) params.set('story', toBase64Url(JSON.stringify(view.story)))
  if (view.scenario) params.set('scn', toBase64Url(JSON.stringify(view.scenario)))
  if (view.after) params.set('after', '1')
  return params.toString()
}

/** What a visitor carries from the exhibit to a phone. */
export interface ShareView {
  language: Language
  colouring: Colouring
  selectedId: string | null
  camera: CameraPose | null
  scenario: Scenario
}

/**
 * The exhibit's hand-off link: base URL plus a compact query (curated scenario by number,
 * camera to the metre), short enough for a QR code a phone reads at arm's length (≤ 200
 * characters of state).
 */
export function encodeShareQuery(view: ShareView): string {
  const params = new URLSearchParams()
  params.set('lang', view.language)
  if (view.colouring !== DEFAULT_URL_VIEW.colouring) params.set('colour', view.colouring)
  const curated = CURATED_SCENARIOS.findIndex((c) => c.name === view.scenario.name)
  if (curated >= 0) params.set('sc', String(curated))
  if (view.selectedId) params.set('sel', view.selectedId)
  if (view.camera) {
    const c = view.camera
    params.set(
      'cam',
      [
        round(c.targetEastM, 0),
        round(c.targetNorthM, 0),
        round(c.distanceM, 0),
        round(c.azimuthRad, 2),
        round(c.tiltRad, 2),
      ].join(','),
    )
  }
  // Slashes and commas are safe in a query and read better than %2F / %2C.
  return params.toString().replace(/%2F/g, '/').replace(/%2C/g, ',')
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text)
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)))
}

function isPose(v: unknown): v is CameraPose {
  if (typeof v !== 'object' || v === null) return false
  const p = v as Record<string, unknown>
  return ['targetEastM', 'targetNorthM', 'distanceM', 'azimuthRad', 'tiltRad'].every(
    (k) => typeof p[k] === 'number' && Number.isFinite(p[k]),
  )
}

/** Validate a story read from a URL or a file; returns null when anything is off. */
export function parseStory(value: unknown): StoryView[] | null {
  if (!Array.isArray(value) || value.length > 100) return null
  const views: StoryView[] = []
  for (const v of value as unknown[]) {
    if (typeof v !== 'object' || v === null) return null
    const o = v as Record<string, unknown>
    if (typeof o.name !== 'string' || o.name.length > 200) return null
    if (!COLOURINGS.includes(o.colouring as Colouring)) return null
    if (o.viewMode !== '3d' && o.viewMode !== 'plan') return null
    if (o.camera !== null && !isPose(o.camera)) return null
    if (o.selectedId !== null && (typeof o.selectedId !== 'string' || !OSM_ID.test(o.selectedId))) {
      return null
    }
    const panels = o.panels as { table?: unknown } | undefined
    views.push({
      name: o.name,
      camera: o.camera as CameraPose | null,
      colouring: o.colouring as Colouring,
      viewMode: o.viewMode,
      selectedId: o.selectedId as string | null,
      scenario: o.scenario ?? null,
      panels: { table: panels?.table === true },
    })
  }
  return views
}

/**
 * The language the browser asks for (`navigator.languages`, most preferred first): the first
 * of ro/hu/en by primary subtag ("ro-RO" → ro), English when none of them is listed.
 */
export function languageFromBrowser(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split('-')[0]
    if (LANGUAGES.includes(primary as Language)) return primary as Language
  }
  return 'en'
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
    if (isSafeDatasetUrl(data)) view.data = data
    else problems.push('data')
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
  const story = params.get('story')
  if (story !== null) {
    let parsed: StoryView[] | null = null
    try {
      parsed = parseStory(JSON.parse(fromBase64Url(story)))
    } catch {
      parsed = null
    }
    if (parsed) view.story = parsed
    else problems.push('story')
  }
  const scn = params.get('scn')
  if (scn !== null) {
    try {
      view.scenario = parseScenario(JSON.parse(fromBase64Url(scn)))
    } catch {
      problems.push('scn')
    }
  }
  const sc = params.get('sc')
  if (sc !== null) {
    const curated = /^\d$/.test(sc) ? CURATED_SCENARIOS[Number(sc)] : undefined
    if (curated) view.scenario = curated
    else problems.push('sc')
  }
  if (params.get('after') === '1') view.after = true
  return { view, problems }
}
