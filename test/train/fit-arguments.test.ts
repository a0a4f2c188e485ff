// fit, predictClasses and evaluate against wrong arguments (a careless caller): each a clear Error naming
// what was wrong, never a TypeError from inside, an empty history or a number computed from nonsense.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Network, fit, evaluate, predictClasses, synthetic, Matrix, ShapeError, DataError } from '../../src/index.js';

const net = (out: 'sigmoid' | 'softmax' = 'sigmoid') =>
  new Network({ inputSize: 2, seed: 1, layers: [{ units: 4, activation: 'tanh' }, { units: out === 'softmax' ? 3 : 1, activation: out }] });
const { X, Y } = synthetic('flower');
const filled = (rows: number, cols: number, v: number) => { const M = new Matrix(rows, cols); M.data.fill(v); return M; };
const withValue = (M: Matrix, k: number, v: number) => { const C = M.clone(); C.data[k] = v; return C; };

test('fit needs its options and epochs: {} or a typo used to train 0 epochs and return an empty history', () => {
  assert.throws(() => fit(net(), X, Y, {} as never), (e) => e instanceof RangeError && /epochs must be a whole number >= 1, got undefined/.test(e.message));
  assert.throws(() => fit(net(), X, Y, { epoch: 5 } as never), (e) => e instanceof RangeError && /fit: unknown option 'epoch' \(did you mean 'epochs'\?\)/.test(e.message));
  assert.throws(() => fit(net(), X, Y, { epochs: 1, learningrate: 0.1 } as never), /unknown option 'learningrate' \(did you mean 'learningRate'\?\)/);
  assert.throws(() => fit(net(), X, Y, { epochs: 1, validation: { X, Y } } as never), /unknown option 'validation' \(did you mean 'validationData'\?\)/);
  assert.throws(() => fit(net(), X, Y, undefined as never), (e) => e instanceof RangeError && /fit: options must be an object/.test(e.message));
  assert.throws(() => fit(net(), X, Y, null as never), /fit: options must be an object/);
});

test('fit refuses an X that is no Matrix, or has no examples (it used to give a TypeError, or a cost of NaN)', () => {
  assert.throws(() => fit(net(), [[1, 2]] as never, Y, { epochs: 1 }), (e) => e instanceof ShapeError && /X must be a Matrix .* got an array/.test(e.message));
  assert.throws(() => fit(net(), null as never, Y, { epochs: 1 }), (e) => e instanceof ShapeError && /got null/.test(e.message));
  assert.throws(() => fit(net(), new Matrix(2, 0), new Matrix(1, 0), { epochs: 1 }), (e) => e instanceof ShapeError && /no examples/.test(e.message));
  // a Matrix of another copy of the package fails instanceof: the message says why
  class Matrix2 { constructor(readonly rows: number, readonly cols: number, readonly data: Float32Array) {} }
  Object.defineProperty(Matrix2, 'name', { value: 'Matrix' });
  assert.throws(() => fit(net(), new Matrix2(2, 400, new Float32Array(800)) as never, Y, { epochs: 1 }), /got a Matrix of another copy of the backprop package/);
});

test('cross-entropy targets must be in [0, 1]: labels 5 or -1 used to train silently', () => {
  assert.throws(() => fit(net(), X, filled(1, 400, 5), { epochs: 1 }), (e) => e instanceof DataError && /Y has 5 at row 1, column 1 .*binaryCrossEntropy needs targets in \[0, 1\]/.test(e.message));
  assert.throws(() => fit(net(), X, withValue(Y, 7, -1), { epochs: 1 }), /Y has -1 at row 1, column 8 \(example 8\)/);
  fit(net(), X, filled(1, 400, 0.3), { epochs: 1 }); // soft targets stay allowed
  const mse = new Network({ inputSize: 2, seed: 1, layers: [{ units: 1, activation: 'linear' }] });
  fit(mse, X, filled(1, 400, 5), { epochs: 1 }); // and any value for mean squared error
});

test('validation data is checked like the training data (shape, finite values, targets)', () => {
  const es = { epochs: 2, earlyStopping: { patience: 1 } };
  assert.throws(() => fit(net(), X, Y, { ...es, validationData: { X: new Matrix(3, 5), Y: new Matrix(1, 5) } }), (e) => e instanceof ShapeError && /validation X is 3 x 5 but the network expects 2/.test(e.message));
  assert.throws(() => fit(net(), X, Y, { ...es, validationData: { X: withValue(new Matrix(2, 5), 3, NaN), Y: new Matrix(1, 5) } }), /validation X has a non-finite value \(NaN\)/);
  assert.throws(() => fit(net(), X, Y, { ...es, validationData: { X: new Matrix(2, 5), Y: filled(1, 5, 2) } }), /validation Y has 2 at row 1, column 1/);
  assert.throws(() => fit(net(), X, Y, { ...es, validationData: { X: new Matrix(2, 5) } as never }), Error);
});

test('an optimizer that is neither a name nor an Optimizer is named (it used to fail on "this.optimizer.step is not a function")', () => {
  assert.throws(() => fit(net(), X, Y, { epochs: 1, optimizer: { name: 'adam', beta1: 0.9 } as never }),
    (e) => e instanceof RangeError && /optimizer must be a name .* got \{"name":"adam","beta1":0.9\}; give an optimizer's settings as optimizerOptions/.test(e.message));
});

test('predictClasses and evaluate refuse a NaN feature (it used to be class 0) and labels that are no class (NaN, 0.5, 7)', () => {
  assert.throws(() => predictClasses(net(), withValue(new Matrix(2, 3), 4, NaN)), (e) => e instanceof DataError && /X has a non-finite value \(NaN\) at row 2, column 2 \(example 2\)/.test(e.message));
  assert.throws(() => evaluate(net(), withValue(X, 0, Infinity), Y), /X has a non-finite value \(Infinity\) at row 1, column 1/);
  assert.throws(() => evaluate(net(), X, filled(1, 400, NaN)), (e) => e instanceof DataError && /label NaN of example 1 is not a class index 0\.\.1/.test(e.message));
  assert.throws(() => evaluate(net(), X, withValue(Y, 9, 0.5)), /label 0.5 of example 10 is not a class index 0\.\.1/);
  assert.throws(() => evaluate(net(), X, filled(1, 400, 7)), /label 7 of example 1 is not a class index 0\.\.1/);
  assert.throws(() => evaluate(net('softmax'), X, filled(1, 400, 5)), /label 5 of example 1/);
  assert.equal(typeof evaluate(net(), X, Y).classification!.accuracy, 'number');
  assert.equal(typeof evaluate(net('softmax'), X, Array.from(Y.data)).classification!.accuracy, 'number');
});
