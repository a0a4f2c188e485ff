// Reading data, thirty-fourth sweep (command line): pandas' row index is left out by the library's
// rule, and the CLI names its own flag to keep it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backprop, fileWriter, tempDir } from '../helpers/cli.js';

const dir = tempDir();
const write = fileWriter(dir);

test("train leaves pandas' unnamed row index out (a file sorted by class gave the answer away) and says --features keeps it; predict reads the same file", () => {
  const rows = Array.from({ length: 40 }, (_, i) => `${i},${(i * 7) % 5},${(i * 3) % 4},${i < 20 ? 0 : 1}`);
  const file = write('sorted.csv', `,a,b,y\n${rows.join('\n')}\n`);
  const model = `${dir}/sorted.json`;
  const r = backprop(['train', '--data', file, '--epochs', '1', '--save', model]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /^backprop: warning: .*sorted\.csv: column 1 \(0 to 39\) has no name in the header line and holds a row counter .*left out of the features \(as read_csv\(index_col=0\) reads it\); to use it as a feature, list the features with --features$/m);
  assert.match(r.stdout, /^backprop: 2-16\(relu\)-1\(sigmoid\)/m);
  const p = backprop(['predict', '--model', model, '--data', file]);
  assert.equal(p.code, 0, p.stderr);
  // kept when named
  const kept = backprop(['train', '--data', file, '--epochs', '1', '--features', '1,a,b']);
  assert.equal(kept.code, 0, kept.stderr);
  assert.match(kept.stdout, /^backprop: 3-16\(relu\)-1\(sigmoid\)/m);
  assert.doesNotMatch(kept.stderr, /row counter/);
  // the index alone: refused in one line, exit 2
  const only = backprop(['train', '--data', write('only.csv', `,y\n${Array.from({ length: 10 }, (_, i) => `${i},${i % 2}`).join('\n')}\n`)]);
  assert.equal(only.code, 2);
  assert.match(only.stderr, /^backprop: error: .*only\.csv: column 1 \(0 to 9\) has no name in the header line and holds a row counter, .*list it among --features\n$/);
});
