// Round 36, tuning across processes and machines and the study's edges: what the probes of this round
// found wrong, each with the rule fixed in src/tune.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { synthetic } from '../../src/data/synthetic.js';
import { tune } from '../../src/tune/tune.js';
import { floatRange } from '../../src/tune/space.js';
import { backprop, tempDir, usageError } from '../helpers/cli.js';
import { PostgresStorage } from '../../src/tune/storage/postgres.js';
import { withReconnect } from '../../src/tune/storage/postgres-connection.js';
import { OptionError } from '../../src/errors.js';

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
