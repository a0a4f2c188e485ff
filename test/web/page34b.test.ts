// The playground, session 34's second round (battery page34b), in Chromium: the backward tab of three
// classes shows Y as the one-hot column dZ[L] = A[L] - Y uses (it said "Y is the label y"), and an
// imported model brings back its learning rate, optimizer and mini-batch, and the message says what the
// page could not carry on (it started again at epoch 0 with the page's own rate, without a word).

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { ARTIFACTS, epochOf, openPage, skipBrowser, stepEpochs, waitForFreshNetwork, type PageSession } from './page-helpers.js';

let s: PageSession;
before(async () => { if (!skipBrowser) s = await openPage(); });
after(async () => { await s?.close(); });

const vector = (text: string) => text.split(', ').map(Number);

test("the backward tab of three classes writes the example's Y as its one-hot column, and dZ[L] = A[L] - Y with those numbers (it said Y is the label y)", { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  await page.goto(`${s.server.url}?data=spiral3&layers=4`);
  await waitForFreshNetwork(page);
  await page.fill('#exampleIndex', '2');
  await page.click('#inspect');
  await page.click('#tabBackward');
  await page.waitForFunction(() => (document.getElementById('backwardText')!.textContent ?? '').includes('dZ[2] = A[2] - Y'));
  const text = (await page.textContent('#backwardText'))!;
  assert.doesNotMatch(text, /Y is the label y/);
  const note = /Y is the example's class (\S+) as a one-hot column, Y = \[([^\]]+)\]ᵀ \(1 in row (\d) of 3\)/.exec(text);
  assert.ok(note, text.slice(0, 600));
  const Y = vector(note[2]!);
  assert.deepEqual(Y.filter((v) => v === 1).length, 1);
  assert.equal(Y.indexOf(1) + 1, Number(note[3]));
  // the output layer's own lines: ŷ, the same Y, and dZ[2] = A[2] - Y entry by entry
  const A = vector(/\n {2}A\[2\] = ŷ = \[([^\]]+)\]ᵀ\n/.exec(text)![1]!);
  assert.deepEqual(vector(/\n {2}Y, the targets as the loss uses them \(n\[2\] x m, a class as a one-hot column\) = \[([^\]]+)\]ᵀ\n/.exec(text)![1]!), Y);
  const dZ = vector(/\n {2}dZ\[2\] = A\[2\] - Y = \[([^\]]+)\]ᵀ\n/.exec(text)![1]!);
  assert.equal(A.length, 3);
  dZ.forEach((d, k) => assert.ok(Math.abs(d - (A[k]! - Y[k]!)) < 2e-4, `dZ[2] row ${k + 1}: ${d} vs ${A[k]} - ${Y[k]}`));
  assert.deepEqual(s.errors, []);
});

async function importFile(page: Page, file: string): Promise<string> {
  await page.evaluate(() => { document.getElementById('message')!.textContent = ''; });
  await page.setInputFiles('#importFile', file);
  await page.waitForFunction(() => /^(Imported|Could not import)/.test(document.getElementById('message')!.textContent ?? ''), undefined, { timeout: 20_000 });
  return (await page.textContent('#message')) ?? '';
}

test('an imported model comes back with its learning rate, optimizer and mini-batch, and the message says the epochs and cost curve start again (they did, without a word)', { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  await page.goto(`${s.server.url}?data=xor&lr=0.3&opt=adam&batch=5&layers=3`);
  await waitForFreshNetwork(page);
  await stepEpochs(page, 3);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
  const file = path.join(ARTIFACTS, 'page34b-adam.json');
  await download.saveAs(file);

  await page.goto(`${s.server.url}?data=xor&lr=0.03&opt=gd&batch=10`);
  await waitForFreshNetwork(page);
  const msg = await importFile(page, file);
  assert.match(msg, /; learning rate 0\.3, optimizer adam, mini-batch 5 as it was trained; it was trained 3 epochs; the page counts from epoch 0 with a new cost curve, and adam's running averages start at zero\. Reset returns/);
  assert.equal(await page.inputValue('#lr'), '0.3');
  assert.equal(await page.inputValue('#optimizer'), 'adam');
  assert.equal(await page.inputValue('#batch'), '5');
  assert.match(page.url(), /[?&]lr=0\.3(&|$)/);
  await waitForFreshNetwork(page);
  assert.equal(await epochOf(page), 0);

  // a rate the page does not offer, and a file without an optimizer: the message names what the page uses instead
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { training: Record<string, unknown> };
  doc.training.learningRate = 0.005;
  delete doc.training.optimizer;
  const odd = path.join(ARTIFACTS, 'page34b-odd-rate.json');
  writeFileSync(odd, JSON.stringify(doc));
  const said = await importFile(page, odd);
  assert.match(said, /; mini-batch 5 as it was trained; learning rate: it was trained with 0\.005, not one of the page's, so the page uses its 0\.3; optimizer: the file records none, so the page uses its adam; it was trained 3 epochs; the page counts from epoch 0/);
  assert.equal(await page.inputValue('#lr'), '0.3');
  assert.deepEqual(s.errors, []);
});
