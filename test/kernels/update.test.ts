// The resident step's parameter updates in WebAssembly (assembly/train.ts: descend, momentum,
// rmsprop, adam) against the course's formulas in float64, each result rounded once to float32 as
// the JavaScript reference stores it: bit for bit, for lengths with and without a tail after the
// SIMD groups.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileGemm, WASM_RELAXED_URL, WASM_URL } from '../../src/kernels/wasm/index.js';
import type { TrainExports } from '../../src/kernels/wasm/trainer.js';
import { Random } from '../../src/tensor/random.js';

const LENGTHS = [1, 2, 3, 4, 5, 7, 8, 9, 1001];

async function exportsOf(): Promise<{ ex: TrainExports; f32: () => Float32Array }> {
  const module = await compileGemm(WASM_RELAXED_URL, WASM_URL);
  const memory = new WebAssembly.Memory({ initial: 4 });
  const instance = await WebAssembly.instantiate(module, { env: { memory } });
  const ex = instance.exports as unknown as TrainExports & { dataEnd(): number };
  return { ex, f32: () => new Float32Array(memory.buffer) };
}

/** Arrays p, g, v, s of n floats each at byte addresses from `base`, with random values (v, s >= 0). */
function fill(f32: Float32Array, base: number, n: number, rng: Random): number[] {
  const at = [0, 1, 2, 3].map((i) => base + i * 4 * (n + 4));
  at.forEach((a, i) => { for (let k = 0; k < n; k++) f32[(a >> 2) + k] = i < 2 ? rng.random() * 2 - 1 : rng.random() * 0.1; });
  return at;
}

function bitsEqual(got: Float32Array, want: Float32Array, what: string): void {
  for (let i = 0; i < want.length; i++) if (!Object.is(got[i], want[i])) assert.fail(`${what}[${i}]: ${got[i]} vs ${want[i]}`);
}

test('descend, momentum, RMSprop and Adam in WebAssembly equal the float64 formulas rounded to float32, bit for bit', async () => {
  const { ex, f32 } = await exportsOf();
  const base = Math.ceil((ex as unknown as { dataEnd(): number }).dataEnd() / 64) * 64;
  const rng = new Random(11);
  const alpha = 0.0123, beta = 0.9, beta2 = 0.999, eps = 1e-8, c1 = 1 - 0.9 ** 3, c2 = 1 - 0.999 ** 3;
  const fr = Math.fround;
  for (const n of LENGTHS) {
    for (const rule of ['gd', 'momentum', 'rmsprop', 'adam'] as const) {
      const [p, g, v, s] = fill(f32(), base, n, rng) as [number, number, number, number];
      const view = (a: number) => f32().slice(a >> 2, (a >> 2) + n);
      const P = view(p), G = view(g), V = view(v), S = view(s);
      if (rule === 'gd') ex.descend(p, g, n, alpha);
      else if (rule === 'momentum') ex.momentum(p, g, v, n, beta, alpha);
      else if (rule === 'rmsprop') ex.rmsprop(p, g, v, n, beta, eps, alpha);
      else ex.adam(p, g, v, s, n, beta, beta2, eps, c1, c2, alpha);
      for (let k = 0; k < n; k++) {
        const pk = P[k]!, gk = G[k]!;
        if (rule === 'gd') P[k] = fr(pk - alpha * gk); // p := p - alpha g
        else if (rule === 'momentum') { V[k] = fr(beta * V[k]! + (1 - beta) * gk); P[k] = fr(pk - alpha * V[k]!); }
        else if (rule === 'rmsprop') { V[k] = fr(beta * V[k]! + (1 - beta) * gk * gk); P[k] = fr(pk - (alpha * gk) / (Math.sqrt(V[k]!) + eps)); }
        else {
          V[k] = fr(beta * V[k]! + (1 - beta) * gk);
          S[k] = fr(beta2 * S[k]! + (1 - beta2) * gk * gk);
          P[k] = fr(pk - (alpha * (V[k]! / c1)) / (Math.sqrt(S[k]! / c2) + eps));
        }
      }
      bitsEqual(view(p), P, `${rule} n=${n} p`);
      if (rule !== 'gd') bitsEqual(view(v), V, `${rule} n=${n} v`);
      if (rule === 'adam') bitsEqual(view(s), S, `${rule} n=${n} s`);
    }
  }
});
