// Hostile input, sixteenth sweep (data). A file read without its labels (a predict file) with a
// schema of { missing: 'drop' } lost its rows with an empty cell, silently: every later prediction
// moved up a line (and a row whose label alone was empty was dropped too, though no label is needed).
// Applying a schema took no missing-value policy nor separator of the file's own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsv } from '../../src/data/csv.js';
import { DataError, OptionError } from '../../src/errors.js';

const oneLine = (type: new (...a: never[]) => Error, pattern: RegExp) => (e: unknown) => e instanceof type && pattern.test(e.message) && !e.message.includes('\n');
const train = 'a,b,y\n1,2,0\n,3,1\n5,6,1\n7,8,0\n';
const dropSchema = parseCsv(train, { missing: 'drop' }, 'train.csv').schema;

test("a predict file never loses a row to { missing: 'drop' }: an empty feature cell is an error naming it", () => {
  assert.throws(() => parseCsv('a,b\n1,2\n,3\n5,6\n', { schema: dropSchema, requireTarget: false }, 'p.csv'),
    oneLine(DataError, /^p\.csv, line 3, column 'a': empty cell; a prediction is made for every row, so the row cannot be dropped \(\{ missing: 'drop' \}\); fill the cell, leave the row out of the file, or use \{ missing: 'mean' \} \(the training mean\)$/));
  // an empty label cell, where no label is needed, leaves the row in
  const r = parseCsv('a,b,y\n1,2,0\n3,4,\n5,6,1\n', { schema: dropSchema, requireTarget: false, warn: () => {} }, 'p.csv');
  assert.equal(r.dataset.X.cols, 3);
  assert.deepEqual(r.droppedLines, []);
  // labelled data (evaluate) still drops as in training, and says which lines
  const e = parseCsv('a,b,y\n1,2,0\n,4,1\n5,6,1\n', { schema: dropSchema }, 'e.csv');
  assert.equal(e.dataset.X.cols, 2);
  assert.deepEqual(e.droppedLines, [3]);
});

test("applying a schema takes the file's own missing-value policy and separator; the schema returned is the training's", () => {
  const schema = parseCsv('a,b,y\n1,2,0\n3,4,1\n5,6,1\n7,8,0\n', {}, 'train.csv').schema;
  const filled = parseCsv('a;b\n;2\n5;6\n', { schema, requireTarget: false, missing: 'mean', delimiter: ';' }, 'p.csv');
  assert.equal(filled.dataset.X.cols, 2);
  assert.equal(filled.dataset.X.get(0, 0), 4); // the training mean of a
  assert.equal(filled.schema.missing, 'error');
  assert.equal(filled.schema.delimiter, undefined);
  assert.throws(() => parseCsv('a,b\n1,2\n', { schema, missing: 'often' as never }), oneLine(OptionError, /^options\.missing must be error, drop or mean, got 'often'$/));
  assert.throws(() => parseCsv('a,b\n1,2\n', { schema, delimiter: '::' }), oneLine(OptionError, /^options\.delimiter must be one of , ; tab \| or auto, got '::'$/));
});
