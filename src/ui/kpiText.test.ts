import i18next, { type TFunction } from 'i18next'
import { describe, expect, it } from 'vitest'

import { DEFAULT_PARAMETERS } from '@/domain/energy/parameters'

import { approxText, LONGEST_SERVICE_LIFE_YEARS } from './kpiText'
import { en } from './locales/en'

const i18n = i18next.createInstance()
await i18n.init({
  lng: 'en',
  fallbackLng: false,
  resources: { en: { translation: en } },
  interpolation: { escapeValue: false },
})
const t = i18n.t.bind(i18n) as TFunction
const f = (x: number) => x.toFixed(1)

describe('a figure with its range', () => {
  it('writes the range, or the value alone where none is known', () => {
    expect(approxText('39.4 yr', [11.6, 30], f, t)).toBe('≈ 39.4 yr (11.6–30.0)')
    expect(approxText('39.4 yr', null, f, t)).toBe('39.4 yr')
    expect(approxText('39.4 yr', [Number.NaN, 3], f, t)).toBe('39.4 yr')
    expect(approxText('−3 €', [-5, -1], f, t)).toBe('≈ −3 € (−5.0 – −1.0)')
  })

  it('leaves a payback that outlives every measure, or never comes, open-ended', () => {
    // The works’ longest service life, read from the defaults.
    const lives = Object.values(DEFAULT_PARAMETERS.measures).map((m) => m.lifetime_years.value)
    expect(LONGEST_SERVICE_LIFE_YEARS).toBe(Math.max(...lives))
    const beyond = LONGEST_SERVICE_LIFE_YEARS + 1
    const open = '≈ 39.4 yr (at least 11.6; it may not pay back within the works’ service life)'
    expect(approxText('39.4 yr', [11.6, beyond], f, t, LONGEST_SERVICE_LIFE_YEARS)).toBe(open)
    expect(approxText('39.4 yr', [11.6, Infinity], f, t)).toBe(open)
    // Within the horizon, and for figures that are not paybacks, the range is kept.
    expect(approxText('39.4 yr', [11.6, 30], f, t, LONGEST_SERVICE_LIFE_YEARS)).toBe(
      '≈ 39.4 yr (11.6–30.0)',
    )
    expect(approxText('9 €', [1, beyond], f, t)).toBe(`≈ 9 € (1.0–${beyond.toFixed(1)})`)
  })
})
