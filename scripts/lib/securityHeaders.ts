/**
 * The Content-Security-Policy and security headers of the built app, in one place: the build
 * writes the policy into index.html's meta tag, `vite preview` and `vite` send the headers, the
 * browser tests' server sends them, and README "Deploying" gives the same values for a static host.
 */

/**
 * Origins (besides the app's own) the page may fetch `?data=` datasets from, set at build time:
 * `TWIN_DATASET_ORIGINS="https://data.example.org https://cdn.example.net"`.
 */
export function datasetOrigins(value = process.env.TWIN_DATASET_ORIGINS ?? ''): string[] {
  const origins = value.split(/[\s,]+/).filter((o) => o !== '')
  for (const o of origins) {
    if (!/^https?:\/\/[a-z\d.-]+(:\d{1,5})?$/i.test(o))
      throw new Error(
        `TWIN_DATASET_ORIGINS: "${o}" is not an origin such as https://data.example.org`,
      )
  }
  return origins
}

/**
 * The policy a meta tag can carry: scripts and workers only from the app's own files (no inline
 * script, no eval), fetches only to itself and the configured dataset origins, images also as
 * data:/blob: URLs (QR code, PNG export), no plugins, no <base>.
 */
export function contentSecurityPolicy(origins: readonly string[] = datasetOrigins()): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "worker-src 'self'",
    ['connect-src', "'self'", ...origins].join(' '),
    "img-src 'self' data: blob:",
    "style-src 'self'",
    "font-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ')
}

/**
 * The headers a static host sends with every file: the policy plus `frame-ancestors` (ignored in
 * a meta tag), and the headers that stop MIME sniffing, referrer leaks, framing and unused
 * device features.
 */
export function securityHeaders(
  origins: readonly string[] = datasetOrigins(),
): Record<string, string> {
  return {
    'Content-Security-Policy': `${contentSecurityPolicy(origins)}; frame-ancestors 'none'`,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Permissions-Policy':
      'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), fullscreen=(self)',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
  }
}

/** The headers without the policy: Vite's dev server injects inline scripts (HMR, React refresh). */
export function devServerHeaders(): Record<string, string> {
  const { 'Content-Security-Policy': _policy, ...rest } = securityHeaders()
  return rest
}

/**
 * Which responses the service worker keeps for offline use: datasets from the app's own origin
 * only, so a link to another site's dataset cannot leave a kiosk showing it after a reload.
 * Workbox copies this function's text into sw.js: it must not use anything outside itself.
 */
export function isCachedDataset({ url, sameOrigin }: { url: URL; sameOrigin: boolean }): boolean {
  return sameOrigin && /\.((geo)?json|arrow)$/i.test(url.pathname)
}
