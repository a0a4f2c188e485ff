// A converged run's cost in the CLI's lines: toFixed(6) wrote 3e-7 as 0.000000, as if the fit were perfect.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { costText } from '../../src/util/number-text.js';
import { backprop, tempDir } from '../helpers/cli.js';

test('costText keeps the course\'s six decimals and writes a cost below 1e-4 in exponent form', () => {
  assert.equal(costText(0.6930477), '0.693048');
  assert.equal(costText(0.000123), '0.000123');
  assert.equal(costText(3.2e-7), '3.200e-07');
  assert.equal(costText(0), '0.000000');
});

test('train\'s last cost and its progress lines show a converged regression\'s cost with its size', () => {
  const dir = tempDir('cost34-');
  const rows = Array.from({ length: 40 }, (_, i) => { const a = (i % 7) / 7, b = (i % 5) / 5; return `${a},${b},${(2 * a - b + 0.5).toFixed(6)}`; });
  writeFileSync(path.join(dir, 'line.csv'), `a,b,y\n${rows.join('\n')}\n`);
  const model = path.join(dir, 'line.json');
  const train = backprop(['train', '--data', path.join(dir, 'line.csv'), '--target', 'y', '--layers', 'none', '--optimizer', 'adam', '--lr', '0.05',
    '--epochs', '600', '--test-split', '0', '--save', model]);
  assert.equal(train.code, 0, train.stderr);
  const last = /last epoch's cost (\S+)/.exec(train.stdout)?.[1];
  assert.ok(last !== undefined && /^\d\.\d{3}e-\d\d$/.test(last), `last epoch's cost: ${last} (${train.stdout})`);
  assert.ok(!/cost 0\.000000\b/.test(train.stdout), train.stdout);
  // every epoch line's cost as well (the progress lines without a terminal)
  const epochCosts = [...train.stdout.matchAll(/epoch +\d+\/600 .*?cost (\S+)/g)].map((m) => m[1]!);
  assert.ok(epochCosts.length > 0 && epochCosts.at(-1)!.includes('e-'), train.stdout);
});
