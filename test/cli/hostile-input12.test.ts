// Hostile input to the command line, twelfth round: every option of every command is checked
// before any file is read (a bad range of tune, a bad --examples of inspect, a bad --task of
// evaluate were said only after reading the data, or the model, in full). The files named below
// do not exist: an option's error, not "file not found", shows the order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backprop, fileWriter, tempDir, usageError } from '../helpers/cli.js';

const dir = tempDir('backprop-hostile12-');
const file = fileWriter(dir);
const DATA = '/nonexistent-backprop-dir/big.csv', MODEL = '/nonexistent-backprop-dir/model.json';

const cases: [string, string[], RegExp][] = [
  ['tune: a range lo > hi', ['tune', '--data', DATA, '--lr', '0.1..0.01'], /^backprop: error: --lr: the range 0\.1\.\.0\.01 has lo > hi$/],
  ['tune: an integer range lo > hi', ['tune', '--data', DATA, '--epochs', '5..1'], /--epochs: the range 5\.\.1 has lo > hi/],
  ['tune: a grid of a float range', ['tune', '--data', DATA, '--sampler', 'grid', '--lr', '0.01..0.1'], /--lr: the grid sampler needs a list of values/],
  ['tune: a choice listed twice', ['tune', '--data', DATA, '--layers', '4|4'], /--layers.*lists \[4\] twice/],
  ['tune: nothing to search', ['tune', '--data', DATA, '--lr', '0.1'], /the search space is empty/],
  ['evaluate: --task', ['evaluate', '--model', MODEL, '--data', DATA, '--task', 'foo'], /--task must be one of auto, classification, multilabel, regression, got 'foo'/],
  ['evaluate: --image-size', ['evaluate', '--model', MODEL, '--data', DATA, '--image-size', '0x0'], /--image-size must be WIDTHxHEIGHT/],
  ['evaluate: --delimiter', ['evaluate', '--model', MODEL, '--data', DATA, '--delimiter', 'xx'], /--delimiter must be one of , ; tab \| or auto, got 'xx'/],
  ['predict: --max-classes', ['predict', '--model', MODEL, '--data', DATA, '--max-classes', '0'], /--max-classes must be a whole number >= 2, got '0'/],
  ['inspect: --examples', ['inspect', '--model', MODEL, '--data', DATA, '--backward', '--examples', '100'], /--examples must be <= 64, got '100'/],
  ['inspect: --lr', ['inspect', '--model', MODEL, '--data', DATA, '--backward', '--lr', '-1'], /--lr must be a positive number, got '-1'/],
  ['inspect: --example', ['inspect', '--model', MODEL, '--data', DATA, '--example', '0'], /--example must be a whole number >= 1, got '0'/],
  ['inspect: --plot-boundary', ['inspect', '--model', MODEL, '--data', DATA, '--plot-boundary', 'x.txt'], /--plot-boundary: the file must end in \.svg or \.png/],
  ['inspect: --backward without --data', ['inspect', '--model', MODEL, '--backward'], /--backward needs --data/],
  ['gradcheck: --delimiter', ['gradcheck', '--model', MODEL, '--data', DATA, '--delimiter', 'xx'], /--delimiter must be one of/],
  ['gradcheck: --model without --data', ['gradcheck', '--model', MODEL], /--model needs --data/],
  ['train: --delimiter with --resume', ['train', '--data', DATA, '--resume', MODEL, '--delimiter', 'xx'], /--delimiter must be one of/],
];

for (const [what, args, pattern] of cases) {
  test(`an option is checked before any file is read: ${what}`, () => {
    const r = backprop(args, { cwd: dir });
    usageError(r, pattern);
    assert.doesNotMatch(r.stderr, /not found|no such file/i);
  });
}

test('tune: a bad range is still refused, naming the flag, when the data exists (the same words as before)', () => {
  const csv = file('d.csv', 'a,b,y\n' + Array.from({ length: 20 }, (_, i) => `${i},${i % 3},${i % 2}`).join('\n') + '\n');
  const r = backprop(['tune', '--data', csv, '--lr', '0.1..0.01', '--json'], { cwd: dir });
  usageError(r, /--lr: the range 0\.1\.\.0\.01 has lo > hi/);
});
