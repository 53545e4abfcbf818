/**
 * Values that change on every pointer move (house style §5): they live here, outside React and
 * the store, and the frame loop reads them; the store gets the settled value on release.
 */
export interface LiveValue {
  /** The value while a drag is under way, or null when the store's value holds. */
  readonly current: number | null
  /** A pointer move: keep the value and wake the readers (no store write, no React render). */
  move(value: number): void
  /** The release: clear the live value and hand back the last one to commit, if any. */
  end(): number | null
  /** Run `listener` on every move; returns the unsubscribe. */
  subscribe(listener: () => void): () => void
}

function liveValue(): LiveValue {
  let current: number | null = null
  const listeners = new Set<() => void>()
  return {
    get current() {
      return current
    },
    move(value) {
      current = value
      for (const l of listeners) l()
    },
    end() {
      const last = current
      current = null
      return last
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

/** The swipe-compare divider while it is dragged (a fraction of the 3D view's width). */
export const liveDivider = liveValue()
