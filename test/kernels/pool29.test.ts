// initBackend('wasm-threads') asked again for the same pool keeps it (it restarted it, ~150 ms a call).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend, stopBackendThreads } from '../../src/kernels/init.js';
import { getBackend } from '../../src/kernels/registry.js';
import { Matrix } from '../../src/tensor/matrix.js';
import { matmul } from '../../src/tensor/ops.js';

test('the same pool asked for again is kept; other threads start another; a stopped pool starts anew', async (t) => {
  if (typeof SharedArrayBuffer === 'undefined') return t.skip('no SharedArrayBuffer');
  assert.equal(await initBackend('wasm-threads', { threads: 2 }), 'wasm-threads');
  const first = getBackend();
  assert.equal(await initBackend('wasm-threads', { threads: 2 }), 'wasm-threads');
  assert.equal(getBackend(), first, 'the running pool was restarted');
  await initBackend('wasm-threads', { threads: 3 });
  const third = getBackend();
  assert.notEqual(third, first);
  // the kept or new pool computes: a product large enough to be split between the threads
  const n = 256, A = Matrix.from(Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => ((i * 7 + j) % 5) - 2)));
  const C = matmul(A, A);
  let expect = 0;
  for (let k = 0; k < n; k++) expect += A.data[k]! * A.data[k * n]!;
  assert.equal(C.data[0], expect);
  await stopBackendThreads();
  await initBackend('wasm-threads', { threads: 3 });
  assert.notEqual(getBackend(), third, 'a stopped pool was handed out again');
  await stopBackendThreads();
});
