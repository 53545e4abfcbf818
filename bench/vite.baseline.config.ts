import { fileURLToPath } from 'node:url'

import { defineConfig } from 'vite'

/** Builds the deck.gl baseline page that `npm run bench` compares the twin against. */
export default defineConfig({
  root: fileURLToPath(new URL('./baseline', import.meta.url)),
  base: './',
  resolve: { alias: { '@': fileURLToPath(new URL('../src', import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL('./dist-baseline', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
  },
})
