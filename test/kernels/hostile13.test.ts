// Hostile input, thirteenth sweep (backends): initBackend's arguments. initBackend({ threads: 2 })
// (the options in the backend's place) and initBackend('cuda') ran 'auto' silently; threads -1 and 1.5
// became 1, '2' and 1e9 went on to the pool, without a word.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend } from '../../src/kernels/init.js';
import { OptionError } from '../../src/errors.js';

const named = (pattern: RegExp) => (e: unknown) => e instanceof OptionError && pattern.test(e.message) && !e.message.includes('\n');

test('initBackend: a backend that is none of its names is refused, options in its place said so', async () => {
  await assert.rejects(initBackend('cuda' as never), named(/^initBackend: the backend must be one of auto, js, wasm, wasm-threads, got "cuda"$/));
  await assert.rejects(initBackend({ threads: 2 } as never), named(/^initBackend: the backend must be one of .*; the options come second: initBackend\('auto', \{"threads":2\}\)$/));
});

test('initBackend: threads must be a whole number from 1 to 1024', async () => {
  for (const t of [-1, 0, 1.5, '2', 1e9, Number.NaN]) {
    await assert.rejects(initBackend('js', { threads: t as never }), named(/^initBackend: options\.threads must be a whole number from 1 to 1024, got /), String(t));
  }
  assert.equal(await initBackend('js', { threads: 1 }), 'js');
});
