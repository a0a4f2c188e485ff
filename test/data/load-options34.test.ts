// loadDataset's options that the file's format does not use ({ header } or { target } for an IDX or
// HDF5 file or a built-in set, { width } for a CSV file) were ignored without a word: said through
// its warn, naming each option and the format.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { loadDataset, unusedLoadOptions } from '../../src/data/load.js';
import { fileWriter, tempDir } from '../helpers/cli.js';

const write = fileWriter(tempDir('backprop-load34-'));
const csv = write('p.csv', 'a,b,y\n0,1,x\n1,0,z\n1,1,x\n0,0,z\n');

test("options of another format are warned of, naming each and the format's own", async () => {
  const said: string[] = [];
  await loadDataset('builtin:xor', { header: true, target: 'y', samples: 20, warn: (m) => said.push(m) });
  assert.deepEqual(said, ['loadDataset: { header }, { target } are not used by a built-in set (builtin:xor), ignored; it reads { samples }, { noise }, { seed }, { syntheticClasses }']);
  said.length = 0;
  await loadDataset(csv, { target: 'y', width: 8, labels: 'l.gz', warn: (m) => said.push(m) });
  assert.equal(said.length, 1);
  assert.match(said[0]!, new RegExp(`^loadDataset: \\{ width \\}, \\{ labels \\} are not used by a CSV file \\(${path.basename(csv)}|.*p\\.csv\\), ignored; it reads \\{ header \\}, \\{ target \\}`));
});

test('options given as undefined, and those of any format, are not warned of', async () => {
  const said: string[] = [];
  await loadDataset(csv, { target: 'y', header: undefined, width: undefined, name: 'p', dtype: 'float64', deferMissing: true, warn: (m) => said.push(m) });
  await loadDataset('xor', { seed: 3, samples: 10, warn: (m) => said.push(m) });
  assert.deepEqual(said, []);
  assert.deepEqual(unusedLoadOptions('hdf5', { xKey: 'x', task: 'regression', header: false, channels: 1 }), ['header', 'channels']);
});
