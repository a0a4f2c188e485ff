// What importing a package costs: `node dist/bench/import-cost.js DIR SPECIFIER [RUNS]` imports
// SPECIFIER in a fresh Node process RUNS times (default 7), from a project folder DIR where it is
// installed, and prints the median wall time of the import() and the median RSS after it.
// docs/packaging.md has the figures.

import { execFileSync } from 'node:child_process';

const [dir, specifier, runs = '7'] = process.argv.slice(2);
if (!dir || !specifier) {
  console.error('usage: node dist/bench/import-cost.js DIR SPECIFIER [RUNS]');
  process.exit(2);
}
const code = `const t = performance.now(); await import(${JSON.stringify(specifier)});
console.log(JSON.stringify({ ms: performance.now() - t, rss: process.memoryUsage().rss }));`;
const samples: { ms: number; rss: number }[] = [];
for (let i = 0; i < Number(runs); i++) {
  samples.push(JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: dir, encoding: 'utf8' })) as { ms: number; rss: number });
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
console.log(`${specifier}: import ${median(samples.map((s) => s.ms)).toFixed(0)} ms, RSS ${(median(samples.map((s) => s.rss)) / 2 ** 20).toFixed(0)} MB (median of ${runs})`);
