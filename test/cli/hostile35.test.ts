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
