// Hostile input to the library, eighth round: search spaces whose values training refuses (a
// study of failed trials), and the families of the sweep below.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeRows, parseCsv } from '../../src/data/csv.js';
import { synthetic } from '../../src/data/synthetic.js';
import { OptionError } from '../../src/errors.js';
import { tune } from '../../src/tune/tune.js';
import { choice, floatRange, intRange } from '../../src/tune/space.js';

const xor = synthetic('xor', { samples: 40, seed: 3 });

test('a search space is checked value by value as training checks it, before any trial: a range of learning rates from -1 ran a study of failed trials', async () => {
  const refused: [Record<string, unknown>, RegExp][] = [
    [{ learningRate: floatRange(-1, 0.1) }, /^learningRate: the range -1\.\.0\.1 gives a value training refuses: learningRate must be a positive number, got -1$/],
    [{ batchSize: intRange(0, 4) }, /^batchSize: the range 0\.\.4 gives a value training refuses: batchSize must be a whole number/],
    [{ keepProb: floatRange(0.5, 2) }, /^keepProb: the range 0\.5\.\.2 gives a value training refuses: keepProb \(dropout\) must be a number in \(0, 1\], got 2$/],
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
