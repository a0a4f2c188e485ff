#!/usr/bin/env node
// After tsc: writes dist/src/vendor/csv-parse-browser.js, csv-parse's browser build itself (a single
// ES module without imports; its types are src/vendor/csv-parse-browser.d.ts), so the browser entry
// has no bare specifier and loads from a static copy of dist/src. tsc neither writes nor removes it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(path.join(root, 'package.json'));
const file = require.resolve('csv-parse/browser/esm/sync'); // csv-parse/dist/esm/sync.js (package.json is not exported)
const { version, license } = JSON.parse(readFileSync(path.join(path.dirname(file), '..', '..', 'package.json'), 'utf8'));
const code = readFileSync(file, 'utf8');
if (!/^export \{[^}]*\bparse\b[^}]*\};?\s*$/m.test(code) || /^import\s|^export .* from\s/m.test(code)) {
  console.error(`vendor: csv-parse ${version}'s dist/esm/sync.js is no longer one module exporting parse without imports`);
  process.exit(1);
}
const banner = `// csv-parse ${version} (${license} license, https://csv.js.org): its browser build dist/esm/sync.js, copied by backprop's scripts/vendor.mjs\n`;
// the MIT license asks that its notice travel with every copy
const notice = readFileSync(path.join(path.dirname(file), '..', '..', 'LICENSE'), 'utf8').trim().replaceAll('*/', '* /');
const header = `${banner}/*!\n${notice}\n*/\n`;
const out = path.join(root, 'dist', 'src', 'vendor');
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, 'csv-parse-browser.js'), header + code);
