// The playground before a class, round four (battery page34), in Chromium: a converged run's loss, a
// reload in the middle of a run, a decimal comma typed in a number field, and what the teacher's and
// the student's probes of this round found. Each: the page says what is so, nothing silently wrong.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, skipBrowser, waitForFreshNetwork, type PageSession } from './page-helpers.js';

let s: PageSession;
before(async () => { if (!skipBrowser) s = await openPage(); });
after(async () => { await s?.close(); });

const text = async (id: string) => (await s.page.textContent(`#${id}`)) ?? '';

test("a converged run's loss below 0.0005 keeps its size in every readout (it was 0.000, a perfect run's)", { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  // a linear unit on the plane without noise: the squared error goes to 1e-30 and below
  await page.goto(`${s.server.url}?problem=regression&data=plane&layers=&noise=0&lr=0.01&speed=10`);
  await waitForFreshNetwork(page);
  await page.click('#play');
  await page.waitForFunction(() => Number(document.getElementById('trainLoss')!.dataset.value) < 1e-4, undefined, { timeout: 30_000 });
  await page.click('#play');
  await page.waitForFunction(() => document.getElementById('play')!.getAttribute('aria-label') === 'Play');
  await page.waitForTimeout(300);
  const exponent = /^-?\d\.\d{3}e-\d{2,}$/;
  const train = await text('trainLoss'), test = await text('testLoss');
  assert.match(train, exponent);
  assert.match(test, exponent);
  assert.equal(Number(train), Number(Number(await page.getAttribute('#trainLoss', 'data-value')).toExponential(3)), 'the number shown is the loss');
  // the cost curve read with the keys, and what a screen reader is told when training pauses
  await page.focus('#chart');
  await page.keyboard.press('End');
  assert.match(await text('chartReadout'), /^epoch \d+: training loss -?\d\.\d{3}e-\d{2,}, test loss -?\d\.\d{3}e-\d{2,}$/);
  assert.match(await text('srStatus'), /^Epoch \d+: test loss \d\.\d{3}e-\d{2,}, training loss \d\.\d{3}e-\d{2,}\.$/);
  assert.doesNotMatch(`${train} ${test} ${await text('chartReadout')} ${await text('srStatus')}`, /0\.000\b/);
  assert.deepEqual(s.errors, []);
});
