// The sixth round's items, each checked in Chromium: the backward tab wraps only between entries; the
// plateau, oscillation and divergence messages are one line beside the losses (the whole text on
// demand), so the cost curve and the plot stay in sight on a laptop; a phone's controls are 40 px to
// tap; a projector's 1920 px screen gets a larger plot; the numbers shown are the library's.

import { test, before, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ARTIFACTS, openPage, settledEpoch, skipBrowser, stepEpochs, waitForFreshNetwork, type PageSession } from './page-helpers.js';
import { backwardTrace, Matrix, modelFromJson } from '../../src/index.js';
import type { Page } from 'playwright-core';

let s: PageSession;
before(async () => { if (!skipBrowser) s = await openPage(); });
beforeEach(async () => { await s?.page.setViewportSize({ width: 1280, height: 800 }); });
after(async () => { await s?.close(); });

/** Tokens of the backward text (a finite-difference entry's name and value, its 'vs' and value, or any other word) that a wrapped line cut in two. */
const brokenTokens = (page: Page) => page.evaluate(() => {
  const broken: string[] = [];
  for (const line of Array.from(document.querySelectorAll('#backwardText .line'))) {
    const nodes: { node: Text; at: number }[] = [];
    let text = '';
    const walk = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) { nodes.push({ node: n as Text, at: text.length }); text += (n as Text).data; }
    const place = (i: number) => { const p = nodes.filter((x) => x.at <= i).pop()!; return [p.node, i - p.at] as const; };
    for (const m of text.matchAll(/[A-Za-z]+\[\d+\]\[\d+,\d+\] \S+|vs \S+|\S+/g)) {
      const range = document.createRange();
      range.setStart(...place(m.index));
      range.setEnd(...place(m.index + m[0].length - 1));
      const tops = Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top));
      if (new Set(tops).size > 1) broken.push(m[0]);
    }
  }
  return broken;
});

test('on a phone (390 px): the backward tab wraps only between entries, nothing is wider than the screen, and every control is 40 px to tap', { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(s.server.url + '?data=circle&layers=4,2');
  await waitForFreshNetwork(page);
  await page.click('#inspect');
  await page.click('#tabBackward');
  await page.waitForSelector('#backwardText .line');
  assert.deepEqual(await brokenTokens(page), [], 'a wrapped line broke inside a name, a number or an entry (dW[2]|[2,1], 2.418e-|4)');
  assert.equal(await page.$eval('#backwardText', (e) => e.scrollWidth <= e.clientWidth), true, 'no entry wider than the box');
  await page.locator('#forward').screenshot({ path: path.join(ARTIFACTS, 'playground-backward-phone.png') });
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390, 'no sideways scroll of the page');
  // touch targets: controls 40 px tall (a checkbox through its label), the diagram's unit +/- by their tap area
  const small = await page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('button, select, input, .files a, label.button'))
    .filter((e) => e.offsetParent !== null && !e.classList.contains('visually-hidden') && !e.closest('.units'))
    .map((e) => ({ e, box: (e.matches('input[type=checkbox]') ? e.closest('label')! : e).getBoundingClientRect() }))
    .filter(({ box }) => box.height < 39.5)
    .map(({ e, box }) => `${e.id || e.textContent || e.outerHTML.slice(0, 40)}: ${Math.round(box.height)} px`));
  assert.deepEqual(small, []);
  await page.locator('.units button').first().scrollIntoViewIfNeeded();
  const unitButtons = await page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('.units button')).map((b) => {
    const r = b.getBoundingClientRect();
    // 9 px above and below the drawn button (20 px tall) still tap it: 40 px in all
    const x = r.left + r.width / 2;
    return document.elementFromPoint(x, r.top - 9) === b && document.elementFromPoint(x, r.bottom + 9) === b;
  }));
  assert.ok(unitButtons.length > 0 && unitButtons.every(Boolean), `unit +/- tap areas: ${unitButtons}`);
  assert.deepEqual(s.errors, []);
  await page.setViewportSize({ width: 1280, height: 800 });
});

/** Wait for a note beside the losses, and check it is one line above the cost curve, with the whole message on demand. */
async function checkNote(page: Page, id: string, whole: RegExp): Promise<string> {
  assert.deepEqual(page.viewportSize(), { width: 1280, height: 800 });
  // the note, the cost curve and the plot measured in one read of the page, while the note shows (an
  // oscillation's note may go between two reads, and the curve then moves up past where the note was)
  const read = () => page.evaluate((n) => {
    const note = document.getElementById(n)!, top = (q: string) => document.querySelector(q)!.getBoundingClientRect();
    return note.hidden ? undefined : { box: note.getBoundingClientRect().toJSON() as DOMRect, chart: top('#chart').y, plot: top('#boundary').bottom };
  }, id);
  let seen = undefined as Awaited<ReturnType<typeof read>>;
  for (let tries = 0; !seen && tries < 20; tries++) {
    await page.waitForFunction((n) => !document.getElementById(n)!.hidden, id, { timeout: 60_000 });
    seen = await read();
  }
  assert.ok(seen, `#${id} showed long enough to be measured`);
  const { box, chart, plot } = seen;
  assert.ok(box.height <= 36, `#${id} is one line (${box.height} px tall): ${await page.textContent(`#${id}`)}`);
  assert.ok(chart > box.y && plot <= 800, `the cost curve (top ${chart}) below the note (top ${box.y}) and the plot (bottom ${plot}) in sight at 1280 x 800`);
  const gist = (await page.textContent(`#${id} summary`))!;
  assert.equal(await page.locator(`#${id} .full`).isVisible(), false, 'the whole message waits to be asked for');
  await page.click(`#${id} summary`);
  await page.locator(`#${id} .full`).waitFor({ state: 'visible', timeout: 5000 }); // (an oscillation's note may go and come back: open again)
  assert.match((await page.textContent(`#${id} .full`))!, whole);
  return gist;
}

test('a loss stuck at its start: one line with the main cause above the cost curve, the causes on demand', { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  await page.goto(s.server.url + '?data=circle&act=relu&layers=1,1&speed=10');
  await waitForFreshNetwork(page);
  await page.click('#play');
  const gist = await checkNote(page, 'plateau', /^The loss has not moved from where it started: .*\n• Dead units: 1 of 2 hidden ReLU units/s);
  await page.click('#play');
  assert.equal(gist, 'Loss stuck: 1 of 2 ReLU units dead');
  await page.locator('.output').screenshot({ path: path.join(ARTIFACTS, 'playground-plateau-compact.png') });
  assert.deepEqual(s.errors, []);
});

test('a loss that bounces (learning rate 10): one line naming the rate, the numbers on demand; the open details stay open while frames come', { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.goto(s.server.url + '?data=circle&lr=10&speed=3');
  await waitForFreshNetwork(page);
  await page.click('#play');
  const gist = await checkNote(page, 'oscillation', /^The loss is not going down: in the last 20 epochs .* The learning rate 10 is probably too large/);
  assert.equal(gist, 'Loss bouncing: learning rate 10 too large?');
  const at = Number(await page.getAttribute('#epoch', 'data-epoch'));
  await page.waitForFunction((e) => Number(document.getElementById('epoch')!.dataset.epoch) >= e + 6, at, { timeout: 20_000 });
  // one read of the page: the note goes and comes back by design, and asking 'hidden?' then 'open?' in two
  // round trips failed when it went between them (seen once in CI)
  const stillOpen = await page.evaluate(() => {
    const note = document.getElementById('oscillation')!;
    return note.hidden || note.querySelector('details')?.open === true;
  });
  assert.equal(stillOpen, true, 'still open');
  await page.click('#play');
  assert.deepEqual(s.errors, []);
});

test('training that diverges: one line beside the losses at 1280 x 800 (it was at the bottom of the output, out of sight), gone when the rate changes; a 1920 px screen gets a larger plot', { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.goto(s.server.url + '?data=spiral3&opt=rmsprop&lr=10&layers=8,8');
  await waitForFreshNetwork(page);
  await page.click('#play');
  const gist = await checkNote(page, 'diverged', /^Training diverged at epoch 1: the cost rose from 1\.099 to [\d.]+\. Try a smaller learning rate than 10/);
  assert.equal(gist, 'Diverged: learning rate 10 too large');
  await page.screenshot({ path: path.join(ARTIFACTS, 'playground-diverged-1280.png') });
  await page.selectOption('#lr', '0.03');
  assert.equal(await page.locator('#diverged').isHidden(), true);
  // a projector: the plot grows from 278 px, the text with it
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.waitForFunction(() => document.getElementById('boundary')!.getBoundingClientRect().width >= 400);
  assert.ok(await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize)) >= 15);
  await page.screenshot({ path: path.join(ARTIFACTS, 'playground-1920.png') });
  await page.setViewportSize({ width: 1280, height: 800 });
  assert.deepEqual(s.errors, []);
});

test('a link edited by hand: the values the page cannot use are named in a note beside the losses, in sight at 1280 x 800 (it was under the file buttons), gone at the first change', { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.goto(s.server.url + '?lr=-1&act=foo&data=circle');
  await waitForFreshNetwork(page);
  await checkNote(page, 'linkNote', /^The link has values the page cannot use, so their defaults are used: .*act 'foo'/);
  assert.equal(await page.textContent('#linkNote summary'), 'The link has 2 values the page cannot use');
  const note = (await page.locator('#linkNote').boundingBox())!;
  assert.ok(note.y + note.height < 800);
  await page.selectOption('#lr', '0.1');
  assert.equal(await page.locator('#linkNote').isHidden(), true);
});

test('a learner\'s spot check: the forward and backward tabs show what the library computes for the exported weights, and Step changes the gradients', { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.goto(s.server.url + '?data=circle&layers=3,2&seed=5');
  await waitForFreshNetwork(page);
  await stepEpochs(page, 3);
  await page.click('#inspect');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
  const net = modelFromJson(JSON.parse(readFileSync((await download.path())!, 'utf8')), 'exported').net;
  const point = JSON.parse((await page.getAttribute('#forwardText', 'data-point'))!) as number[];
  const X = new Matrix(2, 1, Float64Array.from(point), 'float64');
  const fw = (await page.textContent('#forwardText'))!;
  assert.ok(Math.abs(net.forward(X).data[0]! - JSON.parse((await page.getAttribute('#forwardText', 'data-prediction'))!)[0]) < 1e-12);
  // W[1] is n[1] x n[0] = 3 x 2, written row by row
  const W1 = net.layers[0]!.W;
  assert.deepEqual([W1.rows, W1.cols], [3, 2]);
  for (let r = 0; r < 3; r++) assert.ok(fw.includes(`${W1.data[2 * r]!.toFixed(4)}  ${W1.data[2 * r + 1]!.toFixed(4).padStart(7)} ]`), `row ${r + 1} of W[1] in:\n${fw}`);
  await page.click('#tabBackward');
  await page.waitForSelector('#backwardText .line'); // (its text is loaded with the tab)
  const bw = (await page.textContent('#backwardText'))!;
  const y = Number(/label y = (\d)/.exec(fw)![1]);
  const dW3 = backwardTrace(net, X, [y], { learningRate: 0.03 }).layers.find((l) => l.l === 3)!.dW;
  assert.ok(bw.includes(`dW[3] = (1/m) dZ[3]·A[2]ᵀ = [${Array.from(dW3.data, (v) => v.toFixed(4)).join(', ')}]`), bw);
  await stepEpochs(page, 1);
  assert.notEqual(await page.textContent('#backwardText'), bw, 'one epoch more: new gradients');
  // the batch slider reaches the whole training set (it stopped at 64): then Step is one iteration of batch gradient descent
  await page.focus('#batch');
  await page.keyboard.press('End');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('batch') === '250');
  assert.equal(await page.textContent('#batchOut'), '250 (all: 1 step per epoch)');
  // an odd CSV file: Latin-1 text whose first byte is not UTF-8 is named at line 1 (it was the last line)
  const latin1 = Buffer.from('\xe9t\u00e9,x2,label\n1,2,0\n3,4,1\n', 'latin1');
  await page.setInputFiles('#csvFile', { name: 'latin.csv', mimeType: 'text/csv', buffer: latin1 });
  await page.waitForFunction(() => (document.getElementById('csvMessage')!.textContent ?? '').includes('latin.csv') && !document.getElementById('csvMessage')!.dataset.state);
  assert.match((await page.textContent('#csvMessage'))!, /^Could not use latin\.csv, line 1, character 1: the byte 0xe9 is not UTF-8 text/);
  assert.deepEqual(s.errors, []);
});

test('keyboard only: the main controls by role and label; Space on a focused disclosure opens it instead of playing; rapid clicks mid-run leave no error and a page that trains', { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  await page.goto(s.server.url + '?data=circle&speed=10');
  await waitForFreshNetwork(page);
  for (const name of ['Play', 'Step one epoch', 'Reset', 'Add a hidden layer', 'Remove a hidden layer']) assert.equal(await page.getByRole('button', { name, exact: true }).count(), 1, name);
  for (const label of ['Dataset', 'Learning rate', 'Activation', 'Weight seed', 'Batch size']) assert.equal(await page.getByLabel(label, { exact: true }).count(), 1, label);
  // Space on the focused summary of the kernel speed panel opened nothing and started training
  await page.focus('#kernelSpeed summary');
  await page.keyboard.press('Space');
  assert.equal(await page.getAttribute('#kernelSpeed', 'open'), '');
  assert.equal(await page.getAttribute('#play', 'aria-label'), 'Play', 'Space on a disclosure does not start training');
  // play, pause, step, reset and a layer from the keyboard
  await page.focus('#play');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => Number(document.getElementById('epoch')!.dataset.epoch) >= 5);
  await page.keyboard.press('Space');
  const at = await settledEpoch(page);
  await page.locator('#play').evaluate((b) => b.blur());
  await page.keyboard.press('s');
  await page.waitForFunction((e) => document.getElementById('epoch')!.dataset.epoch === String(e + 1), at);
  await page.keyboard.press('r');
  await waitForFreshNetwork(page);
  await page.focus('#addLayer');
  await page.keyboard.press('Enter');
  assert.equal(await page.textContent('#layerCount'), '3 hidden layers');
  // rapid clicks while training: play/pause, reset, layers, dataset
  await page.click('#play');
  for (let i = 0; i < 12; i++) {
    await page.click('#play');
    await page.click(i % 2 ? '#removeLayer' : '#addLayer');
    await page.click('#play');
    await page.click('#reset');
    await page.selectOption('#dataset', ['spiral', 'xor', 'circle'][i % 3]!);
    await page.click('#play');
  }
  await page.click('#play');
  await page.waitForTimeout(500);
  if (await page.getAttribute('#play', 'aria-label') === 'Pause') await page.click('#play');
  await stepEpochs(page, 1);
  assert.ok(Number.isFinite(Number(await page.getAttribute('#trainLoss', 'data-value'))));
  assert.equal(await page.locator('#net .units').count(), Number(/\d+/.exec((await page.textContent('#layerCount'))!)![0]));
  assert.deepEqual(s.errors, []);
});
