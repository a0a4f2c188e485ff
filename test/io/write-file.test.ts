// Atomic writes: never over a non-regular file, both-or-neither for several files, permissions kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { OptionError, OutputError } from '../../src/errors.js';
import { saveModel } from '../../src/io/model-file.js';
import type { Model } from '../../src/model/model.js';
import { tempFileName, writeFileAtomic, writeFilesAtomic } from '../../src/io/write-file.js';
import { tempDir } from '../helpers/cli.js';

const dir = tempDir('backprop-write-');

test('the temporary file is named .NAME.backprop-tmp-PID beside the target', () => {
  assert.equal(tempFileName('/a/b/model.json'), `/a/b/.model.json.backprop-tmp-${process.pid}`);
});

test('several files are written both or neither: a refused one leaves the others as they were', async () => {
  const good = path.join(dir, 'weights.bin');
  writeFileSync(good, 'old weights');
  const folderInTheWay = path.join(dir, 'model.json');
  mkdirSync(folderInTheWay);
  await assert.rejects(writeFilesAtomic([{ file: good, content: 'new' }, { file: folderInTheWay, content: '{}' }]),
    (e: unknown) => e instanceof OutputError && /model\.json: it is a folder, not a regular file/.test(e.message));
  assert.equal(readFileSync(good, 'utf8'), 'old weights');
  assert.deepEqual(readdirSync(dir).filter((f) => f.includes('backprop-tmp')), []);
});

test('a replaced file keeps its permissions', async () => {
  const file = path.join(dir, 'private.json');
  writeFileSync(file, 'a');
  chmodSync(file, 0o600);
  await writeFileAtomic(file, 'b');
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.equal(readFileSync(file, 'utf8'), 'b');
});

test('writing into a folder that does not exist names the folder; nothing is created', async () => {
  const file = path.join(dir, 'missing', 'm.json');
  await assert.rejects(writeFileAtomic(file, 'x'), (e: unknown) => e instanceof OutputError && /missing does not exist/.test(e.message));
  assert.equal(existsSync(path.join(dir, 'missing')), false);
});

test('saveModel with something that is no Model, or no file name, is an OptionError naming the argument (it was a TypeError)', async () => {
  const dir = tempDir('backprop-save-');
  const file = path.join(dir, 'm.json');
  await assert.rejects(saveModel(file, {} as Model), (e: unknown) => e instanceof OptionError && /^saveModel: model must be a Model \(from trainModel, loadModel or Model\.fromJson\), got an object$/.test((e as Error).message));
  await assert.rejects(saveModel(undefined as unknown as string, {} as Model), (e: unknown) => e instanceof OptionError && /^saveModel: file must be a file name \(a non-empty string\), got undefined$/.test((e as Error).message));
  assert.equal(existsSync(file), false);
});

test('saves of one file at once from one process each write a whole file: they shared a temporary file, and one put the other half-written in place', async () => {
  const file = path.join(dir, 'together.json');
  const contents = Array.from({ length: 6 }, (_, i) => String.fromCharCode(97 + i).repeat(1 << 21));
  const results = await Promise.allSettled(contents.map((c) => writeFileAtomic(file, c)));
  assert.deepEqual(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok')), contents.map(() => 'ok'));
  const written = readFileSync(file, 'utf8');
  assert.ok(contents.includes(written), `one whole content, got ${written.length} characters starting '${written.slice(0, 3)}'`);
  assert.deepEqual(readdirSync(dir).filter((f) => f.includes('together.json.backprop-tmp')), []);
});

test('a process killed (SIGTERM, SIGHUP) while it writes a file leaves neither the file half-written nor its temporary file, and ends by the signal', async () => {
  const module = pathToFileURL(path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../src/io/write-file.js')).href;
  for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
    const sub = mkdtempSync(path.join(dir, 'killed-'));
    const file = path.join(sub, 'big.bin');
    writeFileSync(file, 'old');
    const script = `import { writeFileAtomic } from ${JSON.stringify(module)};
      const content = Buffer.alloc(400 << 20, 7); process.stdout.write('writing\\n'); await writeFileAtomic(${JSON.stringify(file)}, content);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.once('data', () => setTimeout(() => child.kill(signal), 30));
    const ended = await new Promise<string | null>((resolve) => child.on('exit', (_code, s) => resolve(s)));
    assert.equal(ended, signal);
    assert.deepEqual(readdirSync(sub).filter((f) => f.includes('backprop-tmp')), [], 'no temporary file left');
    const now = readFileSync(file);
    assert.ok(now.toString() === 'old' || now.length === 400 << 20, `the old file or the whole new one, got ${now.length} bytes`);
  }
});
