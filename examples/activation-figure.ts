// Writes docs/activations.svg: g(z) and g'(z) of the library's activations (src/plot/activations.ts).
// Run: node dist/examples/activation-figure.js [out.svg]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeChart } from '../src/plot/render.js';
import { activationsSpec } from '../src/plot/activations.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = process.argv[2] ?? path.resolve(here, '../../docs/activations.svg');
await writeChart(out, activationsSpec());
console.log(`written ${out}`);
