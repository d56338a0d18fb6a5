// Build configuration: bundles src/main.ts and govuk-frontend's CSS into dist/ with hashed names under dist/assets/.
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

// govuk-frontend's compiled CSS refers to its fonts and images as /assets/...; pointing that prefix at the package
// lets Vite copy them into the build with content hashes, so nothing is fetched from anywhere but our own origin.
const govukAssets = fileURLToPath(new URL('./node_modules/govuk-frontend/dist/govuk/assets/', import.meta.url))

export default defineConfig({
  resolve: {
    alias: [{ find: /^\/assets\//, replacement: govukAssets }],
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    sourcemap: true,
    modulePreload: { polyfill: false },
    // govuk-frontend's CSS comes minified already, with old Internet Explorer hacks the minifier rejects.
    cssMinify: false,
    assetsInlineLimit: 0,
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', ws: true },
    },
  },
})
