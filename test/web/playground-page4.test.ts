// The fourth audit's items, each checked in Chromium: a deep network fits a phone's width, the
// output plot has tick values on both axes, the data points can be reached with the keyboard, and
// a loss that bounces at too large a learning rate gets a message while training goes on.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ARTIFACTS, epochOf, openPage, skipBrowser, waitForFreshNetwork, type PageSession } from './page-helpers.js';
import type { Page } from 'playwright-core';

let s: PageSession;
before(async () => { if (!skipBrowser) s = await openPage(); });
after(async () => { await s?.close(); });

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) => a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
const boxes = (page: Page, selector: string) => page.$$eval(selector, (els) => els.map((e) => {
  const r = e.getBoundingClientRect();
  return { x: r.x, y: r.y, width: r.width, height: r.height };
}));

test('on a phone (390 x 844) a network of 6 hidden layers of 8 units fits the width, its units and buttons readable and apart', { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    await page.goto(s.server.url + '?data=spiral&layers=8,8,8,8,8,8&f=x1,x2,sin(x1),sin(x2)');
    await waitForFreshNetwork(page);
    await page.locator('.network').screenshot({ path: path.join(ARTIFACTS, 'playground-phone-deep-network.png') });
    const scroll = await page.$eval('.net-scroll', (el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    assert.ok(scroll.scroll <= scroll.client, `the diagram scrolls sideways: ${scroll.scroll} px in ${scroll.client} px`);
    const panel = (await page.locator('.network').boundingBox())!;
    const nodes = await boxes(page, '#net .node');
    assert.equal(nodes.length, 4 + 6 * 8 + 1);
    for (const n of nodes) {
      assert.ok(n.width >= 20, `a unit ${n.width} px wide is too small to read`);
      assert.ok(n.x >= panel.x && n.x + n.width <= panel.x + panel.width, `a unit outside the panel: ${JSON.stringify(n)}`);
    }
    for (let a = 0; a < nodes.length; a++) for (let b = a + 1; b < nodes.length; b++) assert.ok(!overlap(nodes[a]!, nodes[b]!), 'two units overlap');
    // the input labels (sin(x₁)) are inside the panel
    for (const l of await boxes(page, '#net .node-label')) assert.ok(l.x >= panel.x, `an input label is cut at the left (${l.x} < ${panel.x})`);
    // the +/- buttons of the layers: none on another, none on a unit, each at least 20 px to tap
    const buttons = await boxes(page, '#net .units button');
    assert.equal(buttons.length, 12);
    for (let a = 0; a < buttons.length; a++) {
      assert.ok(buttons[a]!.width >= 20 && buttons[a]!.height >= 20, `a +/- button of ${buttons[a]!.width} x ${buttons[a]!.height} px`);
      for (let b = a + 1; b < buttons.length; b++) assert.ok(!overlap(buttons[a]!, buttons[b]!), 'two +/- buttons overlap');
      for (const n of nodes) assert.ok(!overlap(buttons[a]!, n), 'a +/- button covers a unit');
    }
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0, 'the page does not scroll sideways');
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
  }
});

test('at desktop width the units keep their full size (32 px) with 6 hidden layers', { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.goto(s.server.url + '?layers=8,8,8,8,8,8');
  await waitForFreshNetwork(page);
  const sizes = new Set((await boxes(page, '#net .node')).map((n) => Math.round(n.width)));
  assert.deepEqual([...sizes], [32]);
  const scroll = await page.$eval('.net-scroll', (el) => el.scrollWidth - el.clientWidth);
  assert.equal(scroll, 0);
});

/** The tick values of an axis with the centre of each label (x for the x axis, y for the y axis). */
const ticks = (page: Page, axis: 'x' | 'y') => page.$$eval(`#axis${axis.toUpperCase()} .tick`, (els, a) => els.map((e) => {
  const r = e.getBoundingClientRect();
  return { text: e.textContent!, value: Number((e as HTMLElement).dataset.value), at: a === 'x' ? r.x + r.width / 2 : r.y + r.height / 2 };
}), axis);

test('the output plot has tick values on both axes, each at the position of its value', { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.goto(s.server.url + '?data=circle');
  await waitForFreshNetwork(page);
  await page.locator('.boundary-wrap').screenshot({ path: path.join(ARTIFACTS, 'playground-output-axes.png') });
  const plot = (await page.locator('#boundary').boundingBox())!;
  const x = await ticks(page, 'x'), y = await ticks(page, 'y');
  assert.deepEqual(x.map((t) => t.text), ['-6', '-4', '-2', '0', '2', '4', '6']);
  assert.deepEqual(y.map((t) => t.text), ['-6', '-4', '-2', '0', '2', '4', '6']);
  for (const t of x) assert.ok(Math.abs(t.at - (plot.x + ((t.value + 6) / 12) * plot.width)) < 1.5, `x tick ${t.text} at ${t.at}`);
  for (const t of y) assert.ok(Math.abs(t.at - (plot.y + ((6 - t.value) / 12) * plot.height)) < 1.5, `y tick ${t.text} at ${t.at}`);
  // the labels are under and left of the plot, not on it
  for (const b of await boxes(page, '#axisX .tick')) assert.ok(b.y >= plot.y + plot.height, 'an x tick label on the plot');
  for (const b of await boxes(page, '#axisY .tick')) assert.ok(b.x + b.width <= plot.x, 'a y tick label on the plot');
  // a CSV of small values: ticks of 0.2 over its own range
  const rows = Array.from({ length: 30 }, (_, i) => `${(0.5 * Math.cos(i)).toFixed(3)},${(0.5 * Math.sin(i)).toFixed(3)},${i % 2}`);
  await page.setInputFiles('#csvFile', { name: 'small.csv', mimeType: 'text/csv', buffer: Buffer.from(['x1,x2,label', ...rows].join('\n')) });
  await page.waitForFunction(() => document.getElementById('csvMessage')!.textContent!.startsWith('Loaded 30 points'));
  assert.deepEqual((await ticks(page, 'x')).map((t) => t.text), ['-0.6', '-0.4', '-0.2', '0', '0.2', '0.4', '0.6']);
  assert.match((await page.getAttribute('#boundary', 'aria-label'))!, /from -0\.6 to 0\.6/);
});

test('the data points are reached with the keyboard: Tab to the plot, arrows between points, Enter for the forward pass', { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.goto(s.server.url + '?data=gaussians');
  await waitForFreshNetwork(page);
  // Tab from the loss chart reaches the plot, whose focus shows, and which says what the keys do
  await page.focus('#chart');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'boundary');
  const focus = await page.$eval('#boundary', (c) => ({ visible: c.matches(':focus-visible'), outline: getComputedStyle(c).outlineStyle, role: c.getAttribute('role') }));
  assert.ok(focus.visible && focus.outline !== 'none', `the plot's focus shows (${JSON.stringify(focus)})`);
  assert.equal(focus.role, 'application');
  assert.match((await page.getAttribute('#boundary', 'aria-label'))!, /arrow keys to move between the points and Enter/);
  assert.equal(await page.getAttribute('#boundary', 'aria-describedby'), 'pointReadout');
  const readout = async () => {
    const text = (await page.textContent('#pointReadout'))!;
    const m = /x₁ = (-?[\d.e+-]+), x₂ = (-?[\d.e+-]+)/.exec(text);
    assert.ok(m, text);
    return { text, example: (await page.getAttribute('#pointReadout', 'data-example'))!, x1: Number(m[1]), x2: Number(m[2]) };
  };
  const first = await readout();
  assert.match(first.text, /^Training example 1 of 250: x₁ = .*, class [01]\. Enter: its forward pass\.$/);
  await page.locator('.boundary-wrap').screenshot({ path: path.join(ARTIFACTS, 'playground-keyboard-point.png') });
  await page.keyboard.press('ArrowRight');
  const right = await readout();
  assert.ok(right.x1 > first.x1, `ArrowRight goes right: ${first.text} -> ${right.text}`);
  assert.equal(await page.locator('#forward').isHidden(), true, 'moving only moves');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#forward:not([hidden])');
  assert.equal(await page.getAttribute('#forwardText', 'data-example'), right.example);
  assert.deepEqual(JSON.parse((await page.getAttribute('#forwardText', 'data-point'))!).slice(0, 2).map((v: number) => Number(v.toPrecision(4))), [right.x1, right.x2]);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'boundary', 'the focus stays on the plot');
  // with the forward pass open, it follows the keyboard; space does not play
  await page.keyboard.press('ArrowUp');
  const up = await readout();
  assert.ok(up.x2 > right.x2, `ArrowUp goes up: ${right.text} -> ${up.text}`);
  await page.waitForFunction((e) => document.getElementById('forwardText')!.dataset.example === e, up.example);
  await page.keyboard.press(' ');
  assert.equal(await page.getAttribute('#play', 'aria-label'), 'Play', 'space on the plot selects, it does not start training');
  // a click away from the points (it focuses the plot too) does not start the keyboard's tour at example 1
  await page.click('#closeForward');
  await page.goto(s.server.url + '?data=gaussians');
  await waitForFreshNetwork(page);
  const plot = (await page.locator('#boundary').boundingBox())!;
  await page.mouse.click(plot.x + 4, plot.y + 4);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'boundary');
  assert.equal(await page.textContent('#pointReadout'), '');
  // the test points, when shown, are reached too
  await page.check('#showTest');
  await page.focus('#boundary');
  const seen = new Set<string>();
  for (let i = 0; i < 30; i++) { await page.keyboard.press(i % 2 ? 'ArrowLeft' : 'ArrowDown'); seen.add((await readout()).example.split(':')[0]!); }
  assert.deepEqual([...seen].sort(), ['test', 'train']);
});

test('a learning rate of 10 on the circle: a message that the loss bounces, naming the rate, while training goes on; it goes with a smaller rate', { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  await page.goto(s.server.url + '?data=circle&lr=10&speed=3');
  await waitForFreshNetwork(page);
  assert.equal(await page.locator('#oscillation').isHidden(), true);
  await page.click('#play');
  await page.waitForFunction(() => !document.getElementById('oscillation')!.hidden, undefined, { timeout: 60_000 });
  const text = (await page.textContent('#oscillation .full'))!;
  assert.match(text, /^The loss is not going down: in the last 20 epochs it stayed above its best [\d.]+, swung between [\d.]+ and [\d.]+, and went back up to where it started \(0\.713\)\. The learning rate 10 is probably too large: try a smaller one\. \(Training goes on\.\)$/);
  assert.equal(await page.getAttribute('#oscillation', 'role'), 'status');
  await page.locator('.output').screenshot({ path: path.join(ARTIFACTS, 'playground-oscillation.png') });
  // not blocking: training goes on
  const at = await epochOf(page);
  await page.waitForFunction((e) => Number(document.getElementById('epoch')!.dataset.epoch) >= e + 10, at, { timeout: 20_000 });
  assert.equal(await page.getAttribute('#play', 'aria-label'), 'Pause');
  // a smaller learning rate takes the message away at once
  await page.selectOption('#lr', '0.03');
  await page.waitForFunction(() => document.getElementById('oscillation')!.hidden, undefined, { timeout: 20_000 });
  await page.click('#play');
  assert.deepEqual(s.errors, []);
});

test('a loss that comes down (learning rate 0.3, mini-batches of 1) gets no oscillation message', { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.goto(s.server.url + '?data=xor&lr=0.3&batch=1&noise=30&speed=10');
  await waitForFreshNetwork(page);
  await page.click('#play');
  let shown = false;
  while (await epochOf(page) < 150) {
    shown ||= await page.locator('#oscillation').isVisible();
    await page.waitForTimeout(50);
  }
  await page.click('#play');
  assert.equal(shown, false, await page.textContent('#oscillation') ?? '');
});

test('a point clicked at 1280 x 800: the note under the plot names it and links to its forward pass, which opens out of sight', { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.goto(s.server.url + '?data=xor');
  await waitForFreshNetwork(page);
  const plot = (await page.locator('#boundary').boundingBox())!;
  // the point nearest a quarter of the way in: click where it is drawn
  const target = await page.evaluate(() => {
    const c = document.getElementById('boundary')!.getBoundingClientRect();
    return { x: c.left + c.width * 0.25, y: c.top + c.height * 0.25 };
  });
  await page.mouse.click(target.x, target.y);
  await page.waitForSelector('#forward:not([hidden])');
  assert.ok((await page.locator('#forward').boundingBox())!.y > 800, 'the forward pass opens below the fold (why the note is needed)');
  const note = (await page.textContent('#pointReadout'))!;
  assert.match(note, /^Training example \d+ of 250: x₁ = -[\d.]+, x₂ = [\d.]+, class [01]\. Its forward pass ↓$/);
  assert.equal(await page.getAttribute('#pointReadout', 'data-example'), await page.getAttribute('#forwardText', 'data-example'));
  const link = page.locator('#pointReadout a.to-forward');
  const box = (await link.boundingBox())!;
  assert.ok(box.y + box.height <= 800 && box.y >= plot.y + plot.height, 'the link is on screen, under the plot');
  await link.click();
  await page.waitForFunction(() => document.getElementById('forward')!.getBoundingClientRect().top < 100);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'forwardText');
  await page.click('#closeForward');
  assert.equal(await page.textContent('#pointReadout'), '');
});

test('a CSV of labels 0, 1, 2 switched to regression: the message says it is read as real-valued targets, not "3 classes"', { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.goto(s.server.url);
  await waitForFreshNetwork(page);
  const rows = Array.from({ length: 30 }, (_, i) => `${Math.cos(i).toFixed(3)},${Math.sin(i).toFixed(3)},${i % 3}`);
  await page.setInputFiles('#csvFile', { name: 'three.csv', mimeType: 'text/csv', buffer: Buffer.from(['x1,x2,label', ...rows].join('\n')) });
  await page.waitForFunction(() => document.getElementById('csvMessage')!.textContent!.startsWith('Loaded 30 points with 3 classes'));
  await page.selectOption('#problem', 'regression');
  await page.waitForFunction(() => document.getElementById('csvMessage')!.textContent!.startsWith('Read again for regression: 30 points with real-valued targets from three.csv'));
  assert.equal(await page.inputValue('#dataset'), 'csv');
  await page.selectOption('#problem', 'classification');
  await page.waitForFunction(() => document.getElementById('csvMessage')!.textContent!.startsWith('Read again for classification: 30 points with 3 classes (0, 1, 2)'));
});

test('a finished sweep names the workers it trained on (it said "no workers")', { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.goto(s.server.url + '?data=xor');
  await waitForFreshNetwork(page);
  await page.fill('#sweepEpochs', '5');
  await page.click('#sweepRun');
  await page.waitForFunction(() => document.getElementById('sweepPanel')!.dataset.state === 'done', undefined, { timeout: 60_000 });
  const status = (await page.textContent('#sweepStatus'))!;
  assert.match(status, /^Done: 5 of 5 cells in [\d.]+ s on [2-4] workers; best: /);
});

test('a sweep setting chosen gets values to start from (a second setting was left with an empty box); typed values are kept', { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.goto(s.server.url + '?data=xor');
  await waitForFreshNetwork(page);
  await page.selectOption('#sweepX', 'batch');
  assert.equal(await page.inputValue('#sweepXValues'), '1, 5, 10, 30', 'not the learning rates left from before');
  await page.selectOption('#sweepY', 'noise');
  assert.equal(await page.inputValue('#sweepYValues'), '0, 10, 20, 30');
  await page.fill('#sweepYValues', '0, 40');
  await page.selectOption('#sweepY', 'regRate');
  assert.equal(await page.inputValue('#sweepYValues'), '0, 40', 'what the user typed stays');
  await page.selectOption('#sweepY', 'noise');
  await page.fill('#sweepEpochs', '3');
  await page.click('#sweepRun');
  await page.waitForFunction(() => document.getElementById('sweepPanel')!.dataset.state === 'done', undefined, { timeout: 60_000 });
  assert.match((await page.textContent('#sweepStatus'))!, /^Done: 8 of 8 cells/);
  await page.selectOption('#sweepY', '');
  assert.equal(await page.inputValue('#sweepYValues'), '0, 40');
});

test('the Forward and Backward tabs work as tabs with the keyboard: one tab stop, the arrow keys switch', { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.goto(s.server.url + '?data=xor');
  await waitForFreshNetwork(page);
  await page.click('#inspect');
  await page.focus('#tabForward');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'tabBackward');
  assert.equal(await page.getAttribute('#tabBackward', 'aria-selected'), 'true');
  assert.equal(await page.locator('#backwardText').isVisible(), true);
  assert.match((await page.textContent('#fw-h'))!, /Backward pass/);
  assert.deepEqual(await page.$$eval('[role=tab]', (els) => els.map((e) => (e as HTMLElement).tabIndex)), [-1, 0]);
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'tabForward');
  assert.equal(await page.locator('#forwardText').isVisible(), true);
  // Tab goes from the selected tab to its panel, not to the other tab
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'forwardText');
});
