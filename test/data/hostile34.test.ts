// Hostile input, thirty-fourth sweep (data): numbers that no float holds, a yes/no label written two
// ways, pandas' row index in the features, and files of every kind read carelessly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDataset, trainModel } from '../../src/node.js';
import { parseCsv } from '../../src/data/csv.js';
import { tempDir, writeFile } from './helpers.js';
import { h5Writer } from './h5-files.js';
import { loadImageFolder } from '../../src/data/images.js';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';

const dir = tempDir();
const quiet = { warn: () => {} };
const collect = () => {
  const said: string[] = [];
  return { said, warn: (w: string) => said.push(w) };
};

test("numbers read as 0 by float64 itself ('1e-400') are warned of once per column, naming the first line and text; written zeros ('0e5', '-0.0') are not", async () => {
  const rows = ['1e-400,1,0', '2,3e-999,1', '0e5,2,0', '-0.0,4,1', '1e-400,5,0', '3,1,1'];
  const w = collect();
  const { dataset } = await loadDataset(writeFile(dir, 'tiny64.csv', `a,b,y\n${rows.join('\n')}\n`), { warn: w.warn });
  assert.equal(dataset.X.get(0, 0), 0);
  const zeros = w.said.filter((s) => /read as 0/.test(s));
  assert.equal(zeros.length, 2, w.said.join('\n'));
  assert.match(zeros[0]!, /tiny64\.csv: 2 numbers were too small for any float \(below 4\.9e-324 in magnitude, float64's least\) and read as 0 \(e\.g\. '1e-400' at line 2, column 'a'\); scale them/);
  assert.match(zeros[1]!, /tiny64\.csv: 1 number was too small for any float .*\(e\.g\. '3e-999' at line 3, column 'b'\)/);
  // in float64 too (the float32 check saw nothing: 0 was read, 0 was stored)
  const wide = collect();
  await loadDataset(writeFile(dir, 'tiny64b.csv', `a,b,y\n${rows.join('\n')}\n`), { warn: wide.warn, dtype: 'float64' });
  assert.equal(wide.said.filter((s) => /too small for any float/.test(s)).length, 2, wide.said.join('\n'));
  // a regression target, and a Model reading text
  const target = collect();
  parseCsv('a,y\n1,1e-400\n2,3.5\n3,0.5\n4,0\n', { warn: target.warn, task: 'regression' }, 'target.csv');
  assert.ok(target.said.some((s) => /target\.csv: 1 number was too small for any float .*'1e-400' at line 2, column 'y'/.test(s)), target.said.join('\n'));
  const fit = parseCsv('a,b,y\n1,2,0\n2,3,1\n3,1,0\n4,2,1\n5,5,0\n6,1,1\n', quiet, 'fit.csv');
  const { model } = await trainModel({ layers: [2], epochs: 1, testSplit: 0 }, { train: fit.dataset, schema: fit.schema });
  const told = collect();
  model.predict('a,b\n1e-400,2\n1,2\n', { warn: told.warn });
  assert.ok(told.said.some((s) => /too small for any float .*'1e-400' at line 2, column 'a'/.test(s)), told.said.join('\n'));
  // '0.000', '+0', '.0', '0.' and '00' are zeros
  const plain = collect();
  parseCsv('a,y\n0.000,0\n+0,1\n.0,0\n0.,1\n00,0\n1,1\n', { warn: plain.warn }, 'plain.csv');
  assert.ok(!plain.said.some((s) => /read as 0/.test(s)), plain.said.join('\n'));
});

test("a label column mixing '1'/'0' with 'yes'/'no' ('true', 'Y') is warned of, naming the values that give the same answer", () => {
  const rows = Array.from({ length: 24 }, (_, i) => `${i},${['1', '0', 'yes', 'no'][i % 4]}`);
  const w = collect();
  const r = parseCsv(`x,y\n${rows.join('\n')}\n`, { warn: w.warn }, 'answers.csv');
  assert.deepEqual(r.schema.format === 'csv' && r.schema.classes, ['0', '1', 'no', 'yes']);
  const said = w.said.filter((s) => /same answer two ways/.test(s));
  assert.deepEqual(said, ["answers.csv: target column 'y' writes the same answer two ways: '0' and 'no', '1' and 'yes' (read as 4 different classes); write each answer one way in the file (e.g. 1 and 0, or yes and no) if they mean the same"]);
  for (const [a, b] of [['true', '1'], ['Y', '1'], ['False', '0']]) {
    const v = collect();
    parseCsv(`x,y\n${Array.from({ length: 12 }, (_, i) => `${i},${[a, b, '0', '1'][i % 4]}`).join('\n')}\n`, { warn: v.warn }, 'two.csv');
    assert.ok(v.said.some((s) => new RegExp(`same answer two ways: .*'${a}'`).test(s)), `${a}/${b}: ${v.said.join('\n')}`);
  }
  // one way each: nothing said
  const one = collect();
  parseCsv(`x,y\n${Array.from({ length: 12 }, (_, i) => `${i},${['yes', 'no'][i % 2]}`).join('\n')}\n`, { warn: one.warn }, 'one.csv');
  assert.ok(!one.said.some((s) => /same answer/.test(s)), one.said.join('\n'));
});

test("pandas' unnamed index column ('' or 'Unnamed: 0') holding a row counter is left out of the features with a warning that says how to keep it; on a file sorted by class it leaked the answer", async () => {
  // sorted by class: the index alone gives the label
  const rows = Array.from({ length: 40 }, (_, i) => `${i},${(i * 7) % 5},${i < 20 ? 0 : 1}`);
  for (const head of ['', 'Unnamed: 0']) {
    const w = collect();
    const { schema } = await loadDataset(writeFile(dir, 'sorted.csv', `${head},a,y\n${rows.join('\n')}\n`), { warn: w.warn });
    assert.deepEqual(schema.format === 'csv' && schema.featureNames, ['a'], head);
    const said = w.said.filter((s) => /row counter/.test(s));
    assert.equal(said.length, 1, w.said.join('\n'));
    assert.match(said[0]!, /sorted\.csv: column 1 \((|'Unnamed: 0': pandas' name for a column that had none; )0 to 39\) has no name in the header line and holds a row counter .*left out of the features \(as read_csv\(index_col=0\) reads it\); to use it as a feature, list the features with options\.features$/);
  }
  // the index of rows left after a split, shuffled: a row counter too
  const split = [7, 3, 12, 40, 1, 9, 22, 5].map((k, i) => `${k},${i % 3},${i % 2}`);
  assert.deepEqual(parseCsv(`,a,y\n${split.join('\n')}\n`, quiet, 'split.csv').schema.featureNames, ['a']);
  // named by the caller: kept; values repeated or negative: no counter, kept (with the old warning)
  assert.deepEqual(parseCsv(`,a,y\n${rows.join('\n')}\n`, { ...quiet, features: ['1', 'a'] }).schema.featureNames, ['1', 'a']);
  assert.deepEqual(parseCsv(',a,y\n1,2,0\n1,3,1\n2,2,0\n3,1,1\n', quiet).schema.featureNames, ['1', 'a']);
  assert.deepEqual(parseCsv(',a,y\n-1,2,0\n0,3,1\n1,2,0\n2,1,1\n', quiet).schema.featureNames, ['1', 'a']);
  // the index the only feature: refused, saying how to use it anyway
  assert.throws(() => parseCsv(',y\n0,1\n1,0\n2,1\n3,0\n', quiet, 'only.csv'), /only\.csv: column 1 \(0 to 3\) has no name in the header line and holds a row counter, .*no other feature is left.*list it among options\.features$/);
});

test("numbers written as accounting negatives ('(1.5)') or in hexadecimal ('0x1F') are refused as such in a target or a one-hot 'auto' column, as '12%' is (they were classes and categories, silently)", () => {
  const target = (cells: string[]) => `a,b,y\n${Array.from({ length: 30 }, (_, i) => `${i % 5},${i % 7},${cells[i % cells.length]}`).join('\n')}\n`;
  assert.throws(() => parseCsv(target(['(1.5)', '2.5', '(0.5)']), quiet, 'acct.csv'), /^DataError: acct\.csv: target column 'y' holds numbers written as a spreadsheet shows them \(e\.g\. '\(1\.5\)': a negative number in parentheses, as accounting writes it\? write -1\.5\), which are read as text; save them as plain numbers, or give \{ task: 'classification' \} if they are class names$/);
  assert.throws(() => parseCsv(target(['0x1', '0x2', '0x3']), quiet, 'hex.csv'), /^DataError: hex\.csv: target column 'y' holds numbers written in hexadecimal \(e\.g\. '0x1': hexadecimal\? write it in decimal\)/);
  // the way out: class names said so
  assert.deepEqual(parseCsv(target(['0x1', '0x2', '0x3']), { ...quiet, task: 'classification' }).schema.classes, ['0x1', '0x2', '0x3']);
  const column = `a,b,y\n${Array.from({ length: 30 }, (_, i) => `0x${(i * 37).toString(16)},${i % 7},${i % 2}`).join('\n')}\n`;
  assert.throws(() => parseCsv(column, { ...quiet, oneHot: 'auto' }, 'hexcol.csv'), /^DataError: hexcol\.csv: column 'a' holds numbers written in hexadecimal \(e\.g\. '0x0': .*or one-hot encode them by name if they are categories \(\{ oneHot: \['a'\] \}\)$/);
  assert.equal(parseCsv(column, { ...quiet, oneHot: ['a'] }).dataset.X.rows, 31);
});

test('UTF-16 text without a byte-order mark is told the byte order it has (a big-endian file was told to give utf-16le, then refused for it)', async () => {
  const text = 'a,b,y\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n';
  const le = writeFile(dir, 'le.csv', Buffer.from(text, 'utf16le'));
  const be = writeFile(dir, 'be.csv', Buffer.from(text, 'utf16le').swap16());
  await assert.rejects(loadDataset(le, quiet), /le\.csv: not a CSV text file: it looks like UTF-16LE text without a byte-order mark; save it as UTF-8, or give \{ encoding: 'utf-16le' \}$/);
  await assert.rejects(loadDataset(be, quiet), /be\.csv: not a CSV text file: it looks like UTF-16BE text without a byte-order mark; save it as UTF-8, or give \{ encoding: 'utf-16be' \}$/);
  // the advice works
  assert.equal((await loadDataset(be, { ...quiet, encoding: 'utf-16be' })).dataset.X.cols, 4);
});

test('whole numbers above 2^53 that float64 itself rounds (2^60 + k: identifiers made equal) are warned of, in a CSV column (float32 and float64) and an int64 HDF5 X', async () => {
  const ids = Array.from({ length: 12 }, (_, i) => `${2n ** 60n + BigInt(i + 1)},${i % 3},${i % 2}`);
  const file = writeFile(dir, 'bigid.csv', `id,a,y\n${ids.join('\n')}\n`);
  for (const dtype of ['float32', 'float64'] as const) {
    const w = collect();
    await loadDataset(file, { warn: w.warn, dtype });
    const said = w.said.filter((s) => /2\^53/.test(s));
    assert.deepEqual(said, [`${file}, column 'id': 12 whole numbers are above 2^53 (9007199254740992), beyond what any float holds exactly, and were rounded to another as read (e.g. '1152921504606846977' at line 2 read as 1152921504606846976); leave an identifier out of the features, or write them in other units`], dtype);
  }
  // 2^53 and below, and numbers in exponent form, are as written
  const exact = collect();
  parseCsv(`a,y\n9007199254740992,0\n1e20,1\n3,0\n4,1\n`, { warn: exact.warn }, 'exact.csv');
  assert.ok(!exact.said.some((s) => /2\^53/.test(s)), exact.said.join('\n'));
  const h5 = (await h5Writer(dir))('bigid.h5', [
    { name: 'X', data: new BigInt64Array([2n ** 60n, 1n, 2n ** 60n + 1n, 2n, 2n ** 60n + 2n, 3n, 2n ** 60n + 3n, 4n]), shape: [4, 2] },
    { name: 'y', data: new Int32Array([0, 1, 0, 1]), shape: [4] },
  ]);
  const h = collect();
  await loadDataset(h5, { warn: h.warn });
  assert.deepEqual(h.said.filter((s) => /2\^53/.test(s)), [`${h5}: dataset 'X': 3 whole numbers are above 2^53 (9007199254740992), beyond what any float holds exactly, and were rounded to another as read (e.g. 1152921504606846977 in example 2, feature 1, read as 1152921504606846976); leave an identifier out of the features, or write them in other units`]);
});

/** A 2 x 2 grey PNG of one level. */
function grey(v: number): Buffer {
  const image = new PNG({ width: 2, height: 2 });
  image.data = Buffer.from(Array.from({ length: 16 }, (_, i) => (i % 4 === 3 ? 255 : v)));
  return PNG.sync.write(image, { colorType: 0 });
}

/** A folder of class sub-folders cat/ and dog/, two images each. */
function pets(name: string): string {
  const root = join(dir, name);
  for (const [c, v] of [['cat', 10], ['dog', 200]] as const) {
    mkdirSync(join(root, c), { recursive: true });
    for (let i = 0; i < 2; i++) writeFile(join(root, c), `${i}.png`, grey(v + i));
  }
  return root;
}

test("a link inside a class folder to the data folder, above it or to another class's folder is refused (cat/up -> .. read every dog as a cat, silently); two class folders that are one folder too", () => {
  const up = pets('up');
  symlinkSync('..', join(up, 'cat', 'up'));
  assert.throws(() => loadImageFolder(up, quiet), /up\/cat\/up: a link to the data folder .*up, inside class sub-folder 'cat': the images of other classes would be read as 'cat'; remove the link$/);
  const above = pets('above');
  symlinkSync('../..', join(above, 'dog', 'top'));
  assert.throws(() => loadImageFolder(above, quiet), /above\/dog\/top: a link to the data folder .*above or above it, inside class sub-folder 'dog'/);
  const other = pets('other');
  symlinkSync('../dog', join(other, 'cat', 'dogs'));
  assert.throws(() => loadImageFolder(other, quiet), /other\/cat\/dogs: a link to class sub-folder 'dog', inside class sub-folder 'cat'/);
  const twins = pets('twins');
  symlinkSync('cat', join(twins, 'kitten'));
  assert.throws(() => loadImageFolder(twins, quiet), /twins: class sub-folders 'cat' and 'kitten' are one folder \(.*\/twins\/cat, through links\): each image would be read as both classes/);
  // links to folders elsewhere, and plain sub-folders, are read as before
  const fine = pets('fine');
  mkdirSync(join(fine, 'cat', '2019'));
  writeFile(join(fine, 'cat', '2019'), 'a.png', grey(30));
  symlinkSync(join(pets('elsewhere'), 'dog'), join(fine, 'dog', 'more'));
  assert.equal(loadImageFolder(fine, quiet).dataset.X.cols, 7);
});

test('class sub-folders of WebP, GIF or other pictures say what they hold, not just "no PNG or JPEG images found"', () => {
  const root = join(dir, 'webp');
  for (const c of ['cat', 'dog']) {
    mkdirSync(join(root, c), { recursive: true });
    for (let i = 0; i < 3; i++) writeFile(join(root, c), `${i}.webp`, 'RIFF\0\0\0\0WEBPVP8 ');
  }
  writeFile(join(root, 'cat'), 'notes', 'x');
  assert.throws(() => loadImageFolder(root, quiet), /webp: no PNG or JPEG images found; the class sub-folders hold 7 other files \(\.webp 6, no extension 1\): only PNG and JPEG images are read; convert them$/);
});

test("numbers separated by a tab, ';' or '|' inside one field (lines separated two ways) are named so, not 'holds text; one-hot encode it'", () => {
  const rows = Array.from({ length: 12 }, (_, i) => `${i % 5}\t${(i * 3) % 7},${i % 2}`);
  assert.throws(() => parseCsv(`a\tb,y\n${rows.join('\n')}\n`, quiet, 'mixed.csv'), /^DataError: mixed\.csv: column 'a\tb' holds numbers written with a separator in one field \(e\.g\. '0\\t0': numbers separated by a tab inside one field: are the fields separated two ways\? use one separator in the whole file\), which are read as text/);
  // one cell among numbers: the same words at its line
  assert.throws(() => parseCsv(`a,b,y\n1,2,0\n3,4,1\n5;6,7,0\n1,2,1\n`, quiet, 'cell.csv'), /cell\.csv, line 4, column 'a': '5;6' is not a number \(numbers separated by ';' inside one field/);
});

test('a number with an invisible character pasted into it (U+200B, U+FEFF, U+200E) is named so, in a cell and in a whole column', () => {
  assert.throws(() => parseCsv('a,b,y\n1,2,0\n\u200b3,4,1\n5,6,0\n1,2,1\n', quiet, 'zw.csv'), /zw\.csv, line 3, column 'a': '\u200b3' is not a number \(an invisible character \(U\+200B\), as pasting from a web page or a word processor leaves it\? write 3\)/);
  const rows = Array.from({ length: 12 }, (_, i) => `${i % 5}\u200e,${i % 3},${i % 2}`);
  assert.throws(() => parseCsv(`a,b,y\n${rows.join('\n')}\n`, { ...quiet, oneHot: 'auto' }, 'lrm.csv'), /^DataError: lrm\.csv: column 'a' holds numbers written as a spreadsheet shows them \(e\.g\. '0\u200e': an invisible character \(U\+200E\)/);
});

test("a test file labelled 1/0 for a model trained on yes/no is told the class it may mean ('class '1' was not in the training data' said no more)", async () => {
  const train = parseCsv(`a,b,y\n${Array.from({ length: 12 }, (_, i) => `${i % 5},${i % 3},${['no', 'yes'][i % 2]}`).join('\n')}\n`, quiet, 'yesno.csv');
  assert.throws(() => parseCsv('a,b,y\n1,2,1\n', { ...quiet, schema: train.schema }, 'ones.csv'), /ones\.csv, line 2, column 'y': class '1' was not in the training data \(classes: no, yes\); the same answer as class 'yes', written another way\? write the labels as in training$/);
  const { model } = await trainModel({ layers: [2], epochs: 1, testSplit: 0 }, { train: train.dataset, schema: train.schema });
  assert.throws(() => model.evaluate('a,b,y\n1,2,FALSE\n', undefined, quiet), /class 'FALSE' was not in the training data \(classes: no, yes\); the same answer as class 'no', written another way\?/);
  // a label that is no yes/no answer: as before
  assert.throws(() => model.evaluate('a,b,y\n1,2,maybe\n', undefined, quiet), /class 'maybe' was not in the training data \(classes: no, yes\)$/);
});

test('a WebP, GIF, BMP or TIFF picture given to an images model says what it is (it was "read as csv data, but the training data was images")', () => {
  const root = pets('kinds');
  const { schema } = loadImageFolder(root, quiet);
  const webp = writeFile(dir, 'photo.webp', Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 '), Buffer.alloc(20)]));
  return assert.rejects(loadDataset(webp, { ...quiet, schema, requireTarget: false }), /photo\.webp: read as csv data by its name, and it looks like a WebP image \(convert it to PNG or JPEG\), but the training data was images; give a file of the same kind$/);
});

test("numbers with a separator of another kind beside them ('1;' on lines that all end with ';') are refused as such, in a target (classes '0;' and '1;', silently) and a cell", () => {
  const rows = Array.from({ length: 12 }, (_, i) => `${i % 5},${i % 3},${i % 2};`);
  assert.throws(() => parseCsv(`a,b,y\n${rows.join('\n')}\n`, quiet, 'semi.csv'), /^DataError: semi\.csv: target column 'y' holds numbers written with a separator in one field \(e\.g\. '0;': a number with ';' beside it: do the lines end with a separator of another kind\? remove it\), which are read as text; save them as plain numbers, or give \{ task: 'classification' \} if they are class names$/);
  assert.throws(() => parseCsv('a,b,y\n1,2,0\n3|,4,1\n5,6,0\n1,2,1\n', quiet, 'cell.csv'), /cell\.csv, line 3, column 'a': '3\|' is not a number \(a number with '\|' beside it/);
});
