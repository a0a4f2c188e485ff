// Hostile input, twelfth sweep (library API from plain JavaScript): arrays with holes. forEach, map
// and every skip a hole, so checks passed and the hole failed later on a TypeError ([4, , 2] as
// layers, [, { units: 1 }] as a Network's layers, rows [, [1, 2]]), or, worse, was used silently:
// predict([[1, , 3]]) kept a 0 where no value was given, a choice [[4], , [8]] ran a trial of the
// default. Each is now refused by the check of its kind, naming the entry. And costFunction's
// errors named gradientCheck, and a null network failed inside.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Network } from '../../src/nn/network.js';
import { Matrix, ShapeError } from '../../src/tensor/matrix.js';
import { DataError, ModelFileError, OptionError } from '../../src/errors.js';
import { trainModel } from '../../src/model/train-model.js';
import { Model } from '../../src/model/model.js';
import { synthetic } from '../../src/data/synthetic.js';
import { parseCsv } from '../../src/data/csv.js';
import { checkSpace } from '../../src/tune/space.js';
import { costFunction, gradientCheck } from '../../src/nn/gradcheck.js';
import { writeFilesAtomic } from '../../src/node.js';

const data = synthetic('flower', { samples: 40, seed: 1 });
const oneLine = (type: new (...a: never[]) => Error, pattern: RegExp) => (e: unknown) => e instanceof type && pattern.test(e.message) && !e.message.includes('\n');

test('trainModel: a hole in layers is named (it failed on "Cannot read properties of undefined")', async () => {
  // biome-ignore lint/suspicious/noSparseArray: the hostile input
  await assert.rejects(trainModel({ layers: [4, , 2] as never, epochs: 1 }, { train: data }), oneLine(OptionError, /^layers\[1\] is undefined; give the size of each hidden layer/));
  // biome-ignore lint/suspicious/noSparseArray: the hostile input
  await assert.rejects(trainModel({ layers: [, 4] as never, epochs: 1 }, { train: data }), oneLine(OptionError, /^layers\[0\] is undefined/));
});

test('new Network: a hole among the layer specs is refused as layer N, as null is', () => {
  // biome-ignore lint/suspicious/noSparseArray: the hostile input
  assert.throws(() => new Network({ inputSize: 2, layers: [, { units: 1, activation: 'sigmoid' }] as never }), oneLine(RangeError, /^Network: layer 1 must be an object .* got undefined$/));
});

test('Matrix.from: a row that is a hole, null or no list is named (TypeError before)', () => {
  // biome-ignore lint/suspicious/noSparseArray: the hostile input
  assert.throws(() => Matrix.from([, [1, 2]] as never), oneLine(ShapeError, /^Matrix\.from: rows\[0\] is undefined, not an array of numbers$/));
  assert.throws(() => Matrix.from([[1, 2], null] as never), oneLine(ShapeError, /rows\[1\] is null/));
  assert.throws(() => Matrix.from(null as never), oneLine(ShapeError, /rows must be an array of arrays of numbers, got null/));
});

test('predict: a hole in a row of numbers is refused, not read as 0', async () => {
  const { model } = await trainModel({ layers: [4], epochs: 1 }, { train: data });
  // biome-ignore lint/suspicious/noSparseArray: the hostile input
  assert.throws(() => model.predictProba([[1, , ]] as never), oneLine(DataError, /^input row 1, feature 2 \(x2\): the value is missing \(undefined\); the model has no missing-value policy/));
  assert.throws(() => model.predictProba([[1, undefined]] as never), oneLine(DataError, /input row 1, feature 2/)); // as before
});

test('a choice with a hole, CSV features with a hole, class names with a hole, files with a hole', async () => {
  // biome-ignore lint/suspicious/noSparseArray: the hostile input
  assert.throws(() => checkSpace({ layers: { dimension: 'choice', choices: [[4], , [8]] as never } }), oneLine(OptionError, /^layers: choice 2 of 3 is undefined/));
  // biome-ignore lint/suspicious/noSparseArray: the hostile input
  assert.throws(() => parseCsv('a,b,y\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n', { features: [, 1] as never }), oneLine(OptionError, /^options\.features must be an array of column names or 1-based positions/));
  const net = new Network({ inputSize: 2, layers: [{ units: 3, activation: 'softmax' }] });
  // biome-ignore lint/suspicious/noSparseArray: the hostile input
  assert.throws(() => Model.fromNetwork(net, { classes: ['a', , 'c'] as never }), oneLine(ModelFileError, /has no name for class 1 \(of 3\)/));
  // biome-ignore lint/suspicious/noSparseArray: the hostile input
  await assert.rejects(async () => writeFilesAtomic([, { file: 'x.txt', content: 'a' }] as never), oneLine(OptionError, /^writeFilesAtomic: files must be an array of \{ file, content \}/));
});

test('costFunction names itself and its network (its errors said gradientCheck; a null network failed inside)', () => {
  const net = new Network({ inputSize: 2, layers: [{ units: 1, activation: 'sigmoid' }] });
  assert.throws(() => costFunction(null as never, Matrix.from([[1], [2]]), [1]), oneLine(ShapeError, /^costFunction: net must be a Network, got null$/));
  assert.throws(() => costFunction(net, null as never, [1]), oneLine(ShapeError, /^costFunction: X must be a Matrix/));
  assert.throws(() => gradientCheck(null as never, null as never, [1]), oneLine(ShapeError, /^gradientCheck: net must be a Network, got null$/));
  assert.ok(Number.isFinite(costFunction(net, Matrix.from([[1], [2]], 'float64'), [1])()));
});

test("a number spelt in a string is refused where a number goes, and a value is shown as given ('0.5' passed by coercion; 2n said 'got 2')", async () => {
  const { trainTestSplit } = await import('../../src/data/split.js');
  const { Random } = await import('../../src/tensor/random.js');
  assert.throws(() => trainTestSplit(data, { testFraction: '0.5' as never }), oneLine(OptionError, /^trainTestSplit: testFraction must be between 0 and 1 \(exclusive\), got "0\.5"$/));
  assert.throws(() => synthetic('flower', { samples: 10, noise: '0.5' as never }), oneLine(RangeError, /^noise must be a number in \[0, 5\], got "0\.5"$/));
  assert.throws(() => synthetic('flower', { samples: 10, noise: 9n as never }), oneLine(RangeError, /got 9n \(a BigInt/));
  assert.throws(() => new Random(2n as never), oneLine(RangeError, /^seed must be a finite number, got 2n \(a BigInt/));
  assert.throws(() => new Random('5' as never), oneLine(RangeError, /got "5"$/));
  assert.equal(trainTestSplit(data, { testFraction: 0.5 }).test.X.cols, 20); // a number, as before
});
