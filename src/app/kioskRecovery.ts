import i18next from 'i18next'

/** Where the exhibit remembers its recent recoveries (this tab only, survives a reload). */
export const KIOSK_RECOVERY_KEY = 'twin.kioskRecovery'

/** Errors closer together than this count as one run of failures. */
const WINDOW_MS = 60_000
/** Wait before the 1st, 2nd and 3rd reload of a run; after that the exhibit stays out of order. */
export const RECOVERY_DELAYS_MS = [0, 5_000, 30_000] as const

interface Recovery {
  count: number
  at: number
}

function readRecovery(): Recovery | null {
  try {
    const v = JSON.parse(sessionStorage.getItem(KIOSK_RECOVERY_KEY) ?? 'null') as unknown
    if (typeof v !== 'object' || v === null) return null
    const { count, at } = v as Record<string, unknown>
    return typeof count === 'number' && typeof at === 'number' ? { count, at } : null
  } catch {
    return null
  }
}

/** A card over everything, outside React (whose tree may be what failed). */
function showOutOfOrder(): void {
  if (document.querySelector('[data-testid="out-of-order"]')) return
  const card = document.createElement('div')
  card.className = 'overlay-card out-of-order'
  card.setAttribute('role', 'alert')
  card.dataset.testid = 'out-of-order'
  const title = document.createElement('h2')
  title.textContent = i18next.t('kiosk.outOfOrderTitle')
  const body = document.createElement('p')
  body.textContent = i18next.t('kiosk.outOfOrderBody')
  card.append(title, body)
  document.body.append(card)
}

/**
 * The exhibit's answer to an unexpected error: reload to the address it started with (its
 * idle, reset, data and language settings kept, the visitor's changes dropped). Errors that
 * come back soon after a reload back off: the second reload waits 5 s, the third 30 s, and
 * the fourth within a minute leaves an "out of order" card instead of a reload loop.
 * Returns the listener to pass to `error` and `unhandledrejection`.
 */
export function kioskRecovery(startUrl: string): () => void {
  let recovering = false
  return () => {
    if (recovering) return
    recovering = true
    const now = Date.now()
    const last = readRecovery()
    const count = last && now - last.at < WINDOW_MS ? last.count + 1 : 1
    const delay = RECOVERY_DELAYS_MS[count - 1]
    try {
      sessionStorage.setItem(KIOSK_RECOVERY_KEY, JSON.stringify({ count, at: now }))
    } catch {
      // Storage refused: recover once more, without the memory of earlier tries.
    }
    if (delay === undefined) {
      showOutOfOrder()
      return
    }
    window.setTimeout(() => location.replace(startUrl), delay)
  }
}
