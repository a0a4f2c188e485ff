// The command line as a new user and a script run it, thirty-fifth sweep: tune's --save, --plot and
// --results could name one file (the trials' table replaced the model it had just said was saved);
// options after '--' were blamed on their values; tune's live line ignored TERM=dumb and the width; a
// failed TF.js export or download left the new empty folder it had made; an output in a folder that
// could not be entered was said to be in a folder that does not exist; --noise was named 'noise'; switches
// typed as their opposite were answered with the opposite; 'help help' was an error; 'fit' was no command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { backprop, ROOT, tempDir, usageError } from '../helpers/cli.js';

const dir = tempDir('backprop-hostile35-');
const TUNE = ['tune', '--data', 'xor', '--samples', '40', '--layers', '2|3', '--epochs', '1', '--trials', '1'];

test("tune's outputs that name one file are refused before the study, naming both (the trials' table replaced the saved model)", () => {
  const best = path.join(dir, 'best.json'), study = path.join(dir, 'shared.jsonl');
  usageError(backprop([...TUNE, '--study', study, '--save', best, '--results', path.join(dir, '.', 'best.json')]),
    /--results .*best\.json: --save writes that file too; give each output its own file/);
  usageError(backprop([...TUNE, '--study', study, '--plot', path.join(dir, 'p.svg'), '--results', path.join(dir, 'p.svg')]), /--results .*p\.svg: --plot writes that file too/);
  assert.ok(!existsSync(best) && !existsSync(study), 'nothing written, not even the journal');
});

test("options typed after '--' are said to be read as arguments (train said it takes no arguments, predict that the file was given without an option name, import that an option was unknown)", () => {
  const after = /^backprop: error: '--' ends the options: '--\w+' after it is read as an argument, not as an option; put the options before '--', or leave '--' out$/;
  usageError(backprop(['train', '--data', 'xor', '--', '--epochs', '3']), after);
  usageError(backprop(['predict', '--model', 'm.json', '--', '--data', 'points.csv'], { cwd: dir }), after);
  usageError(backprop(['import', '--', '--x.onnx', '--out', 'y.json'], { cwd: dir }), /'--out' after it is read as an argument/);
  usageError(backprop(['predict', '--', '--model', 'm.json', '--data=p.csv'], { cwd: dir }), /'--model', '--data=p\.csv' after it are read as arguments, not as options/);
  // what follows '--' that is no option is an argument, as before: a file whose name begins with '-'
  usageError(backprop(['import', '--out', 'y.json', '--', '-x.onnx'], { cwd: dir }), /file not found: .*-x\.onnx/);
});

test("tune's live line is drawn only where a terminal can redraw it (TERM=dumb got its escape codes as text), cut to the terminal's width (a wider one wrote a row per redraw), and once per change", { skip: !existsSync('/usr/bin/script') && 'no script(1) to give the command a terminal' }, () => {
  const study = (name: string) => path.join(dir, name);
  const command = (name: string, cols: number) => `stty cols ${cols}; ${[process.execPath, path.join(ROOT, 'bin/backprop.js'), ...TUNE.slice(0, -1), '2', '--epochs', '20', '--study', study(name)].map((w) => JSON.stringify(w)).join(' ')}`;
  const run = (name: string, cols: number, term: string) => spawnSync('/usr/bin/script', ['-qec', command(name, cols), '/dev/null'], { encoding: 'utf8', env: { ...process.env, TERM: term, FORCE_COLOR: '0' } });
  const dumb = run('dumb.jsonl', 80, 'dumb');
  assert.equal(dumb.status, 0, dumb.stdout);
  assert.ok(!dumb.stdout.includes('\x1b') && !dumb.stdout.includes('trial 0/2'), JSON.stringify(dumb.stdout.slice(0, 300)));
  const narrow = run('narrow.jsonl', 20, 'xterm');
  assert.equal(narrow.status, 0, narrow.stdout);
  const drawn = narrow.stdout.split('\r').map((s) => s.split('\x1b[K')[0]!).filter((s) => s.startsWith('trial '));
  assert.ok(drawn.length >= 2, JSON.stringify(narrow.stdout.slice(0, 300)));
  for (const line of drawn) assert.ok(line.length < 20, `'${line}' is wider than the 20-column terminal`);
  assert.equal(new Set(drawn).size, drawn.length, `a line drawn again as it was: ${JSON.stringify(drawn)}`);
});

/** A port of 127.0.0.1 that nothing listens on (a connection is refused at once). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

test('a download that fails leaves no folder it made (datasets fetch --dir new/ left new/mnist, empty)', async () => {
  const target = path.join(dir, 'cache', 'deeper');
  const r = backprop(['datasets', 'fetch', 'mnist', '--dir', target, '--base-url', `http://127.0.0.1:${await closedPort()}/`, '--timeout', '5']);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /^backprop: error: cannot download http:\/\/127\.0\.0\.1:\d+\/train-images/);
  assert.ok(!existsSync(path.join(dir, 'cache')), 'the folders made for the download are gone');
});

const asRoot = process.getuid?.() === 0 && existsSync('/bin/sh');
test('a TF.js export that cannot be written leaves no folder it made (the error said the files were left as they were, beside a new empty folder)', { skip: !asRoot && 'needs root, to run the export as another user whose new folders it cannot write in' }, () => {
  const open = path.join(dir, 'open');
  chmodSync(dir, 0o711); // (the other user passes through the test's folder)
  mkdirSync(open);
  chmodSync(open, 0o777);
  const model = path.join(open, 'm.json');
  assert.equal(backprop(['train', '--data', 'xor', '--samples', '40', '--epochs', '1', '--save', model]).code, 0);
  chmodSync(model, 0o644);
  const command = `umask 277; exec ${[process.execPath, path.join(ROOT, 'bin/backprop.js'), 'export', '--model', model, '--format', 'tfjs', '--out', path.join(open, 'tf')].map((w) => JSON.stringify(w)).join(' ')}`;
  // (a folder made under umask 277 is not writable by its owner: the files cannot go in, as on a full disk)
  const r = spawnSync('/bin/sh', ['-c', command], { encoding: 'utf8', uid: 65534, gid: 65534, env: { ...process.env, FORCE_COLOR: '0' } });
  usageError({ code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }, /cannot write .*tf\/weights\.bin: no permission to write in .*; .* was left as it was/);
  assert.ok(!existsSync(path.join(open, 'tf')), 'the folder made for the export is gone');
});

test('an output in a folder that is there but cannot be entered says so (it was "the folder ... does not exist")', { skip: !asRoot && 'needs root, to run as another user' }, () => {
  chmodSync(dir, 0o711);
  const locked = path.join(dir, 'locked');
  mkdirSync(path.join(locked, 'inner'), { recursive: true });
  chmodSync(locked, 0o700);
  const entering = /no permission to enter the folder .*locked, on the way to .*locked\/inner$/;
  usageError(backprop(['train', '--data', 'xor', '--epochs', '1', '--save', path.join(locked, 'inner', 'm.json')], { uid: 65534 }), entering);
  usageError(backprop(['predict', '--model', 'x.json', '--data', 'xor', '--out', path.join(locked, 'inner', 'p.csv')], { uid: 65534 }), entering);
  usageError(backprop(['train', '--data', 'xor', '--epochs', '1', '--save', path.join(dir, 'none', 'm.json')], { uid: 65534 }), /the folder .*none does not exist$/);
});

test("a built-in set's --noise beyond its range is said by the flag's name (it was 'noise must be a number in [0, 5]')", () => {
  for (const command of [['train', '--data', 'flower', '--epochs', '1'], ['gradcheck', '--data', 'moons'], [...TUNE, '--study', path.join(dir, 'noise.jsonl')]]) {
    usageError(backprop([...command, '--noise', '9']), /^backprop: error: --noise must be a number in \[0, 5\], got 9$/);
  }
});

test("a switch typed as its opposite or with a value is said so (--no-standardize and --float64=false were answered 'Did you mean --standardize?', export's --preprocessing 'Did you mean --no-preprocessing?')", () => {
  const train = ['train', '--data', 'xor', '--epochs', '1'];
  usageError(backprop([...train, '--no-standardize']), /unknown option '--no-standardize' \(--standardize is off unless it is given: leave it out\)$/);
  usageError(backprop([...train, '--float64=false']), /unknown option '--float64=false' \(--float64 takes no value: give --float64 alone, or leave it out\)$/);
  usageError(backprop([...train, '--header=true']), /\(--header takes no value: give --header or --no-header\)$/);
  usageError(backprop(['export', '--model', 'm.json', '--out', 'm.onnx', '--preprocessing'], { cwd: dir }), /\(--preprocessing is on unless --no-preprocessing is given: leave it out\)$/);
  // a flag that is no switch's opposite is answered as before
  usageError(backprop([...train, '--no-lr']), /^backprop: error: unknown option '--no-lr'$/);
});

test("'help help' is the help (it was printed as an error, exit 2); 'train help' points to train's help (it said to write --data help)", () => {
  const r = backprop(['help', 'help']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Usage: backprop \[options\] \[command\]/);
  usageError(backprop(['train', 'help']), /^backprop: error: train takes no argument 'help': for its help, type backprop train --help \(or backprop help train\)$/);
  usageError(backprop(['predict', '--model', 'm.json', 'help']), /predict takes no argument 'help'/);
});

test("an unknown command by another tool's name or in capitals names ours ('fit', 'infer', 'serve' and 'TRAIN' said only \"unknown command\")", () => {
  for (const [typed, meant] of [['fit', 'train'], ['infer', 'predict'], ['eval', 'evaluate'], ['serve', 'playground'], ['TRAIN', 'train'], ['gradient-check', 'gradcheck'], ['fetch', 'datasets fetch']]) {
    usageError(backprop([typed!]), new RegExp(`^backprop: error: unknown command '${typed}' \\(Did you mean ${meant}\\?\\)$`));
  }
  usageError(backprop(['frobnicate']), /^backprop: error: unknown command 'frobnicate'$/);
});
