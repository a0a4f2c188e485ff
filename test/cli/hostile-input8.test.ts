// The command line against hostile input, eighth round: numbers in a --space file that the same
// flag refuses, and the families of the sweep below. Each: one line naming the file or option and
// what was expected, exit 2, nothing lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { backprop, fileWriter, ROOT, tempDir, usageError } from '../helpers/cli.js';

const dir = tempDir('backprop-hostile8-');
const file = fileWriter(dir);
const points = file('points.csv', 'x1,x2,y\n0,0,a\n0,1,b\n1,0,b\n1,1,a\n0.1,0.2,a\n0.9,0.1,b\n0.2,0.8,b\n0.8,0.9,a\n');
const model = path.join(dir, 'model.json');
assert.equal(backprop(['train', '--data', points, '--epochs', '2', '--save', model]).code, 0);

test('numbers in a --space file are checked as the same flag checks them: a range object from -1, a batch size from 0, keep 2, a float range of epochs', () => {
  const cases: [string, RegExp][] = [
    ['{"lr": {"dimension": "float", "low": -1, "high": 0.1}}', /^backprop: error: --lr: the range -1\.\.0\.1 gives a value training refuses: --lr must be a positive number, got -1$/],
    ['{"batch-size": {"dimension": "int", "low": 0, "high": 4}}', /^backprop: error: --batch-size: the range 0\.\.4 gives a value training refuses: --batch-size must be a whole number/],
    ['{"dropout": {"dimension": "float", "low": 0.5, "high": 2}}', /^backprop: error: --dropout: the range 0\.5\.\.2 gives a value training refuses: .*got 2$/],
    ['{"epochs": {"dimension": "float", "low": 1, "high": 3}}', /^backprop: error: --epochs: the range 1\.\.3 gives a value training refuses: --epochs must be a whole number/],
    ['{"layers": {"dimension": "choice", "choices": [[4], [0]]}}', /^backprop: error: --layers: the choice 0 gives a value training refuses/],
    ['{"lr": {"dimension": "float", "low": 1e-4, "high": 1e400}}', /^backprop: error: --space .*space\.json: '1e400' is beyond the largest number there is \(about 1\.8e308\)$/],
    ['{"epochs": [1.5, 2]}', /^backprop: error: --epochs must be a whole number >= 0, got '1\.5'$/],
    // numbers JSON reads as 0 or Infinity are refused as the flags refuse them (an L2 of 0 was searched, silently)
    ['{"l2": [1e-400, 0.01]}', /^backprop: error: --space .*space\.json: '1e-400' is too small to tell from 0 \(below about 5e-324\); write 0 if 0 is meant$/],
    ['{"epochs": 1e400}', /^backprop: error: --space .*space\.json: '1e400' is beyond the largest number there is \(about 1\.8e308\)$/],
  ];
  for (const [json, message] of cases) {
    const space = file('space.json', json);
    // (epochs searched in the file are not given on the command line too: that is refused on its own)
    const epochs = json.includes('"epochs"') ? [] : ['--epochs', '1'];
    const r = backprop(['tune', '--data', points, '--space', space, '--trials', '2', ...epochs, '--study', path.join(dir, 'space.study.jsonl')]);
    const lines = r.stderr.trim().split('\n').filter((l) => !/warning|read as 2 classes/.test(l));
    assert.equal(r.code, 2, `${json}\n${r.stderr}`);
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0]!, message, json);
    assert.doesNotMatch(r.stdout, /trial/, 'no trial ran');
  }
});

test('predict and evaluate name a column the model was not trained on in one warning, and go on (it was ignored silently)', () => {
  const extra = file('extra.csv', 'x1,x2,y,notes\n0,0,a,3\n1,1,a,4\n0,1,b,5\n');
  for (const command of ['predict', 'evaluate']) {
    const r = backprop([command, '--model', model, '--data', extra]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^backprop: warning: .*extra\.csv: column 'notes' was not in the training data and is ignored \(the model reads x1, x2\)\n$/);
  }
  // the target under another name: said with the model's target
  const renamed = backprop(['predict', '--model', model, '--data', file('renamed.csv', 'x1,x2,label\n0,0,a\n')]);
  assert.equal(renamed.code, 0, renamed.stderr);
  assert.match(renamed.stderr, /column 'label' was not in the training data and is ignored \(the model reads x1, x2; the model's target is 'y'\)/);
  // the training file's own columns: no warning
  assert.equal(backprop(['predict', '--model', model, '--data', points]).stderr, '');
});

test("a whole-number option written '-0' is 0, as the number options read it (--epochs -0 said 'must be a whole number >= 0, got -0')", () => {
  for (const args of [['--epochs', '-0'], ['--epochs=-0'], ['--epochs', '1', '--seed', '-0']]) {
    const r = backprop(['train', '--data', points, ...args, '--json']);
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
  }
  usageError(backprop(['train', '--data', points, '--batch-size', '-0']), /^backprop: error: --batch-size must be a whole number >= 1, got '-0'$/);
  usageError(backprop(['train', '--data', points, '--epochs', '-1']), /^backprop: error: --epochs must be a whole number >= 0, got '-1'$/);
});

test('a model file edited by hand: features that are not the inputs, a CSV schema field unknown, a header of "yes", a delimiter x, featureNames of other inputs (each was read, silently)', () => {
  const doc = JSON.parse(readFileSync(model, 'utf8'));
  const cases: [(m: any) => void, RegExp][] = [
    [(m) => { m.features = ['x1']; }, /field "features" \(x1\) is not the CSV schema's "featureNames" \(x1, x2\); they name the same inputs$/],
    [(m) => { m.features = ['x2', 'x1']; }, /field "features" \(x2, x1\) is not the CSV schema's "featureNames" \(x1, x2\)/],
    [(m) => { m.preprocessing.data.header = 'yes'; }, /field "preprocessing\.data": "header" must be true or false, got "yes"$/],
    [(m) => { m.preprocessing.data.delimiter = 'x'; }, /field "preprocessing\.data": "delimiter" must be one of , ; \| or a tab, got "x"$/],
    [(m) => { m.preprocessing.data.headr = true; }, /field "preprocessing\.data": "headr" is not a field of a CSV schema \(did you mean "header"\?\)/],
    [(m) => { m.preprocessing.data.featureNames = ['x1', 'x3']; m.features = ['x1', 'x3']; }, /field "preprocessing\.data": "featureNames" entry 2 is "x3", but the features make 'x2' \(x1, x2\)$/],
    [(m) => { delete m.preprocessing; m.features = ['x1']; }, /field "features" names 1 input, but "inputSize" is 2: one name per input$/],
  ];
  for (const [edit, message] of cases) {
    const m = structuredClone(doc);
    edit(m);
    const edited = file('edited.json', JSON.stringify(m));
    for (const command of ['predict', 'inspect']) {
      const r = backprop([command, '--model', edited, ...(command === 'predict' ? ['--data', points] : [])]);
      usageError(r, message);
    }
  }
});

/** Run the command, send `signal` once `ready` matches its output (or after `ready` ms), and resolve with its exit code and stderr. */
function interruptWhen(args: string[], ready: RegExp | number, signal: NodeJS.Signals): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/backprop.js'), ...args], { env: { ...process.env, FORCE_COLOR: '0' } });
  let stderr = '', out = '', sent = false;
  if (typeof ready === 'number') setTimeout(() => { sent = true; child.kill(signal); }, ready);
  const look = (b: Buffer) => {
    out += b.toString();
    if (!sent && typeof ready !== 'number' && ready.test(out)) { sent = true; child.kill(signal); }
  };
  child.stdout.on('data', look);
  child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); look(b); });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

test('train and tune stopped by kill (SIGTERM) or a closed terminal (SIGHUP) stop as on Ctrl-C and say so; exit 128 + the signal (SIGTERM ended them at once, without a word)', async () => {
  const saved = path.join(dir, 'kept.json');
  assert.equal(backprop(['train', '--data', 'xor', '--epochs', '1', '--save', saved]).code, 0);
  const before = readFileSync(saved);
  for (const [signal, code] of [['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    const r = await interruptWhen(['train', '--data', 'xor', '--epochs', '1000000', '--print-every', '1', '--save', saved], /epoch\s+2\//, signal);
    assert.equal(r.code, code, r.stderr);
    assert.match(r.stderr, new RegExp(`^backprop: interrupted \\(${signal}\\) after epoch \\d+ of 1000000; no file was written \\(.*kept\\.json is as it was\\)\\n$`));
    assert.deepEqual(readFileSync(saved), before);
  }
  const study = path.join(dir, 'stopped.study.jsonl');
  const r = await interruptWhen(['tune', '--data', 'xor', '--lr', '1e-3..1e-1', '--epochs', '200000', '--trials', '4', '--workers', '1', '--study', study], 5000, 'SIGTERM');
  assert.equal(r.code, 143, r.stderr);
  assert.match(r.stderr, /backprop: stopping \(SIGTERM\): the finished trials are kept in the study; run the same command to continue/);
});
