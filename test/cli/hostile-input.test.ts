// The command line against hostile input, second round (issue 12): special files, huge or
// compressed-bomb inputs, saves onto devices or onto inputs, unseen categories, text that is not
// UTF-8, manifests that name files outside the model's folder. Each one line, exit 2, nothing lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { backprop, tempDir, usageError } from '../helpers/cli.js';

const isRoot = process.getuid?.() === 0;
const notRoot = 'needs root (mknod)';
/** Spawned commands that would hang on a FIFO fail by this deadline instead. */
const HANG = { timeout: 60_000 };


const dir = tempDir('backprop-hostile-');
const points = path.join(dir, 'points.csv');
writeFileSync(points, 'x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n0.1,0.2,0\n0.9,0.1,1\n');

function trainModel(data: string, name: string, extra: string[] = []): string {
  const model = path.join(dir, name);
  const r = backprop(['train', '--data', data, '--epochs', '2', '--save', model, ...extra]);
  assert.equal(r.code, 0, r.stderr);
  return model;
}

test('a character device as --data or --test is refused by name, without reading it', () => {
  usageError(backprop(['train', '--data', '/dev/zero', '--epochs', '1'], HANG), /\/dev\/zero: is a character device/);
  usageError(backprop(['train', '--data', points, '--test', '/dev/urandom', '--epochs', '1'], HANG), /\/dev\/urandom: is a character device/);
});

test('a FIFO as --data or --model is refused without opening it (opening would wait for a writer)', () => {
  const fifo = path.join(dir, 'pipe.csv');
  execFileSync('mkfifo', [fifo]);
  usageError(backprop(['train', '--data', fifo, '--epochs', '1'], HANG), /pipe\.csv: is a named pipe \(FIFO\)/);
  usageError(backprop(['predict', '--model', fifo, '--data', points], HANG), /pipe\.csv: is a named pipe \(FIFO\)/);
});

test('a gzip bomb stops at the decompressed-size limit, which the message names with how to raise it', () => {
  const bomb = path.join(dir, 'bomb.csv.gz');
  writeFileSync(bomb, gzipSync(Buffer.alloc(64 * 2 ** 20, 0x30))); // 64 MiB of '0' in about 64 KB
  assert.ok(statSync(bomb).size < 2 ** 20);
  const r = backprop(['train', '--data', bomb, '--epochs', '1'], { env: { BACKPROP_MAX_INPUT_BYTES: '16M' } });
  usageError(r, /bomb\.csv\.gz: decompresses to more than input data may be \(the limit is 16 MiB; raise it with the environment variable BACKPROP_MAX_INPUT_BYTES/);
  usageError(backprop(['train', '--data', points], { env: { BACKPROP_MAX_INPUT_BYTES: 'lots' } }), /BACKPROP_MAX_INPUT_BYTES must be a size/);
});

test('a sparse file larger than the limit is refused from its size, before it is read', () => {
  const sparse = path.join(dir, 'sparse.csv');
  execFileSync('truncate', ['-s', '3G', sparse]);
  usageError(backprop(['train', '--data', sparse, '--epochs', '1'], HANG), /sparse\.csv: the file is 3 GiB, more than input files may be \(the limit is 256 MiB/);
});

test('a target with more distinct values than --max-classes allows is refused before training, naming the cause', () => {
  const many = path.join(dir, 'many-labels.csv');
  writeFileSync(many, 'x,label\n' + Array.from({ length: 1500 }, (_, i) => `${i % 7},name${i}`).join('\n') + '\n');
  usageError(backprop(['train', '--data', many, '--epochs', '1']), /target column 'label' has 1500 different values, more than the 1000 classes allowed \(an identifier or free text\?.*--max-classes/);
  usageError(backprop(['train', '--data', points, '--epochs', '1', '--max-classes', '1']), /--max-classes must be a whole number >= 2/);
});

test('--save and predict --out onto a character device are refused before training; the device stays', { skip: isRoot ? false : notRoot }, () => {
  const devNull = path.join(dir, 'null-copy.json');
  const devFull = path.join(dir, 'full-copy.json');
  execFileSync('mknod', [devNull, 'c', '1', '3']);
  execFileSync('mknod', [devFull, 'c', '1', '7']);
  usageError(backprop(['train', '--data', points, '--epochs', '1', '--save', devNull]), /--save: cannot write .*null-copy\.json: it is a character device, not a regular file/);
  usageError(backprop(['train', '--data', points, '--epochs', '1', '--save', devFull]), /full-copy\.json: it is a character device/);
  const model = trainModel(points, 'for-device.json');
  usageError(backprop(['predict', '--model', model, '--data', points, '--out', devNull]), /--out: cannot write .*null-copy\.json: it is a character device/);
  assert.ok(statSync(devNull).isCharacterDevice() && statSync(devFull).isCharacterDevice());
});

test('a FIFO or a dangling link as --save is refused; a link to a regular file is followed and kept', () => {
  const fifo = path.join(dir, 'save-pipe.json');
  execFileSync('mkfifo', [fifo]);
  usageError(backprop(['train', '--data', points, '--epochs', '1', '--save', fifo], HANG), /save-pipe\.json: it is a named pipe \(FIFO\), not a regular file/);
  const dangling = path.join(dir, 'dangling.json');
  symlinkSync(path.join(dir, 'nowhere', 'x.json'), dangling);
  usageError(backprop(['train', '--data', points, '--epochs', '1', '--save', dangling]), /dangling\.json: it is a symbolic link to a file that does not exist; not writing through it/);
  const real = path.join(dir, 'real-model.json');
  writeFileSync(real, '{"format":"backprop-model","version":1}'); // an old model (a file of another kind is not replaced: hostile-input5)
  const link = path.join(dir, 'link-model.json');
  symlinkSync(real, link);
  trainModel(points, 'link-model.json');
  assert.ok(lstatSync(link).isSymbolicLink(), 'the link is kept');
  assert.match(readFileSync(real, 'utf8'), /"format":"backprop-model"/, 'the file it points to is the new model');
});

test('a save removes the temporary files that dead processes left in its folder, and only those', () => {
  const folder = path.join(dir, 'stale');
  mkdirSync(folder);
  const dead = spawnSync(process.execPath, ['-e', '0']).pid!; // a process that has exited
  const stale = [`.m.json.backprop-tmp-${dead}`, `.m.json.${dead}.1700000000000.tmp`];
  const live = `.other.json.backprop-tmp-${process.pid}`;
  for (const f of [...stale, live, '.not-ours.tmp']) writeFileSync(path.join(folder, f), 'x'.repeat(1000));
  trainModel(points, 'stale/m.json');
  assert.deepEqual(readdirSync(folder).sort(), [live, '.not-ours.tmp', 'm.json'].sort());
});

test('export --format tfjs into the folder of its input model is refused; the model is unchanged', () => {
  const folder = path.join(dir, 'exp');
  mkdirSync(folder);
  const model = trainModel(points, 'exp/model.json');
  const before = readFileSync(model, 'utf8');
  usageError(backprop(['export', '--model', model, '--format', 'tfjs', '--out', folder]), /--out .*exp: that is an input of this command \(it would write .*model\.json\)/);
  symlinkSync(folder, path.join(dir, 'exp-link'));
  usageError(backprop(['export', '--model', model, '--format', 'tfjs', '--out', path.join(dir, 'exp-link')]), /that is an input of this command/);
  assert.equal(readFileSync(model, 'utf8'), before);
  // onto a hard link of the input: the same file under another name
  execFileSync('ln', [model, path.join(dir, 'hard.onnx')]);
  usageError(backprop(['export', '--model', model, '--out', path.join(dir, 'hard.onnx')]), /hard\.onnx: that is an input of this command/);
  assert.equal(readFileSync(model, 'utf8'), before);
});

test('import refuses a TF.js manifest naming a file outside the model folder (.., absolute, a link out)', () => {
  const folder = path.join(dir, 'tfjs-evil');
  mkdirSync(folder);
  const model = trainModel(points, 'for-tfjs.json');
  const exported = path.join(dir, 'tfjs-good');
  assert.equal(backprop(['export', '--model', model, '--format', 'tfjs', '--out', exported]).code, 0);
  const doc = JSON.parse(readFileSync(path.join(exported, 'model.json'), 'utf8'));
  const variant = (name: string, weightPath: string) => {
    doc.weightsManifest[0].paths = [weightPath];
    const file = path.join(folder, name);
    writeFileSync(file, JSON.stringify(doc));
    return file;
  };
  usageError(backprop(['import', variant('up.json', '../../../../etc/passwd'), '--out', path.join(dir, 'i1.json')]), /up\.json: the weights manifest names "\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd", which goes up out of the model's folder/);
  usageError(backprop(['import', variant('abs.json', '/etc/passwd'), '--out', path.join(dir, 'i2.json')]), /which is not a file name relative to model\.json/);
  symlinkSync('/etc/passwd', path.join(folder, 'weights.bin'));
  usageError(backprop(['import', variant('link.json', 'weights.bin'), '--out', path.join(dir, 'i3.json')]), /which is a link to \/etc\/passwd, outside the model's folder/);
  // an import never writes over a weight file it read, whatever the manifest calls it
  const own = path.join(dir, 'own');
  mkdirSync(own);
  const weights = readFileSync(path.join(exported, 'weights.bin'));
  writeFileSync(path.join(own, 'w.json'), weights);
  doc.weightsManifest[0].paths = ['w.json'];
  writeFileSync(path.join(own, 'model.json'), JSON.stringify(doc));
  usageError(backprop(['import', path.join(own, 'model.json'), '--out', path.join(own, 'w.json')]), /--out .*w\.json: that is an input of this command/);
  assert.deepEqual(readFileSync(path.join(own, 'w.json')), weights, 'the weight file is untouched');
});

test('predict: an unseen one-hot category is an error naming file, line, column and value; --handle-unknown ignore counts it', () => {
  const train = path.join(dir, 'colours.csv');
  writeFileSync(train, 'size,colour,y\n' + Array.from({ length: 12 }, (_, i) => `${i},${i % 2 ? 'red' : 'blue'},${i % 2}`).join('\n') + '\n');
  const model = trainModel(train, 'colours.json', ['--one-hot', 'colour']);
  const pred = path.join(dir, 'colours-new.csv');
  writeFileSync(pred, 'size,colour\n3,red\n4,green\n5,green\n');
  usageError(backprop(['predict', '--model', model, '--data', pred]), /colours-new\.csv, line 3, column 'colour': category 'green' was not in the training data \(known: 'blue', 'red'\); .*--handle-unknown ignore/);
  const labelled = path.join(dir, 'colours-labelled.csv');
  writeFileSync(labelled, 'size,colour,y\n3,green,1\n');
  usageError(backprop(['evaluate', '--model', model, '--data', labelled]), /colours-labelled\.csv, line 2, column 'colour': category 'green' was not/);
  const r = backprop(['predict', '--model', model, '--data', pred, '--handle-unknown', 'ignore']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim().split('\n').length, 4);
  assert.match(r.stderr, /^backprop: warning: .*colours-new\.csv: 2 cells held a category not seen in training, encoded as all zeros/m);
  usageError(backprop(['predict', '--model', model, '--data', pred, '--handle-unknown', 'zeros']), /--handle-unknown must be one of error, ignore, got 'zeros'/);
});

test('Windows-1252 labels are not merged: invalid UTF-8 is an error with its line; --encoding latin1 reads them', () => {
  const file = path.join(dir, 'accents.csv');
  const rows = Array.from({ length: 12 }, (_, i) => Buffer.concat([Buffer.from(`${i},`), [Buffer.from([0x78, 0xe9]), Buffer.from([0x78, 0xe8]), Buffer.from('z')][i % 3]!, Buffer.from('\n')]));
  writeFileSync(file, Buffer.concat([Buffer.from('x,label\n'), ...rows]));
  usageError(backprop(['train', '--data', file, '--epochs', '1']), /accents\.csv, line 2, character 4: the byte 0xe9 is not UTF-8 text; .*--encoding latin1/);
  const model = path.join(dir, 'accents.json');
  const r = backprop(['train', '--data', file, '--epochs', '1', '--encoding', 'latin1', '--save', model]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(readFileSync(model, 'utf8')).classes, ['xè', 'xé', 'z']);
});

test('an image larger than the pixel limit is refused before decoding, naming the limit and how to raise it', () => {
  // a model of 2 x 2 RGB images
  const model = path.join(dir, 'for-image.json');
  writeFileSync(model, JSON.stringify({ format: 'backprop-model', version: 1, inputSize: 12, task: 'binary', layers: [{ units: 1, activation: 'sigmoid', W: [new Array(12).fill(0.1)], b: [0] }] }));
  const png = new PNG({ width: 100, height: 100 });
  const file = path.join(dir, 'big.png');
  writeFileSync(file, PNG.sync.write(png));
  usageError(backprop(['predict', '--model', model, '--data', file], { env: { BACKPROP_MAX_IMAGE_PIXELS: '5000' } }), /big\.png: 100 x 100 pixels is too large to decode: the limit is 0\.005 million pixels; raise it with the environment variable BACKPROP_MAX_IMAGE_PIXELS/);
});

test('paths that cannot be read: a dangling link, a link loop, a parent that is a file, a name with a newline', () => {
  symlinkSync(path.join(dir, 'gone.csv'), path.join(dir, 'broken.csv'));
  usageError(backprop(['train', '--data', path.join(dir, 'broken.csv')]), /broken\.csv: a symbolic link to .*gone\.csv, which does not exist/);
  symlinkSync(path.join(dir, 'loop-b.csv'), path.join(dir, 'loop-a.csv'));
  symlinkSync(path.join(dir, 'loop-a.csv'), path.join(dir, 'loop-b.csv'));
  usageError(backprop(['train', '--data', path.join(dir, 'loop-a.csv')]), /loop-a\.csv: too many levels of symbolic links/);
  usageError(backprop(['train', '--data', path.join(points, 'x.csv')]), /points\.csv\/x\.csv: a part of the path is a file, not a folder/);
  usageError(backprop(['predict', '--model', path.join(points, 'm.json'), '--data', points]), /a part of the path is a file, not a folder/);
  usageError(backprop(['train', '--data', path.join(dir, 'two\nlines.csv')]), /file not found: ".*two\\nlines\.csv"/);
});
