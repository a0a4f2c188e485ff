// CSV text read in passes that keep no row (issue 12): the plain-text fast path gives what csv-parse
// gives, the schema learned from running statistics is the one the rows give, csv-parse never hands
// back a records array, and a file whose cells as strings would not fit in a small heap is read in it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parse as csvParse } from 'csv-parse/sync';
import { parseCsv, parseCsvWith, type CsvParser, type CsvResult } from '../../src/data/csv.js';
import { splitPass, splittable } from '../../src/data/csv-scan.js';
import { isMissing, numberValue } from '../../src/data/csv-row.js';
import { tempDir, writeFile } from './helpers.js';

const dir = tempDir();
const OPTIONS = { delimiter: ',', bom: true, relax_column_count: true, skip_empty_lines: true, trim: true, info: true };
const viaCsvParse = (text: string, delimiter = ',') =>
  (csvParse(text, { ...OPTIONS, delimiter }) as unknown as { record: string[]; info: { lines: number } }[]).map((r) => [r.record, r.info.lines]);
const viaSplit = (text: string, delimiter = ',') => {
  const out: [string[], number][] = [];
  splitPass(text, delimiter, (row, line) => out.push([Array.from({ length: row.length }, (_, k) => row.text(k)), line]));
  return out;
};
const plain = (r: CsvResult) => ({ schema: r.schema, X: Array.from(r.dataset.X.data), Y: Array.from(r.dataset.Y.data), dropped: r.droppedLines });

test('plain text split at line ends and delimiters gives the records and line numbers csv-parse gives', () => {
  const texts = [
    'a,b\n1,2\n3,4\n', 'a,b\n1,2\n3,4', '\ufeffa,b\r\n1,2\r\n\r\n3,4\r\n', 'a,b\n\n  \n1, 2 \n ,\n\n5,6,7\n8\n',
    'x;y\n1;2\n', 'p|q\n a | b \n', 'a,b\n,\n,,\n', '\n\na,b\n1,2\n\n',
    // tab-separated: a tab only separates fields
    'a\tb\n1\t2\n', '\ta\tb\n1\t\t2\n', 'a\tb\n \t \n\t\n1 \t 2\r\n'.replace(/\r/g, ''), 'a\tb\n\n1\t2',
  ];
  for (const text of texts) {
    const d = text.includes('\t') ? '\t' : text.includes(';') ? ';' : text.includes('|') ? '|' : ',';
    assert.ok(splittable(text, d), JSON.stringify(text));
    assert.deepEqual(viaSplit(text, d), viaCsvParse(text, d), JSON.stringify(text));
  }
  // the fields read in place as numbers and missing values are what their texts read as
  const numbers = 'a,b,c\n1, -2.5 ,NA\n , 3e2,x\n.5,+7.,?\n1e,--1,N/A\n0.1,007,nan\n';
  splitPass(numbers, ',', (row) => {
    for (let k = 0; k < row.length; k++) {
      assert.ok(Object.is(row.number(k), numberValue(row.text(k))), `'${row.text(k)}'`);
      assert.equal(row.missing(k), isMissing(row.text(k)), `'${row.text(k)}'`);
    }
  });
  // what only csv-parse reads right is left to it
  for (const text of ['a,"b,c"\n1,2\n', 'a,b\r1,2\r', 'a,b\r\n1,2\n', 'a\tb\n1\t\u00a02\n', 'a,b\n1,\u00a02\n', 'a,b\n1,\t2\n']) {
    assert.ok(!splittable(text, text.includes('\t') && !text.includes(',') ? '\t' : ','), JSON.stringify(text));
  }
});

test('the schema from running statistics is the one the rows give, on the fast path and through csv-parse alike', () => {
  // a quoted header name sends the same rows through csv-parse
  const body = [
    '1.5,red,3,A', '2.5,blue,,B', ',red,4,A', '4,green,5,C', '5,blue,6,B', '6,red,x7,A',
  ].join('\n') + '\n';
  for (const options of [{ missing: 'drop' as const, oneHot: 'auto' as const }, { missing: 'mean' as const, oneHot: ['colour'], features: ['size', 'colour'] }]) {
    const fast = parseCsv(`size,colour,n,label\n${body}`.replace(',x7,', ',7,'), options);
    const slow = parseCsv(`"size",colour,n,label\n${body}`.replace(',x7,', ',7,'), options);
    assert.deepEqual(plain(fast), plain(slow));
  }
  const dropped = parseCsv(`size,colour,n,label\n${body}`.replace(',x7,', ',7,'), { missing: 'drop', oneHot: 'auto' });
  assert.deepEqual(dropped.droppedLines, [3, 4]);
  assert.deepEqual(dropped.schema.classes, ['A', 'B', 'C']);
  assert.deepEqual(dropped.schema.features, [
    { column: 'size', type: 'number', mean: (1.5 + 4 + 5 + 6) / 4 },
    { column: 'colour', type: 'oneHot', categories: ['blue', 'green', 'red'] },
    { column: 'n', type: 'number', mean: (3 + 5 + 6 + 7) / 4 },
  ]);
});

test('values seen before a column or the target turned out to be text are not lost (another pass collects them)', () => {
  // one-hot auto: numbers come first, then mostly text; every value is a category
  const rows = ['1,0', '2,1', ...Array.from({ length: 6 }, (_, k) => `${'abc'[k % 3]},${k % 2}`)];
  const { schema } = parseCsv(`c,y\n${rows.join('\n')}\n`, { oneHot: 'auto' });
  assert.deepEqual(schema.features[0], { column: 'c', type: 'oneHot', categories: ['1', '2', 'a', 'b', 'c'] });
  // a target of 30 different numbers (not classes so far), then a text label: classification, with every value
  // (one row per value: said to be classes, since a text target of about one row per value is refused under task auto)
  const labels = [...Array.from({ length: 30 }, (_, k) => String(k)), 'other'];
  const r = parseCsv(`x,y\n${labels.map((l, k) => `${k},${l}`).join('\n')}\n`, { maxClasses: 40, task: 'classification' });
  assert.equal(r.schema.classes!.length, 31);
  assert.ok(r.schema.classes!.includes('0') && r.schema.classes!.includes('other'));
  // a mostly numeric column with one text cell early, and more than 1000 values: still a number column
  const many = Array.from({ length: 1500 }, (_, k) => `${k === 0 ? 'oops' : k},${k % 2}`);
  assert.throws(() => parseCsv(`c,y\n${many.join('\n')}\n`, { oneHot: 'auto' }), /line 2, column 'c': 'oops' is not a number/);
});

test('csv-parse never hands back a records array: every pass drops each record as it reads it', () => {
  const calls: number[] = [];
  const spy: CsvParser = (text, options) => {
    assert.equal(typeof options.on_record, 'function');
    const out = csvParse(text, options) as unknown[];
    calls.push(out.length);
    return out;
  };
  const text = '"a",b,y\n' + Array.from({ length: 500 }, (_, k) => `${k},"${k % 3}",${k % 2}`).join('\n') + '\n';
  const learned = parseCsvWith(spy, text, {}, 'spy.csv');
  assert.deepEqual(learned.dataset.X.shape, [2, 500]);
  assert.deepEqual(calls, [0, 0], 'one pass to learn, one to encode; no records kept');
  calls.length = 0;
  parseCsvWith(spy, text, { schema: learned.schema }, 'spy.csv');
  assert.deepEqual(calls, [0, 0], 'one pass to count the rows, one to encode');
  calls.length = 0;
  parseCsvWith(spy, text.replaceAll('"', ''), {}, 'plain.csv');
  assert.deepEqual(calls, [], 'plain text does not go through csv-parse');
});

test('a CSV whose cells as strings would need several times its size reads within a small heap', { timeout: 120_000 }, () => {
  // 160,000 rows x 11 cells: 1.76 M cells, about 15 MB of text; held as string arrays they took > 150 MB of heap
  const rows = Array.from({ length: 160_000 }, (_, j) => Array.from({ length: 10 }, (_, i) => ((j * 7 + i * 13) % 1000) / 1000).join(',') + `,${j % 3}`);
  const path = writeFile(dir, 'tall.csv', 'a,b,c,d,e,f,g,h,i,j,label\n' + rows.join('\n') + '\n');
  const module = fileURLToPath(new URL('../../src/data/csv-file.js', import.meta.url));
  const script = `import { readCsv } from ${JSON.stringify(module)}; const r = readCsv(${JSON.stringify(path)}); console.log(r.dataset.X.shape.join('x'));`;
  const run = spawnSync(process.execPath, ['--max-old-space-size=64', '--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(run.status, 0, `readCsv ran out of a 64 MB heap: ${run.stderr.slice(-400)}`);
  assert.equal(run.stdout.trim(), '10x160000');
});
