// Hostile input to the library, eighth round: search spaces whose values training refuses (a
// study of failed trials), and the families of the sweep below.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodeRows, parseCsv } from '../../src/data/csv.js';
import { synthetic } from '../../src/data/synthetic.js';
import { ModelFileError, OptionError, StateError } from '../../src/errors.js';
import { Model } from '../../src/model/model.js';
import { modelToJson } from '../../src/io/model-json.js';
import { modelFromJson } from '../../src/model/model.js';
import { Network } from '../../src/nn/network.js';
import { Adam, GradientDescent, Momentum } from '../../src/optim/optimizers.js';
import { Matrix, ShapeError } from '../../src/tensor/matrix.js';
import { fit, fitAsync } from '../../src/train/fit.js';
import { registerBackend, setBackend } from '../../src/kernels/registry.js';
import { tune } from '../../src/tune/tune.js';
import { choice, floatRange, intRange } from '../../src/tune/space.js';

const xor = synthetic('xor', { samples: 40, seed: 3 });

test('a search space is checked value by value as training checks it, before any trial: a range of learning rates from -1 ran a study of failed trials', async () => {
  const refused: [Record<string, unknown>, RegExp][] = [
    [{ learningRate: floatRange(-1, 0.1) }, /^learningRate: the range -1\.\.0\.1 gives a value training refuses: learningRate must be a positive number, got -1$/],
    [{ batchSize: intRange(0, 4) }, /^batchSize: the range 0\.\.4 gives a value training refuses: batchSize must be a whole number/],
    [{ keepProb: floatRange(0.5, 2) }, /^keepProb: the range 0\.5\.\.2 gives a value training refuses: keepProb must be a number in \(0, 1\], got 2$/],
    // a float range over a whole-number field gives fractions between its whole ends
    [{ epochs: floatRange(1, 3) }, /^epochs: the range 1\.\.3 gives a value training refuses: epochs must be a whole number/],
    [{ layers: choice([4], [0]) }, /^layers: the choice 0 gives a value training refuses: layers\[0\] must be a whole number/],
    [{ learningRate: choice(0.1, 'fast') }, /^learningRate: the choice fast gives a value training refuses/],
  ];
  for (const [spec, message] of refused) {
    const started = Date.now();
    await assert.rejects(tune({ spec: { epochs: 1, ...spec }, data: { train: xor }, trials: 2, workers: 1 }), (e: Error) => {
      assert.ok(e instanceof OptionError, `${e.name}: ${e.message}`);
      assert.match(e.message, message);
      return true;
    }, JSON.stringify(spec));
    assert.ok(Date.now() - started < 5000, 'refused before any worker started');
  }
  // the fixed part is checked too, as trainModel would
  await assert.rejects(tune({ spec: { epochs: 1, learningRate: -2, layers: choice([4], [8]) }, data: { train: xor }, trials: 1, workers: 1 }), /^OptionError: learningRate must be a positive number, got -2$/);
  // a space of good values runs
  const r = await tune({ spec: { epochs: 1, learningRate: floatRange(0.01, 0.1, true), keepProb: floatRange(0.5, 1) }, data: { train: xor }, trials: 1, workers: 1 });
  assert.equal(r.trials.filter((t) => t.state === 'complete').length, 1);
});

test('a column the training data did not have is named in one warning when a schema is applied; columns it had but the model does not use are not', () => {
  const { schema } = parseCsv('a,b,skip,y\n1,2,x,0\n2,1,x,1\n3,3,x,0\n4,1,x,1\n', { features: ['a', 'b'] }, 'train.csv');
  const warningsOf = (text: string, requireTarget = false) => {
    const warnings: string[] = [];
    parseCsv(text, { schema, requireTarget, warn: (m) => warnings.push(m) }, 'new.csv');
    return warnings;
  };
  assert.deepEqual(warningsOf('a,b\n1,2\n'), []);
  assert.deepEqual(warningsOf('b,skip,a,y\n1,x,2,0\n', true), []);
  assert.deepEqual(warningsOf('a,b,z\n1,2,3\n'), ["new.csv: column 'z' was not in the training data and is ignored (the model reads a, b; the model's target is 'y')"]);
  assert.deepEqual(warningsOf('a,y,b,z,w\n1,0,2,3,4\n', true), ["new.csv: 2 columns 'z', 'w' were not in the training data and are ignored (the model reads a, b)"]);
  // rows in memory (the page) are read the same way
  const warnings: string[] = [];
  encodeRows(['a', 'b', 'label'], [['1', '2', '0']], schema, { requireTarget: false, warn: (m) => warnings.push(m), source: 'the rows' });
  assert.deepEqual(warnings, ["the rows: column 'label' was not in the training data and is ignored (the model reads a, b; the model's target is 'y')"]);
});

const small = (hidden = 3) => new Network({ inputSize: 2, layers: [{ units: hidden, activation: 'relu' }, { units: 1, activation: 'sigmoid' }] });
const throwsState = (f: () => unknown, message: RegExp) => assert.throws(f, (e: Error) => {
  assert.ok(e instanceof StateError, `${e.name}: ${e.message}`);
  assert.match(e.message, message);
  return true;
});

test("Network's methods called in the wrong order throw a StateError naming the method and what comes first; gradients of a forward pass without its backward were stale, silently", () => {
  const net = small(), X = Matrix.from([[0, 1], [1, 0]]), Y = Matrix.from([[1, 0]]);
  throwsState(() => net.backward(Y), /^Network\.backward: no forward pass yet; run forward\(X\) first$/);
  throwsState(() => net.cost(Y), /^Network\.cost: no forward pass yet/);
  throwsState(() => net.cache, /^Network\.cache: no forward pass yet/);
  throwsState(() => net.inputGradient(), /^Network\.inputGradient: no forward pass yet; run forward\(X\) and backward\(Y\) first$/);
  net.forward(X);
  throwsState(() => net.gradients, /^Network\.gradients: no backward pass since the last forward pass \(its values would be those of an earlier pass\); run backward\(Y\) first$/);
  net.backward(Y);
  const dA0 = net.inputGradient().clone();
  assert.deepEqual(net.gradients.dW[1]!.shape, [3, 2]);
  net.forward(Matrix.from([[5, 5], [5, 5]]));
  throwsState(() => net.inputGradient(), /no backward pass since the last forward pass/);
  assert.equal(dA0.cols, 2);
  // targets that are no Matrix: said as such, not "Y is undefined"
  net.forward(X);
  assert.throws(() => net.backward([1, 0] as unknown as Matrix), (e: Error) => e instanceof ShapeError && /^Network\.backward: Y must be a Matrix .*prepareTargets\(Y\) first\), got an array$/.test(e.message));
  assert.throws(() => net.restore(null as never), (e: Error) => e instanceof ShapeError && /^restore: give a snapshot\(\) of a network/.test(e.message));
  assert.throws(() => net.setWeights([{ W: 'abc', b: [1] }, { W: [1], b: [1] }] as never), (e: Error) => e instanceof ShapeError && /^setWeights: layer 1 must be \{ W, b \}/.test(e.message));
});

test('an optimizer holds one network\'s state: given the layers of another it throws a StateError (same depth, other sizes made NaN weights); a learning rate that is no number is refused', () => {
  const a = small(3), b = small(5);
  for (const o of [new Adam(), new Momentum()]) {
    o.step(a.layers, 0.1);
    throwsState(() => o.step(b.layers, 0.1), /^(adam|momentum): this optimizer holds the state of another network \(W of 3 x 2, 1 x 3\), not of these layers \(5 x 2, 1 x 5\); make one optimizer per network$/);
    assert.ok(b.layers.every((l) => l.W.data.every(Number.isFinite)));
  }
  assert.throws(() => new Adam().step(a.layers, NaN), /^OptionError: adam\.step: the learning rate must be a finite number >= 0, got NaN$/);
  assert.throws(() => new GradientDescent().step(a.layers, '0.1' as never), /^OptionError: gd\.step: the learning rate must be a finite number >= 0, got a string$/);
  assert.throws(() => new GradientDescent().step(null as never, 0.1), /^OptionError: gd\.step: layers must be a network's layers/);
  new Momentum().step(a.layers, 0); // a schedule may decay it to 0
  const shared = new Adam(), d = synthetic('xor', { samples: 20, seed: 1 });
  fit(small(3), d.X, d.Y, { epochs: 1, optimizer: shared });
  throwsState(() => fit(small(6), d.X, d.Y, { epochs: 1, optimizer: shared }), /^adam: this optimizer holds the state of another network/);
});

test('a network trained by two fits at once is refused with a StateError: from a callback, or a fitAsync not awaited (they shared its buffers, silently)', async () => {
  const d = synthetic('xor', { samples: 20, seed: 1 }), net = small();
  throwsState(() => fit(net, d.X, d.Y, { epochs: 2, onEpochEnd: () => { fit(net, d.X, d.Y, { epochs: 1 }); } }), /^fit: this network is being trained by a fit that has not finished \(called from its callback, or not awaited\); wait for it, or train a copy$/);
  const first = fitAsync(net, d.X, d.Y, { epochs: 3 });
  await assert.rejects(fitAsync(net, d.X, d.Y, { epochs: 1 }), (e: Error) => e instanceof StateError && /^fitAsync: this network is being trained by a fitAsync/.test(e.message));
  await first;
  assert.equal(fit(net, d.X, d.Y, { epochs: 1 }).cost.length, 1, 'free again once finished');
  // a failed fit frees it too
  assert.throws(() => fit(net, d.X, d.Y, { epochs: 1, learningRate: -1 }), /learningRate/);
  fit(net, d.X, d.Y, { epochs: 1 });
  assert.throws(() => fit(null as never, d.X, d.Y, { epochs: 1 }), /^OptionError: fit: net must be a Network/);
});

test('setBackend and registerBackend say what they were given in an OptionError (an unknown name was a plain Error; null a TypeError from inside)', () => {
  assert.throws(() => setBackend('nope'), (e: Error) => e instanceof OptionError && /^unknown kernel backend 'nope'; available: js/.test(e.message));
  assert.throws(() => registerBackend(null as never), (e: Error) => e instanceof OptionError && /^registerBackend: give a backend's kernels/.test(e.message));
});

test('a CSV whose lines end in different ways is read line by line: a CRLF header over LF rows was one row of every field ("line 5: 9 fields, expected 3")', () => {
  for (const text of ['a,b,y\r\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n', 'a,b,y\r1,2,0\n3,4,1\n5,6,0\n7,8,1\n', 'a,"b",y\r\n1,2,0\n3,4,1\r\n5,6,0\r7,8,1\n']) {
    const { dataset } = parseCsv(text, {}, 'mixed.csv');
    assert.deepEqual([dataset.X.rows, dataset.X.cols], [2, 4], JSON.stringify(text));
    assert.deepEqual(Array.from(dataset.X.data.subarray(0, 4)), [1, 3, 5, 7]);
  }
  // a ragged row is still named at its line
  assert.throws(() => parseCsv('a,b,y\r\n1,2,0\n3,4\n5,6,0\r\n', {}, 'mixed.csv'), /^DataError: mixed\.csv, line 3: 2 fields, expected 3/);
});

test('a CSV schema in a model is checked when the model is made, as strictly as the rest of the file: an unknown field, a header of "yes", a delimiter x, featureNames of other inputs', () => {
  const { schema } = parseCsv('a,b,y\n1,2,0\n2,1,1\n3,3,0\n', {}, 'train.csv');
  const net = new Network({ inputSize: 2, layers: [{ units: 1, activation: 'sigmoid' }] });
  const made = (data: unknown) => () => Model.fromNetwork(net, { task: 'binary', classes: ['0', '1'], preprocessing: { data: data as never } });
  made(schema)();
  const refused: [unknown, RegExp][] = [
    [{ ...schema, headr: true }, /^model: field "preprocessing\.data": "headr" is not a field of a CSV schema \(did you mean "header"\?\)/],
    [{ ...schema, header: 'yes' }, /"header" must be true or false, got "yes"$/],
    [{ ...schema, delimiter: 'x' }, /"delimiter" must be one of , ; \| or a tab, got "x"$/],
    [{ ...schema, featureNames: ['b', 'a'] }, /"featureNames" entry 1 is "b", but the features make 'a' \(a, b\)$/],
  ];
  for (const [data, message] of refused) assert.throws(made(data), (e: Error) => e instanceof ModelFileError && message.test(e.message), JSON.stringify(data));
  // the model's features name the schema's inputs
  const doc = modelToJson(Model.fromNetwork(net, { task: 'binary', classes: ['0', '1'], features: ['a', 'b'], preprocessing: { data: schema } }));
  assert.throws(() => modelFromJson({ ...doc, features: ['b', 'a'] }, 'm.json'), /^ModelFileError: m\.json: field "features" \(b, a\) is not the CSV schema's "featureNames" \(a, b\); they name the same inputs$/);
  assert.throws(() => modelFromJson({ ...doc, features: ['a'], preprocessing: undefined }, 'm.json'), /^ModelFileError: m\.json: field "features" names 1 input, but "inputSize" is 2: one name per input$/);
});

test('every exported function checks the kind of its arguments on entry: undefined, a string for a Matrix, {} for a History are an OptionError naming the function and argument, never a TypeError from inside', async () => {
  const lib = await import('../../src/node.js');
  const net = small(), X = Matrix.from([[0, 1], [1, 0]]);
  const refused: [() => unknown, RegExp][] = [
    [() => lib.accuracy(undefined as never, [1]), /^accuracy: yTrue must be an array or a typed array of class indices \(for a Matrix Y or one-hot columns: labelsOf\(Y\)\), got undefined$/],
    [() => lib.evaluate(net, 'X' as never, [1, 0]), /^evaluate: X must be a Matrix, got a string$/],
    [() => lib.predictClasses([1, 2] as never, X), /^predictClasses: net must be a Network, got an array$/],
    [() => lib.fitStandardize(undefined as never), /^fitStandardize: X must be a Matrix, got undefined$/],
    [() => lib.takeExamples({} as never, [0]), /^takeExamples: data must be a Dataset/],
    [() => lib.detectPlateau(null as never), /^detectPlateau: losses must be an array or a typed array of numbers, got null$/],
    [() => lib.costCurveSpec({} as never), /^costCurveSpec: history must be a training History/],
    [() => lib.metricsJson({} as never), /^metricsJson: e must be an Evaluation \(from evaluate or Model\.evaluate\), got an object without "classification", "multilabel" or "regression"$/],
    [() => lib.readCsv(5 as never), /^readCsv: path must be a file name \(a non-empty string\), got a number$/],
    [() => lib.kFolds(undefined as never, 3), /^kFolds: data must be a Dataset/],
  ];
  for (const [call, message] of refused) {
    assert.throws(call, (e: Error) => e instanceof OptionError && message.test(e.message), String(call));
  }
  // an async function rejects instead of throwing
  await assert.rejects(lib.svgToPng('not svg'), (e: Error) => e instanceof OptionError && /^svgToPng: svg must be SVG text \(a string, from renderSvg\), got text that begins 'not svg'$/.test(e.message));
  await assert.rejects(lib.writeFilesAtomic([1, 2] as never), (e: Error) => e instanceof OptionError && /^writeFilesAtomic: files must be an array of \{ file, content \}/.test(e.message));
  await assert.rejects(lib.renderSvg({} as never), (e: Error) => e instanceof OptionError && /^renderSvg: spec is no chart Vega-Lite can draw \(.*\); give one from costCurveSpec/.test(e.message));
  // the right kinds still work, a missing file is a DataError and a folder is no HDF5 file
  assert.equal(lib.accuracy([1, 0], Int32Array.from([1, 1])), 0.5);
  assert.equal(lib.isHdf5File(tmpdir()), false);
  assert.throws(() => lib.isHdf5File(path.join(tmpdir(), 'no-such-file.h5')), /^DataError: file not found: /);
  const svg = await lib.renderSvg(lib.costCurveSpec(fit(small(), xor.X, xor.Y, { epochs: 2 })));
  assert.ok((await lib.svgToPng(svg)).length > 100);
});
