// Hostile input to the data readers, sixth round: quotes in CSV (an unclosed quote was reported at
// the line where the file ends, in csv-parse's words), numbers written the way spreadsheets and
// locales write them, a JSON document given as CSV data, and text that is no JSON given as JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { csvHeader, parseCsv } from '../../src/data/csv.js';
import { readCsv } from '../../src/data/csv-file.js';
import { csvTextFromBytes } from '../../src/data/csv-bytes.js';
import { unclosedQuote } from '../../src/data/csv-scan.js';
import { readIdx } from '../../src/data/idx.js';
import { parseJsonBytes } from '../../src/util/json-text.js';
import { DataError } from '../../src/errors.js';
import { tempDir, writeFile } from './helpers.js';

const dir = tempDir();
const throwsData = (fn: () => unknown, pattern: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof DataError && pattern.test(e.message), `expected a DataError matching ${pattern}`);

test('an unclosed quote is reported at the line and column where it opens, with the line where the file ends (it was "Quote Not Closed: ... at line 6")', () => {
  const open = /a quote opens this field and is never closed \(the file ends inside it, at line (\d+)\); add the closing quote \(a quote that is part of a value is written twice, "", in a field put in quotes\)$/;
  throwsData(() => parseCsv('a,b,y\n0,0,x\n1,"2\n3,4,z\n1,0,z\n1,1,x\n', {}, 'u.csv'), /^u\.csv, line 3, column 'b': a quote opens this field .*at line 6\)/);
  throwsData(() => parseCsv('a,b,y\r\n0,0,x\r\n1,"2\r\n3,4,z\r\n', {}, 'crlf.csv'), /^crlf\.csv, line 3, column 'b': .*at line 4\)/);
  // in the header: by position; without a header: by position too
  throwsData(() => parseCsv('a,"b\n0,0,x\n1,2,z\n', {}, 'h.csv'), /^h\.csv, line 1, field 2: a quote opens this field/);
  throwsData(() => parseCsv('1,"2\n3,4\n', { header: false }, 'n.csv'), open);
  // leading spaces before the quote (trimmed) and quotes written twice inside a closed field are read as csv-parse reads them
  throwsData(() => parseCsv('a,b,y\n"say ""hi""",1,x\n0,  "1\n', {}, 's.csv'), /^s\.csv, line 3, column 'b': a quote opens/);
  // a gzip'd file says the same lines
  const gz = writeFile(dir, 'u.csv.gz', gzipSync('a,b,y\n0,0,x\n1,"2\n3,4,z\n'));
  throwsData(() => readCsv(gz), /u\.csv\.gz, line 3, column 'b': a quote opens this field .*at line 4\)/);
  assert.deepEqual(unclosedQuote('a,b\n1,"2\n', ','), { line: 2, field: 1, end: 2 });
  assert.equal(unclosedQuote('a,b\n1,"2"\n', ','), undefined);
});

test('text after a closing quote, or a quote inside an unquoted field, is said with its line, column and how to write a quote', () => {
  throwsData(() => parseCsv('a,b,y\n0,0,x\n1,"2"x,z\n', {}, 'c.csv'), /^c\.csv, line 3, column 'b': text after the closing quote of a quoted field, where a field separator or the end of the line was expected \(a quote that is part of a value/);
  throwsData(() => parseCsv('a,b,y\n0,0,x\n1,2"x,z\n', {}, 'o.csv'), /^o\.csv, line 3, column 'b': a quote after '2' inside a field that does not start with one \(/);
  throwsData(() => csvHeader('a,"b"c\n1,2\n', {}, 'hdr.csv'), /^hdr\.csv, line 1, field 2: text after the closing quote/);
});

test("a cell that is no number says why it may look like one: a decimal comma, thousands groups, a currency or percent sign, hexadecimal", () => {
  const cell = (text: string, delimiter = ',') => () => parseCsv(`a${delimiter}b${delimiter}y\n${text}${delimiter}0${delimiter}x\n1${delimiter}1${delimiter}z\n2${delimiter}0${delimiter}x\n`, { delimiter }, 'n.csv');
  throwsData(cell('0,5', ';'), /^n\.csv, line 2, column 'a': '0,5' is not a number \(a decimal comma\? read the file with \{ decimal: ',' \}, or write 0\.5\)$/);
  throwsData(cell('"1,5"'), /'1,5' is not a number \(a decimal comma\? read the file with \{ decimal: ',' \}, or write 1\.5\)$/);
  throwsData(cell('"1,000"'), /'1,000' is not a number \(digits in groups of thousands\? write the number without separators\)$/);
  throwsData(cell('1 000 000'), /'1 000 000' is not a number \(digits in groups of thousands/);
  throwsData(cell('1.000,5', ';'), /'1\.000,5' is not a number \(digits in groups of thousands/);
  throwsData(cell('$5'), /'\$5' is not a number \(a currency or percent sign\? write the number alone\)$/);
  throwsData(cell('50%'), /'50%' is not a number \(a currency or percent sign/);
  throwsData(cell('0x1F'), /'0x1F' is not a number \(hexadecimal\? write it in decimal\)$/);
  throwsData(cell('1.2.3'), /'1\.2\.3' is not a number$/);
});

test('a column of quoted numbers with a decimal comma in a file separated by commas is named as such, not given one-hot advice; thousands groups stay text', () => {
  throwsData(() => parseCsv('x1,x2,y\n"0,5",1,0\n"1,5",2,1\n"2,5",3,0\n"3,5",1,1\n', {}, 'comma.csv'),
    /^comma\.csv: column 'x1' holds numbers written with a decimal comma \(e\.g\. '0,5'\), which are read as text; read the file with \{ decimal: ',' \} \(as pandas' read_csv\(decimal=','\)\), or save the file with decimal points \('0\.5'\)$/);
  // (since s28 named as digits in groups, not given one-hot advice either; still text, never read as 1500 or 1.5)
  throwsData(() => parseCsv('x1,x2,y\n"1,500",1,0\n"2,750",2,1\n', {}, 'groups.csv'), /^groups\.csv: column 'x1' holds numbers written as a spreadsheet shows them \(e\.g\. '1,500': digits in groups of thousands\?/);
});

test('a JSON document given as CSV data is said to be one (a model file read as CSV said "a quote after \'{\'"), and text that is no JSON given as JSON says what it begins with', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  throwsData(() => csvTextFromBytes(enc('{"format":"backprop-model","version":1}\n'), 'm.json'), /^m\.json: not CSV data: it is a JSON document, a backprop model file \(it begins '\{"'\)$/);
  throwsData(() => csvTextFromBytes(enc('\ufeff  [[1,2],[3,4]]'), 'rows.csv'), /^rows\.csv: not CSV data: it is a JSON document \(it begins '\[\['\)$/);
  throwsData(() => readCsv(writeFile(dir, 'records.csv', '[ {"a": 1} ]')), /records\.csv: not CSV data: it is a JSON document/);
  // a CSV whose first cell merely starts with a brace is CSV
  assert.equal(parseCsv('a,y\n{x},0\n{y},1\n{x},0\n', { oneHot: ['a'] }).dataset.X.rows, 2);
  const fail = (msg: string): never => { throw new Error(msg); };
  assert.throws(() => parseJsonBytes(enc('x1,x2,y\n0,0,a\n'), fail), /^Error: not a JSON document: it begins 'x1,x2,y', which looks like a line of CSV data$/);
  assert.throws(() => parseJsonBytes(enc('# my notes\n'), fail), /^Error: not a JSON document: it begins '# my notes'$/);
  // JSON that goes wrong later keeps its line and column
  assert.throws(() => parseJsonBytes(enc('{"a": [1 2]}'), fail), /not valid JSON at line 1, column 10/);
});

test('an IDX header of huge counts is said with its exact byte count (it was rounded: 18446181123756261000 bytes)', () => {
  const header = Buffer.alloc(16);
  header.writeUInt32BE(0x00000803, 0);
  header.writeUInt32BE(0xffffffff, 4);
  header.writeUInt32BE(0xffff, 8);
  header.writeUInt32BE(0xffff, 12);
  const images = writeFile(dir, 'huge-images-idx3-ubyte', Buffer.concat([header, Buffer.alloc(4)]));
  throwsData(() => readIdx(images), /huge-images-idx3-ubyte: the header announces 4294967295 x 65535 x 65535 values \(18446181123756261391 bytes\) but the file has 20 bytes$/);
});
