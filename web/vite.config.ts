// Vite 8 build of the playground: `npm run build:web` writes dist/web (relative asset paths,
// so the page works from any URL path and from the `backprop playground` static server).
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const library = fileURLToPath(new URL('../src/', import.meta.url));

/** A module of the library outside its kernels, or csv-parse: none has side effects at load. */
const libraryModule = (id: string) => (id.startsWith(library) && !id.startsWith(`${library}kernels`)) || /[\\/]node_modules[\\/]csv-parse[\\/]/.test(id);

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
    rollupOptions: {
      // the library imports node: modules only when it runs in Node (dynamic imports behind a check)
      external: [/^node:/],
      // The library's modules run no code at load but their kernels' registration, and neither does csv-parse:
      // told so, the bundler leaves out what the page does not use, and the parts that the page loads later
      // (the CSV parser, the model file's reader and writer) go to their own files. Without it, everything
      // that src/index.ts names came in one 156 KB file that the page loaded and ran at its start.
      treeshake: { moduleSideEffects: (id: string) => !libraryModule(id) },
    },
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
