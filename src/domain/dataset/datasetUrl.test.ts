import { describe, expect, it } from 'vitest'

import { isSafeDatasetUrl, MAX_DATASET_URL_LENGTH, shortDatasetLabel } from './datasetUrl'

describe('isSafeDatasetUrl', () => {
  it.each([
    'data/district.geojson',
    './data/x.geojson',
    '../x.geojson',
    '/data/x.geojson',
    'x.geojson?v=2',
    'https://example.org/x.geojson',
    'HTTP://example.org/x.geojson',
  ])('accepts %s', (url) => expect(isSafeDatasetUrl(url)).toBe(true))

  it.each([
    'data:application/json,{}',
    'DATA:application/json,{}',
    'ftp://example.org/x.geojson',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'blob:https://example.org/1',
    'http:x.geojson',
    'https:///x',
    'a b.geojson',
    'x\n.geojson',
    '',
    `x${'a'.repeat(MAX_DATASET_URL_LENGTH)}`,
  ])('refuses %j', (url) => expect(isSafeDatasetUrl(url)).toBe(false))
})

describe('shortDatasetLabel', () => {
  it('keeps short labels and shortens long ones to both ends', () => {
    expect(shortDatasetLabel('data/x.geojson')).toBe('data/x.geojson')
    const long = `https://example.org/${'a'.repeat(1_000_000)}/x.geojson`
    const short = shortDatasetLabel(long)
    expect(short.length).toBeLessThanOrEqual(80)
    expect(short.startsWith('https://example.org/')).toBe(true)
    expect(short.endsWith('x.geojson')).toBe(true)
  })
})
