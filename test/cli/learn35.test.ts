// Round learn35 (a student of the second course on the command line): the learning-rate decay a run
// trains with is said before it trains, and the progress lines are printed after 0, N, 2N, ... epochs done,
// the epochs the course's notebooks print, for mini-batches as for full batch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { backprop, tempDir } from '../helpers/cli.js';
import { printsLine } from '../../src/cli/progress.js';

const MOONS = ['train', '--data', 'moons', '--layers', '5,2', '--optimizer', 'gd', '--lr', '0.1', '--batch-size', '64'];

test('train says its --lr-decay: the rule in e (the epochs done) and the first epoch whose rate it changes', () => {
  // it said 'gd with learning rate 0.1, batch size 64, ...', the same as without a decay
  const cases: [string, string, string][] = [
    ['inv:1:1000', '3000', 'learning rate 0.1 / (1 + 1 * floor(e / 1000)) after e epochs (0.05 from epoch 1001)'],
    ['exp:0.95', '20', 'learning rate 0.1 * 0.95^e after e epochs (0.095 from epoch 2)'],
    ['step:0.5:10', '20', 'learning rate 0.1 * 0.5^floor(e / 10) after e epochs (0.05 from epoch 11)'],
    ['inv:1:1000', '20', 'learning rate 0.1 / (1 + 1 * floor(e / 1000)) after e epochs (unchanged in these epochs)'],
  ];
  for (const [decay, epochs, said] of cases) {
    const r = backprop([...MOONS, '--epochs', epochs, '--lr-decay', decay, '--print-every', '1000']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.split('\n')[1] === `  gd with ${said}, batch size 64, ${epochs} epochs`, `${decay}:\n${r.stdout}`);
  }
  const plain = backprop([...MOONS, '--epochs', '2']);
  assert.match(plain.stdout, /^ {2}gd with learning rate 0\.1, batch size 64, 2 epochs$/m);
});

test('mini-batch progress lines: after 0, N, 2N epochs done, as the notebook prints "Cost after epoch 0, 1000, ..."', () => {
  // the optimisation notebook's Adam run: its "Cost after epoch 1000: 0.167845" is the program's epoch 1001,
  // which --print-every 1000 did not print (it printed epochs 1000, 2000, ...)
  const r = backprop(['train', '--data', 'moons', '--data-seed', '3', '--seed', '3', '--layers', '5,2', '--init', 'he', '--optimizer', 'adam', '--lr', '0.0007',
    '--batch-size', '64', '--epochs', '1002', '--float64', '--test-split', '0', '--shuffle', 'numpy:10', '--print-every', '1000']);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n').filter((l) => /^ +epoch /.test(l)).map((l) => l.replace(/ {2}\(.*\)$/, ''));
  assert.deepEqual(lines.slice(0, 2), ['  epoch    1/1002  iterations 0-4  mean cost 0.702166', '  epoch 1001/1002  iterations 5000-5004  mean cost 0.167845']);
  assert.equal(lines.length, 3, 'and the last epoch');
  const printed = (steps: number) => Array.from({ length: 25 }, (_, e) => e + 1).filter((epoch) => printsLine({ epoch, steps }, 25, 10));
  assert.deepEqual(printed(5), [1, 11, 21, 25]);
  assert.deepEqual(printed(1), [1, 11, 21, 25]);
});

test('--dropout below 0.5 is warned of: it keeps that share of the units, where PyTorch\'s and Keras\' Dropout(p) drops it', () => {
  // --dropout 0.2 typed from nn.Dropout(0.2) kept a fifth of the units, with nothing said
  const r = backprop(['train', '--data', 'moons', '--layers', '5', '--epochs', '2', '--dropout', '0.2']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /^backprop: warning: --dropout 0\.2 keeps 20% of each hidden layer's units and drops 80%: it is the probability of keeping a unit \(the course's keep_prob\); PyTorch's nn\.Dropout\(0\.2\) and Keras' Dropout\(0\.2\) drop 20%, which is --dropout 0\.8$/m);
  for (const keep of ['0.5', '0.86']) {
    const quiet = backprop(['train', '--data', 'moons', '--layers', '5', '--epochs', '2', '--dropout', keep]);
    assert.equal(quiet.code, 0, quiet.stderr);
    assert.doesNotMatch(quiet.stderr, /--dropout/, keep);
  }
});

test('a model trained with --lr-decay keeps it in its training record, and inspect says it as train did', () => {
  // the record had learningRate 0.01 alone: the model read as trained at one rate throughout
  const dir = tempDir();
  const file = path.join(dir, 'decayed.json');
  const r = backprop([...MOONS, '--epochs', '20', '--lr-decay', 'exp:0.95', '--save', file]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')).training.schedule, { type: 'exponential', rate: 0.95 });
  const shown = backprop(['inspect', '--model', file]);
  assert.equal(shown.code, 0, shown.stderr);
  assert.match(shown.stdout, /^training: epochs 20, optimizer gd, learningRate 0\.1 \* 0\.95\^e after e epochs \(0\.095 from epoch 2\), batchSize 64, /m);
});
