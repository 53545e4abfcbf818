import { fileURLToPath } from 'node:url'

import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'

import {
  contentSecurityPolicy,
  devServerHeaders,
  isCachedDataset,
  securityHeaders,
} from './scripts/lib/securityHeaders'

const EARLY_START = fileURLToPath(new URL('./src/app/earlyStart.ts', import.meta.url))

/**
 * Link `src/app/earlyStart.ts` as the page's first script, with the district worker's built file
 * name, so the worker starts fetching and parsing the dataset before the app's own code has
 * loaded; and write the Content-Security-Policy into index.html (no inline script needs it).
 */
function earlyStartAndPolicy(): Plugin {
  return {
    name: 'early-start-and-policy',
    apply: 'build',
    buildStart() {
      this.emitFile({ type: 'chunk', id: EARLY_START, name: 'earlyStart' })
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const files = Object.values(ctx.bundle ?? {})
        const worker = files.find((f) => /(^|\/)district\.worker-[\w-]+\.js$/.test(f.fileName))
        const early = files.find((f) => f.type === 'chunk' && f.name === 'earlyStart')
        if (!worker || !early) throw new Error('early-start-and-policy: a chunk was not built')
        const policy = `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy()}" />`
        const script = `<script type="module" src="./${early.fileName}" data-district-worker="${worker.fileName}"></script>`
        // The policy right after the charset, before anything it governs; the early start
        // before the app's bundle, so it has run when the app looks for its worker.
        const withPolicy = html.replace(/(<meta charset="UTF-8" \/>)/, `$1\n    ${policy}`)
        const firstScript = withPolicy.indexOf('<script')
        if (!withPolicy.includes(policy) || firstScript < 0)
          throw new Error('early-start-and-policy: index.html has no charset meta or no script')
        return `${withPolicy.slice(0, firstScript)}${script}\n    ${withPolicy.slice(firstScript)}`
      },
    },
  }
}

export default defineConfig({
  // Relative base so the static build works from any folder or subpath (exhibit PCs, USB).
  base: './',
  plugins: [
    react(),
    earlyStartAndPolicy(),
    VitePWA({
      registerType: 'autoUpdate',
      // Registered by the app once the district is drawn (src/app/serviceWorker.ts).
      injectRegister: null,
      includeAssets: ['icons/*.png'],
      manifest: {
        name: 'Mănăștur Twin',
        short_name: 'Mănăștur Twin',
        description: 'Interactive 3D energy digital twin of Mănăștur, Cluj-Napoca',
        lang: 'ro',
        display: 'fullscreen',
        background_color: '#dfe7ec',
        theme_color: '#0b5cad',
        start_url: './',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
        ],
      },
      workbox: {
        // The app, its workers and a bundled dataset are precached: the exhibit runs unplugged.
        // A new worker takes over open pages at once, so the first visit is already offline-ready.
        clientsClaim: true,
        skipWaiting: true,
        globPatterns: ['**/*.{js,css,html,png,svg,webmanifest,geojson,arrow,ttf}'],
        maximumFileSizeToCacheInBytes: 200 * 1024 * 1024,
        navigateFallback: 'index.html',
        runtimeCaching: [
          {
            // Same-origin datasets given by URL (?data=) are kept for offline use once seen.
            urlPattern: isCachedDataset,
            handler: 'NetworkFirst',
            options: {
              cacheName: 'datasets',
              networkTimeoutSeconds: 5,
              expiration: { maxEntries: 20 },
            },
          },
        ],
      },
    }),
  ],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: { host: '127.0.0.1', headers: devServerHeaders() },
  preview: { host: '127.0.0.1', headers: securityHeaders() },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 2500 },
})
