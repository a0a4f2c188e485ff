// Vite 8 build of the playground: `npm run build:web` writes dist/web (relative asset paths,
// so the page works from any URL path and from the `backprop playground` static server).
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // maps for debugging the page from a clone, not named in the files nor shipped in the package (2.2 MB)
    sourcemap: 'hidden',
    // the library imports node: modules only when it runs in Node (dynamic imports behind a check)
    rollupOptions: { external: [/^node:/] },
  },
  // src/data/csv.ts imports csv-parse's browser build as ../vendor/csv-parse-browser.js, a copy that exists
  // in dist/ only (scripts/vendor.mjs): the page takes the package's own file
  resolve: { alias: [{ find: /^\.\.\/vendor\/csv-parse-browser\.js$/, replacement: 'csv-parse/browser/esm/sync' }] },
  worker: { format: 'es' },
  // cross-origin isolation, so SharedArrayBuffer (the threaded kernels) exists in the dev server too
  server: {
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
    headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
  },
});
