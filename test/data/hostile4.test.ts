// Hostile input to the data readers, fourth round: each family of bad file or option refused by
// one shared check, with a message naming the file, row or column (or the library option).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import h5wasm from 'h5wasm/node';
import { parseCsv, type CsvOptions } from '../../src/data/csv.js';
import { readHdf5 } from '../../src/data/hdf5.js';
import { DataError, ModelFileError } from '../../src/errors.js';
import { Model } from '../../src/model/model.js';
import { Network } from '../../src/nn/network.js';
import { tempDir } from './helpers.js';

const dir = tempDir();
await h5wasm.ready;

const throwsData = (fn: () => unknown, pattern: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof DataError && pattern.test(e.message), `expected a DataError matching ${pattern}`);

test('a target of one value in every row (a CSV of one row) is not silently taken for regression under task auto', () => {
  throwsData(() => parseCsv('a,b,y\n1,2,3\n', {}, 'one.csv'), /^one\.csv: target column 'y' has the single value '3' in its only row: there is nothing to learn .*; give more rows, or \{ task: 'regression' \} to fit the constant$/);
  throwsData(() => parseCsv('a,y\n1,5\n2,5\n3,5\n', {}, 'const.csv'), /target column 'y' has the single value '5' in all 3 rows/);
  // asked for, it is fit; text labels keep their message about classes
  assert.equal(parseCsv('a,b,y\n1,2,3\n', { task: 'regression' }).dataset.task, 'regression');
  throwsData(() => parseCsv('a,b,y\n1,2,cat\n'), /has a single value 'cat'; a classifier needs at least two classes/);
});

test("parseCsv's errors and warnings name the library's options (options.target, { missing: 'drop' }), never a command-line flag", () => {
  const cases: [string, CsvOptions][] = [
    ['x1,x2,label\np0,1,a\np1,2,b\np3,3,a\n', {}],
    ['a,b,y\n1,,0\n2,3,1\n4,5,0\n', {}],
    ['a,b,y\n1,2,0\n3,4,1\n', { delimiter: ';' }],
    ['a,b,y\n1,2,0\n3,4,1\n', { features: ['a', 'a'] }],
    ['a,b,y\n1,2,0\n3,4,1\n', { oneHot: ['zz'] }],
    ['a,b,y\n1,2,k\n3,4,j\n', { task: 'regression' }],
    ['a,b,y\n1,2,0\n3,4,1\n', { missing: 'skip' as never }],
    ['a,b,y\n1,2,0\n3,4,1\n', { delimiter: ' ' }],
    ['a,y\n' + Array.from({ length: 30 }, (_, i) => `${i},n${i}`).join('\n'), { maxClasses: 20 }],
  ];
  const messages: string[] = [];
  const warn = (m: string) => messages.push(m);
  for (const [text, options] of cases) {
    try {
      parseCsv(text, { ...options, warn }, 'f.csv');
    } catch (e) {
      messages.push((e as Error).message);
    }
  }
  parseCsv('1,2,0\n3,4,1\n5,6,0\n7,8,1\n', { warn }, 'f.csv');
  assert.equal(messages.length, cases.length + 1);
  for (const m of messages) assert.doesNotMatch(m, /--[a-z]/, m);
  assert.ok(messages.some((m) => m.includes("use { missing: 'drop' } or { missing: 'mean' }")));
  assert.ok(messages.some((m) => m.includes("one-hot encode it with { oneHot: ['x1'] } (or { oneHot: 'auto' }), or leave it out with options.features")));
});

test("class names that are not distinct or are empty are refused where they come from: an HDF5 list_classes, a Model (train saved a model it could not read back)", async () => {
  const write = (name: string, classes: string[]) => {
    const path = join(dir, name);
    const f = new h5wasm.File(path, 'w');
    f.create_dataset({ name: 'x', data: Uint8Array.from({ length: 4 * 12 }, (_, i) => i), shape: [4, 2, 2, 3], dtype: '<B' });
    f.create_dataset({ name: 'y', data: new BigInt64Array([0n, 1n, 1n, 0n]), shape: [4], dtype: '<q' });
    f.create_dataset({ name: 'list_classes', data: classes, dtype: 'S7' });
    f.close();
    return path;
  };
  await assert.rejects(readHdf5(write('twice.h5', ['cat', 'cat'])), (e: unknown) => e instanceof DataError
    && /twice\.h5: dataset 'list_classes' \(the class names\) names class "cat" twice; each class needs a name of its own$/.test((e as Error).message));
  await assert.rejects(readHdf5(write('blank.h5', ['', 'cat'])), /blank\.h5: dataset 'list_classes' \(the class names\) has an empty name for class 0 \(of 2\)/);
  assert.deepEqual((await readHdf5(write('fine.h5', ['non-cat', 'cat']))).classes, ['non-cat', 'cat']);
  const net = new Network({ inputSize: 2, layers: [{ units: 1, activation: 'sigmoid' }] });
  assert.throws(() => new Model(net, { task: 'binary', classes: ['a', 'a'] }), (e: unknown) => e instanceof ModelFileError && (e as Error).message === 'classes names class "a" twice');
});

test("numbers with a decimal comma (a ';' file from a European Excel) are named as such: a target of quantities was learned as classes, silently; a feature got one-hot advice", () => {
  throwsData(() => parseCsv('a;y\n1;0,5\n2;1,5\n3;0,5\n4;1,5\n5;0,5\n', {}, 'euro.csv'),
    /^euro\.csv: target column 'y' holds numbers written with a decimal comma \(e\.g\. '0,5'\), which are read as text; read the file with \{ decimal: ',' \} \(as pandas' read_csv\(decimal=','\)\), or save the file with decimal points \('0\.5'\)$/);
  throwsData(() => parseCsv('a;b;y\n1,5;2,25;0\n3,1;4,0;1\n', {}, 'euro.csv'), /column 'a' holds numbers written with a decimal comma \(e\.g\. '1,5'\)/);
  throwsData(() => parseCsv('a\tb\ty\n1.000,5\t2\t0\n2.000,5\t4\t1\n', { oneHot: 'auto' }, 'tabs.tsv'), /column 'a' holds numbers written with a decimal comma \(e\.g\. '1\.000,5'\), .*\('1000\.5'\)/);
  // asked for as classes or one-hot by name, they are names
  assert.deepEqual(parseCsv('a;y\n1;0,5\n2;1,5\n3;0,5\n4;1,5\n', { task: 'classification' }).dataset.classes, ['0,5', '1,5']);
  assert.equal(parseCsv('a;b;y\n1,5;2;0\n3,1;4;1\n', { oneHot: ['a'] }).schema.features[0]!.type, 'oneHot');
});

test("loadDataset's options are checked by type and bounds in the library, as the command line checks its flags (spiral3 with 1e9 classes ran out of memory and crashed; samples 1e12 said 'Invalid array length')", async () => {
  const { loadDataset } = await import('../../src/data/load.js');
  const { OptionError } = await import('../../src/errors.js');
  const refused = (name: string, options: object, pattern: RegExp) =>
    assert.rejects(loadDataset(name, options), (e: unknown) => e instanceof OptionError && pattern.test((e as Error).message), `${JSON.stringify(options)}: expected an OptionError matching ${pattern}`);
  await refused('spiral3', { syntheticClasses: 1e9 }, /^syntheticClasses must be a whole number from 2 to 600, got 1000000000$/);
  await refused('spiral3', { syntheticClasses: 0 }, /^syntheticClasses must be a whole number from 2 to/);
  await refused('flower', { samples: 1e12 }, /^samples must be a whole number from 2 to 10000000, got 1000000000000$/);
  const csv = join(dir, 'points.csv');
  (await import('node:fs')).writeFileSync(csv, 'a,b,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n');
  await refused(csv, { maxClasses: 0 }, /^options\.maxClasses must be a whole number from 2 to 100000, got 0$/);
  await refused(csv, { maxClasses: Number.NaN }, /got NaN$/);
  await refused(csv, { features: 'a' }, /^options\.features must be an array of column names or 1-based positions, got "a"$/);
  await refused(csv, { oneHot: 'a' }, /^options\.oneHot must be 'auto' or an array/);
  await refused(csv, { header: 'yes' }, /^options\.header must be true, false or 'auto', got "yes"$/);
  const { loadImageFolder } = await import('../../src/data/images.js');
  assert.throws(() => loadImageFolder(dir, { width: 1e5, height: 1e5 }), /image size 100000 x 100000 is too large: at most 4194304 pixels/);
});

test('an HDF5 file read with its labels as X (xKey and yKey the same dataset) is refused: it trained to 100% by copying the labels', async () => {
  const path = join(dir, 'same.h5');
  const f = new h5wasm.File(path, 'w');
  f.create_dataset({ name: 'x', data: Uint8Array.from({ length: 4 * 3 }, (_, i) => i), shape: [4, 3], dtype: '<B' });
  f.create_dataset({ name: 'y', data: new BigInt64Array([0n, 1n, 1n, 0n]), shape: [4], dtype: '<q' });
  f.close();
  const { OptionError } = await import('../../src/errors.js');
  await assert.rejects(readHdf5(path, { xKey: 'y', yKey: '/y' }), (e: unknown) => e instanceof OptionError
    && /^options\.xKey and options\.yKey name the same dataset 'y' of .*same\.h5: the labels would be the examples' features; give X and Y different datasets$/.test((e as Error).message));
  assert.equal((await readHdf5(path, { xKey: 'x', yKey: 'y' })).X.rows, 3);
});
