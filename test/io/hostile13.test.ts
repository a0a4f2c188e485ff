// Hostile input, thirteenth sweep (writing): a full disk (ENOSPC) while a model, an export or a study
// is written. The write is made to fail halfway through (fs.promises.open's handle writes half its
// content, then throws ENOSPC; the journal's writeSync likewise): the old file must be kept as it was,
// no temporary file left beside it, and the error one line naming the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs, { readdirSync, readFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import { saveModel } from '../../src/io/model-file.js';
import { saveOnnx } from '../../src/io/onnx.js';
import { Model } from '../../src/model/model.js';
import { Network } from '../../src/nn/network.js';
import { JournalStorage } from '../../src/tune/storage/journal.js';
import { OutputError } from '../../src/errors.js';
import { tempDir } from '../helpers/cli.js';

const full = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
const oneLine = (pattern: RegExp) => (e: unknown) => e instanceof OutputError && pattern.test(e.message) && !e.message.includes('\n');

/** Run fn with every write to a temporary file of this tool cut off halfway by ENOSPC. */
async function withFullDisk<T>(fn: () => Promise<T>): Promise<T> {
  const open = fs.promises.open;
  fs.promises.open = (async (...a: Parameters<typeof open>) => {
    const h = await open(...a);
    if (!String(a[0]).includes('.backprop-tmp-')) return h;
    const writeFile = h.writeFile.bind(h);
    h.writeFile = (async (c: string | Uint8Array) => {
      await writeFile(typeof c === 'string' ? c.slice(0, c.length >> 1) : c.subarray(0, c.length >> 1));
      throw full();
    }) as typeof h.writeFile;
    return h;
  }) as typeof open;
  try {
    return await fn();
  } finally {
    fs.promises.open = open;
  }
}

const model = () => Model.fromNetwork(new Network({ inputSize: 2, layers: [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], seed: 3 }));

test('saveModel and saveOnnx on a full disk: the old file kept, no temporary file, one line naming the file', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'm.json');
  await saveModel(file, model());
  const before = readFileSync(file);
  await withFullDisk(() => assert.rejects(saveModel(file, model()), oneLine(/^cannot write .*m\.json: the disk is full; .*m\.json was left as it was$/)));
  assert.deepEqual(readFileSync(file), before);
  assert.deepEqual(readdirSync(dir), ['m.json']);
  const onnx = path.join(dir, 'm.onnx');
  await withFullDisk(() => assert.rejects(saveOnnx(onnx, model()), oneLine(/^cannot write .*m\.onnx: the disk is full/)));
  assert.deepEqual(readdirSync(dir), ['m.json']);
});

test('a study journal on a full disk keeps its whole lines and names itself (it left half a line and said "ENOSPC: no space left on device, write")', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'study.jsonl');
  const store = new JournalStorage(file);
  await store.open({ data: { hash: 'd', description: 'd' }, space: { hash: 's', description: 's' }, objective: 'loss', direction: 'minimize' });
  const before = readFileSync(file, 'utf8');
  const writeSync = fs.writeSync;
  fs.writeSync = ((fd: number, data: string, ...rest: never[]) => {
    if (typeof data === 'string' && data.includes('"event":"start"')) {
      writeSync(fd, data.slice(0, data.length >> 1));
      throw full();
    }
    return writeSync(fd, data, ...rest);
  }) as typeof fs.writeSync;
  syncBuiltinESMExports();
  try {
    await assert.rejects(store.claim(() => ({ params: { learningRate: 0.1 } })), oneLine(/^cannot write the study .*study\.jsonl: the disk is full; the trials it holds are kept/));
  } finally {
    fs.writeSync = writeSync;
    syncBuiltinESMExports();
  }
  assert.equal(readFileSync(file, 'utf8'), before);
  assert.deepEqual(readdirSync(dir).sort(), ['study.jsonl']);
});
