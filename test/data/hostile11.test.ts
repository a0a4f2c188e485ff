// Hostile input, eleventh sweep (data readers): HDF5 string labels read as class names, links that
// point nowhere named, class labels the same but for spaces or invisible characters refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import h5wasm from 'h5wasm/node';
import { readHdf5 } from '../../src/data/hdf5.js';
import { loadDataset } from '../../src/data/load.js';
import { parseCsv } from '../../src/data/csv.js';
import { DataError } from '../../src/errors.js';
import { tempDir } from './helpers.js';

const dir = tempDir();
await h5wasm.ready;

type Spec = { name: string; data: unknown; shape?: number[]; dtype?: string };
/** An HDF5 file of X (4 x 2) and the given datasets; `links` adds links. */
function h5(name: string, datasets: Spec[], links?: (f: InstanceType<typeof h5wasm.File>) => void): string {
  const path = join(dir, name);
  const f = new h5wasm.File(path, 'w');
  f.create_dataset({ name: 'x', data: Float32Array.from({ length: 8 }, (_, i) => i), shape: [4, 2] });
  for (const d of datasets) f.create_dataset(d as Parameters<typeof f.create_dataset>[0]);
  links?.(f);
  f.close();
  return path;
}
const rejectsData = (p: Promise<unknown>, pattern: RegExp) =>
  assert.rejects(p, (e: unknown) => e instanceof DataError && pattern.test(e.message) && !e.message.includes('\n'), `expected a one-line DataError matching ${pattern}`);

test('HDF5 string labels (fixed- and variable-length) are class names, sorted as a CSV\'s text labels (they were refused: "holds strings, not numbers")', async () => {
  const fixed = await readHdf5(h5('fixed.h5', [{ name: 'y', data: ['dog', 'cat', 'dog', 'cat'], dtype: 'S3' }]));
  assert.deepEqual([fixed.task, fixed.classes, Array.from(fixed.Y.data)], ['binary', ['cat', 'dog'], [1, 0, 1, 0]]);
  const vlen = await readHdf5(h5('vlen.h5', [{ name: 'labels', data: ['dög', 'cat', 'bird', 'cat'] }]));
  assert.deepEqual([vlen.task, vlen.classes, Array.from(vlen.Y.data)], ['multiclass', ['bird', 'cat', 'dög'], [2, 1, 0, 1]]);
  // a class list beside them gives the classes' order; a label not in it is named
  const listed = await readHdf5(h5('listed.h5', [{ name: 'y', data: ['cat', 'dog', 'cat', 'dog'] }, { name: 'list_classes', data: ['dog', 'cat'] }]));
  assert.deepEqual([listed.classes, Array.from(listed.Y.data)], [['dog', 'cat'], [1, 0, 1, 0]]);
  await rejectsData(readHdf5(h5('unlisted.h5', [{ name: 'y', data: ['cat', 'dog', 'cat', 'emu'] }, { name: 'list_classes', data: ['dog', 'cat'] }])),
    /unlisted\.h5: dataset 'y': the label "emu" of example 4 is not one of the class names of 'list_classes' \("dog", "cat"\)$/);
  // a test file read with the training's classes (loadDataset's schema)
  const test2 = await readHdf5(join(dir, 'vlen.h5'), { classes: ['bird', 'cat', 'dög'] });
  assert.deepEqual(Array.from(test2.Y.data), [2, 1, 0, 1]);
  await rejectsData(readHdf5(join(dir, 'vlen.h5'), { classes: ['cat', 'dög'] }), /vlen\.h5: dataset 'labels': the label "bird" of example 3 is not one of the classes \("cat", "dög"\)$/);
  // a dataset of strings not named as labels is not taken for them
  await rejectsData(readHdf5(h5('names.h5', [{ name: 'names', data: ['a', 'b', 'c', 'd'] }])), /names\.h5: no 1-D dataset of 4 labels to go with 'x'; the datasets are: names \(4, strings\), x \(4 x 2\)/);
});

test('HDF5 string labels follow the CSV rules: an empty one, a single class, and names the same but for spaces or invisible characters are refused; case is a warning', async () => {
  await rejectsData(readHdf5(h5('empty.h5', [{ name: 'y', data: ['cat', '', 'cat', 'dog'] }])), /empty\.h5: dataset 'y': the label of example 2 is empty; each example needs a class name$/);
  await rejectsData(readHdf5(h5('single.h5', [{ name: 'y', data: ['cat', 'cat', 'cat', 'cat'] }])), /single\.h5: dataset 'y' has a single label "cat"; a classifier needs at least two classes$/);
  await rejectsData(readHdf5(h5('spaced.h5', [{ name: 'y', data: ['cat', 'dog', 'cat ', 'dog'] }])),
    /spaced\.h5: dataset 'y' has the labels "cat" and "cat ", the same but for spaces at either end or invisible characters: they would be two classes that print alike; write them the same$/);
  await rejectsData(readHdf5(h5('zw.h5', [{ name: 'y', data: ['cat', 'dog', 'ca\u200Bt', 'dog'] }])), /zw\.h5: dataset 'y' has the labels "cat" and "ca\\u200Bt"/);
  const warnings: string[] = [];
  const cased = await readHdf5(h5('cased.h5', [{ name: 'y', data: ['Cat', 'cat', 'cat', 'cat'] }]), { warn: (m) => warnings.push(m) });
  assert.deepEqual(cased.classes, ['Cat', 'cat']);
  assert.deepEqual(warnings, [`${join(dir, 'cased.h5')}: dataset 'y': values that differ only in letter case, Unicode form, spaces at either end or invisible characters are kept apart: "Cat" and "cat"`]);
  // loadDataset passes its warn to the HDF5 reader, and its schema keeps the classes for a test file
  const seen: string[] = [];
  const { schema } = await loadDataset(join(dir, 'cased.h5'), { warn: (m) => seen.push(m) });
  assert.equal(seen.length, 1);
  assert.deepEqual((schema as { classes?: string[] }).classes, ['Cat', 'cat']);
});

test('HDF5 links that point nowhere are named when given as a key and listed when no dataset is found (they were left out, silently)', async () => {
  const file = h5('links.h5', [{ name: 'y', data: new Int32Array([0, 1, 0, 1]) }], (f) => {
    f.create_soft_link('/nowhere', 'soft');
    f.create_external_link('missing-beside.h5', '/x', 'ext');
  });
  await rejectsData(readHdf5(file, { xKey: 'soft' }), /links\.h5: 'soft' given for X is a soft link to '\/nowhere', which is not in the file; the datasets are: x \(4 x 2\), y \(4\); links that point nowhere: ext \(an external link to '\/x' in missing-beside\.h5, a file that cannot be opened\), soft \(a soft link to '\/nowhere', which is not in the file\)$/);
  await rejectsData(readHdf5(file, { yKey: '/ext' }), /links\.h5: '\/ext' given for Y is an external link to '\/x' in missing-beside\.h5, a file that cannot be opened; the datasets are:/);
  const onlyLinks = h5('only-links.h5', [], (f) => f.create_soft_link('/data/X', 'X'));
  // (X is there: the file of x alone finds x; a file whose X is a dangling link says so in the list)
  const path = join(dir, 'dangling-x.h5');
  const f = new h5wasm.File(path, 'w');
  f.create_soft_link('/gone', 'train_x');
  f.close();
  await rejectsData(readHdf5(path), /dangling-x\.h5: no dataset of numbers of 2 or more dimensions for X; the datasets are: none; links that point nowhere: train_x \(a soft link to '\/gone', which is not in the file\) \(choose one with options\.xKey\)$/);
  assert.equal((await readHdf5(onlyLinks, { allowUnlabeled: true })).X.cols, 4, 'a file with a dangling link beside its data still reads');
});

test('CSV class labels the same but for an invisible character are refused naming both, written out', () => {
  assert.throws(() => parseCsv('a,y\n1,cat\n2,ca\u200Bt\n3,dog\n4,dog\n', {}, 'z.csv'),
    (e: unknown) => e instanceof DataError && e.message === 'z.csv: target column \'y\' has the labels "cat" and "ca\\u200Bt", the same but for spaces at either end or invisible characters: they would be two classes that print alike; write them the same');
  // letter case stays a warning: 'A' and 'a' may be two classes
  const warnings: string[] = [];
  assert.deepEqual(parseCsv('a,y\n1,A\n2,a\n3,A\n4,a\n', { warn: (m) => warnings.push(m) }, 'c.csv').dataset.classes, ['A', 'a']);
  assert.equal(warnings.length, 1);
});
