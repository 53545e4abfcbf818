import { useSyncExternalStore } from 'react'

/** Below this width the toolbar folds into a menu and side panels become bottom sheets. */
export const COMPACT_QUERY = '(max-width: 699px)'

const subscribe = (onChange: () => void) => {
  const query = matchMedia(COMPACT_QUERY)
  query.addEventListener('change', onChange)
  return () => query.removeEventListener('change', onChange)
}

/** True on a phone-sized screen (follows rotation and window resizes). */
export function useCompact(): boolean {
  return useSyncExternalStore(subscribe, () => matchMedia(COMPACT_QUERY).matches)
}
