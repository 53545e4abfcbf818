import { fileURLToPath } from 'node:url'

import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'

/**
 * Write the district worker's built file name into index.html's start-up script, so the worker
 * starts fetching and parsing the dataset before the app's own code has loaded.
 */
function earlyDistrictWorker(): Plugin {
  return {
    name: 'early-district-worker',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const file = Object.keys(ctx.bundle ?? {}).find((f) =>
          /(^|\/)district\.worker-[\w-]+\.js$/.test(f),
        )
        if (!file) throw new Error('early-district-worker: the district worker was not built')
        return html.replace('/*district-worker-url*/ null', JSON.stringify(file))
      },
    },
  }
}

export default defineConfig({
  // Relative base so the static build works from any folder or subpath (exhibit PCs, USB).
  base: './',
  plugins: [
    react(),
    earlyDistrictWorker(),
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
            // Datasets given by URL (?data=) are kept for offline use once seen.
            urlPattern: ({ url }) => /\.((geo)?json|arrow)$/i.test(url.pathname),
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
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 2500 },
})
