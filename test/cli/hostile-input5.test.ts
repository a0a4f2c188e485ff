// The command line against hostile input, fifth round: odd CSVs, files cut short or damaged (gz,
// HDF5, model JSON, ONNX, PNG/JPEG), outputs over files of another kind. Each family: one line
// naming the file or option and what was expected, exit 2, nothing lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { backprop, fileWriter, tempDir, usageError } from '../helpers/cli.js';

const dir = tempDir('backprop-hostile5-');
const file = fileWriter(dir);
const points = file('points.csv', 'x1,x2,y\n0,0,a\n0,1,b\n1,0,b\n1,1,a\n0.1,0.2,a\n0.9,0.1,b\n');
const model = path.join(dir, 'model.json');
assert.equal(backprop(['train', '--data', points, '--epochs', '2', '--save', model]).code, 0);
const onnx = path.join(dir, 'model.onnx');
assert.equal(backprop(['export', '--model', model, '--out', onnx]).code, 0);

test('train says what task auto chose for a target of numbers, and asks when it cannot tell (0..4 in 8 rows was a regression, silently)', () => {
  const rows = (n: number) => 'a,b,y\n' + Array.from({ length: n }, (_, i) => `${i * 0.1},${(i * 7) % 3},${i % 5}`).join('\n') + '\n';
  const many = backprop(['train', '--data', file('ratings.csv', rows(60)), '--epochs', '1']);
  assert.equal(many.code, 0, many.stderr);
  assert.match(many.stdout.split('\n')[0]!, /^backprop: .*ratings\.csv: target column 'y' holds 5 different whole numbers \(0, 1, 2, 3, 4\), read as 5 classes \(--task auto\); --task regression reads them as quantities$/);
  usageError(backprop(['train', '--data', file('few.csv', rows(8)), '--epochs', '1']),
    /few\.csv: target column 'y' holds 5 different whole numbers \(0, 1, 2, 3, 4\) in 8 rows: too few rows per value to tell classes from a quantity; say which with --task classification or --task regression$/);
  const told = backprop(['train', '--data', path.join(dir, 'few.csv'), '--epochs', '1', '--task', 'regression', '--test-split', '0']);
  assert.equal(told.code, 0, told.stderr);
  assert.doesNotMatch(told.stdout, /task auto/);
});

test('a model output never replaces a file of another kind: train --save package.json replaced the project file with a model', () => {
  const pkg = file('package.json', '{"name":"my-app","version":"1.0.0"}\n');
  const before = readFileSync(pkg, 'utf8');
  usageError(backprop(['train', '--data', points, '--epochs', '1', '--save', pkg]),
    /^backprop: error: --save: cannot write .*package\.json: it exists and is not a backprop model file; not replacing it \(give another file name, or delete it first\)$/);
  usageError(backprop(['import', onnx, '--out', pkg]), /^backprop: error: --out: cannot write .*package\.json: it exists and is not a backprop model file/);
  usageError(backprop(['tune', '--data', points, '--epochs', '1', '--lr', '1e-3|1e-2', '--trials', '1', '--workers', '1', '--test-split', '0', '--study', path.join(dir, 't.jsonl'), '--save', pkg]),
    /--save: cannot write .*package\.json: it exists and is not a backprop model file/);
  assert.equal(readFileSync(pkg, 'utf8'), before);
  // a model file, or an empty file, is replaced as before
  const empty = file('empty.json', '');
  assert.equal(backprop(['train', '--data', points, '--epochs', '1', '--save', empty]).code, 0);
  assert.equal(backprop(['import', onnx, '--out', model]).code, 0);
});

test('files cut short or damaged are said in our words, naming the file (the decoders\' "invalid code lengths set", "truncated file: eof = ...", "Expected \',\' after array element in JSON at position 200", protobufjs\'s utf-8 complaint)', () => {
  const gz = gzipSync(readFileSync(points));
  usageError(backprop(['train', '--data', file('cut.csv.gz', gz.subarray(0, 25))]),
    /cut\.csv\.gz: not a valid gzip file: it is cut short \(it ends after 25 bytes, inside the compressed data: an interrupted download or copy\?\)$/);
  const damaged = Buffer.from(gz);
  damaged.fill(0xff, 12, 20);
  usageError(backprop(['train', '--data', file('damaged.csv.gz', damaged)]), /damaged\.csv\.gz: not a valid gzip file: its compressed data is damaged \(download or copy it again\)$/);
  const text = readFileSync(model, 'utf8');
  const cut = file('cut.json', text.slice(0, 200));
  for (const args of [['predict', '--model', cut, '--data', points], ['evaluate', '--model', cut, '--data', points], ['inspect', '--model', cut], ['export', '--model', cut, '--out', path.join(dir, 'c.onnx')]]) {
    usageError(backprop(args), /cut\.json: not valid JSON: the text ends before the document is complete \(after 200 characters\); is it cut short \(an interrupted write or copy\)\?$/);
  }
  usageError(backprop(['inspect', '--model', file('syntax.json', '{"format": "backprop-model",\n "layers": [1 2]}')]), /syntax\.json: not valid JSON at line 2, column 15 \(Expected ',' or ']' after array element\)$/);
  const bytes = Buffer.from(readFileSync(onnx));
  bytes.fill(0xff, 30, 35);
  usageError(backprop(['import', file('bad.onnx', bytes), '--out', path.join(dir, 'bad.json')]),
    /bad\.onnx: not an ONNX model \(its bytes do not decode as an ONNX protobuf message: a damaged file, or not an ONNX model\)$/);
});

test('odd CSVs: BOM and CRLF, blank lines are read; a quoted newline, a ragged row, Inf, NaN, huge numbers, a header alone, an empty file each get one line', () => {
  for (const [name, content] of [['bom.csv', '\ufeffa,b,y\r\n0,0,a\r\n0,1,b\r\n1,0,b\r\n1,1,a\r\n'], ['blank.csv', 'a,b,y\n\n0,0,a\n\n0,1,b\n1,0,b\n1,1,a\n\n']] as [string, string][]) {
    const r = backprop(['train', '--data', file(name, content), '--epochs', '1', '--test-split', '0']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /2-16\(relu\)-1\(sigmoid\).*, 4 training examples/);
  }
  const cases: [string, string, RegExp][] = [
    ['inf.csv', 'a,b,y\ninf,0,a\n0,1,b\n1,0,b\n1,1,a\n', /inf\.csv, line 2, column 'a': 'inf': an infinite value, which a network cannot learn from; replace it or leave the row out$/],
    ['ninf.csv', 'a,b,y\n0,-Infinity,a\n0,1,b\n1,0,b\n1,1,a\n', /column 'b': '-Infinity': an infinite value/],
    ['nan.csv', 'a,b,y\nNaN,0,a\n0,1,b\n1,0,b\n1,1,a\n', /nan\.csv, line 2, column 'a': 'NaN' marks a missing value; use --missing drop or --missing mean/],
    ['huge.csv', 'a,b,y\n1e39,0,a\n0,1,b\n1,0,b\n1,1,a\n', /huge\.csv, line 2, column 'a': '1e39' is too large \(at most 3\.4e38 in magnitude; float64 holds it: --float64\)$/],
    ['ragged.csv', 'a,b,y\n0,0,a\n0,1\n1,0,b\n', /ragged\.csv, line 3: 2 fields, expected 3/],
    ['header.csv', 'a,b,y\n', /header\.csv: only a header line, no data rows$/],
    ['empty.csv', '', /empty\.csv: the file is empty$/],
    ['quoted.csv', 'a,b,y\n"0\n5",0,a\n0,1,b\n1,0,b\n1,1,a\n', /quoted\.csv, line \d, column 'a': .* is not a number$/],
  ];
  for (const [name, content, pattern] of cases) usageError(backprop(['train', '--data', file(name, content), '--epochs', '1']), pattern);
});

test('an empty or cut-short image file in an image folder is named as such', () => {
  const whole = PNG.sync.write(Object.assign(new PNG({ width: 2, height: 2 }), {}));
  for (const [name, bytes] of [['zero.jpg', Buffer.alloc(0)], ['cut.png', whole.subarray(0, 40)]] as [string, Buffer][]) {
    const root = path.join(dir, `images-${name}`);
    mkdirSync(path.join(root, 'a'), { recursive: true });
    mkdirSync(path.join(root, 'b'));
    writeFileSync(path.join(root, 'a', 'ok.png'), whole);
    writeFileSync(path.join(root, 'b', 'ok.png'), whole);
    writeFileSync(path.join(root, 'b', name), bytes);
    const pattern = name === 'zero.jpg' ? /zero\.jpg: the file is empty \(0 bytes\), not a PNG or JPEG image$/
      : /cut\.png: cannot decode the image: the PNG file is cut short: it ends after 40 bytes, before its closing IEND chunk \(an interrupted download or copy\?\)$/;
    usageError(backprop(['train', '--data', root, '--image-size', '2x2', '--epochs', '1']), pattern);
  }
});
