// The types of dist/src/vendor/csv-parse-browser.js: csv-parse's browser build (one self-contained
// ES module), copied there after tsc by scripts/vendor.mjs, so that the browser entry's module graph
// has no bare specifier: a page that imports dist/src/index.js from a static copy (a CDN, a folder
// served as it is, a module Web Worker) loads it without a bundler or an import map. The playground's
// Vite build reads the package itself (an alias in web/vite.config.ts): the same code.
export { parse } from 'csv-parse/browser/esm/sync';
