/**
 * What the compass and the scale bar show. It changes every frame of a gesture, so it never
 * enters the store: the active view publishes it, the gauges write it straight to the DOM.
 */
export interface ViewGauge {
  /** Heading of the view, clockwise from north. */
  headingRad: number
  /** Ground metres per CSS pixel at the centre of the view. */
  metresPerPx: number
}

const listeners = new Set<(g: ViewGauge) => void>()
let latest: ViewGauge | null = null

export function publishViewGauge(g: ViewGauge): void {
  latest = g
  for (const l of listeners) l(g)
}

/** Call `l` with the latest gauge now (if any) and on each change; returns the unsubscribe. */
export function subscribeViewGauge(l: (g: ViewGauge) => void): () => void {
  listeners.add(l)
  if (latest) l(latest)
  return () => {
    listeners.delete(l)
  }
}

const NICE_METRES = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000]

/** The longest round length (1, 2, 5 × 10ⁿ m) that fits in `maxPx`, and its width in pixels. */
export function scaleBarOf(metresPerPx: number, maxPx = 120): { metres: number; px: number } {
  const fits = NICE_METRES.filter((m) => m / metresPerPx <= maxPx)
  const metres = fits[fits.length - 1] ?? NICE_METRES[0] ?? 1
  return { metres, px: metres / metresPerPx }
}
