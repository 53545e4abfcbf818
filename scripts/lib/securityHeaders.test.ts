import { readFileSync } from 'node:fs'

import { describe, expect, it } from 'vitest'

import {
  contentSecurityPolicy,
  datasetOrigins,
  isCachedDataset,
  securityHeaders,
} from './securityHeaders'

describe('security headers', () => {
  it('are the ones README "Deploying" tells a host to send, value for value', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
    const documented = Object.fromEntries(
      [...readme.matchAll(/^\s*add_header ([\w-]+) "([^"]*)" always;$/gm)].map((m) => [m[1], m[2]]),
    )
    expect(documented).toEqual(securityHeaders([]))
  })

  it('allow scripts, workers and fetches only from the site and the configured origins', () => {
    const policy = contentSecurityPolicy(['https://data.example.org'])
    expect(policy).toContain("script-src 'self';")
    expect(policy).not.toMatch(/unsafe-(inline|eval)/)
    expect(policy).toContain("connect-src 'self' https://data.example.org;")
    expect(policy).toContain("object-src 'none'")
    expect(policy).toContain("base-uri 'none'")
    // Ignored in a meta tag: only the header carries it.
    expect(policy).not.toContain('frame-ancestors')
    expect(securityHeaders([])['Content-Security-Policy']).toContain("frame-ancestors 'none'")
  })

  it('take dataset origins from the build environment and refuse anything else', () => {
    expect(datasetOrigins('https://a.example.org, http://127.0.0.1:8080')).toEqual([
      'https://a.example.org',
      'http://127.0.0.1:8080',
    ])
    expect(datasetOrigins('')).toEqual([])
    for (const bad of [
      '*',
      "'unsafe-inline'",
      'https://a.example.org/path',
      'data:',
      'a.example.org',
    ])
      expect(() => datasetOrigins(bad)).toThrow('TWIN_DATASET_ORIGINS')
  })

  it('let the service worker keep same-origin datasets only', () => {
    const at = (href: string, sameOrigin: boolean) =>
      isCachedDataset({ url: new URL(href), sameOrigin })
    expect(at('http://127.0.0.1/data/district.geojson', true)).toBe(true)
    expect(at('http://127.0.0.1/data/district.arrow', true)).toBe(true)
    expect(at('https://evil.example/district.geojson', false)).toBe(false)
    expect(at('http://127.0.0.1/assets/index.js', true)).toBe(false)
  })
})
