// A CSV cell is a number when it matches [+-] (digits [. digits] | . digits) [e [+-] digits], and then
// its value is what Number() gives. numberValue scans the characters instead of a regular expression:
// checked here against the regular expression and Number() on every short string of number characters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { numberValue, numberIn, isNumber, isMissing, missingIn, MISSING_VALUES } from '../../src/data/csv-row.js';
import { Random } from '../../src/index.js';

const GRAMMAR = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function agrees(cell: string): void {
  const v = numberValue(cell);
  if (GRAMMAR.test(cell)) assert.ok(Object.is(v, Number(cell)), `'${cell}': ${v}, Number() gives ${Number(cell)}`);
  else assert.ok(Number.isNaN(v), `'${cell}' is not a number, got ${v}`);
  assert.equal(isNumber(cell), GRAMMAR.test(cell), cell);
}

test('every string of up to 4 characters from "09+-.eE x" reads as the grammar and Number() say', () => {
  const chars = ['0', '9', '+', '-', '.', 'e', 'E', ' ', 'x'];
  let strings = [''];
  for (let len = 0; len <= 4; len++) {
    strings.forEach(agrees);
    strings = strings.flatMap((s) => chars.map((c) => s + c));
  }
});

test('long, signed, exponent and odd numbers: the value is Number()\'s to the bit', () => {
  for (const cell of ['123456789012345', '1234567890123456', '99999999999999999999', '-0', '+0', '-000', '007', '1.', '.5', '-.5e-3',
    '3.14159265358979323846', '1e308', '1e309', '-1e-400', '4.9e-324', '0.1', '0.30000000000000004', '255', '-17', '+42',
    'Infinity', 'NaN', '0x10', '1_000', '1e', '1e+', 'e5', '.', '+', '', ' 1', '1 ', '١٢', '1,5']) agrees(cell);
});

test('missing values are exactly the listed ones', () => {
  for (const v of MISSING_VALUES) assert.ok(isMissing(v), v);
  for (const v of ['0', 'na', 'null', 'NAN', ' ', 'N/A ', 'None']) assert.ok(!isMissing(v), v);
});

test('decimals read in place (digits over an exact power of ten) are Number()\'s value to the bit, inside longer text too', () => {
  const rng = new Random(8);
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rng.random() * 10)).join('');
  for (let k = 0; k < 20000; k++) {
    const whole = digits(Math.floor(rng.random() * 9)), fraction = digits(Math.floor(rng.random() * 25));
    const sign = ['', '-', '+'][Math.floor(rng.random() * 3)]!;
    const cell = `${sign}${whole}${rng.random() < 0.9 ? '.' : ''}${fraction}`;
    agrees(cell);
    const text = `x,${cell},y`;
    const v = numberIn(text, 2, 2 + cell.length);
    assert.ok(GRAMMAR.test(cell) ? Object.is(v, Number(cell)) : Number.isNaN(v), `'${cell}' within text: ${v}`);
  }
  assert.ok(missingIn('1,NA,2', 2, 4) && !missingIn('1,NA,2', 2, 3) && missingIn('1,,2', 2, 2));
});
