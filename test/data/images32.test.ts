// The images in a class sub-folder's own sub-folders belong to that class, as torchvision's ImageFolder
// and Keras' image_dataset_from_directory read them (they were passed over with a warning).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { loadImageFolder } from '../../src/data/images.js';
import { tempDir, writeFile } from './helpers.js';

const dir = tempDir();

/** A 2 x 2 grey PNG of one level. */
function grey(v: number): Buffer {
  const image = new PNG({ width: 2, height: 2 });
  image.data = Buffer.from(Array.from({ length: 16 }, (_, i) => (i % 4 === 3 ? 255 : v)));
  return PNG.sync.write(image, { colorType: 0 });
}

test("a class's images in its own sub-folders are read as that class, in sorted order; other files there are named", () => {
  const root = join(dir, 'nested');
  for (const p of ['cat/2019', 'cat/2020/june', 'dog']) mkdirSync(join(root, p), { recursive: true });
  writeFile(join(root, 'cat'), 'z.png', grey(10));
  writeFile(join(root, 'cat/2019'), 'a.png', grey(20));
  writeFile(join(root, 'cat/2020/june'), 'b.png', grey(30));
  writeFile(join(root, 'cat/2020'), 'notes.txt', 'taken in june');
  writeFile(join(root, 'cat/2020'), '.hidden.png', grey(99));
  writeFile(join(root, 'dog'), 'd.png', grey(40));
  const warnings: string[] = [];
  const { dataset } = loadImageFolder(root, { warn: (m) => warnings.push(m) });
  assert.deepEqual(dataset.files, ['cat/2019/a.png', 'cat/2020/june/b.png', 'cat/z.png', 'dog/d.png']);
  assert.deepEqual(Array.from(dataset.Y.data), [0, 0, 0, 1]);
  assert.deepEqual([0, 1, 2, 3].map((j) => Math.round(255 * dataset.X.data[j]!)), [20, 30, 10, 40]);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /1 file not read \(only PNG and JPEG images in the class sub-folders are\): 'cat\/2020\/notes\.txt'$/);
});

test('a class whose images are all in sub-folders is not empty; a link back to a folder is read once', () => {
  const root = join(dir, 'deep');
  mkdirSync(join(root, 'a/x'), { recursive: true });
  mkdirSync(join(root, 'b'), { recursive: true });
  writeFile(join(root, 'a/x'), '1.png', grey(1));
  writeFile(join(root, 'b'), '2.png', grey(2));
  symlinkSync(join(root, 'a'), join(root, 'a/x/loop'));
  const { dataset } = loadImageFolder(root, { warn: () => {} });
  assert.deepEqual(dataset.files, ['a/x/1.png', 'b/2.png']);
  assert.deepEqual(dataset.classes, ['a', 'b']);
});
