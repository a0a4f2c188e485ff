// `backprop tune` as a user runs it: a study on a built-in set, its JSON, resuming, and bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { backprop, tempDir } from '../helpers/cli.js';

const base = ['tune', '--data', 'xor', '--samples', '200', '--epochs', '5', '--workers', '2', '--optimizer', 'adam'];

test('a study on a built-in set: --json has every trial, the best, the test metrics of the saved model; running it again runs nothing new', () => {
  const dir = tempDir();
  const args = [...base, '--layers', '4|8,4', '--lr', '1e-3..1e-1', '--trials', '6', '--sampler', 'random', '--objective', 'accuracy', '--study', 'xor.jsonl', '--save', 'best.json', '--json'];
  const r = backprop(args, { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.objective, 'accuracy');
  assert.equal(out.direction, 'maximize');
  assert.equal(out.trials.length, 6);
  for (const t of out.trials) {
    assert.equal(t.state, 'complete');
    assert.ok(['4', '8,4'].includes(t.params.layers.join(',')));
    assert.ok(t.params.learningRate >= 1e-3 && t.params.learningRate <= 1e-1);
  }
  assert.equal(out.best.value, Math.max(...out.trials.map((t: { value: number }) => t.value)));
  assert.ok(out.test.accuracy >= 0 && out.test.accuracy <= 1);
  assert.ok(existsSync(path.join(dir, 'best.json')));
  const evaluated = backprop(['evaluate', '--model', 'best.json', '--data', 'xor', '--samples', '50'], { cwd: dir });
  assert.equal(evaluated.code, 0, evaluated.stderr);

  const again = JSON.parse(backprop(args, { cwd: dir }).stdout);
  assert.deepEqual(again.trials.map((t: { value: number }) => t.value), out.trials.map((t: { value: number }) => t.value));
  const starts = readFileSync(path.join(dir, 'xor.jsonl'), 'utf8').split('\n').filter((l) => l.includes('"event":"start"'));
  assert.equal(starts.length, 6);
});

test('the default study file is named after the data, in the current folder; the leaderboard names the best', () => {
  const dir = tempDir();
  const r = backprop([...base, '--batch-size', '16|32', '--trials', '2', '--sampler', 'grid'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.ok(existsSync(path.join(dir, 'xor.study.jsonl')));
  assert.match(r.stdout, /rank {2}trial {2}loss/);
  assert.match(r.stdout, /best: trial #\d, loss [\d.]+: batchSize=(16|32)/);
});

test('bad input: one line, exit 2, naming the flag; nothing written', () => {
  const dir = tempDir();
  const cases: [string[], RegExp][] = [
    [[], /search space is empty/],
    [['--lr', '0.1..0.01'], /^backprop: error: --lr: the range 0.1..0.01 has lo > hi$/m],
    [['--l2', '0..0.1'], /l2: a log-scale range must stay above 0/],
    [['--lr', '1e-3..abc'], /--lr: '1e-3..abc' is neither a value, a list \(a\|b\|c\) nor a range/],
    [['--lr', 'fast'], /--lr must be a number, got 'fast'/],
    [['--layers', '16|x'], /--layers must be 'none' or whole numbers/],
    [['--activation', 'relu..tanh'], /--activation takes no range/],
    [['--lr', '1e-3|1e-2', '--sampler', 'anneal'], /--sampler must be one of grid, random, tpe/],
    [['--lr', '1e-3..1e-2', '--sampler', 'grid'], /grid sampler needs a list of values/],
    [['--lr', '1e-3|1e-2', '--objective', 'r2'], /--objective r2 is a regression metric/],
  ];
  for (const [extra, message] of cases) {
    const r = backprop([...base, ...extra, '--study', 's.jsonl'], { cwd: dir });
    assert.equal(r.code, 2, `${extra.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.equal(existsSync(path.join(dir, 's.jsonl')), false);
  }
});

test('a journal of another data set or space is refused, naming which, and left untouched', () => {
  const dir = tempDir();
  assert.equal(backprop([...base, '--lr', '1e-3|1e-2', '--trials', '1', '--study', 's.jsonl'], { cwd: dir }).code, 0);
  const before = readFileSync(path.join(dir, 's.jsonl'), 'utf8');
  const otherData = backprop([...base, '--lr', '1e-3|1e-2', '--trials', '1', '--study', 's.jsonl', '--noise', '0.3'], { cwd: dir });
  assert.equal(otherData.code, 2);
  // (the same set and count, other values: --noise changed them)
  assert.match(otherData.stderr, /--study s.jsonl: was written for xor, 160 examples, .* with other values: the data changed since/);
  const otherSpace = backprop([...base, '--lr', '1e-3|1e-1', '--trials', '1', '--study', 's.jsonl'], { cwd: dir });
  assert.equal(otherSpace.code, 2);
  assert.match(otherSpace.stderr, /another search space or training options \(--lr 0.001\|0.01\), not this one \(--lr 0.001\|0.1\)/);
  assert.equal(readFileSync(path.join(dir, 's.jsonl'), 'utf8'), before);
});

test('--space file: the same syntax as the flags; an unknown flag in it is refused', () => {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'space.json'), JSON.stringify({ layers: ['4', '8,4'], lr: '1e-3..1e-1', 'batch-size': [16, 32] }));
  const r = backprop([...base, '--space', 'space.json', '--trials', '3', '--json'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const keys = Object.keys(JSON.parse(r.stdout).trials[0].params).sort();
  assert.deepEqual(keys, ['batchSize', 'layers', 'learningRate']);
  writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ momentum: '0.8|0.9' }));
  const bad = backprop([...base, '--space', 'bad.json'], { cwd: dir });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--space bad.json: 'momentum' is not a flag tune can search/);
  // an empty list, a bare object or null is a one-line error naming the file and the key, exit 2
  for (const [value, message] of [[[], /'layers' is an empty list; give at least one value/], [{ low: 1, high: 2 }, /'layers' must be a value, a list, "lo\.\.hi", "a\|b" or \{"dimension"/], [null, /'layers' must be a value.*got null/]] as const) {
    writeFileSync(path.join(dir, 'odd.json'), JSON.stringify({ layers: value }));
    const odd = backprop([...base, '--space', 'odd.json'], { cwd: dir });
    assert.equal(odd.code, 2, odd.stderr);
    assert.match(odd.stderr, /^backprop: error: --space odd\.json: /);
    assert.match(odd.stderr, message);
    assert.equal(odd.stderr.trim().split('\n').length, 1);
  }
});

test('--pruner asha says how much of the epoch budget it saved; --plot writes the study chart', () => {
  const dir = tempDir();
  const r = backprop([...base, '--epochs', '9', '--lr', '1e-4..1e-1', '--layers', '2|8', '--trials', '12', '--sampler', 'random', '--pruner', 'asha', '--plot', 'study.svg'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const m = /pruning stopped (\d+) trials? early: (\d+) of (\d+) epochs run/.exec(r.stdout);
  assert.ok(m, r.stdout);
  assert.equal(Number(m[3]), 12 * 9);
  assert.ok(Number(m[2]) < Number(m[3]));
  assert.match(r.stdout, /pruned/);
  assert.match(readFileSync(path.join(dir, 'study.svg'), 'utf8'), /^<svg/);
});

test('Ctrl-C: the study stops, finished trials are kept, running ones are run again by the same command', async () => {
  const dir = tempDir();
  // trials of about half a second each (4,000 samples, 1,000 epochs), so that trial 1 is still running when the signal arrives
  const args = [...base, '--samples', '4000', '--epochs', '1000', '--lr', '1e-3|1e-2', '--layers', '8|16', '--trials', '4', '--sampler', 'grid', '--study', 's.jsonl', '--workers', '1'];
  const { spawn } = await import('node:child_process');
  const { ROOT } = await import('../helpers/cli.js');
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/backprop.js'), ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (d) => { stdout += d; });
  const file = path.join(dir, 's.jsonl');
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
      if (/"event":"end"/.test(text) && /"event":"report","number":1,/.test(text)) { clearInterval(timer); child.kill('SIGINT'); resolve(); }
    }, 20);
  });
  const code = await new Promise((r) => child.on('exit', r));
  assert.equal(code, 130);
  assert.match(stdout, /interrupted: run the same command to continue/);
  const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const interrupted = lines.filter((l) => l.event === 'end' && l.message === 'interrupted');
  assert.ok(interrupted.length >= 1 && interrupted.every((l) => l.retry === true));
  const completeBefore = lines.filter((l) => l.event === 'end' && l.state === 'complete').map((l) => l.number);
  const again = backprop([...args, '--json'], { cwd: dir });
  assert.equal(again.code, 0, again.stderr);
  const out = JSON.parse(again.stdout);
  const complete = out.trials.filter((t: { state: string }) => t.state === 'complete');
  assert.equal(complete.length, 4);
  assert.equal(new Set(complete.map((t: { params: unknown }) => JSON.stringify(t.params))).size, 4, 'every grid point once');
  for (const n of completeBefore) assert.ok(out.trials.some((t: { number: number; state: string }) => t.number === n && t.state === 'complete'));
});
