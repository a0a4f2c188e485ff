// Hostile input, thirty-second sweep (command line): a European spreadsheet's CSV (1,5;2,25;yes) could
// not be read at all; a model trained on a Latin-1 file with --encoding latin1 refused the next file of
// the same source unless --encoding was typed again; adult.test's '<=50K.' got no word of '<=50K'.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backprop, fileWriter, tempDir, usageError } from '../helpers/cli.js';

const dir = tempDir();
const write = fileWriter(dir);
const rows = Array.from({ length: 12 }, (_, i) => `${(i % 5) + 0.5};${(i % 3) / 4};${i % 2 ? 'yes' : 'no'}`.replace(/\./g, ','));

test('--decimal , reads decimal commas on train; the model reads its files so, and --decimal . overrides it', () => {
  const train = write('eu.csv', `a;b;y\n${rows.join('\n')}\n`);
  usageError(backprop(['train', '--data', train, '--epochs', '1']), /eu\.csv: column 'a' holds numbers written with a decimal comma \(e\.g\. '0,5'\), which are read as text; read the file with --decimal ',' \(as pandas' read_csv\(decimal=','\)\), or save the file with decimal points \('0\.5'\)$/);
  const model = train.replace(/\.csv$/, '.json');
  const r = backprop(['train', '--data', train, '--epochs', '1', '--decimal', ',', '--save', model]);
  assert.equal(r.code, 0, r.stderr);
  const same = write('eu-next.csv', 'a;b\n1,5;0,25\n2,5;0,5\n');
  const p = backprop(['predict', '--model', model, '--data', same]);
  assert.equal(p.code, 0, p.stderr);
  assert.equal(p.stdout.trim().split('\n').length, 3);
  const dotted = write('dotted.csv', 'a,b\n1.5,0.25\n2.5,0.5\n');
  usageError(backprop(['predict', '--model', model, '--data', dotted]), /dotted\.csv, line 2, column 'a': '1\.5' is not a number \(a decimal point, in a file read with decimal commas \(--decimal ','\)\? write 1,5\)$/);
  const told = backprop(['evaluate', '--model', model, '--data', write('dotted-labelled.csv', 'a,b,y\n1.5,0.25,yes\n2.5,0.5,no\n'), '--decimal', '.']);
  assert.equal(told.code, 0, told.stderr);
  usageError(backprop(['train', '--data', train, '--decimal', ';']), /^backprop: error: --decimal must be \. or , \(the decimal mark of the numbers: 1\.5 or 1,5\), got ';'$/);
});

test('a model trained with --encoding latin1 reads the next Latin-1 file (and a UTF-8 one) without --encoding', () => {
  const latin = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
  const lines = Array.from({ length: 12 }, (_, i) => `${i};${i % 2 ? 'Besançon' : 'Orléans'};${i % 2}`);
  const train = write('latin.csv', latin(`x;ville;y\n${lines.join('\n')}\n`));
  const model = train.replace(/\.csv$/, '.json');
  const r = backprop(['train', '--data', train, '--encoding', 'latin1', '--one-hot', 'ville', '--epochs', '1', '--save', model]);
  assert.equal(r.code, 0, r.stderr);
  for (const file of [write('latin-next.csv', latin('x;ville\n1;Besançon\n')), write('utf8-next.csv', 'x;ville\n1;Besançon\n')]) {
    const p = backprop(['predict', '--model', model, '--data', file]);
    assert.equal(p.code, 0, p.stderr);
  }
  usageError(backprop(['predict', '--model', model, '--data', `${dir}/latin-next.csv`, '--encoding', 'utf-8']), /latin-next\.csv, line 2, character 8: the byte 0xe7 is not UTF-8 text/);
});

test("evaluate on a label '<=50K.' names the class it differs from", () => {
  const lines = Array.from({ length: 12 }, (_, i) => `${20 + i},${i % 2 ? '>50K' : '<=50K'}`);
  const train = write('adult.csv', `age,y\n${lines.join('\n')}\n`);
  const model = train.replace(/\.csv$/, '.json');
  assert.equal(backprop(['train', '--data', train, '--epochs', '1', '--save', model]).code, 0);
  usageError(backprop(['evaluate', '--model', model, '--data', write('adult-test.csv', 'age,y\n30,<=50K.\n')]), /adult-test\.csv, line 2, column 'y': class '<=50K\.' was not in the training data \(classes: <=50K, >50K\); it differs from '<=50K' only by a trailing '\.'$/);
});
