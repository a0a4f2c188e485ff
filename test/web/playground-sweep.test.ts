// The sweep panel in Chromium: a 5 x 5 grid trained in Web Workers, its best cell trained again in
// the page, Play pausing and resuming a sweep, the sweep in the link, one setting over seeds.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, epochOf, lossOf, openPage, skipBrowser, waitForFreshNetwork, type PageSession } from './page-helpers.js';

let s: PageSession;
before(async () => { if (!skipBrowser) s = await openPage(); });
after(async () => { await s?.close(); });

const doneCells = async (p: Page) => Number(await p.getAttribute('#sweepPanel', 'data-done'));
const stateOf = (p: Page) => p.getAttribute('#sweepPanel', 'data-state');

async function fillSweep(p: Page, x: [string, string], y: [string, string] | undefined, epochs: number, seeds = 1): Promise<void> {
  await p.selectOption('#sweepX', x[0]);
  await p.fill('#sweepXValues', x[1]);
  await p.selectOption('#sweepY', y?.[0] ?? '');
  await p.fill('#sweepYValues', y?.[1] ?? '');
  await p.fill('#sweepEpochs', String(epochs));
  await p.fill('#sweepSeeds', String(seeds));
}

test('a 5 x 5 sweep of learning rate x units on the 2-class spiral runs in under a minute; its best cell trained in the page gives its test loss', { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.goto(s.server.url + '?data=spiral&layers=4,4&act=tanh&opt=adam&speed=30');
  await waitForFreshNetwork(page);
  await fillSweep(page, ['lr', '0.003, 0.01, 0.03, 0.1, 0.3'], ['u1', '2, 3, 4, 6, 8'], 150);
  const t0 = Date.now();
  await page.click('#sweepRun');
  await page.waitForFunction(() => document.getElementById('sweepPanel')!.dataset.state === 'done', undefined, { timeout: 120_000, polling: 250 });
  const seconds = (Date.now() - t0) / 1000;
  const pageSeconds = Number(await page.getAttribute('#sweepPanel', 'data-seconds'));
  console.log(`# 5 x 5 sweep, 150 epochs each: ${seconds.toFixed(1)} s (the page's clock: ${pageSeconds} s); ${await page.textContent('#sweepStatus')}`);
  assert.equal(await doneCells(page), 25);
  assert.equal(await page.locator('#sweepResult button.cell').count(), 25);
  assert.ok(seconds < 60, `the sweep took ${seconds.toFixed(1)} s`);
  assert.match(page.url(), /sweep=lr%3D0\.003%2C\+?0\.01/);
  await page.screenshot({ path: path.join(ARTIFACTS, 'playground-sweep.png'), fullPage: true });

  // the best cell has the lowest test loss of all
  const values = await page.$$eval('#sweepResult button.cell', (bs) => bs.map((b) => Number((b as HTMLElement).dataset.value)));
  const best = page.locator('#sweepResult button.cell.best');
  assert.equal(await best.count(), 1);
  const bestLoss = Number(await best.getAttribute('data-value'));
  assert.equal(bestLoss, Math.min(...values));
  const [lr, units] = (await best.getAttribute('data-values'))!.split(',').map(Number);
  await best.click();
  await page.waitForFunction(() => document.getElementById('epoch')!.dataset.epoch === '150' && document.getElementById('play')!.getAttribute('aria-label') === 'Play', undefined, { timeout: 90_000 });
  assert.equal(await page.inputValue('#lr'), String(lr));
  assert.equal(await page.locator('.node.hidden[data-layer="1"]').count(), units);
  const shown = await lossOf(page, 'testLoss');
  console.log(`# best cell lr ${lr}, ${units} units: sweep ${bestLoss}, page ${shown}`);
  assert.ok(Math.abs(shown - bestLoss) <= 1e-12 * Math.max(1, bestLoss), `the page reproduces the cell: ${shown} vs ${bestLoss}`);
  await page.waitForTimeout(500);
  assert.equal(await epochOf(page), 150, 'training stopped at the sweep\'s epoch');
  assert.deepEqual(s.errors, []);
});

test('Play pauses and resumes a sweep; the link holds the sweep', { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.goto(s.server.url + '?data=circle');
  await waitForFreshNetwork(page);
  await fillSweep(page, ['batch', '1, 5, 10, 30'], ['noise', '0..30/4'], 300);
  await page.click('#sweepRun');
  await page.waitForFunction(() => Number(document.getElementById('sweepPanel')!.dataset.done) >= 1, undefined, { timeout: 60_000, polling: 100 });
  assert.equal(await page.getAttribute('#play', 'aria-label'), 'Pause the sweep');
  await page.click('#play');
  assert.equal(await stateOf(page), 'paused');
  assert.equal(await page.getAttribute('#play', 'aria-label'), 'Resume the sweep');
  await page.waitForTimeout(4000); // the cells already training finish
  const paused = await doneCells(page);
  await page.waitForTimeout(2000);
  assert.equal(await doneCells(page), paused, 'no new cell while paused');
  assert.ok(paused < 16, `paused before the end (${paused} of 16)`);
  await page.click('#play');
  assert.equal(await stateOf(page), 'running');
  await page.waitForFunction(() => document.getElementById('sweepPanel')!.dataset.state === 'done', undefined, { timeout: 120_000, polling: 250 });
  assert.equal(await doneCells(page), 16);
  assert.equal(await page.getAttribute('#play', 'aria-label'), 'Play', 'after the sweep Play trains again');

  const other = await s.context.newPage();
  await other.goto(page.url());
  await waitForFreshNetwork(other);
  assert.equal(await other.inputValue('#sweepX'), 'batch');
  assert.equal(await other.inputValue('#sweepXValues'), '1, 5, 10, 30');
  assert.equal(await other.inputValue('#sweepY'), 'noise');
  assert.equal(await other.inputValue('#sweepYValues'), '0..30/4');
  assert.equal(await other.inputValue('#sweepEpochs'), '300');
  assert.match(await other.textContent('#sweepStatus') ?? '', /The link holds a sweep of batch size x noise/);
  await other.close();
});

test('one setting over seeds: a line with its spread; a bad value is named', { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.goto(s.server.url + '?data=xor');
  await waitForFreshNetwork(page);
  await fillSweep(page, ['lr', '0.01..1/3'], undefined, 30, 3);
  await page.selectOption('#sweepMetric', 'accuracy');
  await page.click('#sweepRun');
  await page.waitForFunction(() => document.getElementById('sweepPanel')!.dataset.state === 'done', undefined, { timeout: 90_000, polling: 250 });
  const cells = page.locator('#sweepResult button.cell');
  assert.equal(await cells.count(), 3);
  assert.deepEqual(await cells.evaluateAll((bs) => bs.map((b) => (b as HTMLElement).dataset.values)), ['0.01', '0.1', '1']);
  assert.match((await cells.first().getAttribute('aria-label'))!, /^learning rate 0\.01: test accuracy [\d.]+ \(seeds: [\d.]+ to [\d.]+\)/);
  assert.equal(await page.locator('#sweepResult svg.sweep-line path.band').count(), 1);
  assert.equal(await page.locator('#sweepResult svg.sweep-line path.mean').count(), 1);

  await page.fill('#sweepXValues', '0.01, fast');
  await page.click('#sweepRun');
  assert.equal(await page.textContent('#sweepStatus'), "Learning rate: 'fast' is not a number");
  await page.selectOption('#sweepX', 'u1');
  await page.fill('#sweepXValues', '2..12');
  await page.click('#sweepRun');
  assert.equal(await page.textContent('#sweepStatus'), 'Units in layer 1: 9 is outside 1 to 8');
  assert.deepEqual(s.errors, []);
});

test('a random sample of the grid: only the sampled cells train; a cell of layers x units loads that network', { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.goto(s.server.url + '?data=circle&layers=2');
  await waitForFreshNetwork(page);
  await fillSweep(page, ['layers', '1..4'], ['u', '2, 4, 6, 8'], 20);
  await page.fill('#sweepSample', '6');
  await page.click('#sweepRun');
  await page.waitForFunction(() => document.getElementById('sweepPanel')!.dataset.state === 'done', undefined, { timeout: 90_000, polling: 250 });
  assert.equal(await page.getAttribute('#sweepPanel', 'data-total'), '6');
  const cells = page.locator('#sweepResult button.cell');
  assert.equal(await cells.count(), 6, '6 of the 16 cells');
  assert.equal(await page.locator('#sweepResult td:empty').count(), 10, 'the others are left empty');
  const values = (await cells.nth(2).getAttribute('data-values'))!.split(',').map(Number);
  await cells.nth(2).click();
  await page.waitForFunction(() => document.getElementById('epoch')!.dataset.epoch === '20' && document.getElementById('play')!.getAttribute('aria-label') === 'Play', undefined, { timeout: 60_000 });
  assert.equal(await page.locator('.node.hidden').count(), values[0]! * values[1]!, `${values[0]} layers of ${values[1]} units`);
  assert.match(page.url(), new RegExp(`layers=${Array(values[0]).fill(values[1]).join('%2C')}&`));
  assert.equal(await lossOf(page, 'testLoss'), Number(await cells.nth(2).getAttribute('data-value')));
});
