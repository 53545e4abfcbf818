import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'

import type { Language } from '@/state/slices/viewSlice'

import { en } from './locales/en'
import { hu } from './locales/hu'
import { ro } from './locales/ro'

export const LANGUAGES: readonly Language[] = ['ro', 'hu', 'en']

/** Set when a key falls back; browser tests fail on it (issue 7: no missing keys). */
export const missingKeys = new Set<string>()

/** Initialise i18next once; `lng` comes from the store (URL `?lang=`). */
export function initI18n(lng: Language) {
  void i18next.use(initReactI18next).init({
    lng,
    fallbackLng: false,
    resources: { en: { translation: en }, ro: { translation: ro }, hu: { translation: hu } },
    interpolation: { escapeValue: false },
    saveMissing: true,
    missingKeyHandler: (_lngs, _ns, key) => missingKeys.add(key),
    returnNull: false,
  })
  return i18next
}

/** Locale-aware number formatting: decimal comma in ro/hu. */
export function formatNumber(value: number, lng: string, maxFractionDigits = 1): string {
  return new Intl.NumberFormat(lng, { maximumFractionDigits: maxFractionDigits }).format(value)
}
