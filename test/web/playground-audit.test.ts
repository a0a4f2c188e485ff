// A teacher's and a learner's unusual sequences, each checked in Chromium: settings changed while
// the forward pass is open and the network trains, the colour legend of the output, a CSV kept
// across a problem-type round trip, and the forward pass naming a CSV's classes.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, skipBrowser, waitForFreshNetwork, type PageSession } from './page-helpers.js';

let s: PageSession;
before(async () => { if (!skipBrowser) s = await openPage(); });
after(async () => { await s?.close(); });

test('a feature toggled while the network trains with the forward pass open: the page follows, with no error', { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  await page.goto(s.server.url + '?data=circle&speed=3');
  await waitForFreshNetwork(page);
  await page.click('#inspect');
  await page.waitForSelector('#forward:not([hidden])');
  const box = page.locator('#features input[value="x1^2"]');
  for (let i = 0; i < 4; i++) {
    const on = i % 2 === 0;
    const inputs = on ? 3 : 2;
    await page.click('#play');
    await page.waitForFunction(() => Number(document.getElementById('epoch')!.dataset.epoch) >= 2, undefined, { timeout: 20_000 });
    await box.setChecked(on); // (a frame of the network before is on its way)
    // the diagram, the forward pass and the epoch follow the new network
    await page.waitForFunction((n) => document.querySelectorAll('#net .node.input').length === n
      && document.getElementById('forwardText')!.textContent!.split('\n').filter((l) => /^\s*\[/.test(l)).length > 0
      && document.getElementById('epoch')!.dataset.epoch === '0'
      && (document.getElementById('forwardText')!.textContent!.includes('x₁²') === (n === 3)), inputs, { timeout: 20_000 });
  }
  assert.deepEqual(s.errors, []);
});

test('a CSV of text labels, regression, then classification again: the CSV comes back, as the message said; the forward pass names its classes', { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  await page.goto(s.server.url);
  await waitForFreshNetwork(page);
  const rows = Array.from({ length: 40 }, (_, i) => `${Math.cos(i).toFixed(3)},${Math.sin(i).toFixed(3)},${i % 2 ? 'red' : 'blue'}`);
  await page.setInputFiles('#csvFile', { name: 'colours.csv', mimeType: 'text/csv', buffer: Buffer.from(['x1,x2,label', ...rows].join('\n')) });
  await page.waitForFunction(() => document.getElementById('csvMessage')!.textContent!.startsWith('Loaded 40 points'));
  await page.selectOption('#problem', 'regression');
  await page.waitForFunction(() => document.getElementById('csvMessage')!.textContent!.includes('(choose the classification problem type)'));
  assert.equal(await page.inputValue('#dataset'), 'plane');
  await page.selectOption('#problem', 'classification');
  await page.waitForFunction(() => document.getElementById('csvMessage')!.textContent!.startsWith('Using the CSV again: 40 points with 2 classes (blue, red) from colours.csv'));
  assert.equal(await page.inputValue('#dataset'), 'csv');
  assert.equal(await page.$eval('#dataset', (el) => (el as HTMLSelectElement).selectedOptions[0]!.textContent), 'CSV: colours.csv');
  await waitForFreshNetwork(page);
  // the forward pass names the classes as the file does
  await page.click('#inspect');
  assert.match((await page.textContent('#forwardText'))!, /→ class (blue|red) \(ŷ > 0\.5 is class red\): (correct|wrong)$/);
  assert.deepEqual(s.errors, []);
});

test('the output has a legend: which colour is which class (a CSV\'s by name), the regression range, the hovered unit', { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.goto(s.server.url + '?data=circle');
  await waitForFreshNetwork(page);
  const legend = () => page.textContent('#legend');
  assert.equal((await legend())!.trim(), 'class 0: ŷ < 0.5 class 1: ŷ > 0.5 (paler near 0.5)');
  // the swatches have the colours the points are drawn in (orange class 0, blue class 1, as TensorFlow Playground)
  assert.deepEqual(await page.$$eval('#legend .key-swatch', (els) => els.map((e) => (e as HTMLElement).style.background)),
    ['rgb(245, 147, 34)', 'rgb(8, 119, 189)']);
  await page.hover('.node.hidden[data-layer="1"][data-unit="2"]');
  await page.waitForFunction(() => document.getElementById('legend')!.textContent!.startsWith('Layer 1, unit 3: its output a[1]'));
  await page.mouse.move(5, 5);
  await page.waitForFunction(() => document.getElementById('legend')!.textContent!.startsWith('class 0'));
  const rows = Array.from({ length: 20 }, (_, i) => `${Math.cos(i).toFixed(3)},${Math.sin(i).toFixed(3)},${i % 2 ? 'spam' : 'ham'}`);
  await page.setInputFiles('#csvFile', { name: 'mail.csv', mimeType: 'text/csv', buffer: Buffer.from(['x1,x2,label', ...rows].join('\n')) });
  await page.waitForFunction(() => document.getElementById('legend')!.textContent!.startsWith('ham: ŷ < 0.5 spam: ŷ > 0.5'));
  await page.selectOption('#problem', 'regression');
  await page.waitForFunction(() => /^ŷ and targets: -[\d.]+ +[\d.]+$/.test(document.getElementById('legend')!.textContent!.trim()));
});

test('with L2 the backward tab has the penalty in J and the (λ/m) W term in dW, as training has', { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.goto(s.server.url + '?data=circle&layers=2&reg=l2&rate=0.3');
  await waitForFreshNetwork(page);
  await page.click('#inspect');
  await page.click('#tabBackward');
  await page.waitForSelector('#backwardText .line'); // (its text is loaded with the tab)
  const text = (await page.textContent('#backwardText'))!;
  assert.match(text, /^J = \(1\/m\) Σ L\(ŷ, y\) \+ penalty [\d.]+ = [\d.]+$/m);
  assert.match(text, /dW\[2\] = \(1\/m\) dZ\[2\]·A\[1\]ᵀ \+ \(0\.3\/m\) W\[2\] =/);
});

test('on a phone every option of the header menus is read whole (it was "Gradient desce", "3 epochs/fram")', { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    await page.goto(s.server.url);
    await waitForFreshNetwork(page);
    const cut = await page.$$eval('.hyper select', (els) => els.flatMap((el) => {
      const sel = el as HTMLSelectElement;
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.font = getComputedStyle(sel).font;
      const room = sel.clientWidth - 32; // the padding and the arrow
      return Array.from(sel.options).map((o) => ({ menu: sel.id, text: o.text, width: Math.round(ctx.measureText(o.text).width), room })).filter((o) => o.width > o.room);
    }));
    assert.deepEqual(cut, [], `options wider than their menu: ${JSON.stringify(cut)}`);
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
  }
});

test('Copy link says what the link cannot carry: an imported model\'s weights, weights set by hand', { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.goto(s.server.url + '?data=xor');
  await waitForFreshNetwork(page);
  const copied = async (expected: RegExp) => {
    await page.evaluate(() => { document.getElementById('message')!.textContent = ''; });
    await page.click('#copyLink');
    await page.waitForFunction(() => document.getElementById('message')!.textContent !== '');
    assert.match((await page.textContent('#message'))!, expected);
  };
  await copied(/it reproduces this run \(settings, data seed, weight seed\)/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
  const { readFile } = await import('node:fs/promises');
  const bytes = await readFile((await download.path())!);
  await page.setInputFiles('#importFile', { name: 'xor-model.json', mimeType: 'application/json', buffer: bytes });
  await page.waitForFunction(() => document.getElementById('message')!.textContent!.startsWith('Imported xor-model.json'));
  await copied(/it holds the settings and seeds but not the weights of xor-model\.json \(import it again\)/);
  await page.fill('#seed', '7'); // a new network of the settings: nothing is left out
  await page.press('#seed', 'Enter');
  await page.waitForFunction(() => location.search.includes('seed=7'));
  await waitForFreshNetwork(page);
  await copied(/it reproduces this run/);
  await page.click('.node.out');
  await page.fill('#editor input[data-col="-1"]', '2');
  await page.press('#editor input[data-col="-1"]', 'Enter');
  await copied(/but not the weights set by hand\b/);
  await page.click('#reset');
  await copied(/it reproduces this run/);
});
