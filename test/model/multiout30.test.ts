// Battery multiout30 (library): several real-valued targets, a multi-output regression as scikit-learn's
// MLPRegressor().fit(X, Y) with Y of m x k (load_linnerud: Weight, Waist, Pulse). It was refused as "not
// supported"; now loadDataset reads Y as k x m, trainModel fits k linear outputs with each target z-scored on its
// own, the model file keeps the targets' names and scaling, and evaluate gives per-output and averaged metrics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { loadDataset, loadModel, saveModel, trainModel, Matrix, Network, gradientCheck, evaluate, Model } from '../../src/node.js';
import { fileWriter, tempDir } from '../helpers/cli.js';
import { refused } from '../helpers/errors.js';

const dir = tempDir();
const write = fileWriter(dir);
// scikit-learn's load_linnerud, its 20 rows: exercise (Chins, Situps, Jumps) and physiological (Weight, Waist, Pulse)
const LINNERUD = `Chins,Situps,Jumps,Weight,Waist,Pulse
5,162,60,191,36,50
2,110,60,189,37,52
12,101,101,193,38,58
12,105,37,162,35,62
13,155,58,189,35,46
4,101,42,182,36,56
8,101,38,211,38,56
6,125,40,167,34,60
15,200,40,176,31,74
17,251,250,154,33,56
17,120,38,169,34,50
13,210,115,166,33,52
14,215,105,154,34,64
1,50,50,247,46,50
6,70,31,193,36,46
12,210,120,202,37,62
4,60,25,176,37,54
11,230,80,157,32,52
15,225,73,156,33,54
2,110,43,138,33,68
`;
const linnerud = write('linnerud.csv', LINNERUD);

test('loadDataset: target as a list, or as names separated by commas, reads Y as one row per target (k x m)', async () => {
  for (const target of [['Weight', 'Waist', 'Pulse'], 'Weight,Waist,Pulse', [4, 'Waist', 6]] as const) {
    const { dataset, schema } = await loadDataset(linnerud, { target: target as never });
    assert.equal(dataset.task, 'regression');
    assert.deepEqual([dataset.Y.rows, dataset.Y.cols], [3, 20]);
    assert.deepEqual([dataset.Y.get(0, 0), dataset.Y.get(1, 0), dataset.Y.get(2, 0)], [191, 36, 50]);
    assert.deepEqual(dataset.featureNames, ['Chins', 'Situps', 'Jumps']);
    assert.ok(schema.format === 'csv');
    assert.deepEqual(schema.targets, ['Weight', 'Waist', 'Pulse']);
  }
  // a list of one is the one column, as before (no "targets" in the schema)
  const one = await loadDataset(linnerud, { target: ['Pulse'] as never, task: 'regression' });
  assert.deepEqual([one.dataset.Y.rows, one.schema.format === 'csv' && one.schema.targets], [1, undefined]);
});

test('the squared error is the mean over the outputs: a worked example of J, dW and db (numbers by hand)', () => {
  // W = [[1, 0], [0, 1], [1, 1]], b = (0, 1, -1), x1 = (1, 2), x2 = (3, -1): A = [[1, 3], [3, 0], [2, 1]]
  // Y = [[0, 3], [3, 2], [4, 1]]: errors A - Y = [[1, 0], [0, -2], [-2, 0]], sum of squares 9
  // J = 9 / (m k) = 9 / (2 * 3) = 1.5 (the sum over the outputs gave 4.5)
  // dZ = (2/3)(A - Y) = [[2/3, 0], [0, -4/3], [-4/3, 0]]; dW = (1/2) dZ X^T = [[1/3, 2/3], [-2, 2/3], [-2/3, -4/3]]; db = (1/3, -2/3, -2/3)
  const net = new Network({ inputSize: 2, layers: [{ units: 3, activation: 'linear' }], dtype: 'float64' });
  net.setWeights([{ W: new Matrix(3, 2, Float64Array.from([1, 0, 0, 1, 1, 1])), b: new Matrix(3, 1, Float64Array.from([0, 1, -1])) }]);
  const X = new Matrix(2, 2, Float64Array.from([1, 3, 2, -1]));
  const Y = new Matrix(3, 2, Float64Array.from([0, 3, 3, 2, 4, 1]));
  net.forward(X);
  assert.equal(net.cost(Y), 1.5);
  net.backward(Y);
  const close = (got: ArrayLike<number>, want: number[]) => want.forEach((w, i) => assert.ok(Math.abs(got[i]! - w) < 1e-15, `${got[i]} vs ${w}`));
  close(net.gradients.dW[1]!.data, [1 / 3, 2 / 3, -2, 2 / 3, -2 / 3, -4 / 3]);
  close(net.gradients.db[1]!.data, [1 / 3, -2 / 3, -2 / 3]);
  // scikit-learn 1.9.1 on yt = [[0, 3, 4], [3, 2, 1]], yp = [[1, 3, 2], [3, 0, 1]] (m x k):
  const r = evaluate(net, X, Y, 'regression').regression!;
  assert.equal(r.mse, 1.5); // mean_squared_error
  assert.equal(r.rmse, 1.1785113019775793); // root_mean_squared_error
  assert.equal(r.mae, 0.8333333333333334); // mean_absolute_error
  assert.ok(Math.abs(r.r2 - -2.0370370370370368) < 1e-15, String(r.r2)); // r2_score
  assert.deepEqual(r.perOutput, { mse: [0.5, 2, 2], rmse: [0.7071067811865476, 1.4142135623730951, 1.4142135623730951], mae: [0.5, 1, 1], r2: [0.7777777777777778, -7, 0.11111111111111116], constant: [false, false, false] });
});

test('gradient check of a 3-output linear network with mean squared error (float64): relative error < 1e-7', () => {
  const net = new Network({ inputSize: 4, seed: 5, dtype: 'float64', layers: [{ units: 6, activation: 'tanh' }, { units: 3, activation: 'linear' }] });
  const X = new Matrix(4, 9, Float64Array.from({ length: 36 }, (_, k) => Math.sin(k * 1.7)));
  const Y = new Matrix(3, 9, Float64Array.from({ length: 27 }, (_, k) => Math.cos(k * 0.9) * 3));
  const r = gradientCheck(net, X, Y);
  assert.ok(r.relativeError < 1e-7, `relative error ${r.relativeError}`);
});

test('trainModel on three targets with standardize: per-target scaling kept, folded into the outputs, the model file round trip predicts the same', async () => {
  // (read in float64, as a float64 model reads its CSV text since s32: the evaluation below compares the two)
  const { dataset, schema } = await loadDataset(linnerud, { target: ['Weight', 'Waist', 'Pulse'], dtype: 'float64' });
  const r = await trainModel({ layers: [8], epochs: 50, optimizer: 'adam', learningRate: 0.01, standardize: true, testSplit: 0, seed: 1, dtype: 'float64' }, { train: dataset, schema });
  const t = r.model.preprocessing.target as { mean: number[]; std: number[] };
  // each target's own training mean and population std (numpy: Y.mean(axis=0), Y.std(axis=0))
  assert.deepEqual(t.mean.map((v) => Number(v.toFixed(10))), [178.6, 35.4, 56.1]);
  assert.deepEqual(t.std.map((v) => Number(v.toFixed(4))), [24.0653, 3.1209, 7.0278]);
  assert.deepEqual(r.model.targets, ['Weight', 'Waist', 'Pulse']);
  assert.ok(r.train.regression!.perOutput, 'per-output metrics');
  assert.deepEqual(Object.keys(r.model.training.trainMetrics as object).includes('perOutput'), true);
  const P = r.model.predict(LINNERUD) as number[][];
  assert.equal(P.length, 20);
  assert.equal(P[0]!.length, 3);
  // in the targets' own units: near the weights (~180), waists (~35) and pulses (~56), not z-scores
  assert.ok(Math.abs(P[0]![0]! - 178) < 60 && Math.abs(P[0]![1]! - 35) < 10 && Math.abs(P[0]![2]! - 56) < 20, JSON.stringify(P[0]));
  const file = path.join(dir, 'linnerud-model.json');
  await saveModel(file, r.model);
  const back = await loadModel(file);
  assert.deepEqual(back.targets, ['Weight', 'Waist', 'Pulse']);
  assert.deepEqual(back.predict(LINNERUD), P);
  const e = back.evaluate(LINNERUD);
  assert.equal(e.regression!.mse, r.train.regression!.mse);
});

test('trainModel: a regression Dataset whose Y has several rows fits that many linear outputs (it was refused)', async () => {
  const m = 8, X = new Matrix(3, m), Y = new Matrix(2, m);
  for (let k = 0; k < X.data.length; k++) X.data[k] = k % 5;
  for (let k = 0; k < Y.data.length; k++) Y.data[k] = k;
  const train = { name: 'two', X, Y, task: 'regression' as const, featureNames: ['a', 'b', 'c'] };
  const r = await trainModel({ epochs: 2, testSplit: 0 }, { train });
  assert.equal(r.model.network.outputSize, 2);
  assert.equal(r.model.network.outputActivation, 'linear');
  assert.equal(r.model.targets, undefined); // no names without a CSV schema
});

test('bad targets: named twice, also a feature, an empty name, a text cell, a classification: one line naming the column', async () => {
  await refused(loadDataset(linnerud, { target: ['Weight', 'Waist', 'Weight'] }), 'OptionError', /^options\.target names column 'Weight' twice; give each target once$/);
  await refused(loadDataset(linnerud, { target: ['Weight', 4] }), 'OptionError', /^options\.target names column 'Weight' twice \(as "Weight" and 4\); give each target once$/);
  await refused(loadDataset(linnerud, { target: ['Weight', 'Waist'], features: ['Chins', 'Waist'] }), 'OptionError', /^column 'Waist' is a target; it cannot also be a feature \(options\.features\)$/);
  await refused(loadDataset(linnerud, { target: 'Weight,,Pulse' }), 'OptionError', /^options\.target has an empty name at entry 2 of 3 \("Weight,,Pulse"\); name each target column$/);
  await refused(loadDataset(linnerud, { target: ['Weight', ' '] }), 'OptionError', /empty name at entry 2 of 2/);
  await refused(loadDataset(linnerud, { target: [] as string[] }), 'OptionError', /^options\.target is an empty list/);
  await refused(loadDataset(linnerud, { target: 'Weight,Wiast' }), 'DataError', /linnerud\.csv: no target column 'Wiast'; the columns are: Chins, Situps/);
  // (session 31: a classification of several columns is multi-label, of 0/1 columns: these are not)
  await refused(loadDataset(linnerud, { target: ['Weight', 'Waist'], task: 'classification' }), 'DataError',
    /^.*linnerud\.csv: target column 'Weight' holds \d+, \d+, \d+, \.\.\. besides 0 and 1; each column of a multi-label target holds 0 or 1/);
  const text = write('text.csv', LINNERUD.replace('\n4,60,25,176,37,54\n', '\n4,60,25,176,thin,54\n'));
  await refused(loadDataset(text, { target: ['Weight', 'Waist', 'Pulse'] }), 'DataError',
    /text\.csv: target column 'Waist' holds text \('thin'\); several targets are a multi-label classification \(each column 0 or 1: the label absent or present\) or a multi-output regression \(numbers\)$/);
});

test('one of several targets constant: said at reading; its R² is scikit-learn r2_score\'s (1 for a perfect prediction, else 0)', async () => {
  const constant = write('constant.csv', LINNERUD.split('\n').map((l, i) => (i === 0 || l === '' ? l : l.replace(/,\d+$/, ',60'))).join('\n'));
  const warnings: string[] = [];
  const { dataset } = await loadDataset(constant, { target: ['Weight', 'Pulse'], warn: (w) => warnings.push(w) });
  assert.ok(warnings.some((w) => /target column 'Pulse' \(always 60\) has the same value in every row: its R² is undefined \(scored as scikit-learn's r2_score does: 1 for a perfect prediction, else 0\)/.test(w)), warnings.join('\n'));
  // sklearn: r2_score([[0, 5], [3, 5], [1, 5]], same, multioutput='raw_values') -> [1, 1]; with the last 5 predicted as 6 -> [1, 0]
  const net = new Network({ inputSize: 1, layers: [{ units: 2, activation: 'linear' }], dtype: 'float64' });
  net.setWeights([{ W: new Matrix(2, 1, Float64Array.from([1, 0])), b: new Matrix(2, 1, Float64Array.from([0, 5])) }]);
  const X = new Matrix(1, 3, Float64Array.from([0, 3, 1]));
  assert.deepEqual(evaluate(net, X, new Matrix(2, 3, Float64Array.from([0, 3, 1, 5, 5, 5])), 'regression').regression!.perOutput!.r2, [1, 1]);
  net.setWeights([{ W: new Matrix(2, 1, Float64Array.from([1, 1])), b: new Matrix(2, 1, Float64Array.from([0, 5])) }]); // predicts 5, 8, 6 for the constant 5
  assert.deepEqual(evaluate(net, X, new Matrix(2, 3, Float64Array.from([0, 3, 1, 5, 5, 5])), 'regression').regression!.perOutput!.r2, [1, 0]);
  assert.equal(dataset.Y.rows, 2);
});

test('a model file: target scaling of the wrong length, or target names that do not fit the outputs, are refused on loading', () => {
  const net = new Network({ inputSize: 1, layers: [{ units: 2, activation: 'linear' }] });
  assert.throws(() => new Model(net, { task: 'regression', preprocessing: { target: { mean: [1, 2, 3], std: [1, 1, 1] } } }), /^ModelFileError: preprocessing\.target scales 3 targets but the output layer has 2 units$/);
  const json = Model.fromNetwork(net).toJson() as unknown as Record<string, unknown>;
  assert.throws(() => Model.fromJson({ ...json, preprocessing: { target: { mean: [1, 2], std: [1, 0] } } }), /preprocessing\.target" of several targets must hold "mean" and "std" lists of one finite number per output \(each std > 0\)/);
});

test('evaluate: a float32 network\'s regression metrics are on the true values as given (their float32 copy moved the MSE by 1e-5 from sklearn\'s)', () => {
  // a float32 network that predicts 0: the MSE of targets 100.1 and 200.3 is (100.1² + 200.3²) / 2 in float64,
  // as sklearn's mean_squared_error([100.1, 200.3], [0, 0]) = 25070.05 says; 100.1 in float32 is 100.09999847...
  const net = new Network({ inputSize: 1, layers: [{ units: 1, activation: 'linear' }], init: 'zeros' });
  const X = new Matrix(1, 2, Float32Array.from([0, 0]));
  const Y = new Matrix(1, 2, Float64Array.from([100.1, 200.3]));
  const r = evaluate(net, X, Y, 'regression').regression!;
  assert.equal(r.mse, (100.1 * 100.1 + 200.3 * 200.3) / 2);
  assert.equal(r.mae, (100.1 + 200.3) / 2);
});

test('a k-output model without a CSV schema (built by hand, imported) reads a CSV\'s last k columns as its targets; evaluate takes a list of values per example', () => {
  const net = new Network({ inputSize: 2, layers: [{ units: 3, activation: 'linear' }], dtype: 'float64' });
  net.setWeights([{ W: new Matrix(3, 2, Float64Array.from([1, 0, 0, 1, 1, 1])), b: new Matrix(3, 1, Float64Array.from([0, 1, -1])) }]);
  const model = Model.fromNetwork(net);
  // the worked example above: sklearn's mean_squared_error 1.5, r2_score -2.0370370370370368
  const csv = 'x1,x2,a,b,c\n1,2,0,3,4\n3,-1,3,2,1\n';
  const e = model.evaluate(csv);
  assert.equal(e.regression!.mse, 1.5);
  assert.deepEqual(e.regression!.perOutput!.mae, [0.5, 1, 1]);
  assert.deepEqual(model.predict('x1,x2\n1,2\n3,-1\n'), [[1, 3, 2], [3, 0, 1]]);
  const byRows = model.evaluate([[1, 2], [3, -1]], [[0, 3, 4], [3, 2, 1]]);
  assert.equal(byRows.regression!.mse, 1.5);
  assert.throws(() => model.evaluate([[1, 2], [3, -1]], [[0, 3, 4], [3, 2]]), /^DataError: label 2: 2 values, but label 1 has 3 targets; give each example its 3 target values$/);
  assert.throws(() => model.evaluate('x1,x2,a\n1,2,0\n'), /3 columns, but the model takes 2 features \(give 2 columns, or 5 with the 3 targets last\)/);
});

test('Model.predict of rows of the features alone, for a model of several targets: the columns without all its targets (it took rows without the first target only)', async () => {
  const { dataset, schema } = await loadDataset(linnerud, { target: ['Weight', 'Waist', 'Pulse'] });
  const { model } = await trainModel({ layers: [4], epochs: 5, optimizer: 'adam', standardize: true, testSplit: 0 }, { train: dataset, schema });
  const byName = model.predict({ columns: ['Chins', 'Situps', 'Jumps'], rows: [[5, 162, 60]] });
  assert.deepEqual(model.predict([[5, 162, 60]]), byName);
  assert.deepEqual(model.predict([[5, 162, 60, 191, 36, 50]]), byName);
  assert.throws(() => model.predict([[5, 162]]), { name: 'DataError', message: /^the input rows have 2 cells, but the model reads rows of the training file's 6 columns \(Chins, Situps, Jumps, Weight, Waist, Pulse\), or 3 without its 3 targets \(Weight, Waist, Pulse\)$/ });
});
