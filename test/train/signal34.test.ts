// fitAsync and a signal (Ctrl-C) that comes during its first epoch: the run stops after that epoch.
// Started from an I/O callback (as every run is, after its data was read), epoch 1 met its turn of
// the event loop in the same turn's check phase, before the loop polled for the signal: it ran epoch 2
// first (`train` said "after epoch 2" of a Ctrl-C pressed during epoch 1).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fitAsync } from '../../src/train/fit.js';
import { Network } from '../../src/nn/network.js';
import { synthetic } from '../../src/data/synthetic.js';

test('a signal during epoch 1 of fitAsync stops it after epoch 1, not epoch 2', { skip: process.platform === 'win32' && 'no SIGUSR2 on Windows' }, async () => {
  const { X, Y } = synthetic('flower', { seed: 1 });
  const net = new Network({ inputSize: 2, layers: [{ units: 4, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], seed: 1 });
  const controller = new AbortController();
  const abort = () => controller.abort();
  process.once('SIGUSR2', abort);
  const epochs: number[] = [];
  let sent = false;
  try {
    const run = new Promise((resolve, reject) => {
      // (from an I/O callback, the event loop's poll phase, as a run that read its data)
      readFile(fileURLToPath(import.meta.url), () => {
        fitAsync(net, X, Y, {
          epochs: 5, batchSize: 50, learningRate: 0.1, signal: controller.signal,
          onEpochEnd: (info) => { epochs.push(info.epoch); },
          // the signal arrives during the first step of epoch 1
          onBatchEnd: () => { if (!sent) { sent = true; process.kill(process.pid, 'SIGUSR2'); } },
        }).then(resolve, reject);
      });
    });
    await assert.rejects(run, (e: Error) => e.name === 'AbortError');
    assert.deepEqual(epochs, [1]);
  } finally {
    process.removeListener('SIGUSR2', abort);
  }
});
