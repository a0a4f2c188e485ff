// Hostile input to the command line, ninth round: CSV line numbers of records with quoted line
// breaks, --space files whose dimension objects hold flag text, and messages that quote the library.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { backprop, fileWriter, tempDir, usageError } from '../helpers/cli.js';

const dir = tempDir('backprop-hostile9-');
const file = fileWriter(dir);

test('a CSV error names the line where its record starts, as an editor numbers it (a quoted CRLF counted twice; a record named by its last line)', () => {
  const crlf = file('crlf.csv', 'a,b,y\r\n1,"x\r\ny",0\r\n2,3,1\r\n4,5,6,0\r\n5,6,1\r\n');
  usageError(backprop(['train', '--data', crlf, '--epochs', '1']), /^backprop: error: .*crlf\.csv, line 5: 4 fields, expected 3 as the header line/);
  const cell = file('cell.csv', 'a,b,y\r\n1,"x\r\ny",0\r\n2,3,1\r\n4,5,0\r\n');
  usageError(backprop(['train', '--data', cell, '--epochs', '1']), /^backprop: error: .*cell\.csv, line 2, column 'b': 'x y' is not a number$/);
});

test('a --space dimension object reads its choices as the flag reads them, and a refused value is named by its flag throughout', () => {
  const space = (name: string, json: string) => file(name, json);
  // flag text in a choice object was given to training as it was: a valid schedule refused
  const ok = backprop(['tune', '--data', 'xor', '--samples', '60', '--epochs', '1', '--trials', '1', '--study', path.join(dir, 's.jsonl'),
    '--space', space('decay.json', '{"lr-decay": {"dimension": "choice", "choices": ["exp:0.9"]}, "layers": {"dimension": "choice", "choices": ["4,4"]}}')]);
  assert.equal(ok.code, 0, ok.stderr);
  usageError(backprop(['tune', '--data', 'xor', '--trials', '1', '--space', space('e.json', '{"epochs": {"dimension": "float", "low": 1, "high": 3}}')]),
    /^backprop: error: --epochs: the range 1\.\.3 gives a value training refuses: --epochs must be a whole number/);
  usageError(backprop(['tune', '--data', 'xor', '--epochs', '1', '--trials', '1', '--space', space('l2.json', '{"l2": {"dimension": "float", "low": -1, "high": 4}}')]),
    /^backprop: error: --l2: the range -1\.\.4 gives a value training refuses: --l2 must be a number >= 0, got -1$/);
  usageError(backprop(['tune', '--data', 'xor', '--epochs', '1', '--trials', '1', '--space', space('d.json', '{"dropout": {"dimension": "float", "low": 0.5, "high": 2}}')]),
    /^backprop: error: --dropout: the range 0\.5\.\.2 gives a value training refuses: --dropout must be a number in \(0, 1\], got 2$/);
});
