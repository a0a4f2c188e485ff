// Battery multiout30 (command line): several targets, a multi-output regression, end to end: train --target
// a,b,c, evaluate (text and --json: per output and the uniform average, scikit-learn's numbers on the same
// predictions), predict (one column per target, headed by their names), inspect, export; and bad targets.
// The expected numbers are literals from scikit-learn 1.9.1 (the test does not need it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { backprop, fileWriter, tempDir, usageError } from '../helpers/cli.js';

const dir = tempDir();
const write = fileWriter(dir);

// The worked example of test/model/multiout30: W = [[1, 0], [0, 1], [1, 1]], b = (0, 1, -1); rows x = (1, 2) and
// (3, -1) predict (1, 3, 2) and (3, 0, 1) against the true (0, 3, 4) and (3, 2, 1).
const model = {
  format: 'backprop-model', version: 1, inputSize: 2, task: 'regression', features: ['x1', 'x2'],
  layers: [{ units: 3, activation: 'linear', W: [[1, 0], [0, 1], [1, 1]], b: [0, 1, -1] }], loss: 'meanSquaredError', dtype: 'float64',
  preprocessing: { data: { format: 'csv', header: true, columns: ['x1', 'x2', 'a', 'b', 'c'], target: 'a', targets: ['a', 'b', 'c'], task: 'regression', features: [{ column: 'x1', type: 'number', mean: 0 }, { column: 'x2', type: 'number', mean: 0 }], featureNames: ['x1', 'x2'], missing: 'error' } },
};
writeFileSync(path.join(dir, 'abc.json'), JSON.stringify(model));
write('abc.csv', 'x1,x2,a,b,c\n1,2,0,3,4\n3,-1,3,2,1\n');

test('evaluate --json: per-output and averaged metrics equal scikit-learn\'s on the same predictions; the text shows a line per target', () => {
  const r = backprop(['evaluate', '--model', 'abc.json', '--data', 'abc.csv', '--json'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const o = JSON.parse(r.stdout);
  // yt = [[0, 3, 4], [3, 2, 1]], yp = [[1, 3, 2], [3, 0, 1]] (m x k)
  assert.equal(o.mse, 1.5); // mean_squared_error
  assert.equal(o.loss, 1.5); // the squared error averaged over the outputs too (it was their sum, 4.5)
  assert.equal(o.rmse, 1.1785113019775793); // root_mean_squared_error (the mean of the outputs' RMSEs)
  assert.equal(o.mae, 0.8333333333333334); // mean_absolute_error
  assert.ok(Math.abs(o.r2 - -2.0370370370370368) < 1e-15, String(o.r2)); // r2_score
  // multioutput='raw_values'
  assert.deepEqual(o.perOutput, {
    a: { mse: 0.5, rmse: 0.7071067811865476, mae: 0.5, r2: 0.7777777777777778 },
    b: { mse: 2, rmse: 1.4142135623730951, mae: 1, r2: -7 },
    c: { mse: 2, rmse: 1.4142135623730951, mae: 1, r2: 0.11111111111111116 },
  });
  const text = backprop(['evaluate', '--model', 'abc.json', '--data', 'abc.csv'], { cwd: dir });
  assert.match(text.stdout, /loss = MSE 1\.50000 +RMSE 1\.17851 +MAE 0\.833333 +R² -2\.0370 \(uniform average of 3 outputs\)\n/);
  assert.match(text.stdout, /\nb +2\.00000 +1\.41421 +1\.00000 +-7\.0000\n/);
});

test('predict: one column per target, headed by the targets\' names; a file without the target columns is predicted too', () => {
  const r = backprop(['predict', '--model', 'abc.json', '--data', 'abc.csv'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'a,b,c\n1,3,2\n3,0,1\n');
  write('x.csv', 'x1,x2\n1,2\n');
  assert.equal(backprop(['predict', '--model', 'abc.json', '--data', 'x.csv'], { cwd: dir }).stdout, 'a,b,c\n1,3,2\n');
  // without a header, by position: 5 columns, or 2 without the 3 targets
  write('nohead.csv', '1,2\n3,-1\n');
  const p = backprop(['predict', '--model', 'abc.json', '--data', 'nohead.csv', '--no-header'], { cwd: dir });
  assert.equal(p.stdout, 'a,b,c\n1,3,2\n3,0,1\n', p.stderr);
});

const rows = Array.from({ length: 60 }, (_, j) => {
  const x = [Math.sin(j), Math.cos(j * 0.7) * 5, (j % 7) - 3];
  return [...x, 150 + 20 * x[0]! - 3 * x[1]!, 2 + 0.1 * x[2]!, 40 + x[0]! * x[2]!];
});
write('three.csv', `a,b,c,big,small,mid\n${rows.map((r) => r.join(',')).join('\n')}\n`);

test('train --target big,small,mid --standardize: k linear outputs, per-target scaling in the model, evaluate/predict/inspect/export/plot work', () => {
  const t = backprop(['train', '--data', 'three.csv', '--target', 'big,small,mid', '--standardize', '--layers', '8', '--epochs', '40', '--optimizer', 'adam', '--lr', '0.01', '--save', 'three.json', '--plot', 'cost.svg', '--json'], { cwd: dir });
  assert.equal(t.code, 0, t.stderr);
  const report = JSON.parse(t.stdout);
  assert.deepEqual(Object.keys(report.test.perOutput), ['big', 'small', 'mid']);
  const saved = JSON.parse(readFileSync(path.join(dir, 'three.json'), 'utf8'));
  assert.deepEqual(saved.preprocessing.data.targets, ['big', 'small', 'mid']);
  assert.equal(saved.preprocessing.target.mean.length, 3);
  assert.equal(saved.layers.at(-1).units, 3);
  assert.ok(readFileSync(path.join(dir, 'cost.svg'), 'utf8').includes('<svg'));
  const p = backprop(['predict', '--model', 'three.json', '--data', 'three.csv'], { cwd: dir });
  const lines = p.stdout.trim().split('\n');
  assert.equal(lines[0], 'big,small,mid');
  assert.equal(lines.length, 61);
  const first = lines[1]!.split(',').map(Number);
  assert.ok(Math.abs(first[0]! - 150) < 60 && Math.abs(first[2]! - 40) < 20, lines[1]); // the targets' units, not z-scores
  const e = backprop(['evaluate', '--model', 'three.json', '--data', 'three.csv'], { cwd: dir });
  assert.match(e.stdout, /per output:\ntarget +MSE +RMSE +MAE +R²\nbig /);
  const i = backprop(['inspect', '--model', 'three.json'], { cwd: dir });
  assert.match(i.stdout, /3 targets standardized while training \(big: mean 1\d\d\.\d+, std [\d.]+; small: mean 2\.\d+/);
  const x = backprop(['export', '--model', 'three.json', '--out', 'three.onnx'], { cwd: dir });
  assert.equal(x.code, 0, x.stderr);
  assert.match(x.stdout + x.stderr, /output "output" \[batch, 3\]/);
});

test('bad targets on the command line: one line naming the column or option, exit code 2', () => {
  usageError(backprop(['train', '--data', 'three.csv', '--target', 'big,small,big'], { cwd: dir }), /--target names column 'big' twice; give each target once$/);
  usageError(backprop(['train', '--data', 'three.csv', '--target', 'big,,small'], { cwd: dir }), /--target has an empty name at entry 2 of 3/);
  usageError(backprop(['train', '--data', 'three.csv', '--target', 'big,small', '--features', 'a,small'], { cwd: dir }), /column 'small' is a target; it cannot also be a feature/);
  usageError(backprop(['train', '--data', 'three.csv', '--target', 'big,small', '--task', 'classification'], { cwd: dir }), /three\.csv: target column 'big' holds [-\d.e]+, [-\d.e]+, [-\d.e]+, \.\.\. besides 0 and 1; each column of a multi-label target holds 0 or 1/);
  write('text.csv', 'a,b,y1,y2\n1,2,3,x\n2,3,4,5\n3,1,2,6\n');
  usageError(backprop(['train', '--data', 'text.csv', '--target', 'y1,y2'], { cwd: dir }), /text\.csv: target column 'y2' holds text \('x'\); several targets are a multi-label classification \(each column 0 or 1: the label absent or present\) or a multi-output regression \(numbers\)$/);
  // a model of three targets evaluated on a file without one of them
  write('two.csv', 'a,b,c,big,small\n1,2,3,4,5\n');
  usageError(backprop(['evaluate', '--model', 'three.json', '--data', 'two.csv'], { cwd: dir }), /two\.csv: no target column 'mid'/);
  // resuming on other targets was said as "the target scaling has 3 outputs but Y has 2 rows"
  usageError(backprop(['train', '--data', 'three.csv', '--target', 'big,small', '--features', 'a,b,c', '--resume', 'three.json', '--epochs', '1'], { cwd: dir }), /--resume three\.json: the model trained on three\.csv predicts 3 targets, but the data has 2$/);
});

test('inspect --data of a 3-target model shows each target\'s prediction beside its true value (only the first target\'s true value was shown)', () => {
  const r = backprop(['inspect', '--model', 'abc.json', '--data', 'abc.csv'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /\nprediction: a 1\.0000 \(true 0\.0000\), b 3\.0000 \(true 3\.0000\), c 2\.0000 \(true 4\.0000\)\n/);
});
