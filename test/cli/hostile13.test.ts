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

/** One line on stderr matching `pattern`, exit 1: a full disk is a run that failed, as for standard output (hostile36; it was 2). */
function fullDisk(r: ReturnType<typeof backprop>, pattern: RegExp): void {
  usageError({ ...r, code: r.code === 1 ? 2 : -r.code }, pattern);
}

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
    fullDisk(r, pattern);
  }
  assert.deepEqual(readFileSync(path.join(dir, 'm.json')), model);
  assert.equal(readFileSync(path.join(dir, 'preds.csv'), 'utf8'), 'prediction\n1\n');
  assert.deepEqual(readdirSync(dir).sort(), before);
  // the study journal: no half line, the file named
  const study = ['tune', '--data', 'flower', '--epochs', '1', '--trials', '3', '--lr', '0.1|0.2', '--study', 's.jsonl'];
  const first = backprop([...study.slice(0, 6), '1', ...study.slice(7)], { cwd: dir });
  assert.equal(first.code, 0, first.stderr);
  const journal = readFileSync(path.join(dir, 's.jsonl'), 'utf8');
  fullDisk(backprop(study, { cwd: dir, env }), /^backprop: error: cannot write the study s\.jsonl: the disk is full; the trials it holds are kept/);
  assert.equal(readFileSync(path.join(dir, 's.jsonl'), 'utf8'), journal);
});

test('an option written with a dash that only looks like "-" is named, with the option as it should be', () => {
  const cases: [string[], RegExp][] = [
    [['train', '--data', 'flower', '--epochs', '1', '–lr', '0.1'], /^backprop: error: '–lr' begins with an en dash \(U\+2013\), not the hyphen-minus of an option: write --lr$/],
    [['train', '--data', 'flower', '—epochs', '1'], /'—epochs' begins with an em dash \(U\+2014\).*write --epochs$/],
    [['train', '--data', 'flower', '\u2010\u2010lr', '0.1'], /begins with a hyphen \(U\+2010\).*write --lr$/],
    [['train', '--data', 'flower', '\uFF0D\uFF0Dlr', '0.1'], /begins with a full-width hyphen-minus \(U\+FF0D\).*write --lr$/],
    [['–version'], /'–version' begins with an en dash.*write --version$/],
    [['train', '\u2212h'], /begins with a minus sign \(U\+2212\).*write -h$/],
  ];
  for (const [args, pattern] of cases) usageError(backprop(args), pattern);
});

test('--target as a number that is a column name and another column position: the name is taken, with a warning', () => {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'amb.csv'), '3,a,y\n1,0.5,0\n0,3.5,1\n1,4.5,0\n0,5.5,1\n1,6.5,0\n');
  const r = backprop(['train', '--data', 'amb.csv', '--epochs', '1', '--target', '3'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /^backprop: warning: amb\.csv: target 3 is read as the column named '3' \(column 1\), not as column 3 \('y'\); to use column 3, give its name$/m);
});
