// X^T packed from X's packed panels (pack-examples.ts, packTransposed) must be what gemm's own
// packing of X^T gives (packWhole), value for value, pad for pad: the step in bands multiplies by it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileGemm, WASM_URL, WASM_RELAXED_URL, WasmGemm, type GemmExports } from '../../src/kernels/wasm/index.js';
import type { RowExports } from '../../src/kernels/wasm/row-tasks.js';

const PACKED_B = 2; // gemm.ts's code for an operand B packed ahead
const padTo8 = (n: number) => Math.ceil(n / 8) * 8;

// [n0 features, count examples]: whole 8 x 8 blocks, tails of features and of examples, two depth
// blocks of features (256), two of examples, two parts of 256 columns, one of each
const SHAPES: [number, number][] = [[784, 64], [301, 13], [16, 8], [9, 300], [520, 257], [1, 1], [5, 3], [8, 1], [1, 17]];

async function module(url: URL | undefined): Promise<{ g: WasmGemm; ex: GemmExports & RowExports }> {
  const compiled = await compileGemm(url!);
  const memory = new WebAssembly.Memory({ initial: 1 });
  const instance = await WebAssembly.instantiate(compiled, { env: { memory } });
  const ex = instance.exports as unknown as GemmExports & RowExports;
  return { g: new WasmGemm(ex, memory), ex };
}

for (const [name, url] of [['gemm.wasm', WASM_URL], ['gemm-relaxed.wasm', WASM_RELAXED_URL]] as const) {
  test(`${name}: X^T packed from X's panels equals X^T packed by gemm, for every shape`, async () => {
    const { g, ex } = await module(url);
    for (const [n0, count] of SHAPES) {
      const padX = padTo8(count), padXT = padTo8(n0);
      const sizeX = n0 * padX, sizeXT = count * padXT;
      const at = g.reserve(4 * (n0 * count + sizeX + 2 * sizeXT));
      assert.ok(at > 0, 'the area is reserved');
      const X = at, packX = X + 4 * n0 * count, want = packX + 4 * sizeX, got = want + 4 * sizeXT;
      const f32 = g.floats();
      for (let i = 0; i < n0 * count; i++) f32[(X >> 2) + i] = (i % 1009) - 504.5; // X: n0 x count, row-major
      f32.fill(Number.NaN, packX >> 2, (got >> 2) + sizeXT); // a value never written shows
      for (let p = 0; p < ex.packPieces(PACKED_B, n0, count); p++) ex.packWhole(PACKED_B, n0, X, count, 1, count, p, padX, packX);
      for (let p = 0; p < ex.packPieces(PACKED_B, count, n0); p++) ex.packWhole(PACKED_B, count, X, 1, count, n0, p, padXT, want);
      for (let p = 0; p < ex.packPieces(PACKED_B, count, n0); p++) ex.packTransposed(packX, n0, count, padX, p, padXT, got);
      const view = g.floats();
      for (let i = 0; i < sizeXT; i++) {
        const w = view[(want >> 2) + i]!, v = view[(got >> 2) + i]!;
        if (!Object.is(v, w)) assert.fail(`${n0} x ${count}: packed X^T[${i}] is ${v}, gemm packs ${w}`);
      }
      g.release();
    }
  });
}
