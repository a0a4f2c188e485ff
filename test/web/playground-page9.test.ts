// The ninth round's items, each checked in Chromium: the page's start cut in tasks (and no locale data
// loaded for the epoch counter); a dark theme throughout (panels, canvases, heat maps, the passes) with
// AA contrast; Back and Forward bring the training back as the user left it; the data menus wait while
// a CSV is read again.

import { test, before, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { backAfterEpochs, canvasPixels, epochOf, holdWorkerAnswers, openPage, skipBrowser, stepEpochs, waitForFreshNetwork, type PageSession } from './page-helpers.js';
import { contrastFailures } from './contrast.js';
import type { Page } from 'playwright-core';

let s: PageSession;
before(async () => { if (!skipBrowser) s = await openPage(); });
beforeEach(async () => { await s?.page.setViewportSize({ width: 1280, height: 800 }); await s?.page.emulateMedia({ colorScheme: 'light' }); });
after(async () => { await s?.close(); });

/** The main thread's long tasks (over 50 ms) since the page started, and the calls of Number's toLocaleString, from an init script. */
async function watchFromStart(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: number[]; localeCalls: number };
    w.longTasks = [];
    w.localeCalls = 0;
    new PerformanceObserver((list) => { for (const e of list.getEntries()) w.longTasks.push(Math.round(e.duration)); }).observe({ type: 'longtask', buffered: true });
    const own = Number.prototype.toLocaleString;
    Number.prototype.toLocaleString = function (this: number, ...args: Parameters<typeof own>) { w.localeCalls++; return own.apply(this, args); };
  });
}

/** Mean luminance (0-255) of a canvas's opaque pixels, and the share of them that is light (over 160). */
async function canvasTone(page: Page, selector: string): Promise<{ mean: number; light: number }> {
  const { data } = await canvasPixels(page, selector);
  let sum = 0, n = 0, light = 0;
  for (let k = 0; k < data.length; k += 4) {
    if (data[k + 3]! < 255) continue;
    const l = 0.2126 * data[k]! + 0.7152 * data[k + 1]! + 0.0722 * data[k + 2]!;
    sum += l; n++;
    if (l > 160) light++;
  }
  return { mean: n ? sum / n : NaN, light: n ? light / n : NaN };
}

test('the start is cut in tasks (controls; data sent to the worker; data drawn), and the epoch counter loads no locale data', { skip: skipBrowser }, async (t) => {
  const { page } = s;
  s.errors.length = 0;
  await watchFromStart(page);
  const runs: number[][] = [];
  for (const data of ['circle', 'spiral']) {
    await page.goto(s.server.url + `?data=${data}`);
    await waitForFreshNetwork(page);
    await stepEpochs(page, 2);
    const marks = await page.evaluate(() => performance.getEntriesByType('mark').filter((m) => m.name.startsWith('playground:')).map((m) => m.name));
    assert.deepEqual(marks, ['playground:controls', 'playground:data', 'playground:drawn']);
    // the counter's digits written by hand: toLocaleString loaded the locale data at the first frame (35 ms of an 85 ms task)
    assert.equal(await page.evaluate(() => (window as unknown as { localeCalls: number }).localeCalls), 0, 'toLocaleString calls');
    assert.equal(await page.textContent('#epoch'), '000,002');
    runs.push(await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks));
  }
  // (reported, not asserted: a task's length depends on what else runs on the machine)
  t.diagnostic(`the main thread's long tasks from the start to epoch 2 (ms; circle, then spiral): ${JSON.stringify(runs)}`);
  assert.deepEqual(s.errors, []);
});

test('dark theme: panels, controls, the passes and the sweep dark with AA contrast; the plot, the cost curve and the units\' maps drawn dark; back to light when the scheme changes', { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(s.server.url + '?data=circle&noise=10');
  await waitForFreshNetwork(page);
  await stepEpochs(page, 3);
  await page.click('#inspect');
  const report = (f: Awaited<ReturnType<typeof contrastFailures>>) => f.map((x) => `${x.what}: ${x.fg} on ${x.bg} ${x.ratio}:1 < ${x.need}:1`);
  assert.deepEqual(report(await page.evaluate(contrastFailures)), [], 'forward pass open');
  await page.click('#tabBackward');
  await page.waitForSelector('#backwardText .line');
  assert.deepEqual(report(await page.evaluate(contrastFailures)), [], 'backward pass open');
  // the backgrounds that were white: the page, each panel, the passes' text, a button
  const backgrounds = await page.evaluate(() => ['body', '.top', '#output', '#forward', '#backwardText', '#sweepPanel', '#step', '#dataset'].map((sel) => {
    const m = /(\d+), (\d+), (\d+)/.exec(getComputedStyle(document.querySelector(sel)!).backgroundColor)!;
    const bg = getComputedStyle(document.querySelector(sel)!).backgroundColor;
    const l = 0.2126 * Number(m[1]) + 0.7152 * Number(m[2]) + 0.0722 * Number(m[3]);
    return `${sel} ${bg} ${l < 60 || bg === 'rgba(0, 0, 0, 0)' ? 'dark' : 'LIGHT'}`;
  }));
  assert.deepEqual(backgrounds.filter((b) => b.endsWith('LIGHT')), [], backgrounds.join('; '));
  // the canvases: the decision boundary (heat map and background), a unit's map (painted in the worker)
  const plot = await canvasTone(page, '#boundary');
  assert.ok(plot.mean < 110 && plot.light < 0.25, `the plot is light: mean ${plot.mean.toFixed(0)}, ${(100 * plot.light).toFixed(0)}% light pixels`);
  // x1's map, orange to blue through the scale's middle: that middle was light grey (232, 234, 235)
  const unit = await canvasTone(page, '#net .node.input canvas');
  assert.ok(unit.light < 0.02, `x1's map has ${(100 * unit.light).toFixed(0)}% light pixels`);
  // the cost curve: its test curve light on the dark panel (it was #111, unseen)
  const curve = await canvasPixels(page, '#chart');
  let light = 0;
  for (let k = 0; k < curve.data.length; k += 4) if (curve.data[k + 3]! > 200 && curve.data[k]! > 200 && curve.data[k + 1]! > 200) light++;
  assert.ok(light > 20, `${light} light pixels of the test curve on the dark cost chart`);
  // the scheme changes while the page is open: the canvases follow
  await page.emulateMedia({ colorScheme: 'light' });
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
  await page.click('#step');
  await page.waitForFunction(() => document.getElementById('epoch')!.dataset.epoch === '4');
  await page.waitForTimeout(200);
  const lightPlot = await canvasTone(page, '#boundary');
  assert.ok(lightPlot.mean > 150, `the plot stayed dark in the light scheme: mean ${lightPlot.mean.toFixed(0)}`);
  assert.deepEqual(report(await page.evaluate(contrastFailures)), [], 'light again');
  assert.deepEqual(s.errors, []);
});

/** Choose a CSV made in the page, as a user does (the file input's change). */
async function chooseCsv(page: Page, name: string, text: string): Promise<void> {
  await page.evaluate(([n, t]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t!], n!, { type: 'text/csv' }));
    const input = document.getElementById('csvFile') as HTMLInputElement;
    input.files = dt.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, [name, text]);
}

/** A CSV of n points of two classes (inside or outside a circle). */
function circleCsv(n: number): string {
  const rows = ['x1,x2,label'];
  for (let i = 0; i < n; i++) {
    const a = Math.cos(i * 1.7) * (i % 7) / 6, b = Math.sin(i * 2.3) * (i % 5) / 4;
    rows.push(`${a.toFixed(4)},${b.toFixed(4)},${a * a + b * b < 0.3 ? 1 : 0}`);
  }
  return rows.join('\n') + '\n';
}

const csvSays = (page: Page, text: string) => page.waitForFunction((t) => {
  const el = document.getElementById('csvMessage')!;
  return !el.dataset.state && (el.textContent ?? '').includes(t);
}, text, { timeout: 30_000 });

/** The cost curve's last epoch as its readout says it (End on the focused chart). */
async function lastCost(page: Page): Promise<string> {
  await page.focus('#chart');
  await page.keyboard.press('End');
  const text = (await page.textContent('#chartReadout'))!;
  await page.focus('#step');
  return text;
}

test('Back and Forward: the training comes back as the user left it (epoch, weights, cost curve), or the page says why it starts again', { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  await page.goto(s.server.url + '?data=xor&speed=1');
  await waitForFreshNetwork(page);
  await stepEpochs(page, 5);
  await page.selectOption('#lr', '0.1'); // (a setting that applies without a reset, in the link too)
  await stepEpochs(page, 2);
  const left = { loss: await page.getAttribute('#trainLoss', 'data-value'), cost: await lastCost(page), forward: '' };
  await page.click('#inspect');
  left.forward = (await page.textContent('#forwardText'))!;
  await page.goto('about:blank');
  await page.goBack();
  await page.waitForFunction(() => document.getElementById('epoch')!.dataset.epoch === '7', undefined, { timeout: 20_000 });
  assert.equal(await page.textContent('#message'), 'Back where you left: epoch 7, with its weights and cost curve.');
  assert.equal(await page.inputValue('#lr'), '0.1');
  assert.equal(await page.getAttribute('#trainLoss', 'data-value'), left.loss, 'the same weights: the same loss');
  assert.equal(await lastCost(page), left.cost, 'the cost curve up to epoch 7');
  await page.click('#inspect');
  assert.equal(await page.textContent('#forwardText'), left.forward, 'the same forward pass');
  // training goes on from there; Reset goes back to the seed's weights at epoch 0
  await stepEpochs(page, 1);
  assert.equal(await epochOf(page), 8);
  await page.click('#reset');
  await waitForFreshNetwork(page);
  // left at epoch 0 with the seed's weights: Back shows the fresh network, without a word
  await page.goto('about:blank');
  await page.goBack();
  await waitForFreshNetwork(page);
  await page.waitForTimeout(300);
  assert.equal(await epochOf(page), 0);
  assert.equal(await page.textContent('#message'), '');
  // a reload keeps the run too, and says so (it started again at epoch 0 without a word: page34)
  await stepEpochs(page, 2);
  await page.reload();
  await page.waitForFunction(() => document.getElementById('epoch')!.dataset.epoch === '2', undefined, { timeout: 20_000 });
  assert.equal(await page.textContent('#message'), 'Kept across the reload (Reset starts again): epoch 2, with its weights and cost curve.');
  // Adam: its running averages are kept with the weights (they started again from zero: playground-page10)
  await backAfterEpochs(page, s.server.url + '?data=circle&opt=adam', 3);
  assert.equal(await page.textContent('#message'), "Back where you left: epoch 3, with its weights, the optimizer's running averages and cost curve.");
  // a CSV is not kept: the page says that the training starts again, and why
  await chooseCsv(page, 'mine.csv', circleCsv(200));
  await csvSays(page, 'Loaded 200 points');
  await waitForFreshNetwork(page);
  await stepEpochs(page, 3);
  await page.goto('about:blank');
  await page.goBack();
  await waitForFreshNetwork(page);
  await page.waitForFunction(() => document.getElementById('message')!.textContent !== '');
  assert.equal(await page.textContent('#message'), 'The training starts again at epoch 0: the page does not keep mine.csv when you leave it (load it again to train on it).');
  assert.deepEqual(s.errors, []);
});

test('while a CSV is read again for the other problem type, the problem and dataset menus wait (disabled, saying why), and the keyboard focus comes back to the menu', { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  // the CSV worker's answers held until the test lets them go: the read's "while" made as long as needed
  await holdWorkerAnswers(page, 'csv-worker', 'holdCsv', 'heldCsv');
  await page.addInitScript(() => {
    const w = window as unknown as { holdCsv: boolean; heldCsv: (() => void)[]; releaseCsv: () => void };
    w.releaseCsv = () => { w.holdCsv = false; for (const f of w.heldCsv.splice(0)) f(); };
  });
  await page.goto(s.server.url + '?data=circle');
  await waitForFreshNetwork(page);
  await chooseCsv(page, 'mine.csv', circleCsv(300));
  await csvSays(page, 'Loaded 300 points with 2 classes (0, 1) from mine.csv');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.csvReader), 'worker');
  await page.evaluate(() => { (window as unknown as { holdCsv: boolean }).holdCsv = true; });
  await page.focus('#problem');
  await page.selectOption('#problem', 'regression');
  await page.waitForFunction(() => document.getElementById('csvMessage')!.dataset.state === 'reading');
  assert.equal(await page.textContent('#csvMessage'), 'Reading mine.csv again for regression…');
  const held = await page.evaluate(() => ['problem', 'dataset'].map((id) => {
    const m = document.getElementById(id) as HTMLSelectElement;
    return `${id} ${m.disabled ? 'disabled' : 'enabled'} '${m.title}'`;
  }));
  assert.deepEqual(held, ["problem disabled 'Waiting for mine.csv to be read'", "dataset disabled 'Waiting for mine.csv to be read'"]);
  await page.evaluate(() => (window as unknown as { releaseCsv: () => void }).releaseCsv());
  await csvSays(page, 'Read again for regression: 300 points with real-valued targets from mine.csv');
  const after = await page.evaluate(() => ({
    problem: (document.getElementById('problem') as HTMLSelectElement).disabled,
    dataset: (document.getElementById('dataset') as HTMLSelectElement).disabled,
    focus: document.activeElement?.id,
  }));
  assert.deepEqual(after, { problem: false, dataset: false, focus: 'problem' });
  assert.equal(await page.inputValue('#dataset'), 'csv');
  await waitForFreshNetwork(page);
  assert.match((await page.textContent('#legend'))!, /target|ŷ/);
  assert.deepEqual(s.errors, []);
});

test('mid-training, a change of regularization or its rate applies to the weights as they are (it started again at epoch 0), and a change of the network says that training starts again', { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  await page.goto(s.server.url + '?data=circle&speed=1');
  await waitForFreshNetwork(page);
  await stepEpochs(page, 5);
  const loss = await page.getAttribute('#trainLoss', 'data-value');
  await page.click('#inspect');
  await page.click('#tabBackward');
  await page.waitForSelector('#backwardText .line');
  assert.doesNotMatch((await page.textContent('#backwardText'))!, /m = 1 here, so the penalty/);
  await page.selectOption('#reg', 'l2');
  assert.equal(await page.textContent('#message'), 'L2 regularization at rate 0 (no penalty until you choose a Reg. rate) from epoch 5 on: training goes on with the same weights (the penalty is shown under the losses).');
  await page.selectOption('#regRate', '0.3');
  await page.waitForFunction(() => Number(document.getElementById('penalty')!.dataset.value) > 0, undefined, { timeout: 20_000 });
  assert.equal(await epochOf(page), 5, 'the training goes on');
  assert.equal(await page.getAttribute('#trainLoss', 'data-value'), loss, 'the same weights: the same data loss');
  assert.equal(await page.textContent('#message'), 'L2 regularization at rate 0.3 from epoch 5 on: training goes on with the same weights (the penalty is shown under the losses).');
  assert.match(page.url(), /reg=l2&rate=0\.3/);
  // the backward pass open beside it is of the new cost: its penalty terms (the page's copy of the network follows)
  assert.match((await page.textContent('#backwardText'))!, /m = 1 here, so the penalty and its gradient term/);
  await stepEpochs(page, 1);
  assert.equal(await epochOf(page), 6);
  // the penalty on the weights trained so far, as the library computes it: shown apart from the data loss
  const penalty = Number(await page.getAttribute('#penalty', 'data-value'));
  assert.ok(penalty > 0 && Number.isFinite(penalty), `penalty ${penalty}`);
  // a change that needs a new network says so, with the epoch it was at
  await page.selectOption('#activation', 'relu');
  await waitForFreshNetwork(page);
  assert.equal(await page.textContent('#message'), 'Training starts again at epoch 0 (it was at 6): the activation relu needs a new network, built from the weight seed.');
  await stepEpochs(page, 2);
  await page.click('#addLayer');
  await waitForFreshNetwork(page);
  assert.equal(await page.textContent('#message'), 'Training starts again at epoch 0 (it was at 2): a hidden layer more needs a new network, built from the weight seed.');
  // at epoch 0 nothing is lost: nothing said
  await page.click('#removeLayer');
  await waitForFreshNetwork(page);
  assert.equal(await page.textContent('#message'), '');
  assert.deepEqual(s.errors, []);
});

test('the sweep\'s heat map: every cell\'s text at AA contrast on its colour (white on the mid blues was 3.4-4.4:1), in the light and the dark scheme, the best cell\'s edge too', { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(s.server.url + '?data=circle');
    await waitForFreshNetwork(page);
    await page.fill('#sweepXValues', '0.003, 0.01, 0.03, 0.1, 0.3, 1, 3');
    await page.fill('#sweepEpochs', '10');
    await page.click('#sweepRun');
    await page.waitForFunction(() => document.getElementById('sweepPanel')!.dataset.state === 'done', undefined, { timeout: 120_000, polling: 250 });
    const cells = await page.$$eval('#sweepResult button.cell', (bs) => bs.map((b) => getComputedStyle(b).backgroundColor));
    assert.equal(cells.length, 7);
    const failures = (await page.evaluate(contrastFailures)).map((x) => `${x.what}: ${x.fg} on ${x.bg} ${x.ratio}:1 < ${x.need}:1`);
    assert.deepEqual(failures, [], `${scheme}: cells ${cells.join(' ')}`);
  }
  assert.deepEqual(s.errors, []);
});

test('Back and Forward with the tab\'s storage short: a long run comes back without its cost curve, and says so; a run whose weights the storage refused is said lost, not restarted silently', { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  // the tab's storage refuses values longer than the link's quota (characters), as a full one does
  const context = await s.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const p = await context.newPage();
  p.on('pageerror', (e) => s.errors.push(e.message));
  await p.addInitScript(() => {
    const own = Storage.prototype.setItem;
    Storage.prototype.setItem = function (this: Storage, key: string, value: string) {
      const limit = Number(new URLSearchParams(location.search).get('quota') ?? Infinity);
      if (value.length > limit) throw new DOMException('full', 'QuotaExceededError');
      return own.call(this, key, value);
    };
  });
  try {
    await p.goto(s.server.url + '?data=xor&speed=10&quota=3000');
    await waitForFreshNetwork(p);
    await p.click('#play');
    await p.waitForFunction(() => Number(document.getElementById('epoch')!.dataset.epoch) >= 200, undefined, { timeout: 60_000 });
    await p.click('#play');
    await p.waitForTimeout(300);
    const at = await epochOf(p);
    const loss = await p.getAttribute('#trainLoss', 'data-value');
    await p.goto('about:blank');
    await p.goBack();
    await p.waitForFunction((e) => document.getElementById('epoch')!.dataset.epoch === String(e), at, { timeout: 20_000 });
    // (the shuffling's state, 624 numbers, did not fit either: said, as the next epochs' batches are others)
    assert.equal(await p.textContent('#message'), `Back where you left: epoch ${at}, with its weights; its cost curve was too long to keep in this tab, so it starts here. Its mini-batches are shuffled in a new order from here: the tab could not keep the shuffling's state.`);
    assert.equal(await p.getAttribute('#trainLoss', 'data-value'), loss);
    // not even the weights kept (a quota of 400 characters): the page says the run is lost
    await p.goto(s.server.url + '?data=xor&quota=400');
    await waitForFreshNetwork(p);
    await stepEpochs(p, 3);
    await p.goto('about:blank');
    await p.goBack();
    await waitForFreshNetwork(p);
    await p.waitForFunction(() => document.getElementById('message')!.textContent !== '');
    assert.equal(await p.textContent('#message'), "The training starts again at epoch 0: this tab's storage could not keep the run you left at epoch 3.");
  } finally {
    await context.close();
  }
  assert.equal(page.isClosed(), false);
  assert.deepEqual(s.errors, []);
});
