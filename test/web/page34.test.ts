// The playground before a class, round four (battery page34), in Chromium: a converged run's loss, a
// reload in the middle of a run, a decimal comma typed in a number field, and what the teacher's and
// the student's probes of this round found. Each: the page says what is so, nothing silently wrong.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { epochOf, openPage, skipBrowser, stepEpochs, waitForFreshNetwork, type PageSession } from './page-helpers.js';

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

test('a reload in the middle of a run keeps the run, as Back does, and says so (it started again at epoch 0 without a word)', { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  await page.goto(`${s.server.url}?data=xor&opt=adam&seed=7`);
  await waitForFreshNetwork(page);
  await stepEpochs(page, 5);
  const left = await page.getAttribute('#trainLoss', 'data-value');
  await page.reload();
  await page.waitForFunction(() => document.getElementById('epoch')!.dataset.epoch === '5', undefined, { timeout: 20_000 });
  assert.equal(await text('message'), "Kept across the reload (Reset starts again): epoch 5, with its weights, the optimizer's running averages and cost curve.");
  assert.equal(await page.getAttribute('#trainLoss', 'data-value'), left, 'the same weights: the same loss');
  // training goes on from there; Reset, then a reload, is a fresh network at epoch 0
  await stepEpochs(page, 1);
  assert.equal(await epochOf(page), 6);
  await page.click('#reset');
  await waitForFreshNetwork(page);
  await page.reload();
  await waitForFreshNetwork(page);
  await page.waitForTimeout(300);
  assert.equal(await epochOf(page), 0);
  assert.equal(await text('message'), '');
  assert.deepEqual(s.errors, []);
});
