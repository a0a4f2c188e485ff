// How a step in bands of rows cuts a layer's units and which thread owns each band (row-tasks.ts):
// each thread owns one run of rows, the same at every step and in both passes, as even as the
// groups of 4 rows allow, so that the threads end a phase together and each reads the rows it wrote.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ownedBands } from '../../src/kernels/wasm/row-tasks.js';

/** The rows each of `threads` threads owns. */
function rowsOwned(rows: number, threads: number): number[] {
  const { cuts, owners } = ownedBands(rows, threads);
  const got = new Array<number>(threads).fill(0);
  owners.forEach((t, b) => (got[t]! += cuts[b + 1]! - cuts[b]!));
  return got;
}

test('bands cover the layer in order, in runs of one owner each, every cut but the last at a multiple of 4 rows and no band under 4', () => {
  for (const threads of [1, 2, 3, 4, 8]) {
    for (let rows = 1; rows <= 900; rows++) {
      const { cuts, owners } = ownedBands(rows, threads), what = `${rows} rows, ${threads} threads: ${cuts.join(',')} owned by ${owners.join(',')}`;
      assert.equal(cuts[0], 0, what);
      assert.equal(cuts.at(-1), rows, what);
      assert.equal(owners.length, cuts.length - 1, what);
      for (let b = 0; b + 1 < cuts.length; b++) {
        assert.ok(cuts[b + 1]! - cuts[b]! >= Math.min(4, rows), what);
        if (b + 2 < cuts.length) assert.equal(cuts[b + 1]! % 4, 0, what);
        if (b > 0) assert.ok(owners[b]! >= owners[b - 1]!, what);
        assert.ok(owners[b]! >= 0 && owners[b]! < threads, what);
      }
    }
  }
});

test('threads own rows within 7 of each other (a group of 4 and the rows left over by 4)', () => {
  for (const threads of [2, 3, 4]) {
    for (const rows of [12, 64, 100, 128, 256, 300, 512, 784, 1000]) {
      const got = rowsOwned(rows, threads);
      assert.ok(Math.max(...got) - Math.min(...got) <= 7, `${rows} rows, ${threads} threads: ${got.join(', ')}`);
    }
  }
  // W1 of the bench: the halves of W[1] and W[2] that updatePart's two parts cover
  assert.deepEqual(rowsOwned(128, 2), [64, 64]);
  assert.deepEqual(rowsOwned(64, 2), [32, 32]);
  assert.deepEqual(ownedBands(64, 2), { cuts: [0, 32, 64], owners: [0, 1] });
});

test('a thread that owns 40 rows or more has bands of about 20 rows; fewer rows are one band', () => {
  for (const rows of [128, 300, 784]) {
    const { cuts } = ownedBands(rows, 2);
    for (let b = 0; b + 1 < cuts.length; b++) assert.ok(cuts[b + 1]! - cuts[b]! >= 12 && cuts[b + 1]! - cuts[b]! <= 28, `${rows}: ${cuts.join(',')}`);
  }
  assert.deepEqual(ownedBands(128, 2).cuts, [0, 20, 40, 64, 84, 104, 128]);
  assert.deepEqual(ownedBands(20, 2), { cuts: [0, 8, 20], owners: [0, 1] });
  // fewer than 4 rows a thread: the last thread owns them
  assert.deepEqual(ownedBands(6, 2), { cuts: [0, 6], owners: [1] });
});
