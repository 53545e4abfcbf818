import type { Rgb } from './palettes'

/** The conventional label colours, greens to reds. */
export const CLASS_COLOURS: readonly Rgb[] = [
  [0, 97, 59],
  [0, 128, 84],
  [25, 180, 89],
  [141, 206, 70],
  [255, 213, 0],
  [252, 170, 101],
  [239, 128, 35],
  [233, 21, 59],
]

/**
 * Colour-blind-safe alternative: eight steps of cividis (Nuñez et al. 2018), which reads the
 * same under the common colour-vision deficiencies and in greyscale. Dark blue = best.
 */
export const CLASS_COLOURS_CVD: readonly Rgb[] = [
  [0, 34, 78],
  [35, 62, 108],
  [87, 92, 109],
  [124, 123, 120],
  [160, 155, 117],
  [199, 189, 105],
  [232, 219, 87],
  [253, 234, 69],
]

/** A continuous ramp: colour stops from low to high value. */
export interface Ramp {
  stops: readonly Rgb[]
}

/** Low demand / emissions good (green) → high bad (red). */
export const DEMAND_RAMP: Ramp = {
  stops: [
    [26, 152, 80],
    [145, 207, 96],
    [254, 224, 139],
    [252, 141, 89],
    [215, 48, 39],
  ],
}

/** Saving: none (pale) → large (deep blue). */
export const SAVING_RAMP: Ramp = {
  stops: [
    [247, 251, 255],
    [198, 219, 239],
    [107, 174, 214],
    [33, 113, 181],
    [8, 48, 107],
  ],
}

/** Colour at `t` in 0..1 along a ramp (clamped, linear between stops). */
export function rampColour(ramp: Ramp, t: number): Rgb {
  const n = ramp.stops.length - 1
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * n
  const i = Math.min(n - 1, Math.floor(x))
  const f = x - i
  const a = ramp.stops[i] ?? [0, 0, 0]
  const b = ramp.stops[i + 1] ?? a
  return [
    Math.round(a[0] + (b[0] - a[0]) * f),
    Math.round(a[1] + (b[1] - a[1]) * f),
    Math.round(a[2] + (b[2] - a[2]) * f),
  ]
}
