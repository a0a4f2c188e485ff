// Hostile input to the library, ninth round: line numbers of CSV records whose quoted fields hold
// line breaks, and the families of the sweep below.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsv } from '../../src/data/csv.js';
import { DataError } from '../../src/errors.js';

const refusedAt = (text: string, options: Record<string, unknown>, message: RegExp) =>
  assert.throws(() => parseCsv(text, options, 'f.csv'), (e: Error) => {
    assert.ok(e instanceof DataError, `${e.name}: ${e.message}`);
    assert.match(e.message, message);
    return true;
  }, JSON.stringify(text));

test('a CSV error names the line an editor shows for the start of the record: a quoted CRLF counted as two lines, and a record by its last line', () => {
  for (const nl of ['\n', '\r\n', '\r']) {
    // line 2 holds a record whose quoted field runs to line 3; the bad cell of line 2 is named at line 2
    refusedAt(`a,b,y${nl}1,"x${nl}y",0${nl}2,3,1${nl}4,5,0${nl}`, {}, /^f\.csv, line 2, column 'b': 'x y' is not a number/);
    // a record after it: lines 4 and 5, as an editor numbers them
    refusedAt(`a,b,y${nl}1,"x${nl}y",0${nl}2,3,1${nl}4,5,6,0${nl}`, { oneHot: ['b'] }, /^f\.csv, line 5: 4 fields, expected 3/);
    refusedAt(`a,b,y${nl}1,"x${nl}y",0${nl}2,"3",1${nl}4,,0${nl}`, { oneHot: ['b'] }, /^f\.csv, line 5, column 'b': empty cell/);
    // blank lines and a line of spaces between records, and two line breaks in one field
    refusedAt(`a,b,y${nl}1,"x${nl}${nl}y",0${nl}${nl}2,3,1${nl}  ${nl}4,"a"b,0${nl}`, {}, /^f\.csv, line 8, column 'b': text after the closing quote/);
    refusedAt(`a,b,y${nl}1,"x${nl}y",0${nl}4,a"b,0${nl}`, {}, /^f\.csv, line 4, column 'b': a quote after 'a' inside a field/);
  }
});
