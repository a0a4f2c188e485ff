// The resident step's parameter updates in WebAssembly (assembly/train.ts: descend, momentum,
// rmsprop, adam) against the course's formulas, bit for bit, for lengths with and without a tail
// after the SIMD groups: all four in float32, every operation rounded, as the JavaScript reference
// computes them on float32 arrays (src/optim/optimizers.ts); moving averages below 2^-100 set to 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileGemm, WASM_RELAXED_URL, WASM_URL } from '../../src/kernels/wasm/index.js';
import type { TrainExports } from '../../src/kernels/wasm/trainer.js';
import { Random } from '../../src/tensor/random.js';

const LENGTHS = [1, 2, 3, 4, 5, 7, 8, 9, 1001];

async function exportsOf(): Promise<{ ex: TrainExports; f32: () => Float32Array }> {
  const module = await compileGemm(WASM_RELAXED_URL!, WASM_URL!);
  const memory = new WebAssembly.Memory({ initial: 4 });
  const instance = await WebAssembly.instantiate(module, { env: { memory } });
  const ex = instance.exports as unknown as TrainExports & { dataEnd(): number };
  return { ex, f32: () => new Float32Array(memory.buffer) };
}

/** The moving averages' floor (see assembly/train.ts): below 2^-100 they are set to 0. */
const TINY = 2 ** -100;
const flush = (x: number) => (Math.abs(x) < TINY ? 0 : x);

/**
 * Arrays p, g, v, s of n floats each at byte addresses from `base`, with random values (v, s >= 0);
 * every third parameter has g = 0 and v, s near the floor, so that some decay below it and some not.
 */
function fill(f32: Float32Array, base: number, n: number, rng: Random): number[] {
  const at = [0, 1, 2, 3].map((i) => base + i * 4 * (n + 4));
  at.forEach((a, i) => { for (let k = 0; k < n; k++) f32[(a >> 2) + k] = i < 2 ? rng.random() * 2 - 1 : rng.random() * 0.1; });
  for (let k = 0; k < n; k += 3) {
    f32[(at[1]! >> 2) + k] = 0;
    f32[(at[2]! >> 2) + k] = TINY * (0.9 + 0.4 * rng.random()) * (k % 2 ? -1 : 1);
    f32[(at[3]! >> 2) + k] = TINY * (0.9 + 0.4 * rng.random());
  }
  return at;
}

function bitsEqual(got: Float32Array, want: Float32Array, what: string): void {
  for (let i = 0; i < want.length; i++) if (!Object.is(got[i], want[i])) assert.fail(`${what}[${i}]: ${got[i]} vs ${want[i]}`);
}

test('descend, momentum, RMSprop and Adam in WebAssembly equal the float32 formulas, every operation rounded, bit for bit', async () => {
  const { ex, f32 } = await exportsOf();
  const base = Math.ceil((ex as unknown as { dataEnd(): number }).dataEnd() / 64) * 64;
  const rng = new Random(11);
  const alpha = 0.0123, beta = 0.9, beta2 = 0.999, eps = 1e-8, c1 = 1 - 0.9 ** 3, c2 = 1 - 0.999 ** 3;
  const fr = Math.fround;
  for (const n of LENGTHS) {
    for (const rule of ['gd', 'momentum', 'rmsprop', 'adam'] as const) {
      const [p, g, v, s] = fill(f32(), base, n, rng) as [number, number, number, number];
      if (n === 1001) f32()[(g >> 2) + 1] = NaN; // a NaN gradient: not set to 0 with the small averages
      const view = (a: number) => f32().slice(a >> 2, (a >> 2) + n);
      const P = view(p), G = view(g), V = view(v), S = view(s);
      if (rule === 'gd') ex.descend(p, g, n, alpha);
      else if (rule === 'momentum') ex.momentum(p, g, v, n, beta, alpha);
      else if (rule === 'rmsprop') ex.rmsprop(p, g, v, n, beta, eps, alpha);
      else ex.adam(p, g, v, s, n, beta, beta2, eps, c1, c2, alpha);
      for (let k = 0; k < n; k++) {
        const pk = P[k]!, gk = G[k]!;
        if (rule === 'gd') P[k] = fr(pk - fr(fr(alpha) * gk)); // p := p - alpha g, in float32
        else if (rule === 'momentum') {
          // v := beta v + (1 - beta) g; p := p - alpha v, each operation in float32
          V[k] = flush(fr(fr(fr(beta) * V[k]!) + fr(fr(1 - beta) * gk)));
          P[k] = fr(pk - fr(fr(alpha) * V[k]!));
        }
        else if (rule === 'rmsprop') {
          // s := beta s + (1 - beta) g^2; p := p - alpha g / (sqrt(s) + eps), each operation in float32
          V[k] = flush(fr(fr(fr(beta) * V[k]!) + fr(fr(fr(1 - beta) * gk) * gk)));
          P[k] = fr(pk - fr(fr(fr(alpha) * gk) / fr(fr(Math.sqrt(V[k]!)) + fr(eps))));
        } else {
          // v := b1 v + (1 - b1) g; s := b2 s + (1 - b2) g^2; p := p - (alpha / c1) v / (sqrt(s / c2) + eps)
          V[k] = flush(fr(fr(fr(beta) * V[k]!) + fr(fr(1 - beta) * gk)));
          S[k] = flush(fr(fr(fr(beta2) * S[k]!) + fr(fr(fr(1 - beta2) * gk) * gk)));
          P[k] = fr(pk - fr(fr(fr(alpha / c1) * V[k]!) / fr(fr(Math.sqrt(fr(fr(1 / c2) * S[k]!))) + fr(eps))));
        }
      }
      bitsEqual(view(p), P, `${rule} n=${n} p`);
      if (rule !== 'gd') bitsEqual(view(v), V, `${rule} n=${n} v`);
      if (rule === 'adam') bitsEqual(view(s), S, `${rule} n=${n} s`);
      if (n === 1001 && rule !== 'gd') {
        const after = view(v), near = [...after].filter((_, k) => k % 3 === 0);
        assert.ok(Number.isNaN(after[1]), `${rule}: the NaN gradient's average is ${after[1]}`);
        const zeros = near.filter((x) => x === 0).length;
        assert.ok(zeros > 0 && zeros < near.length, `${rule}: ${zeros} of the ${near.length} averages near 2^-100 set to 0`);
      }
    }
  }
});
