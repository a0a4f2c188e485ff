// IDX labels above 9 make classes 0 to the largest (EMNIST): a label 11 among digits 0-9 gave 12 outputs, class
// 10 never trained, without a word, and EMNIST's letters (numbered 1-26) a class 0 that no example has. The
// rule HDF5's numbered labels had (warnEmptyClasses) says it for IDX files too, through loadDataset's warn.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readIdx } from '../../src/data/idx.js';
import { loadDataset } from '../../src/node.js';
import { idxBytes, tempDir, writeFile } from './helpers.js';

const idx = idxBytes;

function pair(name: string, labels: number[]): string {
  const dir = tempDir(), m = labels.length;
  writeFile(dir, `${name}-labels-idx1-ubyte`, idx(0x801, [m], labels));
  return writeFile(dir, `${name}-images-idx3-ubyte`, idx(0x803, [m, 2, 2], Array.from({ length: 4 * m }, (_, k) => k % 256)));
}

test('IDX labels past 9 that leave a class without an example are warned of, naming it; digits 0-9 are not', async () => {
  const warned: string[] = [];
  const d = readIdx(pair('train', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11]), { warn: (m) => warned.push(m) });
  assert.equal(d.classes!.length, 12);
  assert.equal(warned.length, 1);
  assert.match(warned[0]!, /train-labels-idx1-ubyte: labels are read as the class indices 0 to 11, and no example has class 10: the network gets 12 outputs, one never trained$/);

  const letters: string[] = [];
  await loadDataset(pair('emnist', Array.from({ length: 26 }, (_, k) => k + 1)), { warn: (m) => letters.push(m) });
  assert.match(letters.join('\n'), /no example has class 0: the network gets 27 outputs, one never trained; numbered from 1\? store them from 0 \(y - 1\)/);

  const none: string[] = [];
  readIdx(pair('digits', [3, 1, 4]), { warn: (m) => none.push(m) }); // digits 0-9 are the classes whatever a small file holds
  assert.deepEqual(none, []);
});
