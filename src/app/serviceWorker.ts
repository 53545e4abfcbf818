import { useAppStore } from '@/state/store'

/**
 * Register the offline service worker once the district is on screen (or there is none to
 * load), not at page load: installing it downloads and caches the whole app, which on a
 * small exhibit PC would compete with the first frame (measured: ~0.3 s later at 100,000
 * buildings). It then caches datasets from the next load on.
 */
export function registerServiceWorkerWhenSettled(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return
  const register = () => {
    navigator.serviceWorker.register('./sw.js', { scope: './' }).catch(() => {
      // Offline support is a bonus: the twin works without it.
    })
  }
  const settled = () => {
    const status = useAppStore.getState().dataStatus
    return status !== 'idle' && status !== 'loading'
  }
  if (settled()) {
    register()
    return
  }
  const unsubscribe = useAppStore.subscribe(() => {
    if (!settled()) return
    unsubscribe()
    // After the first frame that shows the district.
    requestAnimationFrame(() => requestAnimationFrame(register))
  })
}
