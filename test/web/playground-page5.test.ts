// The fifth round's items, each checked in Chromium: a loss stuck at its start gets a message with
// the causes the page can check (dead ReLU units counted), and none on the built-in datasets'
// default runs; the sweep lists only the network's own layers; the forward pass fits a phone.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ARTIFACTS, epochOf, openPage, skipBrowser, waitForFreshNetwork, type PageSession } from './page-helpers.js';
import type { Page } from 'playwright-core';

let s: PageSession;
before(async () => { if (!skipBrowser) s = await openPage(); });
after(async () => { await s?.close(); });

/** Record, in the page, whether the plateau message was ever shown (it could come and go between two polls). */
const watchPlateau = (page: Page) => page.evaluate(() => {
  const el = document.getElementById('plateau')!;
  (window as unknown as { plateauSeen: string }).plateauSeen = el.hidden ? '' : el.textContent!;
  new MutationObserver(() => { if (!el.hidden) (window as unknown as { plateauSeen: string }).plateauSeen ||= el.textContent!; })
    .observe(el, { attributes: true, childList: true, characterData: true, subtree: true });
});
const plateauSeen = (page: Page) => page.evaluate(() => (window as unknown as { plateauSeen: string }).plateauSeen);

test('a network whose one ReLU unit of layer 2 is dead: the loss stays at its start and a message names the dead units, written once while training goes on', { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  await page.goto(s.server.url + '?data=circle&act=relu&layers=1,1&speed=10');
  await waitForFreshNetwork(page);
  assert.equal(await page.locator('#plateau').isHidden(), true);
  await page.click('#play');
  await page.waitForFunction(() => !document.getElementById('plateau')!.hidden, undefined, { timeout: 60_000 });
  const text = (await page.textContent('#plateau .full'))!;
  assert.match(text, /^The loss has not moved from where it started: in 50 epochs it stayed between [\d.]+ and [\d.]+, within [\d.]+% of 0\.693\. Likely causes:\n/);
  assert.match(text, /\n• Dead units: 1 of 2 hidden ReLU units \(layer 2: 1 of 1\) output 0 for every training point, so no gradient flows through them\./);
  assert.doesNotMatch(text, /learning rate 0\.03 is small/);
  assert.match(text, /\n\(Training goes on\.\)$/);
  assert.equal(await page.getAttribute('#plateau', 'data-dead'), '1');
  assert.equal(await page.getAttribute('#plateau', 'data-relu'), '2');
  assert.equal(await page.getAttribute('#plateau', 'role'), 'status');
  await page.locator('.output').screenshot({ path: path.join(ARTIFACTS, 'playground-plateau.png') });
  const at = await epochOf(page);
  await page.waitForFunction((e) => Number(document.getElementById('epoch')!.dataset.epoch) >= e + 20, at, { timeout: 20_000 });
  assert.equal(await page.getAttribute('#play', 'aria-label'), 'Pause');
  assert.equal(await page.textContent('#plateau .full'), text, 'written once (a screen reader reads it once), not at every epoch');
  await page.click('#play');
  assert.deepEqual(s.errors, []);
});

test('a learning rate of 0.0001: the message names it as small, and a larger one takes the message away', { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.goto(s.server.url + '?data=circle&lr=0.0001&speed=10');
  await waitForFreshNetwork(page);
  await page.click('#play');
  await page.waitForFunction(() => !document.getElementById('plateau')!.hidden, undefined, { timeout: 60_000 });
  const text = (await page.textContent('#plateau .full'))!;
  assert.match(text, /\n• The learning rate 0\.0001 is small: each step moves the weights very little\. Try 0\.03 or more\.\n/);
  assert.doesNotMatch(text, /Dead units/);
  assert.equal(await page.getAttribute('#plateau', 'data-relu'), '0');
  await page.selectOption('#lr', '0.03');
  await page.waitForFunction(() => document.getElementById('plateau')!.hidden, undefined, { timeout: 20_000 });
  await page.click('#play');
});

test('six hidden sigmoid layers stuck on the flower: the message names the vanishing gradient', { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.goto(s.server.url + '?data=flower&act=sigmoid&layers=4,4,4,4,4,4&seed=2&speed=10');
  await waitForFreshNetwork(page);
  await page.click('#play');
  await page.waitForFunction(() => !document.getElementById('plateau')!.hidden, undefined, { timeout: 60_000 });
  await page.click('#play');
  assert.match((await page.textContent('#plateau .full'))!, /\n• 6 hidden sigmoid layers: σ′\(z\) is at most 1\/4, so the gradient shrinks at least 4 times through each on its way back \(it vanishes\)\./);
});

test('no plateau message on any built-in dataset with the default settings (150 epochs)', { skip: skipBrowser }, async () => {
  const { page } = s;
  const runs = ['circle', 'xor', 'gaussians', 'spiral', 'flower', 'spiral3', 'moons', 'circles'].map((d) => `data=${d}`)
    .concat(['plane', 'multiGaussian'].map((d) => `problem=regression&data=${d}`));
  for (const q of runs) {
    await page.goto(`${s.server.url}?${q}&speed=30`);
    await waitForFreshNetwork(page);
    await watchPlateau(page);
    await page.click('#play');
    await page.waitForFunction(() => Number(document.getElementById('epoch')!.dataset.epoch) >= 150, undefined, { timeout: 60_000 });
    await page.click('#play');
    assert.equal(await plateauSeen(page), '', `${q}: ${await plateauSeen(page)}`);
  }
});

const sweepOptions = (page: Page, id: string) => page.$$eval(`#${id} option`, (os) => os.map((o) => (o as HTMLOptionElement).value));

test('the sweep lists the units of the network\'s own hidden layers only, and follows the architecture', { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.goto(s.server.url + '?layers=4,2');
  await waitForFreshNetwork(page);
  assert.deepEqual(await sweepOptions(page, 'sweepX'), ['lr', 'batch', 'regRate', 'noise', 'layers', 'u', 'u1', 'u2']);
  assert.deepEqual(await sweepOptions(page, 'sweepY'), ['', 'lr', 'batch', 'regRate', 'noise', 'layers', 'u', 'u1', 'u2']);
  await page.click('#addLayer');
  assert.deepEqual((await sweepOptions(page, 'sweepX')).slice(-4), ['u', 'u1', 'u2', 'u3']);
  await page.selectOption('#sweepX', 'u3');
  await page.selectOption('#sweepY', 'u2');
  await page.click('#removeLayer');
  assert.deepEqual((await sweepOptions(page, 'sweepX')).slice(-3), ['u', 'u1', 'u2']);
  assert.equal(await page.inputValue('#sweepX'), 'lr', 'units in layer 3 went with the layer');
  assert.equal(await page.inputValue('#sweepXValues'), '0.003, 0.01, 0.03, 0.1, 0.3');
  assert.equal(await page.inputValue('#sweepY'), 'u2', 'layer 2 is still there');
  assert.equal(await page.textContent('#sweepStatus'), 'The network has 2 hidden layers now: the sweep no longer varies units in layer 3.');
  await page.click('#removeLayer');
  await page.click('#removeLayer');
  assert.deepEqual(await sweepOptions(page, 'sweepX'), ['lr', 'batch', 'regRate', 'noise', 'layers'], 'no units to vary without hidden layers');
  assert.equal(await page.inputValue('#sweepY'), '');
});

test('a link whose sweep varies a layer the network does not have: the form says so and does not list it', { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.goto(s.server.url + '?layers=4,2&sweep=' + encodeURIComponent('u5=1..3|epochs=10'));
  await waitForFreshNetwork(page);
  assert.equal(await page.inputValue('#sweepX'), 'lr');
  assert.ok(!(await sweepOptions(page, 'sweepX')).includes('u5'));
  assert.equal(await page.textContent('#sweepStatus'), 'The network has 2 hidden layers now: the sweep no longer varies units in layer 5.');
});

test('on a phone (390 x 844) the forward pass of a network of 8-unit layers fits the width: middle columns elided, a button shows them all', { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    await page.goto(s.server.url + '?data=spiral&layers=8,8,8');
    await waitForFreshNetwork(page);
    await page.fill('#exampleIndex', '3');
    await page.click('#inspect');
    await page.waitForSelector('#forward:not([hidden])');
    const fits = () => page.$eval('#forwardText', (e) => e.scrollWidth <= e.clientWidth);
    await page.locator('#forward').screenshot({ path: path.join(ARTIFACTS, 'playground-phone-forward.png') });
    assert.ok(await fits(), 'the forward pass scrolls sideways');
    const text = (await page.textContent('#forwardText'))!;
    assert.match(text, /^ {2}\[ +-?\d\.\d{4} +… +-?\d\.\d{4} \] {3}\[ +-?\d\.\d{4} \]$/m, 'W[2] with its middle columns as …, beside a[1]');
    assert.match(text, /^ {2}\+ \[ +-?\d\.\d{4} \] = \[ +-?\d\.\d{4} \]$/m, '+ b = z on the next rows');
    assert.equal(await page.isVisible('#allColumns'), true);
    assert.equal(await page.textContent('#allColumns'), 'Show all columns');
    await page.click('#allColumns');
    assert.equal(await page.getAttribute('#allColumns', 'aria-pressed'), 'true');
    assert.doesNotMatch((await page.textContent('#forwardText'))!, /…/);
    assert.equal(await fits(), false, 'all the columns: the box scrolls sideways, as asked');
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0, 'the page itself does not');
    // the button belongs to the forward tab: not on the backward tab, even while frames repaint both
    await page.click('#tabBackward');
    await page.waitForSelector('#backwardText .line'); // (its text is loaded with the tab)
    await page.click('#step');
    await page.waitForFunction(() => document.getElementById('epoch')!.dataset.epoch === '1');
    await page.waitForTimeout(200);
    assert.equal(await page.isVisible('#allColumns'), false);
    await page.click('#tabForward');
    assert.equal(await page.isVisible('#allColumns'), true);
    await page.click('#allColumns');
    assert.equal(await page.textContent('#allColumns'), 'Show all columns');
    assert.ok(await fits());
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
  }
});

test('at 1280 x 800 the same forward pass keeps every column on one row, with no button', { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.goto(s.server.url + '?data=spiral&layers=8,8,8');
  await waitForFreshNetwork(page);
  await page.click('#inspect');
  await page.waitForSelector('#forward:not([hidden])');
  const text = (await page.textContent('#forwardText'))!;
  assert.doesNotMatch(text, /…/);
  assert.match(text, /^ {5}\[( +-?\d\.\d{4}){8} \] · \[ +-?\d\.\d{4} \] \+ \[ +-?\d\.\d{4} \] = \[ +-?\d\.\d{4} \]$/m);
  assert.equal(await page.isVisible('#allColumns'), false);
  assert.ok(await page.$eval('#forwardText', (e) => e.scrollWidth <= e.clientWidth));
});

test('the backward tab in the course notation: Wᵀ and A[l-1]ᵀ as in its vectors (no ^T), each check says which value is backprop\'s, and it fits a phone', { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    await page.goto(s.server.url + '?data=xor');
    await waitForFreshNetwork(page);
    await page.fill('#exampleIndex', '3');
    await page.click('#inspect');
    await page.waitForSelector('#forward:not([hidden])');
    await page.click('#tabBackward');
    await page.waitForSelector('#backwardText .line'); // (its text is loaded with the tab)
    const text = (await page.textContent('#backwardText'))!;
    assert.doesNotMatch(text, /\^T/);
    assert.match(text, /\n {2}dW\[3\] = \(1\/m\) dZ\[3\]·A\[2\]ᵀ = \[/);
    assert.match(text, /\n {2}dA\[0\] = W\[1\]ᵀ·dZ\[1\] = \[-?[\d.]+, -?[\d.]+\]ᵀ\n/);
    assert.match(text, /\n {6}finite differences \(∂J\/∂W\), backprop vs numeric: dW\[3\]\[1,\d\] /);
    assert.match(text, /each line gives a few entries as backprop's value vs the numeric one\./);
    assert.match(text, /\nA\[l\] and Z\[l\] are the forward tab's a\[l\] and z\[l\], as matrices of m = 1 column; Y is the label y, and a vector \[v₁, v₂\]ᵀ is a column\.\n/);
    assert.equal(await page.$eval('#backwardText', (e) => e.scrollWidth <= e.clientWidth), true, 'the backward pass scrolls sideways on a phone');
    // a wrapped line goes on under itself, indented past its start
    const wrapped = await page.$$eval('#backwardText .line', (spans) => spans.filter((sp) => sp.getClientRects().length > 0 && sp.getBoundingClientRect().height > 30).length);
    assert.ok(wrapped >= 5, `${wrapped} wrapped lines`);
    await page.locator('#forward').screenshot({ path: path.join(ARTIFACTS, 'playground-phone-backward.png') });
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
  }
});

test('with L2 the backward tab says its m is 1: its penalty is the one beside the losses times the training points, and a training step divides by the batch', { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.goto(s.server.url + '?problem=regression&data=plane&reg=l2&rate=0.1');
  await waitForFreshNetwork(page);
  await page.click('#inspect');
  await page.waitForSelector('#forward:not([hidden])');
  await page.click('#tabBackward');
  await page.waitForSelector('#backwardText .line'); // (its text is loaded with the tab)
  const text = (await page.textContent('#backwardText'))!;
  assert.match(text, /\nJ = \(1\/m\) Σ L\(ŷ, y\) \+ penalty [\d.]+ = [\d.]+\n\(m = 1 here, so the penalty and its gradient term \(λ\/m\) are those of this example alone: a training step divides them by its mini-batch's m = 10, and the penalty beside the losses by the 250 training points\.\)\n/);
  const traced = Number(/\+ penalty ([\d.]+) =/.exec(text)![1]);
  const shown = Number(await page.getAttribute('#penalty', 'data-value'));
  assert.ok(Math.abs(traced - 250 * shown) <= 1e-4 + 1e-3 * traced, `${traced} vs 250 x ${shown}`);
  // without regularization there is no such note
  await page.goto(s.server.url + '?problem=regression&data=plane');
  await waitForFreshNetwork(page);
  await page.click('#inspect');
  await page.click('#tabBackward');
  await page.waitForSelector('#backwardText .line'); // (its text is loaded with the tab)
  assert.doesNotMatch((await page.textContent('#backwardText'))!, /m = 1 here/);
});
