import i18next, { type TFunction } from 'i18next'
import { describe, expect, it } from 'vitest'

import { legendCaption, legendEntries, legendTitle, roundBreaks, shownState } from './Legend'
import { en } from './locales/en'
import { ro } from './locales/ro'

const i18n = i18next.createInstance()
await i18n.init({
  lng: 'ro',
  fallbackLng: false,
  resources: { en: { translation: en }, ro: { translation: ro } },
  interpolation: { escapeValue: false },
})
const t = i18n.t.bind(i18n) as TFunction
const today = { after: false, swipe: false }
const after = { after: true, swipe: false }
const swipe = { after: false, swipe: true }

describe('legend that follows what is shown', () => {
  it('names today, after or both sides', () => {
    expect(shownState('class_before', today)).toBe('today')
    expect(shownState('class_before', after)).toBe('after')
    expect(shownState('class_after', today)).toBe('after')
    expect(shownState('need', swipe)).toBe('both')
    expect(shownState('saving', after)).toBeNull()
    expect(legendTitle('class_before', today, t)).toBe('Clasa energetică azi')
    expect(legendTitle('class_before', after, t)).toBe('Clasa energetică după scenariu')
    expect(legendTitle('co2', after, t)).toBe('Emisii de CO₂ după scenariu (kg/m²·an)')
    expect(legendTitle('type', swipe, t)).toBe('Tipul clădirii')
    expect(legendCaption('need', swipe, t)).toBe(
      'Necesar de încălzire (kWh/m²·an) — În stânga liniei: azi · în dreapta: după scenariu',
    )
  })

  it('breaks continuous scales at round values, with units', () => {
    expect(roundBreaks(0, 250)).toEqual([0, 50, 100, 150, 200, 250])
    expect(roundBreaks(0, 80)).toEqual([0, 20, 40, 60, 80])
    expect(roundBreaks(0, 1).map((v) => v.toFixed(1))).toEqual([
      '0.0',
      '0.2',
      '0.4',
      '0.6',
      '0.8',
      '1.0',
    ])
    const labels = legendEntries('need', 'conventional', 'ro', t).map((e) => e.label)
    expect(labels.slice(0, 6)).toEqual([
      '0 kWh/m²·an',
      '50 kWh/m²·an',
      '100 kWh/m²·an',
      '150 kWh/m²·an',
      '200 kWh/m²·an',
      '≥ 250 kWh/m²·an',
    ])
  })
})
