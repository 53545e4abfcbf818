import type { TFunction } from 'i18next'

import type { Language } from '@/state/slices/viewSlice'
import { DEFAULT_SCENARIO } from '@/state/slices/scenarioSlice'
import { useAppStore } from '@/state/store'
import { decodeUrlView, encodeUrlView, type UrlView } from '@/state/urlCodec'

const STICKY_PARAMS = ['kiosk', 'idle', 'reset'] as const

/** Kiosk mode from `?kiosk` (or a build with VITE_KIOSK=1), with optional idle timings. */
export function readKiosk(search: string): {
  kiosk: boolean
  attractAfterS?: number
  resetAfterS?: number
} {
  const params = new URLSearchParams(search)
  const kiosk = params.has('kiosk') || import.meta.env.VITE_KIOSK === '1'
  const seconds = (name: string) => {
    const v = Number(params.get(name))
    return params.has(name) && Number.isFinite(v) && v > 0 ? v : undefined
  }
  const attractAfterS = seconds('idle')
  const resetAfterS = seconds('reset')
  return {
    kiosk,
    ...(attractAfterS === undefined ? {} : { attractAfterS }),
    ...(resetAfterS === undefined ? {} : { resetAfterS }),
  }
}

/**
 * Read the start-up view from the page URL. Malformed parts are returned as `problems`, for
 * `showUrlProblems` once the translations are loaded.
 */
export function readUrlState(
  search: string,
  defaultLanguage: Language = 'en',
): { view: UrlView; problems: string[] } {
  const { view, problems } = decodeUrlView(search, defaultLanguage)
  const s = useAppStore.getState()
  s.setLanguage(view.language)
  s.setColouring(view.colouring)
  if (view.camera) s.commitCamera(view.camera)
  if (view.selectedId) s.selectBuilding(view.selectedId)
  if (view.story.length > 0) s.setStory(view.story)
  if (view.scenario) s.setScenario(view.scenario)
  if (view.after) s.setCompare({ after: true })
  return { view, problems }
}

/** One translated notice for the link's malformed parts (a refused dataset address first). */
export function showUrlProblems(problems: readonly string[], t: TFunction): void {
  if (problems.length === 0) return
  const others = problems.filter((p) => p !== 'data')
  const parts = [
    ...(others.length < problems.length ? [t('safety.dataRefused')] : []),
    ...(others.length > 0 ? [t('safety.linkReset', { fields: others.join(', ') })] : []),
  ]
  useAppStore.getState().showNotice(parts.join(' '))
}

/** Keep the URL in step with the store (replaceState, so Back still leaves the app). */
export function syncUrlWithStore(
  data: string | null,
  defaultLanguage: Language = 'en',
): () => void {
  let timer = 0
  const write = () => {
    const s = useAppStore.getState()
    const query = encodeUrlView(
      {
        data,
        language: s.language,
        colouring: s.colouring,
        selectedId: s.selectedId,
        camera: s.camera,
        story: s.story,
        scenario: s.scenario === DEFAULT_SCENARIO ? null : s.scenario,
        after: s.compare.after,
      },
      defaultLanguage,
    )
    // Exhibit-only parameters stay in the address bar so a reload stays in kiosk mode.
    const sticky = new URLSearchParams(location.search)
    const kept = new URLSearchParams(query)
    for (const p of STICKY_PARAMS) {
      const v = sticky.get(p)
      if (v !== null) kept.set(p, v)
    }
    const q = kept.toString().replace(/=(&|$)/g, '$1')
    const url = `${location.pathname}${q ? `?${q}` : ''}${location.hash}`
    if (url !== `${location.pathname}${location.search}${location.hash}`) {
      history.replaceState(null, '', url)
    }
  }
  const unsubscribe = useAppStore.subscribe(() => {
    window.clearTimeout(timer)
    timer = window.setTimeout(write, 200)
  })
  return () => {
    window.clearTimeout(timer)
    unsubscribe()
  }
}
