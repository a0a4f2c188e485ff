// tune() against hostile options, fifth round: the library's messages name its options
// (options.cv, { objective: 'r2' }, options.storage), checked by type and range before any work;
// the command line reads its flags for them (--cv, --objective r2, --study), translated in one place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { synthetic } from '../../src/data/synthetic.js';
import { OptionError } from '../../src/errors.js';
import { choice, floatRange } from '../../src/tune/space.js';
import { tune, type TuneOptions } from '../../src/tune/tune.js';
import { backprop, tempDir, usageError } from '../helpers/cli.js';

const dir = tempDir('backprop-tune-hostile5-');
const train = synthetic('xor', { samples: 40, seed: 1 });
const base: TuneOptions = { spec: { epochs: 1, learningRate: choice(0.01, 0.1) }, data: { train }, workers: 1, trials: 2 };

test("tune's errors name its options, never a command-line flag (--cv, --objective, --sampler, --study, --validation-split)", async () => {
  const notes = path.join(dir, 'notes.jsonl');
  writeFileSync(notes, 'hello\n');
  const folder = path.join(dir, 'a-folder');
  mkdirSync(folder);
  const cases: [Partial<TuneOptions>, RegExp][] = [
    [{ cv: 1 }, /^options\.cv must be a whole number from 2 to 1000000, got 1$/],
    [{ cv: 1000 }, /^\{ cv: 1000 \}: the data has only 40 examples$/],
    [{ objective: 'r2' }, /^\{ objective: 'r2' \} is a regression metric, but the data is a classification task$/],
    [{ objective: 'auc' as never }, /^options\.objective must be one of loss, /],
    [{ sampler: 'anneal' as never }, /^options\.sampler must be one of grid, random, tpe, got 'anneal'$/],
    [{ pruner: 'median' as never }, /^options\.pruner must be one of none, asha, got 'median'/],
    [{ validationSplit: 1 }, /^options\.validationSplit must be in \(0, 1\) for tuning \(or give options\.cv\), got 1$/],
    [{ storage: folder }, /^options\.storage .*a-folder: is a folder, not a file$/],
    [{ storage: notes }, /^options\.storage .*notes\.jsonl: not a backprop study journal \(its first line is not JSON\)/],
    [{ sampler: 'grid', spec: { epochs: 1, learningRate: floatRange(1e-3, 1e-1, true) } }, /grid sampler needs .*; use \{ sampler: 'random' \} or \{ sampler: 'tpe' \} for ranges$/],
  ];
  for (const [extra, pattern] of cases) {
    await assert.rejects(tune({ ...base, ...extra }), (e: unknown) => e instanceof OptionError || (e as Error).name === 'DataError' ? pattern.test((e as Error).message) && !/--[a-z]/.test((e as Error).message) : false,
      `${JSON.stringify(extra)}: expected ${pattern}`);
  }
});

test("tune's options are checked by type and range before any trial ({ trials: 'x' } never ended, { trials: 1.5 } ran 2, { timeout: -1 } ran none, { seed: 'a' } said 'got a1', a journal in a missing folder said ENOENT of its lock file)", async () => {
  const cases: [object, RegExp][] = [
    [{ trials: 'x' }, /^options\.trials must be a whole number from 1 to 1000000, got "x"$/],
    [{ trials: 1.5 }, /^options\.trials must be a whole number from 1 to 1000000, got 1\.5$/],
    [{ workers: 0 }, /^options\.workers must be a whole number from 1 to 256, got 0$/],
    [{ timeout: -1 }, /^options\.timeout must be a number of seconds >= 0, got -1$/],
    [{ timeout: '5' }, /^options\.timeout must be a number of seconds >= 0, got a string$/],
    [{ seed: 'a' }, /^options\.seed must be a whole number from 0 to \d+, got "a"$/],
    [{ trails: 5 }, /^tune: unknown option 'trails' \(did you mean 'trials'\?\)/],
    [{ storage: path.join(dir, 'missing', 'study.jsonl') }, /^options\.storage .*study\.jsonl: the folder .*missing does not exist$/],
    [{ data: train }, /^tune: options\.data must be \{ train, validation\? \}, got a Dataset: give \{ train: dataset \}$/],
  ];
  for (const [extra, pattern] of cases) {
    await assert.rejects(tune({ ...base, ...extra } as TuneOptions), (e: unknown) => e instanceof OptionError && pattern.test((e as Error).message), `${JSON.stringify(extra)}: expected ${pattern}`);
  }
  assert.equal(existsSync(path.join(dir, 'missing')), false);
});

test('the command line says the flags for the options tune names (--cv 500, --objective r2, --study FILE, --trials)', () => {
  const args = ['tune', '--data', 'xor', '--samples', '60', '--epochs', '1', '--workers', '1', '--lr', '1e-3|1e-2'];
  usageError(backprop([...args, '--cv', '500', '--study', path.join(dir, 'cv.jsonl')]), /^backprop: error: --cv 500: the data has only 48 examples$/);
  usageError(backprop([...args, '--trials', '2000000', '--study', path.join(dir, 't.jsonl')]), /^backprop: error: --trials must be a whole number from 1 to 1000000, got 2000000$/);
  const notes = path.join(dir, 'notes.txt');
  writeFileSync(notes, 'my notes\n');
  usageError(backprop([...args, '--study', notes]), /^backprop: error: --study .*notes\.txt: not a backprop study journal \(its first line is not JSON\); give a new file/);
});
