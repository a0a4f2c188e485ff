// Hostile input, twelfth sweep (data): whether line 1 of a CSV file is its header is guessed when
// not said, and the guess is now visible and can be asked for by name: header: true | false | 'auto'
// (the default), CsvResult/LoadResult.headerChoice say what was decided and why, and loadDataset
// without a warn callback tells Node's process warnings (it was silent).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { loadDataset } from '../../src/data/load.js';
import { parseCsv } from '../../src/data/csv.js';
import { OptionError } from '../../src/errors.js';
import { tempDir } from './helpers.js';

const dir = tempDir();
const rows = Array.from({ length: 12 }, (_, i) => `${i},${(i * 7) % 5},${i % 2}`).join('\n') + '\n';
const headerless = join(dir, 'headerless.csv'), headed = join(dir, 'headed.csv');
writeFileSync(headerless, rows);
writeFileSync(headed, 'a,b,y\n' + rows);

test("header: 'auto' is accepted and is the default: the same guess either way", async () => {
  const warned: string[] = [];
  const auto = await loadDataset(headerless, { header: 'auto', warn: (m) => warned.push(m) });
  const def = await loadDataset(headerless, { warn: () => {} });
  assert.equal(auto.schema.format === 'csv' && auto.schema.header, false);
  assert.deepEqual(auto.dataset.X.data, def.dataset.X.data);
  assert.equal(auto.dataset.X.cols, 12);
  assert.equal(warned.length, 1);
  assert.match(warned[0]!, /no header line \(line 1 holds numbers in all 3 columns of numbers\): columns are named 1, 2, 3, \.\.\.; if line 1 names the columns, say so \(\{ header: true \}\)/);
  const text = parseCsv(rows, { header: 'auto' });
  assert.equal(text.schema.header, false);
});

test('headerChoice says what was guessed, either way, and is absent when the header was given', async () => {
  const none = await loadDataset(headerless, { warn: () => {} });
  assert.match(none.headerChoice!, /headerless\.csv: no header line \(line 1 holds numbers/);
  const one = await loadDataset(headed, { warn: () => {} });
  assert.match(one.headerChoice!, /headed\.csv: line 1 read as the header line \('a' heads a column of numbers\); if it is data, say so \(\{ header: false \}\)/);
  assert.equal((await loadDataset(headed, { header: true })).headerChoice, undefined);
  assert.equal((await loadDataset(headerless, { header: false })).headerChoice, undefined);
  assert.match(parseCsv('a,b\n1,0\n2,1\n').headerChoice!, /line 1 read as the header line/);
});

test('header: true or false overrides the guess', async () => {
  const numbered = join(dir, 'numbered.csv');
  writeFileSync(numbered, '10,20,30\n' + rows);
  assert.equal((await loadDataset(numbered, { warn: () => {} })).dataset.X.cols, 13); // guessed: line 1 is data
  const forced = await loadDataset(numbered, { header: true, warn: () => {} });
  assert.equal(forced.dataset.X.cols, 12); // line 1 taken as names
  assert.deepEqual(forced.schema.format === 'csv' && forced.schema.columns, ['10', '20', '30']);
  // line 1 taken as a row: its names are cells, and 'a' is no number
  await assert.rejects(loadDataset(headed, { header: false, warn: () => {} }), /headed\.csv, line 1, column '1': 'a' is not a number/);
});

test("header of another kind is refused naming the three values it takes", async () => {
  for (const header of ['yes', 1, null]) {
    await assert.rejects(loadDataset(headed, { header: header as never }), (e: unknown) => e instanceof OptionError && /^options\.header must be true, false or 'auto', got /.test(e.message));
  }
  await assert.rejects(loadDataset(headed, { warn: 'stderr' as never }), (e: unknown) => e instanceof OptionError && /options\.warn must be a function/.test(e.message));
});

test('loadDataset without a warn callback tells the guess as a process warning (it was silent)', () => {
  const script = (options: string) => `import { loadDataset } from ${JSON.stringify(new URL('../../src/data/load.js', import.meta.url).href)};
await loadDataset(${JSON.stringify(headerless)}${options});`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script('')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /BackpropWarning: .*headerless\.csv: no header line/);
  const quiet = spawnSync(process.execPath, ['--input-type=module', '-e', script(', { warn: () => {} }')], { encoding: 'utf8' });
  assert.equal(quiet.stderr, '');
});

// Excel's separator line (sep=;), refused here with a message, is honoured since: test/data/hostile13.test.ts
