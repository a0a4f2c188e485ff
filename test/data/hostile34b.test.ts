// Hostile input, thirty-fourth sweep, second round (data): a DOS end-of-file mark, cells that are dates,
// times, yes/no or '1_000' in a column of numbers, a tab quoted as a space, a class label read as 0,
// and float64's range taken for float32's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDataset, trainModel } from '../../src/node.js';
import { parseCsv } from '../../src/data/csv.js';
import { tempDir, writeFile, quiet, collectWarnings } from './helpers.js';

const dir = tempDir();
const collect = collectWarnings;
const body = Array.from({ length: 20 }, (_, i) => `${i},${i % 3},${i % 2}`).join('\n');

test("a Ctrl-Z (0x1A, DOS's end-of-file mark) last in a file is its end (it was 'line 22: 1 field, expected 3', or a class '1\\u001a'); one alone on a line elsewhere is named", async () => {
  for (const end of ['\n\x1a', '\x1a', '\r\n\x1a\r\n', '\n\x1a\n']) {
    const w = collect();
    const { dataset, schema } = await loadDataset(writeFile(dir, 'dos.csv', `a,b,y\n${body}${end}`), { warn: w.warn });
    assert.equal(dataset.X.cols, 20, JSON.stringify(end));
    assert.deepEqual(schema.format === 'csv' && schema.classes, ['0', '1'], JSON.stringify(end));
  }
  assert.throws(() => parseCsv(`a,b,y\n1,2,0\n\x1a\n${body}\n`, quiet, 'joined.csv'),
    /^DataError: joined\.csv, line 3: 1 field, expected 3 as the header line \(column 'b' and after are missing\); the line holds only the control character '\\u001a' \(Ctrl-Z, DOS's end-of-file mark: files joined one after another\?\): delete it$/);
  // inside a cell: quoted visibly
  assert.throws(() => parseCsv(`a,b,y\n1,2,0\n1\x1a,2,1\n${body}\n`, quiet, 'cell.csv'), /^DataError: cell\.csv, line 3, column 'a': '1\\u001a' is not a number$/);
});

test("dates, times, yes/no, '1_000' and fractions among numbers say what they look like and what to write (they were 'not a number' alone); a column of them too", () => {
  const cases: [string, RegExp][] = [
    ['2024-01-05', /\(a date: convert it to numbers, such as a count of days since a first date or columns of year, month and day\)$/],
    ['05/01/2024', /\(a date: /],
    ['2024-01-05T10:30:00Z', /\(a date: /],
    ['12:30', /\(a time of day or a duration: convert it to a number, such as minutes or seconds since midnight\)$/],
    ['true', /\(a yes\/no value: write 1 and 0\)$/],
    ['No', /\(a yes\/no value: /],
    ['1_000', /\(digits grouped by '_', as code writes them: remove the underscores\)$/],
    ['1/2', /\(a fraction: write it as a decimal number \(1\/2 as 0\.5\)\)$/],
  ];
  for (const [cell, hint] of cases) {
    const rows = Array.from({ length: 20 }, (_, i) => `${i === 5 ? cell : i},${i % 3},${i % 2}`).join('\n');
    assert.throws(() => parseCsv(`a,b,y\n${rows}\n`, quiet, 'one.csv'), (e: Error) => e.message.startsWith(`one.csv, line 7, column 'a': '${cell}' is not a number (`) && hint.test(e.message), cell);
  }
  const dates = Array.from({ length: 20 }, (_, i) => `2024-01-${10 + i},${i % 3},${i % 2}`).join('\n');
  assert.throws(() => parseCsv(`a,b,y\n${dates}\n`, quiet, 'dates.csv'), /^DataError: dates\.csv: column 'a' holds text \(e\.g\. '2024-01-10', a date: convert it to numbers, such as a count of days/);
  // plain text is told nothing more
  const words = Array.from({ length: 20 }, (_, i) => `${i === 5 ? 'abc' : i},${i % 3},${i % 2}`).join('\n');
  assert.throws(() => parseCsv(`a,b,y\n${words}\n`, quiet, 'w.csv'), /^DataError: w\.csv, line 7, column 'a': 'abc' is not a number$/);
});

test("a tab in a cell is quoted as '\\t' in the one-cell error (it showed as a space: '1 2', beside a hint that said 'a tab')", () => {
  const rows = Array.from({ length: 20 }, (_, i) => `${i === 5 ? '1\t2' : i},${i % 3},${i % 2}`).join('\n');
  assert.throws(() => parseCsv(`a,b,y\n${rows}\n`, quiet, 'tab.csv'), /^DataError: tab\.csv, line 7, column 'a': '1\\t2' is not a number \(numbers separated by a tab inside one field/);
});

test("a class label that float64 reads as 0 ('1e-400') is warned of: it is class '0' (it merged into it silently)", () => {
  const w = collect();
  const r = parseCsv(`a,y\n${Array.from({ length: 21 }, (_, i) => `${i},${['1e-400', '0', '1'][i % 3]}`).join('\n')}\n`, { warn: w.warn }, 'lab.csv');
  assert.deepEqual(r.schema.classes, ['0', '1']);
  assert.ok(w.said.some((s) => /^lab\.csv: 7 numbers were too small for any float .*read as 0 \(e\.g\. '1e-400' at line 2, column 'y'\)/.test(s)), w.said.join('\n'));
  // written zeros are no news
  const z = collect();
  parseCsv(`a,y\n${Array.from({ length: 20 }, (_, i) => `${i},${['0.0', '1'][i % 2]}`).join('\n')}\n`, { warn: z.warn }, 'zero.csv');
  assert.ok(!z.said.some((s) => /too small/.test(s)), z.said.join('\n'));
});

test("with dtype float64 a feature above float32's 3.4e38 is read (it was 'too large (at most 3.4e38)'), without a float32 warning; float32 still refuses it and says float64 holds it", () => {
  const text = `a,y\n${Array.from({ length: 20 }, (_, i) => `${i === 3 ? '1e39' : i === 4 ? '-2e300' : i},${i % 2}`).join('\n')}\n`;
  const w = collect();
  const { dataset } = parseCsv(text, { warn: w.warn, dtype: 'float64' }, 'wide.csv');
  assert.equal(dataset.X.get(0, 3), 1e39);
  assert.equal(dataset.X.get(0, 4), -2e300);
  assert.ok(!w.said.some((s) => /float32/.test(s)), w.said.join('\n'));
  assert.throws(() => parseCsv(text, quiet, 'narrow.csv'), /^DataError: narrow\.csv, line 5, column 'a': '1e39' is too large \(at most 3\.4e38 in magnitude; float64 holds it: \{ dtype: 'float64' \}\)$/);
  // beyond float64 too: refused with its limit, float64 not advised in float32
  assert.throws(() => parseCsv(text.replace('1e39', '1e309'), quiet, 'inf32.csv'), /^DataError: inf32\.csv, line 5, column 'a': '1e309' is too large \(at most 3\.4e38 in magnitude\)$/);
  assert.throws(() => parseCsv(text.replace('1e39', '1e309'), { ...quiet, dtype: 'float64' }, 'inf.csv'), /^DataError: inf\.csv, line 5, column 'a': '1e309' is too large \(at most 1\.8e308 in magnitude\)$/);
});

test('a float64 column near its limit (±1e308) has a finite mean, fills its empty cells with it and is standardized (the mean was -Infinity: "applyStandardize: mean[0] must be a finite number")', async () => {
  const text = `a,b,y\n${Array.from({ length: 40 }, (_, i) => `${i === 3 ? '' : i % 2 ? '1e308' : '-1e308'},${i % 3},${i % 2}`).join('\n')}\n`;
  const r = parseCsv(text, { ...quiet, dtype: 'float64', missing: 'mean' }, 'edge.csv');
  const mean = r.schema.features[0]!.type === 'number' ? r.schema.features[0]!.mean : NaN;
  assert.ok(Math.abs(mean - -1e308 / 39) < 1e295, String(mean));
  assert.equal(r.dataset.X.get(0, 3), mean);
  const { model } = await trainModel({ layers: [2], epochs: 2, testSplit: 0, dtype: 'float64', standardize: true }, { train: r.dataset, schema: r.schema });
  const s = model.preprocessing.standardize!;
  assert.ok(Number.isFinite(s.mean[0]) && s.std[0]! > 1e307 && Number.isFinite(s.std[0]), JSON.stringify(s));
});
