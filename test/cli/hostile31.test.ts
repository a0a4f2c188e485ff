// Hostile input, thirty-first sweep (command line): numbers too small for float32 in a CSV file were
// trained on as zeros without a word; the library's warning names the flag that keeps them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backprop, fileWriter, tempDir } from '../helpers/cli.js';

const write = fileWriter(tempDir());

test('train says that numbers too small for float32 were read as 0, and that --float64 keeps them', () => {
  const file = write('tiny.csv', `a,b,y\n${Array.from({ length: 20 }, (_, i) => `${i + 1}e-50,${i % 3},${i % 2}`).join('\n')}\n`);
  const r = backprop(['train', '--data', file, '--epochs', '1']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /^backprop: warning: .*tiny\.csv: 20 numbers were too small for float32 \(below 1\.4e-45 in magnitude\) and read as 0 \(e\.g\. '1e-50' at line 2, column 'a'\); scale them \(e\.g\. a column in other units\), or read and train in float64 \(--float64\)$/m);
  const wide = backprop(['train', '--data', file, '--epochs', '1', '--float64']);
  assert.equal(wide.code, 0, wide.stderr);
  assert.doesNotMatch(wide.stderr, /too small/);
});

test("predict on a cell 'null' or '#DIV/0!' says what works for predict (it advised --missing drop, which predict refuses)", () => {
  const rows = Array.from({ length: 20 }, (_, i) => `${i % 7},${i % 3},${i % 2}`);
  const train = write('marks-train.csv', `a,b,y\n${rows.join('\n')}\n`);
  const model = train.replace(/\.csv$/, '.json');
  assert.equal(backprop(['train', '--data', train, '--epochs', '1', '--save', model]).code, 0);
  for (const cell of ['null', '#DIV/0!']) {
    const file = write('marks-predict.csv', `a,b\n1,2\n${cell},1\n`);
    for (const extra of [[], ['--missing', 'drop']]) {
      const r = backprop(['predict', '--model', model, '--data', file, ...extra]);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /^backprop: error: .*marks-predict\.csv, line 3, column 'a': '.*' is not a number \(.*, then use --missing mean \(the training mean\), or fill the cell or leave the row out of the file \(a prediction is made for every row\)\)\n$/);
    }
  }
});

test('predict of a one-line file of numbers names the flag that reads it as an example (it said "read the file without a header")', () => {
  const dir = tempDir();
  const rows = Array.from({ length: 20 }, (_, i) => `${i % 7},${i % 3},${i % 2}`);
  const train = fileWriter(dir)('one-train.csv', `a,b,y\n${rows.join('\n')}\n`);
  const model = train.replace(/\.csv$/, '.json');
  assert.equal(backprop(['train', '--data', train, '--epochs', '1', '--save', model]).code, 0);
  const one = fileWriter(dir)('one.csv', '1,2\n');
  const r = backprop(['predict', '--model', model, '--data', one]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^backprop: error: .*one\.csv: only a header line, no data rows \(its one line is all numbers: if it is an example, read the file without a header, --no-header\)\n$/);
  assert.equal(backprop(['predict', '--model', model, '--data', one, '--no-header']).code, 0);
});
