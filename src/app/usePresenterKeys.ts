import { useEffect } from 'react'

import { useAppStore } from '@/state/store'

/**
 * Presenter keys: PageDown/PageUp (what clickers send) always step the story once it has
 * views; arrows and space step only while presenting; Escape stops.
 */
export function usePresenterKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = useAppStore.getState()
      if (s.story.length === 0) return
      const target = e.target as HTMLElement | null
      if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return
      const presenting = s.storyIndex !== null
      const next =
        e.key === 'PageDown' || (presenting && [' ', 'ArrowRight', 'ArrowDown'].includes(e.key))
      const prev = e.key === 'PageUp' || (presenting && ['ArrowLeft', 'ArrowUp'].includes(e.key))
      if (next || prev) {
        e.preventDefault()
        e.stopPropagation()
        s.stepStory(next ? 1 : -1)
      } else if (presenting && e.key === 'Escape') {
        s.stopPresenting()
      }
    }
    // Capture phase, so the canvas's arrow-key panning does not also move the camera.
    window.addEventListener('keydown', onKey, { capture: true })
    return () => window.removeEventListener('keydown', onKey, { capture: true })
  }, [])
}
