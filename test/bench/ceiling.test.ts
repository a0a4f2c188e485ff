// The bench's probe of the machine's ceiling on several threads (bench/ceiling.ts): its workers run
// the loop when told to and report, and a measurement ends (its figures are in bench/, not here).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CeilingProbe } from '../../bench/ceiling.js';
import { getBackend, setBackend } from '../../src/kernels/registry.js';

/** One measurement: every thread's loop ran, the ceiling is their sum over the loop alone, the backend is set back. */
function measureOnce(probe: CeilingProbe): void {
  const { ceiling, alone, together } = probe.measure(30);
  assert.equal(together.length, 2);
  assert.ok(alone > 0 && together.every((r) => r > 0), `every thread ran the loop: alone ${alone}, together ${together.join(', ')}`);
  assert.ok(Math.abs(ceiling - (together[0]! + together[1]!) / alone) < 1e-12);
  assert.equal(getBackend().name, 'js');
}

test('the ceiling probe runs its loop on this thread and on a worker, and sets the backend back', async () => {
  assert.equal(await CeilingProbe.start(1), undefined, 'one thread: nothing to probe');
  const probe = await CeilingProbe.start(2);
  if (!probe) throw new Error("the 'wasm' backend did not load");
  setBackend('js');
  try {
    measureOnce(probe);
    measureOnce(probe); // a second window: the worker waits for the next one and runs it
  } finally {
    await probe.close();
  }
});
