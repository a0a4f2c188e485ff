// Hostile input, eighteenth sweep (library). A value with a newline in it, given from JavaScript (a
// delimiter of '\n', an activation, a target column, an option name), split the library's one-line
// error messages in two (the CLI escaped them on its way out; a library user got them raw); and
// trainModel's activation with layers [] was dropped without a word.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DataError, DivergenceError, Matrix, ModelFileError, Network, OptionError, OutputError, ShapeError, StateError,
  evaluate, fit, loadDataset, synthetic, trainModel,
} from '../../src/node.js';
import { refused } from '../helpers/errors.js';

const NL = 'x\ny';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backprop-hostile18-'));
const csv = path.join(dir, 'd.csv');
fs.writeFileSync(csv, `a,b,y\n${Array.from({ length: 20 }, (_, i) => `${i / 20},${(i % 3) / 3},${i % 2}`).join('\n')}\n`);
const flower = synthetic('flower', { samples: 40 });

/** `f` throws an error named `name` whose message is one line and shows the value escaped ('x\ny'). */
function oneLineError(f: () => unknown, name: string, pattern: RegExp): void {
  assert.throws(f, (e: Error) => {
    assert.equal(e.name, name, e.message);
    assert.ok(!/[\n\r\u2028\u2029]/.test(e.message), `a message of more than one line: ${JSON.stringify(e.message)}`);
    assert.match(e.message, pattern);
    return true;
  });
}

test('every error class of the library keeps its message on one line, a line break shown as \\n and a control character escaped', () => {
  for (const E of [DataError, OptionError, ModelFileError, ShapeError, StateError, OutputError]) {
    const e = new E(`column '${NL}\r\n\u2028z\u001b[31m'`);
    assert.equal(e.message, "column 'x\\ny\\n\\nz\\u001b[31m'", E.name);
  }
  assert.equal(new DivergenceError(`cost ${NL}`, 1, 0).message, 'cost x\\ny');
  assert.equal(new DataError('a\ttab').message, 'a\ttab'); // a tab is no line break
});

test('loadDataset: a value with a newline is named on one line (options.delimiter, missing, target, features)', async () => {
  await refused(loadDataset(csv, { delimiter: NL }), 'OptionError', /^options\.delimiter must be one of , ; tab \| or auto, got 'x\\ny'$/);
  await refused(loadDataset(csv, { missing: NL as 'error' }), 'OptionError', /^options\.missing must be error, drop or mean, got 'x\\ny'$/);
  await refused(loadDataset(csv, { target: NL }), 'DataError', /no target column 'x\\ny'/);
  await refused(loadDataset(csv, { features: [NL] }), 'DataError', /no feature column 'x\\ny'/);
});

test('trainModel, Network, fit and evaluate: a name with a newline is named on one line', async () => {
  const train = (spec: object) => trainModel({ epochs: 1, ...spec }, { train: flower });
  await refused(train({ activation: NL }), 'OptionError', /got 'x\\ny'/);
  await refused(train({ optimizer: NL }), 'OptionError', /got 'x\\ny'/);
  await refused(train({ [NL]: 1 }), 'OptionError', /unknown option 'x\\ny'/);
  await refused(train({ classWeight: { [NL]: 1 } }), 'OptionError', /classWeight names class 'x\\ny'/);
  const layers = [{ units: 1, activation: 'sigmoid' as const }];
  oneLineError(() => new Network({ inputSize: 2, layers, loss: NL as 'meanSquaredError' }), 'OptionError', /'x\\ny'/);
  oneLineError(() => new Network({ inputSize: 2, layers: [{ units: 1, activation: NL as 'relu' }] }), 'OptionError', /got 'x\\ny'/);
  const net = new Network({ inputSize: 2, layers });
  const X = Matrix.from([[1], [2]]), Y = Matrix.from([[1]]);
  oneLineError(() => fit(net, X, Y, { epochs: 1, optimizer: NL as 'gd' }), 'OptionError', /'x\\ny'/);
  oneLineError(() => evaluate(net, X, Y, NL as 'binary'), 'OptionError', /got 'x\\ny'/);
});

test('trainModel: activation with no hidden layer (layers []) is said to be ignored, as keepProb is', async () => {
  const warnings: string[] = [];
  const { model } = await trainModel({ epochs: 1, testSplit: 0, layers: [], activation: 'tanh' }, { train: flower }, { warn: (m) => warnings.push(m) });
  assert.deepEqual(warnings.filter((w) => /ignored/.test(w)), ['activation ignored: it is the activation of hidden layers, and there is none']);
  assert.equal(model.network.describe(), '2-1(sigmoid)');
  // with a hidden layer, or with no activation given, nothing to say
  for (const spec of [{ layers: [3], activation: 'tanh' as const }, { layers: [] }]) {
    const quiet: string[] = [];
    await trainModel({ epochs: 1, testSplit: 0, ...spec }, { train: flower }, { warn: (m) => quiet.push(m) });
    assert.deepEqual(quiet.filter((w) => /ignored/.test(w)), []);
  }
});

test('fit with class indices out of range for a softmax is a DataError naming Y and the example, as evaluate says it (it was "ShapeError: oneHot: ...")', () => {
  const net = new Network({ inputSize: 2, layers: [{ units: 3, activation: 'softmax' }] });
  const X = Matrix.from([[1, 2, 3], [3, 4, 5]]);
  for (const [labels, pattern] of [
    [[0, 5, 1], /^Y: label 5 of example 2 is not a class index 0\.\.2 \(the output layer's 3 units; or give Y as 3 x m one-hot columns\)$/],
    [[0, 1, 1.5], /^Y: label 1\.5 of example 3 is not a class index 0\.\.2 /],
    [[-1, 1, 1], /^Y: label -1 of example 1 is not a class index 0\.\.2 /],
  ] as const) {
    const Y = Matrix.from([[...labels]]);
    assert.throws(() => fit(net, X, Y, { epochs: 1 }), (e: Error) => e.name === 'DataError' && pattern.test(e.message), `fit ${labels}`);
    assert.throws(() => evaluate(net, X, Y), (e: Error) => e.name === 'DataError' && /^Y: label -?[\d.]+ of example \d is not a class index 0\.\.2$/.test(e.message), `evaluate ${labels}`);
  }
});
