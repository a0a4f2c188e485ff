// Hostile input, thirteenth sweep (command line). A full disk (ENOSPC), simulated by a module loaded
// with --import that cuts every write of a temporary file (and of a study journal's line) halfway with
// ENOSPC: the old file is kept, no temporary file is left, and the error is one line naming the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { backprop, tempDir, usageError } from '../helpers/cli.js';

const FULL_DISK = `
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
const full = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
const open = fs.promises.open;
fs.promises.open = async (...a) => {
  const h = await open(...a);
  if (!String(a[0]).includes('.backprop-tmp-')) return h;
  const writeFile = h.writeFile.bind(h);
  h.writeFile = async (c) => { await writeFile(typeof c === 'string' ? c.slice(0, c.length >> 1) : c.subarray(0, c.length >> 1)); throw full(); };
  return h;
};
const writeSync = fs.writeSync;
fs.writeSync = (fd, data, ...rest) => {
  if (typeof data === 'string' && data.startsWith('{"event":"start"')) { writeSync(fd, data.slice(0, data.length >> 1)); throw full(); }
  return writeSync(fd, data, ...rest);
};
syncBuiltinESMExports();
`;

test('a full disk: train --save and --plot, predict --out and tune --study keep the old file and say so in one line', () => {
  const dir = tempDir();
  const hook = path.join(dir, 'full-disk.mjs');
  writeFileSync(hook, FULL_DISK);
  const env = { NODE_OPTIONS: `--import ${hook}` };
  const made = backprop(['train', '--data', 'flower', '--epochs', '2', '--save', 'm.json', '--plot', 'p.png'], { cwd: dir });
  assert.equal(made.code, 0, made.stderr);
  const model = readFileSync(path.join(dir, 'm.json'));
  writeFileSync(path.join(dir, 'pts.csv'), '0.1,0.2\n');
  writeFileSync(path.join(dir, 'preds.csv'), 'prediction\n1\n');
  const cases: [string[], RegExp][] = [
    [['train', '--data', 'flower', '--epochs', '2', '--save', 'm.json'], /^backprop: error: cannot write m\.json: the disk is full; m\.json was left as it was$/],
    [['train', '--data', 'flower', '--epochs', '2', '--plot', 'p.png'], /cannot write p\.png: the disk is full/],
    [['predict', '--model', 'm.json', '--data', 'pts.csv', '--out', 'preds.csv'], /cannot write preds\.csv: the disk is full/],
  ];
  const before = readdirSync(dir).sort();
  for (const [args, pattern] of cases) {
    const r = backprop(args, { cwd: dir, env });
    usageError({ ...r, stderr: r.stderr }, pattern);
  }
  assert.deepEqual(readFileSync(path.join(dir, 'm.json')), model);
  assert.equal(readFileSync(path.join(dir, 'preds.csv'), 'utf8'), 'prediction\n1\n');
  assert.deepEqual(readdirSync(dir).sort(), before);
  // the study journal: no half line, the file named
  const study = ['tune', '--data', 'flower', '--epochs', '1', '--trials', '3', '--lr', '0.1|0.2', '--study', 's.jsonl'];
  const first = backprop([...study.slice(0, 6), '1', ...study.slice(7)], { cwd: dir });
  assert.equal(first.code, 0, first.stderr);
  const journal = readFileSync(path.join(dir, 's.jsonl'), 'utf8');
  usageError(backprop(study, { cwd: dir, env }), /^backprop: error: cannot write the study s\.jsonl: the disk is full; the trials it holds are kept/);
  assert.equal(readFileSync(path.join(dir, 's.jsonl'), 'utf8'), journal);
});
