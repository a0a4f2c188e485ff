// The MNIST version of "test with your own image": a digit drawn dark on light, at another size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { backprop, tempDir, hasSharedData, sharedMissing, SHARED_DATA } from '../helpers/cli.js';
import { readIdx } from '../../src/node.js';

test('a model trained on MNIST IDX reads a PNG digit: made grey, resized to 28 x 28, inverted when dark on light', { skip: !hasSharedData && sharedMissing }, () => {
  const dir = tempDir();
  const model = path.join(dir, 'digits.json');
  const images = path.join(SHARED_DATA, 't10k-images-idx3-ubyte.gz');
  const r = backprop(['train', '--data', images, '--layers', '64', '--optimizer', 'adam', '--lr', '0.002', '--batch-size', '32', '--epochs', '4', '--save', model, '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(JSON.parse(r.stdout).test.accuracy > 0.9);

  // test digits drawn black on white at 56 x 56 (each pixel doubled)
  const { X, Y } = readIdx(images);
  let right = 0;
  const picks = [3, 17, 101, 555, 999, 2024, 4321, 7777];
  for (const j of picks) {
    const png = new PNG({ width: 56, height: 56 });
    for (let y = 0; y < 56; y++) for (let x = 0; x < 56; x++) {
      const v = Math.round(255 * (1 - X.get(Math.floor(y / 2) * 28 + Math.floor(x / 2), j)));
      const k = 4 * (y * 56 + x);
      png.data[k] = v; png.data[k + 1] = v; png.data[k + 2] = v; png.data[k + 3] = 255;
    }
    const file = path.join(dir, `digit${j}.png`);
    writeFileSync(file, PNG.sync.write(png));
    const p = backprop(['predict', '--model', model, '--data', file]);
    assert.equal(p.code, 0, p.stderr);
    assert.match(p.stderr, /inverted/);
    if (new RegExp(`: ${Y.data[j]} \\(probability`).test(p.stdout)) right++;
  }
  assert.ok(right >= picks.length - 1, `${right} of ${picks.length} digits read right`);
});
