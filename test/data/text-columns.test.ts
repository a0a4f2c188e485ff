// A CSV with several text columns that are not one-hot (a Titanic-like file: names, tickets,
// categories) is refused once, naming every such column: the categories to one-hot encode, and the
// identifiers (about one value per row) to leave out, with the columns to keep. It used to name the
// first text column only, and advised one-hot encoding a column of names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsv } from '../../src/data/csv.js';
import { DataError } from '../../src/errors.js';
import { optionsAsFlags } from '../../src/cli/spec-flags.js';

const messageOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof DataError, `expected a DataError, got ${String(e)}`);
    return e.message;
  }
  assert.fail('expected a DataError');
};

/** 300 passengers: an id, a name and a ticket per row, two categories, numbers and the label. */
function passengers(): string {
  const rows = ['id,name,sex,ticket,port,age,survived'];
  for (let i = 0; i < 300; i++) rows.push(`${i},"Smith, Mr. J ${i}",${i % 3 ? 'male' : 'female'},A/5 ${1000 + i},${'SCQ'[i % 3]},${20 + (i % 50)},${i % 2}`);
  return rows.join('\n') + '\n';
}

test('every text column is named in one message: categories to one-hot, identifiers to leave out with the columns to keep', () => {
  const message = messageOf(() => parseCsv(passengers(), {}, 'passengers.csv'));
  assert.equal(message, "passengers.csv: columns 'name', 'sex', 'ticket' and 'port' hold text (e.g. 'Smith, Mr. J 0' in 'name'); "
    + "one-hot encode them with { oneHot: ['sex', 'port'] }; "
    + "leave out 'name' and 'ticket' (about one value per row: identifiers?) with { features: ['id', 'sex', 'port', 'age'] }");
  // the command line reads the same advice as flags that can be typed back
  assert.match(optionsAsFlags(message), /--one-hot sex,port; leave out .* with --features id,sex,port,age$/);
});

test('the advice works: with it the file is read', () => {
  const data = parseCsv(passengers(), { oneHot: ['sex', 'port'], features: ['id', 'sex', 'port', 'age'] }, 'passengers.csv');
  assert.equal(data.dataset.X.rows, 1 + 2 + 3 + 1);
  assert.equal(data.dataset.X.cols, 300);
});

test('one identifier column alone says so, with its count of values', () => {
  const rows = ['x,name,y', ...Array.from({ length: 150 }, (_, i) => `${i},n${i},${i % 2}`)];
  assert.equal(messageOf(() => parseCsv(rows.join('\n'), {}, 'ids.csv')),
    "ids.csv: column 'name' holds text (e.g. 'n0') with 150 different values in 150 rows (an identifier?); leave it out with { features: ['x'] }");
});

test('one category column alone keeps its message', () => {
  assert.equal(messageOf(() => parseCsv('x,colour,y\n1,red,0\n2,blue,1\n', {}, 'c.csv')),
    "c.csv: column 'colour' holds text (e.g. 'red'); one-hot encode it with { oneHot: ['colour'] } (or { oneHot: 'auto' }), or leave it out with options.features");
});

test('a text column that starts with numbers is counted over all its rows', () => {
  const rows = ['x,code,y', '1,5,0', '2,7,1', ...Array.from({ length: 200 }, (_, i) => `${i},c${i},${i % 2}`)];
  assert.match(messageOf(() => parseCsv(rows.join('\n'), {}, 'codes.csv')), /column 'code' holds text \(e\.g\. 'c0'\) with 202 different values in 202 rows \(an identifier\?\)/);
});

test('several category columns and no identifier: one-hot them, or leave them out', () => {
  assert.equal(messageOf(() => parseCsv('x,colour,size,y\n1,red,S,0\n2,blue,L,1\n', {}, 'c.csv')),
    "c.csv: columns 'colour' and 'size' hold text (e.g. 'red' in 'colour'); one-hot encode them with { oneHot: ['colour', 'size'] } (or { oneHot: 'auto' }), or leave them out with options.features");
});

test('300 text columns: the first few and their count, and { oneHot: \'auto\' } (the line was 3,800 characters long)', () => {
  const columns = Array.from({ length: 300 }, (_, i) => `t${i}`);
  const rows = [[...columns, 'y'].join(','), ...Array.from({ length: 20 }, (_, r) => [...columns.map((_, i) => `v${(r + i) % 5}`), r % 2].join(','))];
  const message = messageOf(() => parseCsv(rows.join('\n'), {}, 'wide.csv'));
  assert.equal(message, "wide.csv: columns 't0', 't1', 't2', 't3', ... (300 in all) hold text (e.g. 'v0' in 't0'); one-hot encode them with { oneHot: 'auto' }, or leave them out with options.features");
  assert.equal(optionsAsFlags(message), "wide.csv: columns 't0', 't1', 't2', 't3', ... (300 in all) hold text (e.g. 'v0' in 't0'); one-hot encode them with --one-hot auto, or leave them out with --features");
});
