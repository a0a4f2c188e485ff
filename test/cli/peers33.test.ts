// Battery peers33 (command line): the diagnosis's advice to weigh the classes is said in flags, in the text
// report and in --json (test/metrics/peers33.test.ts has the rule).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backprop, fileWriter, tempDir } from '../helpers/cli.js';

// 200 rows, 160 of class 'common': two features of noise that say nothing of the class
const rows = Array.from({ length: 200 }, (_, i) => `${((i * 37) % 101) / 10},${((i * 53) % 97) / 10},${i % 5 === 0 ? 'rare' : 'common'}`);
const file = fileWriter(tempDir())('imbalanced.csv', 'a,b,y\n' + rows.join('\n') + '\n');

test("train: a network that answers the commonest class is told --class-weight 'balanced', in text and in --json", () => {
  const flags = ['train', '--data', file, '--standardize', '--optimizer', 'adam', '--batch-size', '32', '--epochs', '30'];
  const text = backprop(flags);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /high bias, .*weighing the classes \(--class-weight 'balanced'\) trades some accuracy for them/);
  const json = backprop([...flags, '--json']);
  const bias = (JSON.parse(json.stdout) as { diagnosis: { kind: string; message: string }[] }).diagnosis.find((f) => f.kind === 'highBias');
  assert.match(bias!.message, /\(--class-weight 'balanced'\)/);
  // and with the weights given, not again
  const weighted = backprop([...flags, '--class-weight', 'balanced']);
  assert.equal(weighted.code, 0, weighted.stderr);
  assert.doesNotMatch(weighted.stdout, /weighing the classes/);
});

test('--exclude leaves columns out (a row index pandas wrote); with --features it is refused', () => {
  const dir = tempDir();
  const frame = fileWriter(dir)('frame.csv', ',a,b,y\n' + Array.from({ length: 40 }, (_, i) => `${i},${i % 7},${(i * 3) % 5},${i % 2}`).join('\n') + '\n');
  const model = `${dir}/m.json`;
  const r = backprop(['train', '--data', frame, '--target', 'y', '--exclude', '1', '--epochs', '2', '--save', model]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout + r.stderr, /backprop: 2-16\(relu\)-1\(sigmoid\)/);
  assert.doesNotMatch(r.stdout + r.stderr, /no name in the header line/);
  // the model reads the file as trained: the left-out column is not needed by predict
  const p = backprop(['predict', '--model', model, '--data', frame]);
  assert.equal(p.code, 0, p.stderr);
  const both = backprop(['train', '--data', frame, '--target', 'y', '--exclude', '1', '--features', 'a']);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /^backprop: error: --features and --exclude: give one/m);
});
