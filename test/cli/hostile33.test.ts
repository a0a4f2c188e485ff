// The command line as a process under hostile conditions, thirty-third sweep: a standard output that
// cannot be written (a full disk) ended in a stack trace; an option left without its value took the
// next option as it (a file named '--proba' was written); '-' as an input was looked for as a file;
// on a terminal the progress bar wrote over the lines printed before it and hid the cursor; the first
// progress line's ETA was hundreds of times too long; tune stopped by Ctrl-C said nothing of --save.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { backprop, fileWriter, ROOT, tempDir, usageError } from '../helpers/cli.js';
import { drawsBar, etaSeconds } from '../../src/cli/progress.js';

const dir = tempDir('backprop-hostile33-');
const write = fileWriter(dir);
const points = write('points.csv', 'x1,x2,y\n0,0,a\n0,1,b\n1,0,b\n1,1,a\n0.1,0.2,a\n0.9,0.1,b\n0.2,0.8,b\n0.8,0.9,a\n');
const BIN = path.join(ROOT, 'bin/backprop.js');

/** Run backprop with its standard output (or error) on the file `device`. */
function runOnto(device: string, stream: 'stdout' | 'stderr', args: string[]): { code: number | null; text: string } {
  const fd = openSync(device, 'w');
  try {
    const r = spawnSync(process.execPath, [BIN, ...args], {
      cwd: dir, encoding: 'utf8', stdio: ['ignore', stream === 'stdout' ? fd : 'pipe', stream === 'stderr' ? fd : 'pipe'],
    });
    return { code: r.status, text: stream === 'stdout' ? r.stderr : r.stdout };
  } finally {
    closeSync(fd);
  }
}

test('a standard output on a full disk is said in one line, exit 1, and --save is still written (it was a stack trace)', { skip: !existsSync('/dev/full') && 'no /dev/full here' }, () => {
  for (const args of [['datasets'], ['train', '--help'], ['predict', '--model', 'none.json', '--data', points, '--help']]) {
    const r = runOnto('/dev/full', 'stdout', args);
    assert.equal(r.code, 1, r.text);
    assert.equal(r.text, 'backprop: error: cannot write to standard output: the disk is full; the rest of the output is lost\n');
  }
  const model = path.join(dir, 'full.json');
  const r = runOnto('/dev/full', 'stdout', ['train', '--data', points, '--epochs', '2', '--save', model]);
  assert.equal(r.code, 1, r.text);
  assert.match(r.text, /^backprop: error: cannot write to standard output: the disk is full; the rest of the output is lost$/m);
  assert.doesNotMatch(r.text, /\n\s+at /);
  assert.ok(existsSync(model));
  // a standard error that cannot be written: the exit code stays the command's (2 for bad input; it was 1)
  assert.equal(runOnto('/dev/full', 'stderr', ['train', '--data', path.join(dir, 'missing.csv')]).code, 2);
});

test('an option left without its value does not take the next option as it (--out --proba wrote a file named --proba)', () => {
  const model = path.join(dir, 'm.json');
  assert.equal(backprop(['train', '--data', points, '--epochs', '1', '--save', model]).code, 0);
  usageError(backprop(['predict', '--model', model, '--data', points, '--out', '--proba'], { cwd: dir }),
    /^backprop: error: --out needs a value, got '--proba', the option --proba: give --out its value before the next option \(a value that begins with '--' is written --out=--proba\)$/);
  usageError(backprop(['tune', '--data', points, '--lr', '1e-3..1e-1', '--epochs', '1', '--trials', '1', '--study', '--json'], { cwd: dir }), /^backprop: error: --study needs a value, got '--json', the option --json/);
  usageError(backprop(['train', '--l2', '--standardize', '--data', points], { cwd: dir }), /^backprop: error: --l2 needs a value, got '--standardize', the option --standardize/);
  // a value left over after it was said as a stray argument ("train takes no arguments besides its options, got '3'")
  usageError(backprop(['train', '--data', '--epochs', '3'], { cwd: dir }), /^backprop: error: --data needs a value, got '--epochs', the option --epochs/);
  usageError(backprop(['train', '--data', points, '--save', '--plot', 'c.svg'], { cwd: dir }), /^backprop: error: --save needs a value, got '--plot', the option --plot/);
  usageError(backprop(['train', '--data', points, '--save', '--modle.json'], { cwd: dir }), /^backprop: error: --save needs a value, got '--modle\.json', which looks like an option/);
  assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('-')), []);
  // a negative number is a value, and a value joined to its option is taken as written
  usageError(backprop(['train', '--data', points, '--lr', '-0.1']), /^backprop: error: --lr must be a positive number, got '-0\.1'$/);
  assert.equal(backprop(['train', '--data', points, '--epochs', '1', '--save=--joined.json'], { cwd: dir }).code, 0);
  assert.ok(existsSync(path.join(dir, '--joined.json')));
});

test("'-' as an input (standard input) is refused by the option's name on every input option (it was 'file not found: ./-')", () => {
  const model = path.join(dir, 'm.json');
  const why = "'-' \\(standard input\\) is not read: backprop reads its inputs from files; save it to a file and give that file's name \\(\\./- for a file named '-'\\)$";
  for (const [args, flag] of [
    [['train', '--data', '-'], '--data'], [['train', '--data', points, '--test', '-'], '--test'], [['train', '--data', points, '--resume', '-'], '--resume'],
    [['predict', '--model', model, '--data', '-'], '--data'], [['evaluate', '--model', '-', '--data', points], '--model'],
    [['export', '--model', '-', '--format', 'onnx', '--out', 'x.onnx'], '--model'], [['tune', '--data', points, '--space', '-'], '--space'],
    [['import', '-', '--out', 'x.json'], 'the argument <file>'],
  ] as const) {
    usageError(backprop([...args], { cwd: dir }), new RegExp(`^backprop: error: ${flag} -: ${why}`));
  }
});

test('the progress ETA comes from the epochs after the first (the first line said 10700 s of a 20 s run); TERM=dumb gets lines, not a bar', () => {
  assert.equal(etaSeconds(1000, undefined, 1, 100000), undefined);
  assert.equal(etaSeconds(1000, 900, 1, 100000), undefined);
  assert.equal(etaSeconds(2000, 1000, 11, 111), 10); // 1 s for 10 epochs, 100 left
  assert.equal(drawsBar({ isTTY: true }, 'dumb'), false);
  assert.equal(drawsBar({ isTTY: true }, 'xterm-256color'), true);
  assert.equal(drawsBar({ isTTY: false }, 'xterm'), false);
  const r = backprop(['train', '--data', points, '--epochs', '3000', '--print-every', '1000']);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n').filter((l) => /^\s+epoch/.test(l));
  assert.match(lines[0]!, /^\s+epoch\s+1\/3000 .*\(\d+\.\d s\)$/);
  assert.match(lines[1]!, /, ETA \d+ s\)$/);
});

test('on a terminal the bar starts with the first epoch (it wrote over the lines printed before it) and leaves the cursor and line wrapping alone', { skip: !existsSync('/usr/bin/script') && 'no script(1) to give the command a terminal' }, () => {
  const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} train --data ${JSON.stringify(points)} --epochs 300`;
  const r = spawnSync('/usr/bin/script', ['-qec', command, '/dev/null'], { encoding: 'utf8', env: { ...process.env, TERM: 'xterm', FORCE_COLOR: '0' } });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const text = r.stdout;
  const header = text.indexOf('full batch: one update per epoch');
  const barStart = text.indexOf('\x1b7'); // the bar saves the cursor where it starts, and goes back there when it stops
  assert.ok(header >= 0 && barStart > header, JSON.stringify(text.slice(0, 600)));
  assert.ok(!text.includes('\x1b[?25l'), 'the cursor was hidden');
  assert.ok(!text.includes('\x1b[?7l'), 'line wrapping was turned off');
  const dumb = spawnSync('/usr/bin/script', ['-qec', command, '/dev/null'], { encoding: 'utf8', env: { ...process.env, TERM: 'dumb', FORCE_COLOR: '0' } });
  assert.equal(dumb.status, 0);
  assert.ok(!dumb.stdout.includes('\x1b'), JSON.stringify(dumb.stdout.slice(0, 300)));
  assert.match(dumb.stdout, /epoch\s+300\/300/);
});

test('tune stopped by Ctrl-C says that --save was not written (exit 130 said nothing of the model)', async () => {
  const saved = path.join(dir, 'tuned.json');
  const study = path.join(dir, 'stopped.study.jsonl');
  const child = spawn(process.execPath, [BIN, 'tune', '--data', 'xor', '--lr', '1e-3..1e-1', '--epochs', '200000', '--trials', '4', '--workers', '1', '--study', study, '--save', saved], { cwd: dir });
  let stdout = '', stderr = '';
  child.stdout.on('data', (b: Buffer) => { stdout += b.toString(); });
  child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
  const timer = setInterval(() => { if (existsSync(study)) { clearInterval(timer); setTimeout(() => child.kill('SIGINT'), 500); } }, 100);
  const code = await new Promise((resolve) => child.on('close', resolve));
  clearInterval(timer);
  assert.equal(code, 130, stderr);
  assert.match(stdout, /^nothing saved to .*tuned\.json: the study was interrupted before the best configuration was retrained$/m);
  assert.ok(!existsSync(saved));
});

test("help for a misspelled command says so ('help trian' printed the whole help with exit 2, 'trian --help' with exit 0)", () => {
  for (const args of [['help', 'trian'], ['trian', '--help'], ['trian', '-h', '--data', 'xor']]) {
    usageError(backprop(args), /^backprop: error: unknown command 'trian' \(Did you mean train\?\)$/);
  }
  for (const args of [['help', 'train'], ['train', '--help'], ['help']]) {
    const r = backprop(args);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Usage: backprop /);
  }
});

test('Ctrl-C while train writes its files stops before the next one and says which were written (it was ignored: exit 0, no word)', async () => {
  const model = path.join(dir, 'written.json'), cost = path.join(dir, 'cost.png'), boundary = path.join(dir, 'boundary.png');
  const child = spawn(process.execPath, [BIN, 'train', '--data', 'xor', '--epochs', '2', '--save', model, '--plot', cost, '--plot-boundary', boundary], { cwd: dir });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
  const timer = setInterval(() => { if (existsSync(model)) { clearInterval(timer); child.kill('SIGINT'); } }, 10);
  const code = await new Promise((resolve) => child.on('close', resolve));
  clearInterval(timer);
  assert.equal(code, 130, stderr);
  assert.match(stderr, /^backprop: interrupted \(Ctrl-C\) after training, while its files were written; written: .*written\.json(, .*cost\.png)?; not written: (.*cost\.png, )?.*boundary\.png\n$/);
  assert.ok(!existsSync(boundary));
});

test("--out /dev/stdout is standard output, as '-' (on a pipe it was 'a symbolic link to a file that does not exist'); a name too long is said in words (it was ENAMETOOLONG)", { skip: !existsSync('/dev/stdout') && 'no /dev/stdout here' }, () => {
  const model = path.join(dir, 'm.json');
  assert.equal(backprop(['train', '--data', points, '--epochs', '1', '--save', model]).code, 0);
  const p = backprop(['predict', '--model', model, '--data', points, '--out', '/dev/stdout']); // spawnSync's stdout is a pipe
  assert.equal(p.code, 0, p.stderr);
  assert.equal(p.stdout.trim().split('\n')[0], 'prediction');
  assert.equal(p.stdout.trim().split('\n').length, 9);
  usageError(backprop(['train', '--data', points, '--epochs', '1', '--plot', '/dev/stdout']), /^backprop: error: --plot \/dev\/stdout: standard output cannot take a chart/);
  // a link to a pipe (a socket, as spawn makes them) is named as such
  const fifoLink = path.join(dir, 'to-pipe.csv');
  spawnSync('ln', ['-s', '/proc/self/fd/0', fifoLink]);
  const linked = spawnSync(process.execPath, [BIN, 'predict', '--model', model, '--data', points, '--out', fifoLink], { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  assert.match(linked.stderr, /^backprop: error: --out: cannot write .*to-pipe\.csv: it is a symbolic link to (a named pipe \(FIFO\)|a socket), not to a regular file\n$/);
  usageError(backprop(['train', '--data', points, '--epochs', '1', '--save', `${'a'.repeat(300)}.json`], { cwd: dir }), /: the name is too long$/);
});
