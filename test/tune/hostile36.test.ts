// Round 36, tuning across processes and machines and the study's edges: what the probes of this round
// found wrong, each with the rule fixed in src/tune.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { synthetic } from '../../src/data/synthetic.js';
import { tune } from '../../src/tune/tune.js';
import { choice, floatRange, intRange } from '../../src/tune/space.js';
import { writeFileSync } from 'node:fs';
import { backprop, tempDir, usageError } from '../helpers/cli.js';
import { PostgresStorage } from '../../src/tune/storage/postgres.js';
import { withReconnect } from '../../src/tune/storage/postgres-connection.js';
import { OptionError } from '../../src/errors.js';
import path from 'node:path';

test('a study given standardize is not told to add it: the trainer z-scores the features itself, and an outlier\'s z-score is no unscaled input', async () => {
  const train = synthetic('xor', { samples: 200, seed: 4 });
  train.X.data[0] = 1e4; // feature 1 of example 1: about 14 standard deviations out once z-scored
  const warnings: string[] = [];
  await tune({ spec: { learningRate: floatRange(1e-3, 1e-1, true), optimizer: 'adam', epochs: 2, layers: [4], standardize: true }, data: { train }, trials: 2, workers: 1, bestSeeds: 1, warn: (m) => warnings.push(m) });
  assert.deepEqual(warnings.filter((w) => /standardize/.test(w)), []);
  // without standardize the advice stands
  const plain: string[] = [];
  await tune({ spec: { learningRate: floatRange(1e-3, 1e-1, true), optimizer: 'adam', epochs: 2, layers: [4] }, data: { train }, trials: 2, workers: 1, bestSeeds: 1, warn: (m) => plain.push(m) });
  assert.match(plain.join('\n'), /feature 'x1' reaches 10000; .*use standardize: true/);
});

test("the train command under the best leaves out every flag of tune's own, not only those listed by hand (--best-seeds was passed to train, which refused it)", () => {
  const dir = tempDir();
  const r = backprop(['tune', '--data', 'xor', '--samples', '80', '--epochs', '3', '--lr', '1e-3..1e-1', '--trials', '2', '--workers', '1', '--best-seeds', '2', '--study', 's.jsonl'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const command = /^ {2}train it: backprop (train .*)$/m.exec(r.stdout)?.[1];
  assert.ok(command, r.stdout);
  assert.doesNotMatch(command, /--best-seeds/);
  const trained = backprop(command.split(' '), { cwd: dir });
  assert.equal(trained.code, 0, trained.stderr);
});

test('a PostgreSQL URL with @ # % as typed in its password is refused in one line that shows no part of it (it was "Invalid URL", exit 1)', () => {
  const bad = ['postgresql://tuner:p@ss:w/rd@127.0.0.1:5432/db', 'postgresql://tuner:50%off@127.0.0.1/db', 'postgresql://tuner:ab#cd@127.0.0.1/db'];
  for (const url of bad) {
    assert.throws(() => new PostgresStorage({ url, studyName: 's' }), (e: Error) => e instanceof OptionError && /^options\.url .*percent-encode @ : \/ # \? %/.test(e.message) && !/rd@|off|cd@/.test(e.message), url);
    const r = backprop(['tune', '--data', 'xor', '--lr', '1e-3..1e-1', '--storage', url, '--study-name', 's'], { cwd: tempDir() });
    usageError(r, /^backprop: error: --storage .*percent-encode/m);
    assert.doesNotMatch(r.stderr, /w\/rd|50%off|ab#cd|Invalid URL|--debug/);
  }
  assert.throws(() => new PostgresStorage({ url: 42 as unknown as string, studyName: 's' }), /options\.url must be a postgresql:\/\/ URL, got number/);
  // encoded, the same password is a URL (and postgresql:// alone takes PGHOST, ...)
  for (const url of ['postgresql://tuner:p%40ss%3Aw%2Frd@127.0.0.1:5432/db', 'postgresql://']) assert.ok(new PostgresStorage({ url, studyName: 's' }));
});

test('a server that asks for a password none was given: one line saying where to give it (it was "SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string", exit 1)', async () => {
  const lost = (message: string) => withReconnect(async () => { throw new Error(message); }, { patience: 0, database: 'postgresql://tuner@h/db', warn: () => {} });
  for (const message of ['SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string', 'SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a non-empty string']) {
    await assert.rejects(lost(message), (e: Error) => e instanceof OptionError && e.message === 'options.url postgresql://tuner@h/db: the server asks for a password and none was given: set PGPASSWORD or put it in ~/.pgpass');
  }
});

test('a study continued with another fixed option is refused naming it (it said "other training options or search space than these, described alike (learningRate ...)")', async () => {
  const storage = path.join(tempDir(), 's.jsonl');
  const xor = synthetic('xor', { samples: 60, seed: 1 });
  const run = (extra: object) => tune({ spec: { learningRate: floatRange(1e-3, 1e-1, true), layers: [2], epochs: 2, ...extra }, data: { train: xor }, trials: 1, workers: 1, bestSeeds: 1, storage });
  await run({});
  await assert.rejects(run({ epochs: 3 }), /options\.storage .*s\.jsonl: was written for other fixed training options \(epochs 2 then, 3 now\); give another options\.storage file$/);
  await assert.rejects(run({ optimizer: 'adam' }), /other fixed training options \(optimizer not given then, "adam" now\)/);
});

test('trials that train nothing are refused: epochs 0 in a range, a choice or fixed (an untrained network was ranked best on xor)', async () => {
  const train = synthetic('xor', { samples: 60, seed: 1 });
  const cases: [object, RegExp][] = [
    [{ epochs: intRange(0, 3) }, /^OptionError: epochs: the range 0\.\.3 gives trials that train nothing/],
    [{ epochs: choice(0, 5) }, /^OptionError: epochs: the choice 0 gives trials that train nothing/],
    [{ epochs: 0 }, /^OptionError: epochs: 0 gives trials that train nothing/],
  ];
  for (const [extra, message] of cases) {
    await assert.rejects(tune({ spec: { learningRate: floatRange(1e-3, 1e-1, true), layers: [2], ...extra }, data: { train }, trials: 1, workers: 1 }), message);
  }
  usageError(backprop(['tune', '--data', 'xor', '--lr', '1e-3..1e-1', '--epochs', '0..3'], { cwd: tempDir() }), /^backprop: error: --epochs: the range 0\.\.3 gives trials that train nothing/m);
});

test("tune's bounds are said before the data is read, in the command line's words; a range end too large for a number is said so", () => {
  const dir = tempDir();
  const cases: [string[], RegExp][] = [
    [['--trials', '1e9'], /^backprop: error: --trials must be a whole number from 1 to 1000000, got 1e9$/m],
    [['--trials', '99999999999999999999'], /^backprop: error: --trials must be a whole number from 1 to 1000000, got 99999999999999999999$/m],
    [['--cv', '10000000'], /^backprop: error: --cv must be a whole number from 2 to 1000000/m],
    [['--best-seeds', '101'], /^backprop: error: --best-seeds must be a whole number from 1 to 100/m],
    [['--lr', '1e-3..1e400'], /^backprop: error: --lr: the range '1e-3\.\.1e400' has an end too large for a number \('1e400'\)/m],
  ];
  for (const [extra, message] of cases) {
    // a data file that does not exist: the bound is said first
    usageError(backprop(['tune', '--data', 'missing.csv', '--lr', '1e-3..1e-1', ...extra], { cwd: dir }), message);
  }
});

test('an empty journal (a crash before its first line) is said to be a new one on the first line', () => {
  const dir = tempDir();
  writeFileSync(path.join(dir, 's.jsonl'), '');
  const r = backprop(['tune', '--data', 'xor', '--samples', '60', '--epochs', '2', '--lr', '1e-3..1e-1', '--trials', '1', '--workers', '1', '--best-seeds', '1', '--study', 's.jsonl'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.split('\n')[0], `study: ${path.join(dir, 's.jsonl')} (a new journal)`);
});
