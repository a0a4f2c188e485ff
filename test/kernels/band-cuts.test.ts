// How a step in bands of rows cuts a layer's units (row-tasks.ts): threads of equal speed, taking the
// bands in turn, get equal rows (W1's 128 units on two threads were cut into six bands of 20 and one
// of 8, and one thread waited for the other at every wide phase).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bandCuts } from '../../src/kernels/wasm/row-tasks.js';

/** The rows each thread gets when `threads` threads take the bands in turn. */
function rowsInTurn(cuts: number[], threads: number): number[] {
  const rows = new Array<number>(threads).fill(0);
  for (let b = 0; b + 1 < cuts.length; b++) rows[b % threads]! += cuts[b + 1]! - cuts[b]!;
  return rows;
}

test('bands cover the layer in order, every band but the last a multiple of 4 rows and none under 4', () => {
  for (const threads of [1, 2, 3, 4, 8]) {
    for (let rows = 1; rows <= 900; rows++) {
      const cuts = bandCuts(rows, threads), what = `${rows} rows, ${threads} threads: ${cuts.join(',')}`;
      assert.equal(cuts[0], 0, what);
      assert.equal(cuts.at(-1), rows, what);
      for (let b = 0; b + 1 < cuts.length; b++) {
        const size = cuts[b + 1]! - cuts[b]!;
        assert.ok(size >= Math.min(4, rows), what);
        if (b + 2 < cuts.length) assert.equal(size % 4, 0, what);
      }
    }
  }
});

test('threads taking bands in turn get rows within 7 of each other (a group of 4 and the rows left over by 4) in a wide layer', () => {
  for (const threads of [2, 3, 4]) {
    for (const rows of [128, 256, 300, 512, 784, 1000]) {
      const got = rowsInTurn(bandCuts(rows, threads), threads);
      assert.ok(Math.max(...got) - Math.min(...got) <= 7, `${rows} rows, ${threads} threads: ${got.join(', ')}`);
    }
  }
  assert.deepEqual(rowsInTurn(bandCuts(128, 2), 2), [64, 64]);
  assert.deepEqual(rowsInTurn(bandCuts(64, 2), 2), [32, 32]);
});

test('a wide layer is cut into bands of about 20 rows', () => {
  for (const rows of [128, 300, 784]) {
    const cuts = bandCuts(rows, 2);
    for (let b = 0; b + 1 < cuts.length; b++) assert.ok(cuts[b + 1]! - cuts[b]! >= 12 && cuts[b + 1]! - cuts[b]! <= 28, `${rows}: ${cuts.join(',')}`);
  }
});
