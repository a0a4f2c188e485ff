// Battery 29, tuning as a user of Optuna / GridSearchCV / KerasTuner would use it: what each epoch
// reports to the pruner, what pruning counts, what the outputs asked for say, what the final model
// was fitted on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { synthetic } from '../../src/data/synthetic.js';
import { tune } from '../../src/tune/tune.js';
import { choice, floatRange } from '../../src/tune/space.js';
import type { Pruner } from '../../src/tune/pruners/pruner.js';
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { JournalStorage } from '../../src/tune/storage/journal.js';
import { withReconnect } from '../../src/tune/storage/postgres-connection.js';
import path from 'node:path';
import { backprop, fileWriter, tempDir, usageError } from '../helpers/cli.js';

test('a standardized regression reports its objective after each epoch, not the validation cost (ASHA kept the slow learners by R²)', async () => {
  const train = synthetic('plane', { samples: 120, seed: 2 });
  for (const objective of ['r2', 'mae'] as const) {
    const r = await tune({ spec: { learningRate: floatRange(1e-3, 1e-1, true), optimizer: 'adam', epochs: 4, standardize: true, layers: [4] }, data: { train }, trials: 2, sampler: 'random', objective, workers: 1 });
    for (const t of r.trials) {
      assert.equal(t.state, 'complete');
      // the last epoch's report is the objective the trial ends with (it was the cost on the z-scored target)
      assert.ok(Math.abs(t.intermediate[3]! - t.value!) < 1e-4 * Math.max(1, Math.abs(t.value!)), `${objective}: epoch 4 reported ${t.intermediate[3]}, the trial's value is ${t.value}`);
    }
  }
});

/** A pruner that stops every trial after `epoch` epochs. */
const stopAfter = (epoch: number): Pruner => ({ name: 'stop-after', shouldPrune: (_t, e) => e >= epoch });
const xor = synthetic('xor', { samples: 80, seed: 1 });
const lr = floatRange(1e-3, 1e-1, true);

test('a trial told to stop after its last epoch ran its whole budget: complete, not pruned (with folds left, pruned)', async () => {
  const run = (pruneAt: number, cv?: number) => tune({ spec: { learningRate: lr, epochs: 3, layers: [2] }, data: { train: xor }, trials: 2, sampler: 'random', pruner: stopAfter(pruneAt), cv, workers: 1 });
  const full = await run(3);
  assert.deepEqual(full.trials.map((t) => [t.state, t.epochs]), [['complete', 3], ['complete', 3]]);
  assert.equal(full.summary.pruned, 0);
  assert.ok(full.summary.best);
  const early = await run(2);
  assert.deepEqual(early.trials.map((t) => [t.state, t.epochs]), [['pruned', 2], ['pruned', 2]]);
  // with cross-validation, stopping after the first fold's last epoch saves the other folds
  const folds = await run(3, 2);
  assert.deepEqual(folds.trials.map((t) => [t.state, t.epochs]), [['pruned', 3], ['pruned', 3]]);
  assert.deepEqual([folds.summary.epochsRun, folds.summary.epochBudget], [6, 12]);
});

test('the epoch budget of a study that searches the epochs is each trial\'s own (it counted 100 per trial)', async () => {
  const r = await tune({ spec: { learningRate: lr, epochs: choice(2, 4), layers: [2] }, data: { train: xor }, trials: 6, sampler: 'random', pruner: stopAfter(1), workers: 1 });
  const own = r.trials.reduce((s, t) => s + (t.params.epochs as number), 0);
  assert.ok(r.trials.every((t) => t.state === 'pruned' && t.epochs === 1));
  assert.deepEqual([r.summary.epochsRun, r.summary.epochBudget], [6, own]);
});

test('a study with no complete trial says which files it did not write, exit 1, with --json too (the chart was said written; --json said nothing, exit 0)', () => {
  const dir = tempDir();
  // every trial diverges
  const args = ['tune', '--data', 'plane', '--samples', '60', '--epochs', '5', '--lr', '1e3..1e5', '--trials', '2', '--workers', '1', '--test-split', '0', '--study', 's.jsonl', '--plot', 's.svg', '--save', 's.json'];
  const text = backprop(args, { cwd: dir });
  assert.equal(text.code, 1, text.stderr);
  assert.match(text.stdout, /^nothing saved to s\.json: no trial completed$/m);
  assert.match(text.stdout, /^no study chart written to s\.svg: no trial completed$/m);
  assert.doesNotMatch(text.stdout, /^study chart written to/m);
  const json = backprop([...args, '--json'], { cwd: dir });
  assert.equal(json.code, 1, json.stderr);
  assert.equal(JSON.parse(json.stdout).best, null);
  assert.match(json.stderr, /^backprop: nothing saved to s\.json: no trial completed$/m);
  assert.ok(!existsSync(path.join(dir, 's.json')) && !existsSync(path.join(dir, 's.svg')));
});

test('tune --missing mean fills empty cells from the rows the study sees, not the --test-split rows: --save is the model train makes', () => {
  const dir = tempDir();
  // x1 spread over orders of magnitude, empty in every fifth row: the mean over all rows differs from any 70%'s
  const rows = Array.from({ length: 40 }, (_, j) => `${j % 5 === 0 ? '' : (j + 1) ** 2},${(j * 7) % 11},${j % 2}`);
  fileWriter(dir)('d.csv', `x1,x2,y\n${rows.join('\n')}\n`);
  const data = ['--data', 'd.csv', '--missing', 'mean', '--standardize', '--epochs', '3', '--layers', '2', '--test-split', '0.3'];
  const tuned = backprop(['tune', ...data, '--lr', '0.01|0.02', '--trials', '2', '--workers', '1', '--study', 's.jsonl', '--save', 'tuned.json', '--json'], { cwd: dir });
  assert.equal(tuned.code, 0, tuned.stderr);
  const lr = String(JSON.parse(tuned.stdout).best.params.learningRate);
  const trained = backprop(['train', ...data, '--lr', lr, '--save', 'trained.json'], { cwd: dir });
  assert.equal(trained.code, 0, trained.stderr);
  const mean = (file: string) => JSON.parse(readFileSync(path.join(dir, file), 'utf8')).preprocessing.data.features[0].mean as number;
  const given = rows.map((r) => r.split(',')[0]!).filter((v) => v !== '').map(Number);
  const wholeFile = given.reduce((a, v) => a + v, 0) / given.length;
  assert.ok(Math.abs(mean('tuned.json') - mean('trained.json')) < 1e-3, `tune filled with ${mean('tuned.json')}, train with ${mean('trained.json')}`);
  assert.ok(Math.abs(mean('tuned.json') - wholeFile) > 1, `tune filled with the whole file's mean ${wholeFile}`);
});

test('a search flag given on the command line and in --space, or twice in --space by two names, is refused (the file\'s last was searched, silently)', () => {
  const dir = tempDir(), write = fileWriter(dir);
  write('lr.json', '{"lr": "0.1|0.2"}');
  write('both.json', '{"lr": "0.1|0.2", "learningRate": "0.3|0.4"}');
  const run = (...extra: string[]) => backprop(['tune', '--data', 'xor', '--samples', '60', '--epochs', '2', '--trials', '2', '--workers', '1', '--study', 's.jsonl', ...extra], { cwd: dir });
  usageError(run('--lr', '0.01', '--space', 'lr.json'), /^backprop: error: --lr is given on the command line and in --space lr\.json; give it in one place$/);
  usageError(run('--lr', '0.01|0.03', '--space', 'lr.json'), /--lr is given on the command line and in --space lr\.json/);
  usageError(run('--space', 'both.json'), /^backprop: error: --space both\.json: two keys name --lr; give it once$/);
  assert.ok(!existsSync(path.join(dir, 's.jsonl')));
  // a flag left at its default is not given twice
  const ok = run('--space', 'lr.json', '--layers', '2');
  assert.equal(ok.code, 0, ok.stderr);
});

test('a journal opened read-only is reported as it stands and nothing is written: tune --report of a read-only study (it was refused)', async (t) => {
  const dir = tempDir(), file = path.join(dir, 's.jsonl');
  const spec = { learningRate: lr, epochs: 2, layers: [2] };
  const made = await tune({ spec, data: { train: xor }, trials: 2, sampler: 'random', workers: 1, storage: file });
  const before = readFileSync(file, 'utf8');
  const read = await tune({ spec, data: { train: xor }, trials: 2, sampler: 'random', workers: 1, timeout: 0, storage: new JournalStorage(file, undefined, { readOnly: true }) });
  assert.deepEqual(read.trials.map((x) => [x.number, x.value]), made.trials.map((x) => [x.number, x.value]));
  assert.equal(readFileSync(file, 'utf8'), before);
  assert.ok(!existsSync(`${file}.lock`), 'a read-only study took the lock file');
  // one that would start a trial is refused, as a write
  await assert.rejects(tune({ spec, data: { train: xor }, trials: 3, sampler: 'random', workers: 1, storage: new JournalStorage(file, undefined, { readOnly: true }) }), /opened read-only, so no trial can be started/);
  assert.equal(readFileSync(file, 'utf8'), before);
  // the command line's --report, in a read-only folder (as the user nobody when root: root writes anywhere)
  const uid = process.getuid?.() === 0 ? 65534 : undefined;
  if (process.platform === 'win32' || (uid !== undefined && backprop(['--help'], { uid }).code !== 0)) return t.skip('POSIX permissions, as a user other than root');
  const study = ['tune', '--data', 'xor', '--samples', '60', '--epochs', '2', '--lr', '1e-3..1e-1', '--trials', '2', '--workers', '1', '--test-split', '0', '--study', 'c.jsonl'];
  assert.equal(backprop(study, { cwd: dir }).code, 0);
  chmodSync(path.join(dir, 'c.jsonl'), 0o444);
  chmodSync(dir, 0o555);
  try {
    const r = backprop([...study, '--report', '--json'], { cwd: dir, uid });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).trials.length, 2);
    usageError(backprop(study, { cwd: dir, uid }), /--study c\.jsonl: no permission to write in the folder/);
  } finally {
    chmodSync(dir, 0o755);
  }
});

test('a lost database is said once per outage, not once per call under way (two workers and the heartbeat each said it)', async () => {
  const warnings: string[] = [];
  const outage = {};
  // each call fails twice as a refused connection, then succeeds
  const flaky = () => {
    let left = 2;
    return async () => {
      if (left-- > 0) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
      return 'ok';
    };
  };
  const r = { patience: 30, database: 'postgresql://u@h/db', warn: (m: string) => warnings.push(m), outage };
  assert.deepEqual(await Promise.all([withReconnect(flaky(), r), withReconnect(flaky(), r), withReconnect(flaky(), r)]), ['ok', 'ok', 'ok']);
  assert.equal(warnings.length, 2, warnings.join('\n'));
  assert.match(warnings[0]!, /^postgresql:\/\/u@h\/db: lost the study database \(connect ECONNREFUSED/);
  assert.match(warnings[1]!, /^postgresql:\/\/u@h\/db: reconnected after \d+\.\d s$/);
});
