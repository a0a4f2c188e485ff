import { Model } from '../../src/model/model.js';
// The command line as a user runs it: commands, files, exit codes and error messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, existsSync, statSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { backprop, tempDir, hasSharedData, sharedMissing, SHARED_DATA, ROOT } from '../helpers/cli.js';
import { loadModel, Matrix } from '../../src/node.js';
import { float32Text } from '../../src/util/number-text.js';

const oneLineError = (stderr: string, pattern: RegExp) => {
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, `expected one line, got:\n${stderr}`);
  assert.match(lines[0]!, /^backprop: error: /);
  assert.match(lines[0]!, pattern);
  assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
};

test('`backprop` alone trains the demo network and prints cost and accuracies', () => {
  const r = backprop([]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /cost after iteration     0: 0\.693048/);
  assert.match(r.stdout, /train accuracy: (8|9)\d\.\d\d%/);
  assert.match(r.stdout, /test accuracy: +(8|9)\d\.\d\d%/);
});

test('--help on every command', () => {
  for (const c of [[], ['train'], ['evaluate'], ['predict'], ['gradcheck'], ['datasets'], ['demo']]) {
    const r = backprop([...c, '--help']);
    assert.equal(r.code, 0, `${c} --help: ${r.stderr}`);
    assert.match(r.stdout, /Usage: backprop/);
  }
});

test('--version and -V print the version in package.json, exit 0', () => {
  const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  for (const flag of ['--version', '-V']) {
    const r = backprop([flag]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), version);
  }
});

function writeCsv(dir: string): string {
  const lines = ['age,"colour",score,label'];
  for (let i = 0; i < 120; i++) {
    const age = 20 + (i % 40);
    const colour = ['red', 'green', 'blue'][i % 3];
    const score = (i * 37) % 100;
    const label = score + (colour === 'red' ? 30 : 0) > 60 ? 'yes' : 'no';
    lines.push(`${age},"${colour}",${score},${label}`);
  }
  const file = path.join(dir, 'people.csv');
  writeFileSync(file, '\uFEFF' + lines.join('\r\n') + '\r\n');
  return file;
}

test('train on a CSV with a text column, save, evaluate, predict; reloaded models predict bit-identically', () => {
  const dir = tempDir();
  const csv = writeCsv(dir);
  const model = path.join(dir, 'model.json');
  const r = backprop(['train', '--data', csv, '--target', 'label', '--one-hot', 'colour', '--standardize', '--layers', '8',
    '--optimizer', 'adam', '--lr', '0.05', '--epochs', '150', '--save', model, '--json', '--plot', path.join(dir, 'cost.svg')]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.ok(out.train.accuracy > 0.9, `train accuracy ${out.train.accuracy}`);
  assert.equal(out.history.length, 150);
  assert.equal(out.model, model);
  assert.deepEqual(Object.keys(out.test.perClassAccuracy), ['no', 'yes']);
  assert.match(readFileSync(path.join(dir, 'cost.svg'), 'utf8'), /^<svg/);
  const json = JSON.parse(readFileSync(model, 'utf8'));
  assert.equal(json.format, 'backprop-model');
  assert.equal(json.inputSize, 5); // age, 3 colours, score
  assert.deepEqual(json.classes, ['no', 'yes']);

  const ev = backprop(['evaluate', '--model', model, '--data', csv, '--json']);
  assert.equal(ev.code, 0, ev.stderr);
  const e = JSON.parse(ev.stdout);
  for (const k of ['loss', 'accuracy', 'perClassAccuracy', 'confusionMatrix', 'precision', 'recall', 'f1']) assert.ok(k in e, k);
  assert.equal(e.confusionMatrix.flat().reduce((a: number, b: number) => a + b, 0), 120);
  const text = backprop(['evaluate', '--model', model, '--data', csv]);
  assert.match(text.stdout, /confusion matrix \(rows: true class, columns: predicted\)/);

  const preds = path.join(dir, 'preds.csv');
  const p = backprop(['predict', '--model', model, '--data', csv, '--proba', '--out', preds]);
  assert.equal(p.code, 0, p.stderr);
  const rows = readFileSync(preds, 'utf8').trim().split('\n');
  assert.equal(rows[0], 'prediction,p_no,p_yes');
  assert.equal(rows.length, 121);
  // a predict file without the label column
  const noLabel = path.join(dir, 'new.csv');
  writeFileSync(noLabel, 'age,colour,score\n30,red,50\n41,purple,10\n');
  // an unseen category is an error by default (as scikit-learn's OneHotEncoder), all zeros when asked
  const refused = backprop(['predict', '--model', model, '--data', noLabel]);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /new\.csv, line 3, column 'colour': category 'purple' was not in the training data/);
  const p2 = backprop(['predict', '--model', model, '--data', noLabel, '--handle-unknown', 'ignore']);
  assert.equal(p2.code, 0, p2.stderr);
  assert.equal(p2.stdout.trim().split('\n').length, 3);
});

test('a saved and reloaded model predicts bit-identically', async () => {
  const dir = tempDir();
  const model = path.join(dir, 'm.json');
  const r = backprop(['train', '--data', 'spiral3', '--layers', '12,6', '--activation', 'elu', '--optimizer', 'adam', '--lr', '0.01', '--epochs', '30', '--save', model]);
  assert.equal(r.code, 0, r.stderr);
  const { net } = await loadModel(model);
  const X = Matrix.from([[0.1, -0.5, 0.33], [0.7, 0.2, -0.9]]);
  const once = net.predictProba(X).data.slice();
  const saved = path.join(dir, 'm2.json');
  const { saveModel } = await import('../../src/node.js');
  await saveModel(saved, Model.fromNetwork(net, { task: 'multiclass', classes: ['0', '1', '2'] }));
  const again = (await loadModel(saved)).net.predictProba(X).data;
  assert.deepEqual(Array.from(again), Array.from(once));
});

test('a diverging run exits 1 with one line, and does not overwrite a good model', () => {
  const dir = tempDir();
  const model = path.join(dir, 'good.json');
  assert.equal(backprop(['train', '--data', 'plane', '--layers', 'none', '--epochs', '5', '--save', model]).code, 0);
  const before = readFileSync(model, 'utf8');
  const r = backprop(['train', '--data', 'plane', '--layers', '32,32', '--lr', '1e6', '--epochs', '50', '--save', model]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /diverged at epoch \d+.*smaller learning rate/);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
  assert.equal(readFileSync(model, 'utf8'), before);
  assert.deepEqual(readdirSync(dir), ['good.json'], 'no temporary files left');
});

test('bad input: one clear line, exit code 2', () => {
  const dir = tempDir();
  const csv = writeCsv(dir);
  oneLineError(backprop(['train', '--data', path.join(dir, 'missing.csv')]).stderr, /file not found: .*missing\.csv/);
  let r = backprop(['train', '--data', csv, '--target', 'label']);
  assert.equal(r.code, 2);
  oneLineError(r.stderr, /colour.*--one-hot/);
  r = backprop(['train', '--data', csv, '--target', 'nope']);
  assert.equal(r.code, 2);
  oneLineError(r.stderr, /nope/);
  const holes = path.join(dir, 'holes.csv');
  writeFileSync(holes, 'a,b,y\n1,2,0\n3,,1\n4,5,0\n');
  r = backprop(['train', '--data', holes]);
  assert.equal(r.code, 2);
  oneLineError(r.stderr, /holes\.csv.*line 3.*b/);
  const ragged = path.join(dir, 'ragged.csv');
  writeFileSync(ragged, 'a,b,y\n1,2,0\n3,4\n');
  assert.equal(backprop(['train', '--data', ragged]).code, 2);
  for (const args of [['--lr', '-1'], ['--epochs', '-1'], ['--layers', '3,x'], ['--activation', 'swish'], ['--optimizer', 'lbfgs'], ['--dropout', '1.5'], ['--plot', 'c.gif'], ['--test-split', '2']]) {
    r = backprop(['train', '--data', 'xor', ...args]);
    assert.equal(r.code, 2, `${args}: ${r.stderr}`);
    oneLineError(r.stderr, new RegExp(args[0]!.replace(/-/g, '\\-')));
  }
  r = backprop(['evaluate', '--model', csv, '--data', csv]);
  assert.equal(r.code, 2);
  oneLineError(r.stderr, /not a JSON document: it begins '.*', which looks like a line of CSV data$/);
  const bad = path.join(dir, 'bad-model.json');
  writeFileSync(bad, JSON.stringify({ format: 'backprop-model', version: 1, inputSize: 2, task: 'binary', layers: [{ units: 1, activation: 'sigmoid', W: [[1, 2, 3]], b: [0] }] }));
  r = backprop(['predict', '--model', bad, '--data', 'xor']);
  assert.equal(r.code, 2);
  oneLineError(r.stderr, /layer 1: field "W" row 1 must have 2 numbers/);
});

test('a hand-written model file with only the required fields loads and predicts', () => {
  const dir = tempDir();
  const file = path.join(dir, 'hand.json');
  writeFileSync(file, JSON.stringify({
    format: 'backprop-model', version: 1, inputSize: 2, task: 'binary', classes: ['out', 'in'],
    layers: [{ units: 1, activation: 'sigmoid', W: [[1, 1]], b: [0] }],
  }));
  const data = path.join(dir, 'pts.csv');
  writeFileSync(data, 'x1,x2\n1,1\n-1,-2\n');
  const r = backprop(['predict', '--model', file, '--data', data, '--proba']);
  assert.equal(r.code, 0, r.stderr);
  const s = (z: number) => Math.fround(1 / (1 + Math.exp(-z))); // float32 model, as the file has no dtype
  // each probability written as the float32 it is: the shortest decimal that reads back as it
  const t = float32Text;
  assert.deepEqual(r.stdout.trim().split('\n'), ['prediction,p_out,p_in', `in,${t(1 - s(2))},${t(s(2))}`, `out,${t(1 - s(-3))},${t(s(-3))}`]);
});

test('gradcheck passes on the built-in network and on a saved model', () => {
  let r = backprop(['gradcheck', '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(JSON.parse(r.stdout).maxRelativeError < 1e-7);
  r = backprop(['gradcheck', '--data', 'spiral3', '--l2', '0.3']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /gradients agree: backprop is correct here/);
});

test('decision boundary and cost curve as PNG for 2-D data', () => {
  const dir = tempDir();
  const r = backprop(['train', '--data', 'circle', '--layers', '8', '--activation', 'tanh', '--optimizer', 'adam', '--lr', '0.03', '--epochs', '100',
    '--plot', path.join(dir, 'cost.png'), '--plot-boundary', path.join(dir, 'boundary.png')]);
  assert.equal(r.code, 0, r.stderr);
  for (const f of ['cost.png', 'boundary.png']) {
    const png = PNG.sync.read(readFileSync(path.join(dir, f)));
    assert.ok(png.width > 300 && png.height > 300, `${f} ${png.width}x${png.height}`);
  }
  assert.equal(backprop(['train', '--data', 'circle', '--epochs', '2', '--plot-boundary', path.join(dir, 'b.png'), '--task', 'auto', '--layers', 'none']).code, 0);
});

test('image folders: train, then predict the class of one image file', () => {
  const dir = tempDir();
  const root = path.join(dir, 'shapes');
  for (const [cls, bright] of [['dark', 30], ['light', 220]] as const) {
    mkdirSync(path.join(root, cls), { recursive: true });
    for (let i = 0; i < 12; i++) {
      const png = new PNG({ width: 16, height: 12 });
      for (let k = 0; k < png.data.length; k += 4) {
        const v = Math.max(0, Math.min(255, bright + ((k * 7 + i * 13) % 40) - 20));
        png.data[k] = v; png.data[k + 1] = v; png.data[k + 2] = v; png.data[k + 3] = 255;
      }
      writeFileSync(path.join(root, cls, `${i}.png`), PNG.sync.write(png));
    }
  }
  const model = path.join(dir, 'img.json');
  let r = backprop(['train', '--data', root, '--image-size', '8x8', '--layers', 'none', '--lr', '0.1', '--epochs', '50', '--test-split', '0.25', '--save', model]);
  assert.equal(r.code, 0, r.stderr);
  r = backprop(['predict', '--model', model, '--data', path.join(root, 'light', '3.png')]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /3\.png: light \(probability 0\.\d+\)/);
});

test("image folders of one size are read at it, grey files as one level per pixel: train, then predict a colour picture (it was 64 x 64 x 3)", () => {
  const dir = tempDir();
  const root = path.join(dir, 'digits');
  for (const [cls, bright] of [['dark', 30], ['light', 220]] as const) {
    mkdirSync(path.join(root, cls), { recursive: true });
    for (let i = 0; i < 8; i++) {
      const png = new PNG({ width: 6, height: 4 });
      for (let k = 0; k < png.data.length; k += 4) png.data.fill(Math.min(255, bright + ((k + i) % 9)), k, k + 3), png.data[k + 3] = 255;
      writeFileSync(path.join(root, cls, `${i}.png`), PNG.sync.write(png, { colorType: 0 }));
    }
  }
  const model = path.join(dir, 'grey.json');
  let r = backprop(['train', '--data', root, '--layers', 'none', '--lr', '0.5', '--epochs', '30', '--test-split', '0.25', '--save', model]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^backprop: 24-1\(sigmoid\)/m); // 6 x 4 pixels, one grey level each
  assert.match(backprop(['inspect', '--model', model]).stdout, /preprocessing: data read as images of 6 x 4 pixels, one grey level each/);
  const photo = new PNG({ width: 30, height: 20 });
  for (let k = 0; k < photo.data.length; k += 4) photo.data.set([250, 210, 230, 255], k);
  writeFileSync(path.join(dir, 'photo.png'), PNG.sync.write(photo));
  r = backprop(['predict', '--model', model, '--data', path.join(dir, 'photo.png')]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /photo\.png: light \(probability 0\.\d+\)/);
  r = backprop(['train', '--data', root, '--channels', '3', '--image-size', '3x2', '--layers', 'none', '--epochs', '1']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^backprop: 18-1\(sigmoid\)/m);
  r = backprop(['train', '--data', root, '--channels', '2', '--epochs', '1']);
  assert.equal(r.code, 2);
  oneLineError(r.stderr, /--channels/);
});

test('the UCI liver file trains with one command line', { skip: !hasSharedData && sharedMissing }, () => {
  const r = backprop(['train', '--data', path.join(SHARED_DATA, 'ilpd.csv'), '--no-header', '--one-hot', 'auto', '--missing', 'mean',
    '--standardize', '--layers', '8', '--optimizer', 'adam', '--lr', '0.01', '--epochs', '200', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.train.classes, ['1', '2']);
  assert.ok(out.test.accuracy > 0.65, `test accuracy ${out.test.accuracy}`);
  const drop = backprop(['train', '--data', path.join(SHARED_DATA, 'ilpd.csv'), '--no-header', '--one-hot', '2', '--missing', 'drop', '--epochs', '3', '--json']);
  assert.equal(drop.code, 0, drop.stderr);
  const noPolicy = backprop(['train', '--data', path.join(SHARED_DATA, 'ilpd.csv'), '--no-header', '--one-hot', 'auto']);
  assert.equal(noPolicy.code, 2);
  oneLineError(noPolicy.stderr, /ilpd\.csv.*line 210.*column '?10'?.*--missing/);
  void existsSync; void statSync;
});

test("gradcheck on the issue's trained flower model: ε, the formula, dW[1] naming, the worst pairs, and exit 0 on tiny, correct gradients", () => {
  const dir = tempDir();
  const model = path.join(dir, 'small.json');
  let r = backprop(['train', '--data', 'flower', '--layers', '4', '--activation', 'tanh', '--init', 'normal', '--seed', '2', '--epochs', '100', '--save', model]);
  assert.equal(r.code, 0, r.stderr);
  for (const order of ['2', '4']) {
    r = backprop(['gradcheck', '--model', model, '--data', 'flower', '--examples', '400', '--sample', '1000', '--order', order]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, order === '2' ? /g̃ = \(J\(θ\+ε\) - J\(θ-ε\)\) \/ 2ε, order 2, ε = 1e-07/ : /order 4, ε = 0\.0001/);
    assert.match(r.stdout, /‖g - g̃‖₂ \/ \(‖g‖₂ \+ ‖g̃‖₂\)/);
    assert.match(r.stdout, /^dW\[1\] +8 /m);
    assert.match(r.stdout, /^db\[1\] +4 /m);
    assert.match(r.stdout, /^d[Wb]\[\d\]\[\d,\d\] +-?\d\.\d+e-\d+ +-?\d\.\d+e-\d+ +\d\.\d+e-\d+$/m);
    assert.match(r.stdout, /gradients agree/);
    assert.doesNotMatch(r.stdout, /DISAGREE|dW1|db1/);
  }
  r = backprop(['gradcheck', '--order', '3']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--order must be one of 2, 4, got '3'/);
});

test("train's progress names epoch and iteration the course's way: epoch 501 is iteration 500, and the line agrees with history", () => {
  const args = ['train', '--data', 'flower', '--layers', '4', '--activation', 'tanh', '--init', 'normal', '--seed', '2', '--lr', '1.2', '--epochs', '501'];
  const r = backprop([...args, '--print-every', '100']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /full batch: one update per epoch; epoch e prints the cost before its update, the course's "cost after iteration e-1"/);
  const lines = [...r.stdout.matchAll(/^ +epoch +(\d+)\/501 +iteration (\d+) +cost ([\d.]+)/gm)].map((m) => [Number(m[1]), Number(m[2]), m[3]!] as const);
  assert.deepEqual(lines.map(([e, i]) => [e, i]), [[1, 0], [101, 100], [201, 200], [301, 300], [401, 400], [501, 500]]);
  const json = backprop([...args, '--json']);
  assert.equal(json.code, 0, json.stderr);
  const history = JSON.parse(json.stdout).history as { epoch: number; iteration: number; cost: number; testCost?: number }[];
  for (const [e, i, cost] of lines) {
    assert.equal(history[i]!.epoch, e);
    assert.equal(history[i]!.iteration, i);
    assert.equal(history[i]!.cost.toFixed(6), cost, `iteration ${i}`);
  }
  assert.match(r.stdout, new RegExp(`last epoch's cost ${lines.at(-1)![2]} \\(iteration 500, before its update\\)`));
  // the test cost after each epoch, in the JSON (and on --plot)
  assert.equal(history.filter((h) => typeof h.testCost === 'number').length, 501);
});

test('train --record-every draws single steps on --plot, with the test cost; mini-batch lines name their iterations', () => {
  const dir = tempDir();
  const plot = path.join(dir, 'cost.svg');
  const r = backprop(['train', '--data', 'flower', '--layers', '4', '--activation', 'tanh', '--epochs', '20', '--batch-size', '32', '--lr', '0.3', '--record-every', '1', '--print-every', '10', '--plot', plot]);
  assert.equal(r.code, 0, r.stderr);
  // every 10 epochs done, as the course prints (epoch 11 is the course's "cost after epoch 10"); it printed epoch 10/20 (iterations 90-99)
  assert.match(r.stdout, /^ +epoch 11\/20 +iterations 100-109 +mean cost [\d.]+/m);
  const svg = readFileSync(plot, 'utf8');
  for (const label of ['train, one step', 'train, epoch mean', 'test', 'iteration (updates before the cost)']) assert.ok(svg.includes(label), label);
  const bad = backprop(['train', '--data', 'flower', '--epochs', '2', '--record-every', '0']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--record-every must be a whole number >= 1, got '0'/);
});

test('evaluate on the data the model was trained on says so, with the held-out test metrics of its training record', () => {
  const dir = tempDir();
  const model = path.join(dir, 'm.json');
  let r = backprop(['train', '--data', 'flower', '--layers', '4', '--activation', 'tanh', '--lr', '1.2', '--epochs', '50', '--save', model]);
  assert.equal(r.code, 0, r.stderr);
  const testAccuracy = (JSON.parse(readFileSync(model, 'utf8')).training.testMetrics.accuracy * 100).toFixed(2);
  r = backprop(['evaluate', '--model', model, '--data', 'flower']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`note: flower is the data this model was trained on .*these numbers are optimistic; on its held-out test rows it had accuracy ${testAccuracy}%`));
  r = backprop(['evaluate', '--model', model, '--data', 'flower', '--json']);
  assert.equal(JSON.parse(r.stdout).trainingData, true);
  r = backprop(['evaluate', '--model', model, '--data', 'circle']);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /trained on/);
});

test("predict: a header that does not name the model's features is refused; --no-header reads the first line as data", () => {
  const dir = tempDir();
  const model = path.join(dir, 'm.json');
  assert.equal(backprop(['train', '--data', 'flower', '--layers', '3', '--epochs', '5', '--save', model]).code, 0);
  const ab = path.join(dir, 'ab.csv');
  writeFileSync(ab, 'a,b\n0.1,0.2\n0.9,0.9\n');
  let r = backprop(['predict', '--model', model, '--data', ab]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /ab\.csv: the header names the features a, b, but the model's features are x1, x2 \(in that order\)/);
  const named = path.join(dir, 'x.csv');
  writeFileSync(named, 'x1,x2\n0.1,0.2\n0.9,0.9\n');
  r = backprop(['predict', '--model', model, '--data', named]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim().split('\n').length, 3);
  const plain = path.join(dir, 'plain.csv');
  writeFileSync(plain, '0.1,0.2\n0.9,0.9\n');
  r = backprop(['predict', '--model', model, '--data', plain]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim().split('\n').length, 3, 'no row is lost to a header');
});
