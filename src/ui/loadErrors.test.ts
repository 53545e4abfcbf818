import i18next from 'i18next'
import { describe, expect, it } from 'vitest'

import { errorMessageOf } from '@/domain/dataset/errorMessage'
import { readColumnar } from '@/domain/dataset/readColumnar'
import { checkDataset, readDataset } from '@/domain/dataset/readDataset'
import { parseOverlay } from '@/domain/import/overlay'
import { importFileText } from '@/domain/session/readFile'

import { en } from './locales/en'
import { hu } from './locales/hu'
import { ro } from './locales/ro'

const i18n = i18next.createInstance()
await i18n.init({
  fallbackLng: false,
  resources: { en: { translation: en }, ro: { translation: ro }, hu: { translation: hu } },
  interpolation: { escapeValue: false },
  returnNull: false,
})

const bytes = (text: string) => new TextEncoder().encode(text)
const fail = (f: () => unknown) => {
  try {
    f()
  } catch (e) {
    return e
  }
  throw new Error('did not throw')
}

/** Broken inputs on each path a file or URL takes, and the code each must come back with. */
const BROKEN: [string, () => unknown, string][] = [
  ['empty file', () => importFileText('  ', 'a.osm'), 'loadError.empty'],
  ['text', () => importFileText('hello', 'a.txt'), 'loadError.notOsm'],
  ['other JSON', () => importFileText('{"a":1}', 'a.json'), 'loadError.notOsm'],
  ['cut JSON', () => importFileText('{"elements": [', 'a.json'), 'loadError.jsonTruncated'],
  ['bad JSON', () => importFileText('{"elements": [x]}', 'a.json'), 'loadError.jsonMalformed'],
  ['cut XML', () => importFileText('<osm><node id="1"', 'a.osm'), 'loadError.xmlTruncated'],
  [
    'bad XML',
    () => importFileText('<osm><node lat="x"/></osm>', 'a.osm'),
    'loadError.xmlMalformed',
  ],
  ['DOCTYPE', () => importFileText('<!DOCTYPE osm><osm/>', 'a.osm'), 'loadError.xmlDoctype'],
  ['HTML', () => importFileText('<html></html>', 'a.osm'), 'loadError.notOsm'],
  [
    'no buildings',
    () => importFileText('<osm version="0.6"></osm>', 'a.osm'),
    'loadError.noBuildings',
  ],
  [
    'partial Overpass',
    () => importFileText('{"elements":[],"remark":"runtime error: timeout"}', 'a.json'),
    'loadError.overpassPartial',
  ],
  ['empty CSV', () => parseOverlay('', 'c.csv'), 'loadError.csvEmpty'],
  ['CSV columns', () => parseOverlay('colour\nred', 'c.csv'), 'loadError.csvColumns'],
  ['CSV quote', () => parseOverlay('osm_id\n"way/1', 'c.csv'), 'loadError.csvMalformed'],
  ['empty dataset', () => readDataset('', 'd.geojson'), 'loadError.empty'],
  ['dataset JSON', () => readDataset('{', 'd.geojson'), 'loadError.notJson'],
  ['not a dataset', () => readDataset('{"type":"x"}', 'd.geojson'), 'loadError.notDataset'],
  [
    'bad feature',
    () => checkDataset({ type: 'FeatureCollection', metadata: {}, features: [{}] }, 'd.geojson'),
    'safety.',
  ],
  ['not Arrow', () => readColumnar(bytes('x'.repeat(40)), 'd.arrow'), 'loadError.notDataset'],
  [
    'cut Arrow',
    () => readColumnar(bytes(`ARROW1${'\0'.repeat(40)}`), 'd.arrow'),
    'loadError.cutShort',
  ],
]

describe('every error card is translated', () => {
  it.each(BROKEN)('%s: a code the locales render in ro, hu and en', (_what, broken, code) => {
    const message = errorMessageOf(fail(broken), 'fallback.osm')
    expect(message?.key.startsWith(code)).toBe(true)
    if (!message) return
    const render = (lng: string) => {
      const options = { ...message.params, lng }
      const reason = message.reasonKey ? i18n.t(message.reasonKey, options) : undefined
      return i18n.t(message.key, { ...options, ...(reason !== undefined && { reason }) })
    }
    const texts = ['en', 'ro', 'hu'].map(render)
    for (const text of texts) {
      expect(i18n.exists(message.key, { lng: 'en' })).toBe(true)
      expect(text).not.toMatch(/\{\{|loadError\.|safety\.[a-z]|undefined/)
      expect(text.split('\n')).toHaveLength(1)
    }
    // Romanian and Hungarian are their own sentences, not the English one.
    expect(texts[1]).not.toBe(texts[0])
    expect(texts[2]).not.toBe(texts[0])
  })

  it('anything else that fails to read a file still reads as "cannot be read" in ro', () => {
    const message = errorMessageOf(new TypeError('x is undefined'), 'cartier.osm')
    expect(message?.key).toBe('loadError.unreadable')
    expect(i18n.t(message?.key ?? '', { ...message?.params, lng: 'ro' })).toBe(
      'cartier.osm nu a putut fi citit.',
    )
  })
})
