// csvTextFromBytes: the browser-safe decoding of a CSV file's bytes (the page reads a user's file with it).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvTextFromBytes, parseCsv } from '../../src/index.js';

test('csvTextFromBytes: UTF-8 text as is (without its byte-order mark); a PNG image or bytes that are not UTF-8 are named', () => {
  assert.equal(csvTextFromBytes(new TextEncoder().encode('\uFEFFx,y\n1,caf\u00e9\n'), 'a.csv'), 'x,y\n1,caf\u00e9\n');
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  assert.throws(() => csvTextFromBytes(png, 'photo.csv'), { message: 'photo.csv: not a CSV text file: it looks like a PNG image' });
  assert.throws(() => csvTextFromBytes(Uint8Array.from([0x61, 0x0a, 0x62, 0xe9]), 'x.csv'), /^DataError: x\.csv, line 2, character 2: the byte 0xe9 is not UTF-8 text/);
  assert.equal(csvTextFromBytes(Uint8Array.from([0x62, 0xe9]), 'x.csv', 'latin1'), 'b\u00e9');
});

test('a number too large for float32 is quoted shortened in the error', () => {
  const text = `a,b,y\n${'9'.repeat(5000)},1,0\n1,2,1\n`;
  assert.throws(() => parseCsv(text, {}, 'big.csv'), (e: Error) => e.message.length < 150 && /'9{40}\.\.\.' is too large/.test(e.message));
});

test('csvTextFromBytes: a bad first byte is on line 1 (it was put on the last line); a file cut short after a PNG signature is named a PNG image', () => {
  assert.throws(() => csvTextFromBytes(Uint8Array.from([0xe9, 0x74, 0x65, 0x0a, 0x31, 0x0a, 0x32, 0x0a]), 'x.csv'), /^DataError: x\.csv, line 1, character 1: the byte 0xe9 is not UTF-8 text/);
  const cut = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x30, 0x30]);
  assert.throws(() => csvTextFromBytes(cut, 'photo.csv'), { message: 'photo.csv: not a CSV text file: it looks like a PNG image' });
});
