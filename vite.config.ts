import { fileURLToPath } from 'node:url'

import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'

export default defineConfig({
  // Relative base so the static build works from any folder or subpath (exhibit PCs, USB).
  base: './',
  plugins: [
    react(),
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script-defer',
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
        globPatterns: ['**/*.{js,css,html,png,svg,webmanifest,geojson,ttf}'],
        maximumFileSizeToCacheInBytes: 200 * 1024 * 1024,
        navigateFallback: 'index.html',
        runtimeCaching: [
          {
            // Datasets given by URL (?data=) are kept for offline use once seen.
            urlPattern: ({ url }) => /\.(geo)?json$/i.test(url.pathname),
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
