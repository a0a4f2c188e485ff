// Issue 14's gaps to TensorFlow Playground, each checked in Chromium: discretized output, a unit's
// map in the large plot on hover, slider names, unique ids, the data-set menu, the loss chart,
// the data loss apart from the penalty, the phone layout, and an axe-core scan.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ARTIFACTS, canvasPixels, epochOf, framesPerSecond, lossOf, openPage, skipBrowser, stepEpochs, waitForFreshNetwork, type PageSession } from './page-helpers.js';

let s: PageSession;
before(async () => { if (!skipBrowser) s = await openPage(); });
after(async () => { await s?.close(); });

/** Share of the pixels that have one of the two commonest colours. */
function topTwoShare(px: { data: number[] }): number {
  const counts = new Map<number, number>();
  for (let i = 0; i < px.data.length; i += 4) {
    const key = (px.data[i]! << 16) | (px.data[i + 1]! << 8) | px.data[i + 2]!;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const sorted = [...counts.values()].sort((a, b) => b - a);
  return ((sorted[0] ?? 0) + (sorted[1] ?? 0)) / (px.data.length / 4);
}

test('Discretize output shows the output in two colours, and the link keeps it', { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.goto(s.server.url + '?data=circle&ratio=10&lr=0.1&opt=adam');
  await waitForFreshNetwork(page);
  await stepEpochs(page, 3);
  const graded = topTwoShare(await canvasPixels(page, '#boundary'));
  await page.check('#discretize');
  await page.waitForFunction(() => location.search.includes('disc=1'));
  // the worker paints the thresholded output on the next frame
  await page.waitForFunction(() => {
    const c = document.getElementById('boundary') as HTMLCanvasElement;
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < d.length; i += 4 * 97) seen.add((d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!);
    return seen.size < 40;
  }, undefined, { timeout: 20_000 });
  const discrete = topTwoShare(await canvasPixels(page, '#boundary'));
  console.log(`# share of the two commonest colours: graded ${graded.toFixed(2)}, discretized ${discrete.toFixed(2)}`);
  assert.ok(graded < 0.5, `the graded output has many shades (${graded})`);
  assert.ok(discrete > 0.8, `the discretized output is two colours besides the points (${discrete})`);
  const other = await s.context.newPage();
  await other.goto(page.url());
  await waitForFreshNetwork(other);
  assert.equal(await other.isChecked('#discretize'), true, 'the link keeps the toggle');
  await other.close();
  await page.uncheck('#discretize');
});

test("hovering a unit shows its map in the large output plot; leaving it shows the output again", { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.goto(s.server.url + '?data=circle&layers=4,2');
  await waitForFreshNetwork(page);
  const output = await page.$eval('#boundary', (c) => (c as HTMLCanvasElement).toDataURL());
  assert.equal(await page.getAttribute('#boundary', 'data-showing'), 'output');
  await page.hover('.node.hidden[data-layer="1"][data-unit="2"]');
  await page.waitForFunction(() => document.getElementById('boundary')!.dataset.showing === '1,2', undefined, { timeout: 20_000 });
  const unit = await page.$eval('#boundary', (c) => (c as HTMLCanvasElement).toDataURL());
  assert.notEqual(unit, output, 'the plot shows the unit, not the output');
  await page.hover('.node.input[data-unit="0"]');
  await page.waitForFunction(() => document.getElementById('boundary')!.dataset.showing === '0,0', undefined, { timeout: 20_000 });
  await page.mouse.move(5, 5);
  await page.waitForFunction(() => document.getElementById('boundary')!.dataset.showing === 'output', undefined, { timeout: 20_000 });
  assert.equal(await page.$eval('#boundary', (c) => (c as HTMLCanvasElement).toDataURL()), output, 'the same output as before the hover');
  // keyboard users: focusing a unit does the same
  await page.focus('.node.out');
  await page.waitForFunction(() => document.getElementById('boundary')!.dataset.showing === '3,0', undefined, { timeout: 20_000 });
  await page.evaluate(() => (document.activeElement as HTMLElement).blur());
  assert.deepEqual(s.errors, []);
});

test('the Noise, Training data and Batch size sliders are named by their labels; no two elements share an id', { skip: skipBrowser }, async () => {
  const { page } = s;
  for (const name of ['Noise', 'Training data', 'Batch size']) {
    assert.equal(await page.getByRole('slider', { name, exact: true }).count(), 1, `one slider named '${name}'`);
  }
  const duplicates = await page.evaluate(() => {
    const seen = new Map<string, number>();
    for (const el of Array.from(document.querySelectorAll('[id]'))) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  });
  assert.deepEqual(duplicates, []);
});

test('every data-set name fits in the menu', { skip: skipBrowser }, async () => {
  const { page } = s;
  for (const problem of ['classification', 'regression']) {
    await page.selectOption('#problem', problem);
    const cut = await page.$eval('#dataset', (el) => {
      const sel = el as HTMLSelectElement;
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.font = getComputedStyle(sel).font;
      const room = sel.clientWidth - 32; // the padding and the arrow
      return Array.from(sel.options).map((o) => ({ text: o.text, width: ctx.measureText(o.text).width, room })).filter((o) => o.width > o.room);
    });
    assert.deepEqual(cut, [], `names wider than the menu: ${JSON.stringify(cut)}`);
  }
  await page.selectOption('#problem', 'classification');
});

test('the loss chart: labels in their own bands, never under the curves; the fresh network before training', { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.goto(s.server.url + '?data=spiral&lr=0.3');
  await waitForFreshNetwork(page);
  const before = await canvasPixels(page, '#chart');
  const drawn = before.data.filter((_, i) => i % 4 === 3 && before.data[i]! > 0).length;
  assert.ok(drawn > 50, `before training the chart shows the axes, the losses at epoch 0 and a hint (${drawn} pixels drawn)`);
  await stepEpochs(page, 6);
  const px = await canvasPixels(page, '#chart');
  const top = Number(await page.getAttribute('#chart', 'data-plot-top'));
  const bottom = Number(await page.getAttribute('#chart', 'data-plot-bottom'));
  assert.ok(top > 0 && bottom < px.h && bottom - top > px.h / 2, `a plot area between the bands (${top}..${bottom} of ${px.h})`);
  const curve = (i: number) => px.data[i + 3]! > 0 && ((px.data[i] === 153 && px.data[i + 1] === 153) || (px.data[i] === 17 && px.data[i + 1] === 17));
  let inBands = 0, inPlot = 0;
  for (let y = 0; y < px.h; y++) {
    for (let x = 0; x < px.w; x++) {
      const i = 4 * (y * px.w + x);
      if (!curve(i)) continue;
      if (y < top || y >= bottom) inBands++; else inPlot++;
    }
  }
  assert.ok(inPlot > 20, `the curves are drawn (${inPlot} pixels)`);
  assert.equal(inBands, 0, 'no curve pixel in the label bands');
});

test('the losses shown are data losses; the regularization penalty is shown apart', { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.goto(s.server.url + '?data=circle&reg=none&rate=0');
  await waitForFreshNetwork(page);
  const plain = await lossOf(page, 'trainLoss');
  assert.ok(await page.locator('#penaltyRow').isHidden(), 'no penalty without regularization');
  await page.goto(s.server.url + '?data=circle&reg=l2&rate=0.3');
  await waitForFreshNetwork(page);
  assert.equal(await lossOf(page, 'trainLoss'), plain, 'the same weights give the same data loss with L2');
  const p1 = await lossOf(page, 'penalty');
  assert.ok(p1 > 0 && await page.locator('#penaltyRow').isVisible(), `the penalty is shown (${p1})`);
  await page.selectOption('#regRate', '3');
  await page.waitForFunction((p) => Number(document.getElementById('penalty')!.dataset.value) !== p, p1, { timeout: 20_000 });
  await waitForFreshNetwork(page);
  assert.equal(await lossOf(page, 'trainLoss'), plain, 'the loss does not jump when the rate changes');
  assert.ok(Math.abs(await lossOf(page, 'penalty') - 10 * p1) < 1e-9 * p1 + 1e-12, 'the penalty grows with the rate');
});

test('on a phone the decision boundary is on the first screen with the Play button', { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto(s.server.url + '?data=spiral');
  await waitForFreshNetwork(page);
  const play = await page.locator('#play').boundingBox();
  const plot = await page.locator('#boundary').boundingBox();
  await page.screenshot({ path: path.join(ARTIFACTS, 'playground-phone-first-screen.png') });
  assert.ok(play && plot);
  console.log(`# phone: Play at y=${play.y.toFixed(0)}, boundary ${plot.y.toFixed(0)}..${(plot.y + plot.height).toFixed(0)} in a 740 px screen`);
  assert.ok(play.y >= 0 && play.y + play.height <= 740, 'Play is on the first screen');
  assert.ok(plot.y + plot.height <= 740, `the whole boundary is on the first screen (bottom at ${plot.y + plot.height})`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no sideways scrolling (${overflow}px)`);
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('axe-core finds no violation of WCAG level A, before and after training and with sweep results', { skip: skipBrowser }, async () => {
  const { page } = s;
  const axe = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.goto(s.server.url + '?data=spiral&sweep=lr%3D0.03%2C0.3%7Cu1%3D2%2C4%7Cepochs%3D5%7Cseeds%3D1%7Cmetric%3Dloss%7Csample%3D0');
  await waitForFreshNetwork(page);
  await page.addScriptTag({ content: axe });
  const scan = async (when: string) => {
    const result = await page.evaluate(async () => {
      const r = await (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } })
        .axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag21a'] } });
      return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 4).join(', ')}`);
    });
    assert.deepEqual(result, [], `level A violations ${when}`);
  };
  await scan('on load');
  await page.click('#kernelSpeed summary');
  await stepEpochs(page, 2);
  await page.click('#sweepRun');
  await page.waitForFunction(() => document.getElementById('sweepPanel')!.dataset.state === 'done', undefined, { timeout: 60_000 });
  await scan('after training and a sweep');
});

test('the page keeps 30 frames per second while it trains', { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.goto(s.server.url + '?data=spiral&layers=8,8&f=x1,x2,sin(x1),sin(x2)&opt=adam&lr=0.03');
  await waitForFreshNetwork(page);
  await page.click('#play');
  await page.waitForFunction(() => Number(document.getElementById('epoch')!.dataset.epoch) > 0, undefined, { timeout: 20_000 });
  // the best of three 2-second windows: the machine runs other work too
  const windows: number[] = [];
  for (let i = 0; i < 3; i++) windows.push(await framesPerSecond(page, 2000));
  const epochs = await epochOf(page);
  await page.click('#play');
  console.log(`# frames per second while training: ${windows.map((f) => f.toFixed(1)).join(', ')} (epoch ${epochs})`);
  assert.ok(Math.max(...windows) >= 30, `at least 30 fps while training, got ${windows.map((f) => f.toFixed(1)).join(', ')}`);
});
