// gradcheck checks a fresh network of the caller's layers (--layers, --activation), as a learner checks the
// net they are about to train; the flags were unknown ("Did you mean --labels?"). A flag that belongs to
// other commands is named so rather than answered with commander's nearest spelling.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backprop } from '../helpers/cli.js';

test('gradcheck --layers --activation builds and checks that network', () => {
  const r = backprop(['gradcheck', '--data', 'spiral3', '--layers', '6,4', '--activation', 'elu']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^gradient check of 2-6\(elu\)-4\(elu\)-3\(softmax\) on 20 examples \(float64\)$/m);
  assert.match(r.stdout, /^gradients agree: backprop is correct here$/m);
  assert.match(r.stdout, /^dW\[3\] +12 /m);
});

test('--activation without --layers, and --layers with --model, are refused in one line', () => {
  const a = backprop(['gradcheck', '--activation', 'elu']);
  assert.equal(a.code, 2);
  assert.equal(a.stderr.trim(), 'backprop: error: --activation is for the layers of --layers (the built-in network is 5(tanh)-3(relu)): give --layers too');
  const b = backprop(['gradcheck', '--model', 'm.json', '--data', 'moons', '--layers', '3']);
  assert.equal(b.code, 2);
  assert.match(b.stderr, /^backprop: error: --layers builds the network to check; --model m\.json checks that model's own layers: give one or the other\n$/);
});

test("another command's flag is named as such, not answered with a near spelling", () => {
  const r = backprop(['predict', '--model', 'm.json', '--data', 'moons', '--epochs', '3']);
  assert.equal(r.code, 2);
  assert.equal(r.stderr.trim(), "backprop: error: unknown option '--epochs' (an option of demo, train, tune; not of predict)");
});

test('import takes its model as --model too, as export, evaluate and predict name it', () => {
  const none = backprop(['import', '--out', 'x.json']);
  assert.equal(none.code, 2);
  assert.equal(none.stderr.trim(), 'backprop: error: import needs the model to read: backprop import model.onnx --out model.json (or --model model.onnx)');
  const two = backprop(['import', 'a.onnx', '--model', 'b.onnx', '--out', 'x.json']);
  assert.equal(two.code, 2);
  assert.match(two.stderr, /give it as the argument or as --model, not both \('a\.onnx' and 'b\.onnx'\)/);
  const missing = backprop(['import', '--model', 'no-such.onnx', '--out', 'x.json']);
  assert.notEqual(missing.code, 0);
  assert.match(missing.stderr, /no-such\.onnx/);
});
