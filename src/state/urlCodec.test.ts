import { describe, expect, it } from 'vitest'

import { parseScenario } from '@/domain/energy/scenario'

import { CURATED_SCENARIOS } from './slices/scenarioSlice'
import {
  decodeUrlView,
  DEFAULT_URL_VIEW,
  encodeShareQuery,
  encodeUrlView,
  languageFromBrowser,
  type UrlView,
} from './urlCodec'

describe('URL view codec', () => {
  it('round-trips a full view', () => {
    const view: UrlView = {
      data: 'data/other.geojson',
      language: 'hu',
      colouring: 'confidence',
      selectedId: 'way/123',
      camera: {
        targetEastM: 12.3,
        targetNorthM: -45.6,
        distanceM: 780,
        azimuthRad: 0.5236,
        tiltRad: 0.8727,
      },
      story: [
        {
          name: 'Blocks on Calea Mănăștur — ăâîșț',
          camera: null,
          colouring: 'type',
          viewMode: 'plan',
          selectedId: null,
          scenario: { name: 'Envelope', measures: ['envelope'] },
          panels: { table: true },
        },
      ],
      scenario: parseScenario({
        name: 'Walls',
        measures: [{ id: 'wall', params: { u_W_m2K: 0.3 } }],
      }),
      after: true,
    }
    const { view: back, problems } = decodeUrlView(`?${encodeUrlView(view)}`)
    expect(problems).toEqual([])
    expect(back).toEqual(view)
  })

  it('writes nothing for the default view', () => {
    expect(encodeUrlView(DEFAULT_URL_VIEW)).toBe('')
  })

  it.each([
    ['lang=xx', 'lang'],
    ['colour=%3Cscript%3E', 'colour'],
    ['sel=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E', 'sel'],
    ['cam=1,2,3', 'cam'],
    ['cam=1,2,-5,0,0', 'cam'],
    ['cam=a,b,c,d,e', 'cam'],
    ['data=javascript:alert(1)', 'data'],
    ['data=data:application/json,%7B%7D', 'data'],
    ['data=ftp://example.org/x.geojson', 'data'],
    ['data=file:///etc/passwd', 'data'],
    [`data=${'a'.repeat(1_000_000)}`, 'data'],
    ['story=bm90IGpzb24', 'story'],
    ['story=W3sibmFtZSI6MX1d', 'story'],
    ['scn=eyJuYW1lIjoiIiwibWVhc3VyZXMiOlsid2FsIl19', 'scn'],
  ])('falls back to defaults for %s and reports it', (query, field) => {
    const { view, problems } = decodeUrlView(`?${query}`)
    expect(problems).toContain(field)
    expect(view).toEqual(DEFAULT_URL_VIEW)
  })
})

describe('exhibit hand-off link', () => {
  it('fits a curated scenario, a selection and a camera in under 200 characters and reads back', () => {
    const scenario = CURATED_SCENARIOS[3]
    if (!scenario) throw new Error('no curated scenario')
    const query = encodeShareQuery({
      language: 'hu',
      colouring: 'class_after',
      selectedId: 'relation/123456789012345',
      camera: {
        targetEastM: -1234.567,
        targetNorthM: 2345.678,
        distanceM: 12345.6,
        azimuthRad: -3.14159,
        tiltRad: 1.13446,
      },
      scenario,
    })
    expect(query.length).toBeLessThanOrEqual(200)
    const { view, problems } = decodeUrlView(`?${query}`)
    expect(problems).toEqual([])
    expect(view.scenario?.name).toBe(scenario.name)
    expect(view.selectedId).toBe('relation/123456789012345')
    expect(view.language).toBe('hu')
    expect(view.colouring).toBe('class_after')
    expect(view.camera?.distanceM).toBe(12346)
  })

  it('reports an unknown scenario number instead of guessing', () => {
    expect(decodeUrlView('?sc=9').problems).toEqual(['sc'])
  })
})

describe('language from the browser', () => {
  it('takes the first of ro/hu/en the browser prefers, by primary subtag', () => {
    expect(languageFromBrowser(['ro-RO', 'en-US'])).toBe('ro')
    expect(languageFromBrowser(['de-DE', 'HU', 'ro'])).toBe('hu')
    expect(languageFromBrowser(['en-GB', 'ro'])).toBe('en')
  })
  it('falls back to English when none of the three is listed', () => {
    expect(languageFromBrowser(['de-DE', 'fr'])).toBe('en')
    expect(languageFromBrowser([])).toBe('en')
  })
})
