// The command line against hostile input, fourth round: each family of bad input gets one line
// naming the option or the file and what was expected, exit 2, and nothing half-written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { backprop, tempDir, usageError } from '../helpers/cli.js';

const dir = tempDir('backprop-hostile4-');
const points = path.join(dir, 'points.csv');
writeFileSync(points, 'x1,x2,y\n0,0,a\n0,1,b\n1,0,b\n1,1,a\n0.1,0.2,a\n0.9,0.1,b\n');
const model = path.join(dir, 'model.json');
assert.equal(backprop(['train', '--data', points, '--epochs', '2', '--save', model]).code, 0);
const onnx = path.join(dir, 'model.onnx');
assert.equal(backprop(['export', '--model', model, '--out', onnx]).code, 0);

test('import --classes with a name twice, empty or alone is an error of --classes, before the file is read', () => {
  const out = path.join(dir, 'imported.json');
  usageError(backprop(['import', onnx, '--out', out, '--classes', 'a,a']), /^backprop: error: --classes names class "a" twice; give each class its own name$/);
  usageError(backprop(['import', onnx, '--out', out, '--classes', 'a,']), /^backprop: error: --classes has an empty name for class 1 \(of 2\)/);
  usageError(backprop(['import', path.join(dir, 'absent.onnx'), '--out', out, '--classes', 'a,a', '--format', 'onnx']), /--classes names class "a" twice/);
  assert.equal(existsSync(out), false);
});

test('datasets fetch --base-url that is no http(s) folder URL is refused up front, before the cache folder is made', () => {
  const cache = path.join(dir, 'cache');
  for (const url of ['notaurl', 'ftp://example.com/mnist/', 'file:///tmp/', 'https://example.com/mnist/?token=1']) {
    usageError(backprop(['datasets', 'fetch', 'mnist', '--dir', cache, '--base-url', url]), /^backprop: error: --base-url must be an http:\/\/ or https:\/\/ URL of a folder holding the dataset's files, got '/);
  }
  assert.equal(existsSync(cache), false);
});

test("export --out whose name does not suit the format is refused before anything is written", () => {
  const out = path.join(dir, 'x.onnx');
  usageError(backprop(['export', '--model', model, '--format', 'tfjs', '--out', out]), /^backprop: error: --out: a TF\.js model is a folder \(model\.json and weights\.bin\), but '.*x\.onnx' ends in \.onnx, a file name of an ONNX model \(write ONNX with --format onnx\); give a folder name such as '.*x-tfjs'$/);
  assert.equal(existsSync(out), false);
  usageError(backprop(['export', '--model', model, '--format', 'onnx', '--out', path.join(dir, 'other.json')]), /--out: an ONNX model is one file whose name ends in \.onnx, got '.*other\.json'$/);
  assert.equal(existsSync(path.join(dir, 'other.json')), false);
});

test('a CSV of one data row is refused with what is missing (it trained a regression on the one row, R² 0)', () => {
  const one = path.join(dir, 'one.csv');
  writeFileSync(one, 'a,b,y\n1,2,3\n');
  usageError(backprop(['train', '--data', one, '--test-split', '0', '--epochs', '1']), /one\.csv: target column 'y' has the single value '3' in its only row: .*; give more rows, or --task regression to fit the constant$/);
  assert.equal(backprop(['train', '--data', one, '--test-split', '0', '--epochs', '1', '--task', 'regression']).code, 0);
});

test("the command line shows the library's option names as its flags: options.features -> --features, { missing: 'drop' } -> --missing drop", () => {
  const missing = path.join(dir, 'missing.csv');
  writeFileSync(missing, 'a,b,y\n1,,0\n2,3,1\n4,5,0\n');
  usageError(backprop(['train', '--data', missing]), /line 2, column 'b': empty cell; use --missing drop or --missing mean to handle missing values$/);
  usageError(backprop(['train', '--data', points, '--features', 'x1,x1']), /^backprop: error: --features names column 'x1' twice; give each feature once$/);
  const text = path.join(dir, 'text.csv');
  writeFileSync(text, 'x1,x2,label\np0,1,a\np1,2,b\np3,3,a\n');
  usageError(backprop(['train', '--data', text]), /one-hot encode it with --one-hot x1 \(or --one-hot auto\), or leave it out with --features$/);
});

test('tune --timeout 0 is refused naming the option: it started no trial and exited 0 ("no trial completed")', () => {
  const study = path.join(dir, 'timeout.study.jsonl');
  usageError(backprop(['tune', '--data', 'flower', '--samples', '60', '--epochs', '1', '--trials', '2', '--lr', '1e-3..1e-1', '--timeout', '0', '--study', study]), /^backprop: error: --timeout must be a positive number, got '0'$/);
  assert.equal(existsSync(study), false);
});
