// The command line as a new user and a script run it, thirty-fifth sweep: tune's --save, --plot and
// --results could name one file (the trials' table replaced the model it had just said was saved).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { backprop, tempDir, usageError } from '../helpers/cli.js';

const dir = tempDir('backprop-hostile35-');
const TUNE = ['tune', '--data', 'xor', '--samples', '40', '--layers', '2|3', '--epochs', '1', '--trials', '1'];

test("tune's outputs that name one file are refused before the study, naming both (the trials' table replaced the saved model)", () => {
  const best = path.join(dir, 'best.json'), study = path.join(dir, 'shared.jsonl');
  usageError(backprop([...TUNE, '--study', study, '--save', best, '--results', path.join(dir, '.', 'best.json')]),
    /--results .*best\.json: --save writes that file too; give each output its own file/);
  usageError(backprop([...TUNE, '--study', study, '--plot', path.join(dir, 'p.svg'), '--results', path.join(dir, 'p.svg')]), /--results .*p\.svg: --plot writes that file too/);
  assert.ok(!existsSync(best) && !existsSync(study), 'nothing written, not even the journal');
});

test("options typed after '--' are said to be read as arguments (train said it takes no arguments, predict that the file was given without an option name, import that an option was unknown)", () => {
  const after = /^backprop: error: '--' ends the options: '--\w+' after it is read as an argument, not as an option; put the options before '--', or leave '--' out$/;
  usageError(backprop(['train', '--data', 'xor', '--', '--epochs', '3']), after);
  usageError(backprop(['predict', '--model', 'm.json', '--', '--data', 'points.csv'], { cwd: dir }), after);
  usageError(backprop(['import', '--', '--x.onnx', '--out', 'y.json'], { cwd: dir }), /'--out' after it is read as an argument/);
  usageError(backprop(['predict', '--', '--model', 'm.json', '--data=p.csv'], { cwd: dir }), /'--model', '--data=p\.csv' after it are read as arguments, not as options/);
  // what follows '--' that is no option is an argument, as before: a file whose name begins with '-'
  usageError(backprop(['import', '--out', 'y.json', '--', '-x.onnx'], { cwd: dir }), /file not found: .*-x\.onnx/);
});
