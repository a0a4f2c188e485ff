// The command line against a hostile user: every bad option, file or model is one line on stderr
// naming what is wrong, exit code 2, no stack trace, and no file of the user's is overwritten.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { ROOT, backprop, tempDir, usageError } from '../helpers/cli.js';


/** A tiny uncompressed IDX images file (m images of side x side) and its labels beside it. */
function idxPair(dir: string, name: string, side: number, labels: number[]): string {
  const m = labels.length;
  const images = new Uint8Array(16 + m * side * side).map((_, k) => (k < 16 ? 0 : (k * 37) % 256));
  new DataView(images.buffer).setUint32(0, 0x803);
  [m, side, side].forEach((d, i) => new DataView(images.buffer).setUint32(4 + 4 * i, d));
  const lab = new Uint8Array(8 + m);
  new DataView(lab.buffer).setUint32(0, 0x801);
  new DataView(lab.buffer).setUint32(4, m);
  lab.set(labels, 8);
  writeFileSync(path.join(dir, `${name}-labels-idx1-ubyte`), lab);
  const file = path.join(dir, `${name}-images-idx3-ubyte`);
  writeFileSync(file, images);
  return file;
}

/** A hand-written model file: 2 inputs, one layer. */
function model(dir: string, name: string, extra: Record<string, unknown> = {}, task = 'binary', activation = 'sigmoid'): string {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify({ format: 'backprop-model', version: 1, inputSize: 2, task, layers: [{ units: 1, activation, W: [[1, -1]], b: [0.5] }], ...extra }));
  return file;
}

test('global --backend and --threads without a value are errors, not a silent demo run', () => {
  usageError(backprop(['--backend']), /--backend needs a value/);
  usageError(backprop(['train', '--data', 'xor', '--epochs', '1', '--threads']), /--threads needs a value/);
});

test('whole-number options take decimal digits; --dropout 0 and a seed beyond 32 bits are explained', () => {
  usageError(backprop(['train', '--data', 'xor', '--epochs', '0x10']), /--epochs must be a whole number >= 0, got '0x10'/);
  usageError(backprop(['train', '--data', 'xor', '--dropout', '0']), /--dropout is the probability of keeping a unit, in \(0, 1\], got '0'/);
  usageError(backprop(['train', '--data', 'xor', '--seed', '4294967296']), /--seed must be <= /);
});

test('sizes that cannot fit in memory are refused up front, naming the option', () => {
  usageError(backprop(['train', '--data', 'xor', '--layers', '100000000']), /--layers 100000000: .* parameters/);
  usageError(backprop(['train', '--data', 'xor', '--samples', '100000000000', '--epochs', '1']), /--samples must be <= /);
  usageError(backprop(['train', '--data', tempDir(), '--image-size', '100000x100000']), /--image-size 100000x100000 is too large/);
});

test('a loss that does not fit the output layer or the target is refused before training', () => {
  // categorical cross-entropy on one sigmoid unit never sees the 0 labels: a silently useless model
  usageError(backprop(['train', '--data', 'xor', '--loss', 'cce', '--epochs', '2']), /--loss categoricalCrossEntropy needs a softmax output of 2 or more units/);
  usageError(backprop(['train', '--data', 'plane', '--loss', 'bce', '--epochs', '2']), /--loss binaryCrossEntropy needs probabilities .* 1 linear unit/);
  usageError(backprop(['train', '--data', 'plane', '--output', 'sigmoid', '--epochs', '2']), /a sigmoid output gives values in \[0, 1\], but target .* is outside/);
});

test('a regression with a sigmoid output (targets in [0, 1]) is reported as regression, not as accuracy', () => {
  const dir = tempDir();
  const csv = path.join(dir, 'unit.csv');
  writeFileSync(csv, 'a,b,y\n' + Array.from({ length: 40 }, (_, i) => `${i % 7},${i % 5},${((i % 7) + (i % 5)) / 10}`).join('\n') + '\n');
  const saved = path.join(dir, 'unit.json');
  const r = backprop(['train', '--data', csv, '--output', 'sigmoid', '--standardize', '--epochs', '5', '--json', '--save', saved]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.ok('mse' in out.train && !('accuracy' in out.train), JSON.stringify(out.train));
  const e = backprop(['evaluate', '--model', saved, '--data', csv, '--json']);
  assert.equal(e.code, 0, e.stderr);
  assert.ok('r2' in JSON.parse(e.stdout));
});

test('too few examples for --test-split, one class only, and a --test of another size fail before training, by name', () => {
  const dir = tempDir();
  const one = path.join(dir, 'one.csv');
  writeFileSync(one, 'a,b,y\n1,2,0\n');
  usageError(backprop(['train', '--data', one, '--task', 'regression']), /one\.csv: --test-split 0\.2 of 1 example leaves the test set empty; use --test-split 0/);
  const same = idxPair(dir, 'same', 2, [3, 3, 3, 3, 3, 3]);
  usageError(backprop(['train', '--data', same]), /same-images-idx3-ubyte: every example has the same label \(3\)/);
  const small = idxPair(dir, 'small', 2, [0, 1, 2, 0, 1, 2]);
  const other = idxPair(dir, 'other', 3, [0, 1, 2]);
  usageError(backprop(['train', '--data', small, '--test', other]), /--test .*other-images-idx3-ubyte: 9 features per example, but the training data .* has 4/);
});

test('--resume of a regression model on class labels is refused (it would save a model that cannot be read)', () => {
  const dir = tempDir();
  const reg = model(dir, 'reg.json', {}, 'regression', 'linear');
  usageError(backprop(['train', '--data', 'xor', '--resume', reg, '--epochs', '2']), /--resume .*reg\.json: a regression model .* cannot go on training on binary data/);
});

test('a save that fails names the file, exits 2 in one line and leaves nothing behind', { skip: !existsSync('/proc/self') && 'needs /proc' }, () => {
  // /proc exists but takes no new files: refused up front (no write permission), or, for root, when written
  usageError(backprop(['train', '--data', 'xor', '--epochs', '2', '--save', '/proc/m.json']), /cannot write \/proc\/m\.json: .*left as it was|--save \/proc\/m\.json: no permission/);
  const dir = tempDir();
  const saved = path.join(dir, 'm.json');
  const good = model(dir, 'good.json');
  const before = readFileSync(good, 'utf8');
  // the tfjs export made its folder with fs.mkdir({ recursive: true }), which never returns under /proc
  usageError(backprop(['export', '--model', good, '--format', 'tfjs', '--out', '/proc/web'], { timeout: 20_000 }), /cannot create the folder \/proc\/web|--out \/proc\/web: no permission/);
  assert.equal(readFileSync(good, 'utf8'), before);
  assert.ok(!existsSync(saved));
  assert.deepEqual(readdirSync(dir), ['good.json'], 'no temporary files left');
});

test('predict, export and import never write over their own input files', () => {
  const dir = tempDir();
  const good = model(dir, 'good.json');
  const points = path.join(dir, 'points.csv');
  writeFileSync(points, 'x1,x2\n1,2\n3,4\n');
  usageError(backprop(['predict', '--model', good, '--data', points, '--out', points]), /--out .*points\.csv: that is an input of this command/);
  assert.equal(readFileSync(points, 'utf8'), 'x1,x2\n1,2\n3,4\n');
  usageError(backprop(['export', '--model', good, '--format', 'onnx', '--out', good]), /--out .*good\.json: that is an input of this command/);
  const onnx = path.join(dir, 'm.onnx');
  assert.equal(backprop(['export', '--model', good, '--out', onnx]).code, 0);
  const bytes = readFileSync(onnx);
  usageError(backprop(['import', onnx, '--out', onnx]), /--out: the backprop model file must end in \.json/);
  assert.deepEqual(readFileSync(onnx), bytes);
});

test("a model's preprocessing is checked when it loads, and its scale is applied by predict", () => {
  const dir = tempDir();
  const points = path.join(dir, 'points.csv');
  writeFileSync(points, 'x1,x2\n1,2\n3,1\n');
  // std 0 divides by zero: every prediction was NaN or +-1 with exit code 0
  const zero = model(dir, 'zero.json', { preprocessing: { standardize: { mean: [0, 0], std: [0, 1] } } });
  usageError(backprop(['predict', '--model', zero, '--data', points]), /zero\.json: field "preprocessing\.standardize\.std" has a zero/);
  const text = model(dir, 'text.json', { preprocessing: { standardize: { mean: ['a', 'b'], std: [1, 1] } } });
  usageError(backprop(['predict', '--model', text, '--data', points]), /text\.json: field "preprocessing\.standardize" must hold "mean" and "std", 2 finite numbers each/);
  // an imported ONNX Mul / TF.js Rescaling is preprocessing.scale: x' = x * scale, before the network
  const scaled = model(dir, 'scaled.json', { preprocessing: { scale: 10 } });
  const r = backprop(['predict', '--model', scaled, '--data', points, '--proba']);
  assert.equal(r.code, 0, r.stderr);
  const s = (z: number) => Math.fround(1 / (1 + Math.exp(-z)));
  const p1 = r.stdout.trim().split('\n').slice(1).map((line) => Math.fround(Number(line.split(',')[2]))); // (written as the float32 it is)
  assert.deepEqual(p1, [s(10 * 1 - 10 * 2 + 0.5), s(10 * 3 - 10 * 1 + 0.5)]);
});

test("a damaged CSV schema or duplicate class names in a model file are named with the model's file", () => {
  const dir = tempDir();
  const points = path.join(dir, 'points.csv');
  writeFileSync(points, 'x1,x2\n1,2\n');
  const broken = model(dir, 'broken.json', { preprocessing: { data: { format: 'csv' } } });
  usageError(backprop(['predict', '--model', broken, '--data', points]), /broken\.json: field "preprocessing\.data": the CSV schema is malformed/);
  const twice = model(dir, 'twice.json', { classes: ['cat', 'cat'] });
  usageError(backprop(['predict', '--model', twice, '--data', points]), /twice\.json: field "classes" names class "cat" twice/);
});

test('CSV files that are not what they seem: 1e400, a binary file, a .gz that is not gzip', () => {
  const dir = tempDir();
  const big = path.join(dir, 'big.csv');
  writeFileSync(big, 'a,b,y\n1,2,0\n3,1e400,1\n5,6,1\n7,8,0\n');
  usageError(backprop(['train', '--data', big, '--test-split', '0']), /big\.csv, line 3, column 'b': '1e400' is too large/);
  const png = path.join(dir, 'image.csv');
  writeFileSync(png, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
  usageError(backprop(['train', '--data', png]), /image\.csv: not a CSV text file: it looks like a PNG image/);
  const fake = path.join(dir, 'data.csv.gz');
  writeFileSync(fake, 'a,y\n1,0\n');
  usageError(backprop(['train', '--data', fake]), /data\.csv\.gz: named \.gz but not gzip-compressed/);
});

test('data options that the model file decides are reported as ignored, not silently dropped', () => {
  const dir = tempDir();
  const good = model(dir, 'good.json');
  const points = path.join(dir, 'points.csv');
  writeFileSync(points, '1,2\n3,4\n');
  const r = backprop(['predict', '--model', good, '--data', points, '--no-header', '--target', '1', '--task', 'regression']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim().split('\n').length, 3, 'header line and two predictions: --no-header was used');
  assert.match(r.stderr, /^backprop: warning: --target, --task ignored: the columns of a CSV file are .*good\.json's 2 inputs/);
  // CSV options given for a built-in set
  const t = backprop(['train', '--data', 'xor', '--features', 'x1', '--epochs', '1', '--json']);
  assert.equal(t.code, 0, t.stderr);
  assert.match(t.stderr, /^backprop: warning: --features ignored: xor is read as a built-in set/);
});

test('a last step that makes the weights infinite is divergence too: exit 1, one line, no model saved', () => {
  const dir = tempDir();
  const saved = path.join(dir, 'm.json');
  // one epoch: the cost is checked before the step, then the float32 weights overflow to Infinity
  const r = backprop(['train', '--data', 'xor', '--epochs', '1', '--lr', '1e300', '--save', saved]);
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /^backprop: error: training diverged at epoch 1 \(iteration 1\): the weights became infinite or NaN; .*nothing was saved/);
  assert.ok(!existsSync(saved));
});

test('--plot-boundary on data that is not 2-D fails before training, and saves nothing', () => {
  const dir = tempDir();
  const saved = path.join(dir, 'm.json');
  const csv = path.join(dir, 'three.csv');
  writeFileSync(csv, 'a,b,c,y\n' + Array.from({ length: 20 }, (_, i) => `${i},${i % 3},${i % 5},${i % 2}`).join('\n') + '\n');
  usageError(backprop(['train', '--data', csv, '--epochs', '2', '--save', saved, '--plot-boundary', path.join(dir, 'b.svg')]), /--plot-boundary needs 2-D data, .*three\.csv has 3 features/);
  assert.ok(!existsSync(saved), 'no model saved');
});

test('--save into a read-only folder fails before training and leaves the old model as it was', (t) => {
  // root may write anywhere: as root (as in CI), run the command as the user 'nobody' (65534),
  // if that user can read the checkout
  const uid = process.getuid?.() === 0 ? 65534 : undefined;
  if (uid !== undefined && backprop(['--help'], { uid }).code !== 0) {
    t.skip('running as root, and the user nobody cannot run this checkout (root writes anywhere)');
    return;
  }
  const dir = tempDir();
  const good = model(dir, 'm.json');
  const before = readFileSync(good, 'utf8');
  chmodSync(dir, 0o555);
  try {
    usageError(backprop(['train', '--data', 'xor', '--epochs', '2', '--save', good], { uid }), /--save .*m\.json: no permission to write in the folder/);
  } finally {
    chmodSync(dir, 0o755);
  }
  assert.equal(readFileSync(good, 'utf8'), before);
});

test('evaluate with a model that knows no CSV columns, on a file without the label column, says so (the message held a NUL byte)', () => {
  const dir = tempDir();
  const m = model(dir, 'plain.json');
  for (const [name, text] of [['named.csv', 'a,b\n1,2\n3,4\n'], ['numbers.csv', '1,2\n3,4\n']] as const) {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    const r = backprop(['evaluate', '--model', m, '--data', file]);
    usageError(r, new RegExp(`${name.replace('.', '\\.')}: 2 columns, the model's 2 features and no label; labelled data has 3 columns, the label last`));
    assert.ok(!r.stderr.includes('\u0000'), 'no NUL byte on stderr');
    assert.equal(backprop(['predict', '--model', m, '--data', file]).code, 0);
  }
});

test('--features naming a column twice is refused (the column used to be two inputs)', () => {
  const dir = tempDir();
  const file = path.join(dir, 'f.csv');
  writeFileSync(file, 'a,b,y\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n');
  usageError(backprop(['train', '--data', file, '--epochs', '1', '--features', 'a,a']), /--features names column 'a' twice; give each feature once/);
  usageError(backprop(['train', '--data', file, '--epochs', '1', '--features', 'a,b,1']), /--features names column 'a' twice \(as '1'\)/);
});

test('--resume refuses data whose feature columns are others, or the same in another order (it trained the weights on the wrong inputs)', () => {
  const dir = tempDir();
  const write = (name: string, header: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, `${header}\n` + Array.from({ length: 12 }, (_, i) => `${i},${(i * 7) % 5},${i % 2}`).join('\n') + '\n');
    return file;
  };
  const ab = write('ab.csv', 'a,b,y'), ba = write('ba.csv', 'b,a,y'), cd = write('cd.csv', 'c,d,y');
  const saved = path.join(dir, 'ab.json');
  assert.equal(backprop(['train', '--data', ab, '--epochs', '2', '--save', saved]).code, 0);
  usageError(backprop(['train', '--data', ba, '--epochs', '2', '--resume', saved]), /--resume .*has the features a, b, but the data's are b, a \(feature 1 is 'a' there, 'b' here\)/);
  usageError(backprop(['train', '--data', cd, '--epochs', '2', '--resume', saved]), /the data's are c, d/);
  assert.equal(backprop(['train', '--data', ab, '--epochs', '2', '--resume', saved]).code, 0);
  // a file without a header names its columns by position: nothing to compare
  const nh = path.join(dir, 'nh.csv');
  writeFileSync(nh, readFileSync(ab, 'utf8').split('\n').slice(1).join('\n'));
  assert.equal(backprop(['train', '--data', nh, '--no-header', '--epochs', '2', '--resume', saved]).code, 0);
});

test('playground --host that is no address of this machine is a usage error naming --host (it was a system message, exit 1)', () => {
  usageError(backprop(['playground', '--host', 'no-such-host.invalid', '--port', '0', '--no-open'], { timeout: 60_000 }), /--host no-such-host\.invalid: no such host name/);
  usageError(backprop(['playground', '--host', '192.0.2.1', '--port', '0', '--no-open'], { timeout: 60_000 }), /--host 192\.0\.2\.1: not an address of this machine/);
});

test('two charts to one file are refused before training (the second replaced the first, exit 0)', () => {
  const dir = tempDir();
  const same = path.join(dir, 'chart.svg');
  usageError(backprop(['train', '--data', 'xor', '--epochs', '1', '--plot', same, '--plot-grad-norms', same]), /--plot-grad-norms .*chart\.svg: --plot writes that file too; give each chart its own file/);
  usageError(backprop(['train', '--data', 'xor', '--epochs', '1', '--plot', same, '--plot-boundary', path.join(dir, '.', 'chart.svg')], { cwd: dir }), /--plot-boundary .*: --plot writes that file too/);
  assert.ok(!existsSync(same));
});

test('import of a TF.js model whose weights file is missing names it once ("weight file file not found")', () => {
  const dir = tempDir();
  const m = model(dir, 'plain.json');
  const tfjs = path.join(dir, 'tfjs');
  assert.equal(backprop(['export', '--model', m, '--out', tfjs, '--format', 'tfjs']).code, 0);
  const bin = readdirSync(tfjs).find((f) => f.endsWith('.bin'))!;
  rmSync(path.join(tfjs, bin));
  usageError(backprop(['import', tfjs, '--out', path.join(dir, 'back.json')]), new RegExp(`model\\.json: weights: file not found: .*${bin.replace('.', '\\.')}$`));
});

test('a mistyped command or option and its "(Did you mean ...?)" are one line, exit 2', () => {
  usageError(backprop(['trian']), /unknown command 'trian' \(Did you mean train\?\)/);
  usageError(backprop(['train', '--data', 'flower', '--epoc', '3']), /unknown option '--epoc' \(Did you mean --epochs\?\)/);
});

test('a --test file with another field separator than --data is read when its line 1 splits into the columns on it, else gets the --delimiter hint', () => {
  const dir = tempDir();
  const ok = path.join(dir, 'ok.csv'), semi = path.join(dir, 'semi.csv'), semi4 = path.join(dir, 'semi4.csv');
  writeFileSync(ok, 'a,b,y\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n');
  writeFileSync(semi, 'a;b;y\n1;2;0\n3;4;1\n');
  const read = backprop(['train', '--data', ok, '--test', semi, '--epochs', '1']);
  assert.equal(read.code, 0, read.stderr);
  assert.match(read.stdout, /test: +accuracy/);
  writeFileSync(semi4, 'a;b;y;z\n1;2;0;0\n3;4;1;0\n');
  usageError(backprop(['train', '--data', ok, '--test', semi4, '--epochs', '1']), /semi4\.csv: no column 'a' .*is the field separator not ','\? see --delimiter/);
  const okn = path.join(dir, 'okn.csv'), semin = path.join(dir, 'semin.csv');
  writeFileSync(okn, '1,2,0\n3,4,1\n5,6,0\n7,8,1\n');
  writeFileSync(semin, '1;2;0;0\n3;4;1;0\n');
  usageError(backprop(['train', '--data', okn, '--no-header', '--test', semin, '--epochs', '1']), /semin\.csv: 1 columns per row, but the training file had 3 .*see --delimiter/);
});

test('a weight beyond float64 in a model file (1e999) is named as such, not as "(null)"', () => {
  const dir = tempDir();
  const file = model(dir, 'huge.json');
  writeFileSync(file, readFileSync(file, 'utf8').replace('"W":[[1,-1]]', '"W":[[1,-1e999]]').replace('"b":[0.5]', '"b":[1e999]'));
  const data = path.join(dir, 'p.csv');
  writeFileSync(data, '0,1\n1,0\n');
  usageError(backprop(['predict', '--model', file, '--data', data]), /huge\.json: layer 1: field "W" row 1 column 2 is not a finite number \(a negative number too large for float64, e\.g\. -1e999\)$/);
});

test('--resume with --layers or --activation (which the model fixes) warns on one line naming them; its defaults do not', () => {
  const dir = tempDir();
  const data = path.join(dir, 'ok.csv'), first = path.join(dir, 'first.json');
  writeFileSync(data, 'a,b,y\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n');
  assert.equal(backprop(['train', '--data', data, '--layers', '3', '--epochs', '1', '--save', first]).code, 0);
  const r = backprop(['train', '--data', data, '--resume', first, '--layers', '8,4', '--activation', 'tanh', '--epochs', '1']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /^backprop: warning: --layers, --activation ignored: the resumed model keeps its own architecture and weights \(2-3\(relu\)-1\(sigmoid\)\)\n/);
  const quiet = backprop(['train', '--data', data, '--resume', first, '--epochs', '1']);
  assert.equal(quiet.code, 0, quiet.stderr);
  assert.doesNotMatch(quiet.stderr, /ignored/);
});

test('Ctrl-C during train: one line says training was interrupted and the model file is as it was; exit 130 (it exited 130 without a word)', async () => {
  const dir = tempDir();
  const saved = path.join(dir, 'kept.json');
  assert.equal(backprop(['train', '--data', 'xor', '--epochs', '1', '--save', saved]).code, 0);
  const before = readFileSync(saved);
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/backprop.js'), 'train', '--data', 'xor', '--epochs', '1000000', '--print-every', '1', '--save', saved], { env: { ...process.env, FORCE_COLOR: '0' } });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
  const code = await new Promise<number | null>((resolve) => {
    child.stdout.on('data', (b: Buffer) => { if (/epoch\s+2\//.test(b.toString())) child.kill('SIGINT'); });
    child.on('close', (c) => resolve(c));
  });
  assert.equal(code, 130, stderr);
  assert.match(stderr, /^backprop: interrupted \(Ctrl-C\) after epoch \d+ of 1000000; no file was written \(.*kept\.json is as it was\)\n$/);
  assert.deepEqual(readFileSync(saved), before);
  assert.deepEqual(readdirSync(dir), ['kept.json'], 'no temporary file left');
});

test('an empty value of any option or argument is refused naming it (--host "" served on every address, --dir "" downloaded into the current folder)', () => {
  const empty = (args: string[], flag: string) => usageError(backprop(args, { timeout: 10_000 }), new RegExp(`^backprop: error: ${flag}: the value is empty; expected ${flag} <\\w+>$`, 'm'));
  empty(['playground', '--no-open', '--host', ''], '--host');
  empty(['datasets', 'fetch', 'mnist', '--dir', ' '], '--dir');
  empty(['train', '--data', ''], '--data');
  empty(['train', '--data=', '--epochs', '1'], '--data');
  empty(['train', '--data', 'xor', '--layers', ''], '--layers');
  empty(['evaluate', '--model', '', '--data', 'xor'], '--model');
  usageError(backprop(['import', '', '--out', path.join(tempDir(), 'm.json')]), /the argument <file> is empty; expected import <file>/);
});

test('control characters from a file (an escape sequence in a CSV cell or column name) are shown escaped in the one error line, never sent to the terminal', () => {
  const dir = tempDir();
  const cell = path.join(dir, 'cell.csv');
  writeFileSync(cell, 'a,b,y\n1,\x1b[2J,0\n3,4,1\n');
  const r = backprop(['train', '--data', cell, '--test-split', '0']);
  usageError(r, /cell\.csv, line 2, column 'b': '\\u001b\[2J' is not a number$/);
  const column = path.join(dir, 'column.csv');
  writeFileSync(column, 'a,b,\x1b]0;title\x07y\n1,2,0\n3,4,1\n');
  const c = backprop(['train', '--data', column, '--target', 'zz']);
  usageError(c, /the columns are: a, b, \\u001b\]0;title\\u0007y$/);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what must not reach the terminal
  for (const out of [r, c]) assert.ok(!/[\x00-\x08\x0b-\x1f\x7f]/.test(out.stderr), JSON.stringify(out.stderr));
});

test('JSON files are read one way: binary data (an ONNX model as --model or --space) is named as such, a byte-order mark or UTF-16 is read, a folder as --space is named', () => {
  const dir = tempDir();
  const onnx = path.join(dir, 'm.onnx');
  writeFileSync(onnx, Buffer.from([0x08, 0x08, 0x12, 0x08, 0x62, 0x61, 0x63, 0x6b, 0x00, 0x01]));
  usageError(backprop(['inspect', '--model', onnx]), /m\.onnx: not a JSON text file: it holds binary data \(the byte 0x08 at offset 0\); it looks like an ONNX model, which backprop import reads$/);
  usageError(backprop(['tune', '--data', 'xor', '--space', onnx]), /--space .*m\.onnx: not a JSON text file/);
  usageError(backprop(['tune', '--data', 'xor', '--space', dir]), /--space: .* is a folder, not a file$/);
  const doc = readFileSync(model(dir, 'plain.json'), 'utf8');
  const utf16 = path.join(dir, 'utf16.json');
  writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(doc, 'utf16le')])); // PowerShell's Out-File
  const bom = path.join(dir, 'bom.json');
  writeFileSync(bom, '\ufeff' + doc); // Notepad's UTF-8
  for (const file of [utf16, bom]) assert.equal(backprop(['inspect', '--model', file]).code, 0, file);
  const latin1 = path.join(dir, 'latin1.json');
  writeFileSync(latin1, Buffer.from(doc.replace('"binary"', '"binary", "classes": ["caf\xe9", "b"]'), 'latin1'));
  usageError(backprop(['inspect', '--model', latin1]), /latin1\.json: not UTF-8 text \(save it as UTF-8\)$/);
});

test('an option that has no effect in the run is named in a warning line (inspect --examples without --backward, --min-delta without --early-stopping, ... were dropped, silently)', () => {
  const dir = tempDir();
  const m = model(dir, 'm.json');
  const warned = (args: string[], warnings: RegExp[]) => {
    const r = backprop(args);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stderr.trim() === '' ? [] : r.stderr.trim().split('\n');
    assert.equal(lines.length, warnings.length, r.stderr);
    warnings.forEach((w, i) => assert.match(lines[i]!, w));
  };
  warned(['inspect', '--model', m, '--example', '2', '--examples', '3', '--lr', '0.1'], [
    /^backprop: warning: --example ignored: it picks an example of --data, which is not given$/,
    /^backprop: warning: --examples ignored: it is the batch of --backward, which is not given$/,
    /^backprop: warning: --lr ignored: it is the step of --backward, which is not given$/]);
  warned(['train', '--data', 'xor', '--epochs', '1', '--min-delta', '0.1', '--record-every', '2', '--validation-split', '0.3'], [
    /^backprop: warning: --min-delta ignored: it is for --early-stopping, which is not given$/,
    /^backprop: warning: --record-every ignored: the costs it records are drawn by --plot or printed by --json, and neither is given$/,
    /^backprop: warning: --validation-split ignored: it holds out validation data for --early-stopping, which is not given$/]);
  warned(['train', '--data', 'xor', '--epochs', '1', '--json', '--print-every', '2', '--test', 'xor', '--test-split', '0.3'], [
    /^backprop: warning: --print-every ignored: --json prints no progress$/, /^backprop: warning: --test-split ignored: a test set is given$/]);
  // the one of --header / --no-header that was typed is named (--header was called --no-header)
  warned(['train', '--data', 'xor', '--epochs', '1', '--header'], [/^backprop: warning: --header ignored: xor is read as a built-in set$/]);
  warned(['--threads', '2', '--backend', 'js', 'train', '--data', 'xor', '--epochs', '1'], [/^backprop: warning: --threads ignored: the js backend runs on one thread/]);
  // used, so not named
  warned(['train', '--data', 'xor', '--epochs', '1', '--early-stopping', '3', '--min-delta', '0.1', '--validation-split', '0.3', '--test-split', '0.3'], []);
  // a bad value is one error, not a warning that it is ignored followed by an error about it
  usageError(backprop(['train', '--data', 'xor', '--record-every', '0']), /--record-every must be a whole number >= 1/);
  usageError(backprop(['train', '--data', 'xor', '--max-classes', '1']), /--max-classes must be a whole number >= 2/);
});

test('train --save with its output piped to a reader that stops (| head -1) still saves the model; it exited 0 at the first line, saving nothing', async () => {
  const saved = path.join(tempDir(), 'piped.json');
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/backprop.js'), 'train', '--data', 'xor', '--epochs', '300', '--print-every', '1', '--save', saved], { env: { ...process.env, FORCE_COLOR: '0' } });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
  const code = await new Promise<number | null>((resolve) => {
    child.stdout.once('data', () => child.stdout.destroy()); // the reader is gone: the next writes fail with EPIPE
    child.on('close', (c) => resolve(c));
  });
  assert.equal(code, 0, stderr);
  assert.equal(stderr, '');
  assert.match(readFileSync(saved, 'utf8'), /"format":"backprop-model"/);
});

test('an option typed twice with two values warns which one is used; --header with --no-header is refused (the last of either won, silently)', () => {
  const r = backprop(['train', '--data', 'xor', '--epochs', '500', '--test-split', '0', '--epochs=1', '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "backprop: warning: --epochs given 2 times ('500', '1'): the last, '1', is used\n");
  assert.equal(JSON.parse(r.stdout).history.length, 1);
  const csv = path.join(tempDir(), 'ab.csv');
  writeFileSync(csv, 'a,b,y\n1,2,0\n3,4,1\n');
  usageError(backprop(['train', '--data', csv, '--no-header', '--header']), /--header and --no-header contradict each other: give one of them$/);
  const same = backprop(['train', '--data', 'xor', '--epochs', '1', '--epochs', '1', '--json', '--json']);
  assert.equal(same.stderr, '', 'the same value twice says nothing');
});

test('gradcheck --epsilon that makes the check unable to fail (1e-30) or no derivative (1e308) is refused naming the flag (it said "gradients agree", exit 0)', () => {
  usageError(backprop(['gradcheck', '--epsilon', '1e-30']), /^backprop: error: --epsilon 1e-30 is below 1e-12: .* every check would agree/);
  usageError(backprop(['gradcheck', '--epsilon', '1e308']), /^backprop: error: --epsilon 1e\+308 is above 1/);
});

test('demo has the bounds train has: --hidden, --epochs and --seed beyond them are refused up front (1e8 units failed on an allocation after the header, 1e15 epochs ran for years)', () => {
  usageError(backprop(['demo', '--hidden', '100000000', '--epochs', '1']), /^backprop: error: --hidden must be <= 100000, got '100000000'$/);
  usageError(backprop(['demo', '--epochs', '1e15']), /^backprop: error: --epochs must be <= 10000000, got '1e15'$/);
  usageError(backprop(['demo', '--seed', '1e15', '--epochs', '1']), /^backprop: error: --seed must be <= 4294967294/);
});
