// Every command's --help as a user reads it beside the docs: no option states its default twice
// (commander appends "(default: ...)" to a description that already said one: --delimiter and
// --encoding read "(default: auto, from the first line) (default: "auto")"), and tune --pruner's
// rungs are where AshaPruner puts them (the help said epochs 1, 3, 9 while a 20-epoch trial met
// rungs at 2, 6 and 18).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backprop } from '../helpers/cli.js';
import { AshaPruner } from '../../src/tune/pruners/asha.js';

const COMMANDS = ['train', 'evaluate', 'predict', 'tune', 'import', 'export', 'datasets', 'gradcheck', 'inspect', 'playground'];

/** Each option's help text, on one line. */
function optionTexts(command: string): string[] {
  const r = backprop([command, '--help']);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.split(/\n(?=  -)/).slice(1).map((s) => s.replace(/\s+/g, ' ').trim());
}

test('no option of any command says its default twice', () => {
  for (const command of COMMANDS) {
    const texts = optionTexts(command);
    assert.ok(texts.length > 0, command);
    for (const t of texts) assert.ok((t.match(/\(default/g) ?? []).length <= 1, `backprop ${command} --help: ${t}`);
  }
});

test("tune --pruner's help puts the rungs where AshaPruner does", () => {
  const pruner = optionTexts('tune').find((t) => t.startsWith('--pruner'))!;
  const divisor = Number(/r = --epochs \/ (\d+) rounded down, at least 1/.exec(pruner)?.[1]);
  assert.ok(divisor > 1, pruner);
  for (const epochs of [5, 20, 27, 90]) assert.equal(new AshaPruner({ maxEpochs: epochs }).minEpochs, Math.max(1, Math.floor(epochs / divisor)), `${epochs} epochs`);
  assert.match(pruner, /rungs at epochs r, 3r, 9r/);
  assert.equal(new AshaPruner().eta, 3);
});
