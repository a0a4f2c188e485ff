// End-to-end tests of the playground page in a real headless Chromium (Debian's /usr/bin/chromium,
// driven by playwright-core). They need the built page: run `npm run build:web` first.
// Screenshots go to test-artifacts/ (not committed).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { serveStatic, WEB_ROOT, type StaticServer } from '../../src/cli/commands/playground.js';
import { modelFromJson, Matrix, type ModelJson } from '../../src/index.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url)); // dist/test/web -> the repository
const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let server: StaticServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

// Without Chromium (a developer machine without Debian's package) the page tests are skipped with this
// message; in CI (CI=true), where .ci/run installs Chromium, a missing browser is a failure.
const skipBrowser = !existsSync(CHROMIUM) && !process.env.CI
  ? `no Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH to run the page tests`
  : false;

before(async () => {
  if (skipBrowser) return;
  if (!existsSync(path.join(WEB_ROOT, 'index.html'))) {
    throw new Error(`the playground is not built (${WEB_ROOT}index.html is missing): run \`npm run build:web\` before these tests`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH)`);
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await serveStatic({ port: 0, host: '127.0.0.1' });
  // playwright starts Chromium with a fresh temporary profile
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const epochOf = async (p: Page) => Number(await p.getAttribute('#epoch', 'data-epoch'));
const lossOf = async (p: Page, id: 'trainLoss' | 'testLoss') => Number(await p.getAttribute(`#${id}`, 'data-value'));
const boundaryImage = (p: Page) => p.$eval('#boundary', (c) => (c as HTMLCanvasElement).toDataURL());

/** Wait until the page has painted a frame for a fresh network (epoch 0, a finite loss). */
async function waitForFreshNetwork(p: Page): Promise<void> {
  await p.waitForFunction(() => {
    const e = document.getElementById('epoch')!;
    const l = document.getElementById('trainLoss')!;
    return e.dataset.epoch === '0' && Number.isFinite(Number(l.dataset.value)) && l.dataset.value !== '';
  }, undefined, { timeout: 10_000 });
}

/** The features the model file describes, computed here from its own description. */
function featureRow(name: string, x1: number, x2: number): number {
  const table: Record<string, number> = {
    'x1': x1, 'x2': x2, 'x1^2': x1 * x1, 'x2^2': x2 * x2, 'x1*x2': x1 * x2, 'sin(x1)': Math.sin(x1), 'sin(x2)': Math.sin(x2),
  };
  assert.ok(name in table, `unknown feature ${name}`);
  return table[name]!;
}

test('the page loads with a network, a boundary and no errors', { skip: skipBrowser }, async () => {
  await page.goto(server.url);
  await waitForFreshNetwork(page);
  assert.ok(await page.locator('.node').count() >= 5, 'the diagram shows the units');
  assert.ok(await page.locator('path.hit').count() > 0, 'the diagram shows the weights');
  assert.deepEqual(pageErrors, []);
});

test("the forward view's backward tab: each layer's dZ, dW, db, dA with its equation, the loss, one step, finite differences that agree", { skip: skipBrowser }, async () => {
  await page.selectOption('#exampleSet', 'train');
  await page.fill('#exampleIndex', '2');
  await page.click('#inspect');
  await page.waitForFunction(() => document.getElementById('forwardText')!.dataset.example === 'train:1');
  await page.click('#tabBackward');
  await page.waitForSelector('#backwardText .line'); // (its text is loaded with the tab)
  assert.equal(await page.isHidden('#forwardText'), true);
  const text = await page.textContent('#backwardText') ?? '';
  assert.match(text, /^backward pass of example 2 of the training set \(float64, m = 1\):/);
  assert.match(text, /L\(ŷ, y\) = .* per example: \[\d\.\d{4}\]/);
  assert.match(text, /dZ\[\d\] = A\[\d\] - Y =/);
  assert.match(text, /dW\[1\] = \(1\/m\) dZ\[1\]·A\[0\]ᵀ =/);
  assert.match(text, /dA\[0\] = W\[1\]ᵀ·dZ\[1\] =/);
  assert.match(text, /one step of gradient descent, α = [\d.]+: W\[l\] := W\[l\] - α dW\[l\]/);
  const pairs = [...text.matchAll(/(d[WbZA]\[\d\]\[\d+,\d+\]) (-?[\d.e-]+) vs (-?[\d.e-]+)/g)];
  assert.ok(pairs.length >= 8, `${pairs.length} finite-difference pairs`);
  for (const [, name, g, n] of pairs) assert.ok(Math.abs(Number(g) - Number(n)) <= 1e-7 + 2e-6 * Math.abs(Number(g)), `${name}: ${g} vs ${n}`);
  await page.screenshot({ path: path.join(ARTIFACTS, 'playground-backward-1280.png'), fullPage: true });
  await page.click('#tabForward');
  assert.equal(await page.isHidden('#backwardText'), true);
  await page.click('#closeForward');
  assert.deepEqual(pageErrors, []);
});

test('spiral with 2 hidden layers trains in the worker while the page stays responsive', { skip: skipBrowser }, async () => {
  await page.selectOption('#dataset', 'spiral');
  await page.selectOption('#optimizer', 'adam');
  await page.check('#features input[value="sin(x1)"]');
  await page.check('#features input[value="sin(x2)"]');
  // the default network has 2 hidden layers (4 and 2 units): grow both to 8 units
  for (let i = 0; i < 4; i++) await page.click('.units[data-layer="1"] button:first-child');
  for (let i = 0; i < 6; i++) await page.click('.units[data-layer="2"] button:first-child');
  // each click rebuilds the network: wait for the last one (2 hidden layers of 8 units)
  await page.waitForFunction(() => document.querySelectorAll('.node.hidden').length === 16);
  await waitForFreshNetwork(page);
  assert.match(page.url(), /data=spiral/);
  assert.match(page.url(), /layers=8%2C8|layers=8,8/);
  const before = await boundaryImage(page);
  const startLoss = await lossOf(page, 'testLoss');

  await page.click('#play');
  // frames per second of the main thread while the worker trains
  const fps = await page.evaluate(() => new Promise<number>((resolve) => {
    let frames = 0;
    const t0 = performance.now();
    const tick = () => {
      frames++;
      if (performance.now() - t0 < 2000) requestAnimationFrame(tick);
      else resolve((frames * 1000) / (performance.now() - t0));
    };
    requestAnimationFrame(tick);
  }));
  console.log(`# main thread: ${fps.toFixed(1)} frames per second while training`);
  assert.ok(fps >= 20, `the page should stay responsive while training (>= 20 fps), got ${fps.toFixed(1)}`);

  // the test cost falls below 0.3 within a minute (the page shows it after every frame)
  const reached = await page.waitForFunction(() => {
    const v = Number(document.getElementById('testLoss')!.dataset.value);
    return v < 0.3 ? { loss: v, epoch: Number(document.getElementById('epoch')!.dataset.epoch) } : false;
  }, undefined, { timeout: 60_000, polling: 'raf' }).then((h) => h.jsonValue() as Promise<{ loss: number; epoch: number }>);
  await page.click('#play'); // pause
  await page.waitForFunction(() => document.getElementById('play')!.getAttribute('aria-label') === 'Play');
  await page.screenshot({ path: path.join(ARTIFACTS, 'playground-training-1280.png') });
  console.log(`# spiral: test cost ${startLoss.toFixed(3)} -> ${reached.loss.toFixed(3)} at epoch ${reached.epoch}; paused at epoch ${await epochOf(page)}`);
  assert.ok(reached.epoch > 0 && reached.loss < 0.3);
  assert.ok(await lossOf(page, 'testLoss') < startLoss, 'still below the starting cost after the pause');
  assert.notEqual(await boundaryImage(page), before, 'the decision boundary changed');
  assert.deepEqual(pageErrors, []);
});

test('a link reproduces the run; the keyboard steps and plays', { skip: skipBrowser }, async () => {
  await page.click('#reset');
  await waitForFreshNetwork(page);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press(' '); // play
  await page.waitForFunction(() => Number(document.getElementById('epoch')!.dataset.epoch) > 0);
  await page.keyboard.press(' '); // pause
  await page.waitForFunction(() => document.getElementById('play')!.getAttribute('aria-label') === 'Play');
  await page.keyboard.press('r');
  await waitForFreshNetwork(page);
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('s');
    await page.waitForFunction((n) => document.getElementById('epoch')!.dataset.epoch === String(n), i + 1);
  }
  const loss = await lossOf(page, 'trainLoss');
  const other = await context.newPage();
  await other.goto(page.url());
  await waitForFreshNetwork(other);
  assert.equal(await other.inputValue('#dataset'), 'spiral');
  assert.equal(await other.locator('.node.hidden').count(), 16);
  for (let i = 0; i < 3; i++) {
    await other.click('#step');
    await other.waitForFunction((n) => document.getElementById('epoch')!.dataset.epoch === String(n), i + 1);
  }
  assert.equal(await lossOf(other, 'trainLoss'), loss, 'the same settings and seeds give the same run');
  await other.close();
});

test('a weight can be read on hover and edited on click', { skip: skipBrowser }, async () => {
  // W[3](1,2): from unit 2 of hidden layer 2 to the output unit
  const weight = page.locator('path.hit[data-w="3,0,1"]');
  await weight.hover();
  await page.waitForSelector('#tip:not([hidden])');
  assert.match(await page.textContent('#tip') ?? '', /^W\[3\]\(1,2\) = -?\d/);
  await weight.click();
  const input = page.locator('#editor input[data-col="1"]');
  await input.waitFor();
  // the editor takes focus once it has painted; on a loaded machine that can take a moment
  await page.waitForFunction(() => document.activeElement?.matches('#editor input[data-col="1"]') ?? false, undefined, { timeout: 20_000 });
  await input.fill('2.5');
  await input.press('Enter');
  await weight.hover();
  await page.waitForFunction(() => (document.getElementById('tip')!.textContent ?? '').includes('= 2.500'), undefined, { timeout: 20_000 });
  await page.keyboard.press('Escape');
  assert.ok(await page.locator('#editor').isHidden());
});

test('the exported model gives the same predictions in Node as the page showed', { skip: skipBrowser }, async () => {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
  const file = path.join(ARTIFACTS, 'playground-model.json');
  await download.saveAs(file);
  const doc = JSON.parse(readFileSync(file, 'utf8')) as ModelJson;
  assert.equal(doc.format, 'backprop-model');
  assert.deepEqual(doc.features, ['x1', 'x2', 'sin(x1)', 'sin(x2)']);
  const schema = doc.preprocessing?.data;
  assert.equal(schema?.format, 'playground');
  assert.deepEqual(schema?.format === 'playground' ? schema.features : undefined, doc.features);
  assert.equal(doc.layers[2]!.W[0]![1], 2.5, 'the edited weight is in the file');
  const { net } = modelFromJson(doc, 'exported');
  const shownFor = new Map<string, string>();
  for (const [set, i] of [['train', 0], ['train', 7], ['test', 3]] as const) {
    await page.selectOption('#exampleSet', set);
    await page.fill('#exampleIndex', String(i + 1));
    await page.click('#inspect');
    await page.waitForFunction((ex) => document.getElementById('forwardText')!.dataset.example === ex, `${set}:${i}`);
    const raw = (await page.getAttribute('#forwardText', 'data-prediction'))!;
    shownFor.set(`${set}:${i}`, raw);
    const shown = JSON.parse(raw) as number[];
    const [x1, x2] = JSON.parse((await page.getAttribute('#forwardText', 'data-point'))!) as [number, number];
    const X = Matrix.column(doc.features!.map((f) => featureRow(f, x1, x2)), 'float64');
    const A = net.predictProba(X);
    assert.equal(A.rows, shown.length);
    shown.forEach((v, r) => assert.ok(Math.abs(A.data[r]! - v) < 1e-12, `${set} example ${i + 1}: page ${v}, node ${A.data[r]}`));
  }
  const text = await page.textContent('#forwardText') ?? '';
  assert.match(text, /z\[1\] = W\[1\]·a\[0\] \+ b\[1\]/);
  assert.match(text, /a\[3\] = sigmoid\(z\[3\]\)/);
  await page.screenshot({ path: path.join(ARTIFACTS, 'playground-forward-1280.png'), fullPage: true });

  // importing the file gives back the same network (and the data it was trained on)
  await page.setInputFiles('#importFile', file);
  await page.waitForFunction(() => (document.getElementById('message')!.textContent ?? '').startsWith('Imported'));
  await waitForFreshNetwork(page);
  assert.equal(await page.inputValue('#dataset'), 'spiral');
  await page.selectOption('#exampleSet', 'train');
  await page.fill('#exampleIndex', '1');
  await page.click('#inspect');
  await page.waitForFunction(() => document.getElementById('forwardText')!.dataset.example === 'train:0');
  assert.equal(await page.getAttribute('#forwardText', 'data-prediction'), shownFor.get('train:0'));
});

test('a CSV is read by the library: a bad cell is named by file, line and column; rows with an empty cell are dropped and reported', { skip: skipBrowser }, async () => {
  const rows = ['x1,x2,label'];
  for (let i = 0; i < 40; i++) rows.push(`${Math.cos(i)},${Math.sin(i * 1.3)},${i % 2 ? 'red' : 'blue'}`);
  const bad = [...rows];
  bad.splice(4, 0, '0.5,abc,red');
  await page.setInputFiles('#csvFile', { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad.join('\n')) });
  await page.waitForFunction(() => (document.getElementById('csvMessage')!.textContent ?? '').includes('bad.csv') && !document.getElementById('csvMessage')!.dataset.state);
  const error = await page.textContent('#csvMessage') ?? '';
  assert.equal(error, "Could not use bad.csv, line 5, column 'x2': 'abc' is not a number");
  assert.ok(await page.locator('#csvMessage.error').count() === 1, 'shown as an error');
  assert.notEqual(await page.inputValue('#dataset'), 'csv', 'nothing was loaded');

  // the label column is found by its name (not the last column), the first two others are x1 and x2
  const named = ['class,a,b,extra'];
  for (let i = 0; i < 40; i++) named.push(`${i % 3 ? 'red' : 'blue'},${Math.cos(i)},${i === 7 || i === 20 ? '' : Math.sin(i * 1.3)},${i}`);
  await page.setInputFiles('#csvFile', { name: 'points.csv', mimeType: 'text/csv', buffer: Buffer.from(named.join('\r\n')) });
  await page.waitForFunction(() => (document.getElementById('csvMessage')!.textContent ?? '').includes('Loaded'));
  const msg = await page.textContent('#csvMessage') ?? '';
  // (the column 'extra' is named as not used: it was left out without a word)
  assert.match(msg, /^Loaded 38 points with 2 classes \(blue, red\) from points\.csv \(x1: 'a', x2: 'b', label: 'class'\)\. Not used: the column 'extra'; [^.]*\. Dropped 2 rows with an empty, \?, NA, N\/A, NaN or nan cell \(lines 9, 22\)\./);
  assert.equal(await page.inputValue('#dataset'), 'csv');
  await waitForFreshNetwork(page);

  // the page's own limit: up to 8 classes
  const nine = ['x1,x2,label', ...Array.from({ length: 45 }, (_, i) => `${Math.cos(i)},${Math.sin(i)},c${i % 9}`)];
  await page.setInputFiles('#csvFile', { name: 'nine.csv', mimeType: 'text/csv', buffer: Buffer.from(nine.join('\n')) });
  await page.waitForFunction(() => (document.getElementById('csvMessage')!.textContent ?? '').includes('nine.csv') && !document.getElementById('csvMessage')!.dataset.state);
  assert.equal(await page.textContent('#csvMessage'),
    "Could not use nine.csv: the label column 'label' has 9 different values; the page classifies up to 8 classes (for real-valued targets choose the regression problem type)");
  assert.deepEqual(pageErrors, []);
});

test('the page reads well at phone width', { skip: skipBrowser }, async () => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(server.url + '?data=spiral3&layers=6,6&act=relu&opt=adam&lr=0.01&test=1');
  await waitForFreshNetwork(page);
  await page.click('#step');
  await page.waitForFunction(() => document.getElementById('epoch')!.dataset.epoch === '1');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no sideways scrolling of the page at 375 px (overflow ${overflow}px)`);
  assert.equal(await page.locator('.node.out').count(), 3, 'softmax output for 3 classes');
  await page.screenshot({ path: path.join(ARTIFACTS, 'playground-375.png'), fullPage: true });
  assert.deepEqual(pageErrors, []);
});

test('the kernel speed check runs js, WebAssembly SIMD and WebAssembly on worker threads in the page, and they agree', { skip: skipBrowser }, async () => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(server.url);
  await waitForFreshNetwork(page);
  assert.equal(await page.evaluate(() => self.crossOriginIsolated), true, 'the playground server makes the page cross-origin isolated');
  await page.click('#kernelSpeed summary');
  await page.click('#measureSpeed');
  await page.waitForFunction(() => !document.getElementById('speedTable')!.hidden || document.getElementById('speedNote')!.classList.contains('error'), undefined, { timeout: 60_000 });
  assert.doesNotMatch(await page.textContent('#speedNote') ?? '', /failed/);
  const rows = await page.$$eval('#speedTable tbody tr', (trs) => trs.map((tr) => ({
    backend: (tr as HTMLElement).dataset.backend, cells: Array.from((tr as HTMLTableRowElement).cells, (c) => c.textContent ?? ''),
  })));
  assert.deepEqual(rows.map((r) => r.backend), ['js', 'wasm', 'wasm-threads']);
  for (const r of rows.slice(1)) {
    assert.ok(Number(r.cells[1]) > 0, `${r.backend} ran: ${r.cells.join(' | ')}`);
    assert.ok(Number(r.cells[3]) < 1e-4, `${r.backend} agrees with js: ${r.cells.join(' | ')}`);
  }
  assert.match(rows[2]!.cells[0]!, /threads\)/);
  console.log(`# kernel speed in Chromium: ${rows.map((r) => r.cells.slice(0, 3).join(' ')).join('; ')}`);
  assert.deepEqual(pageErrors, []);
});

test('training that diverges stops with a message naming the cause, measured from the fresh network', { skip: skipBrowser }, async () => {
  await page.goto(server.url + '?problem=regression&lr=3&opt=momentum&layers=8,8');
  await waitForFreshNetwork(page);
  await page.click('#play');
  await page.waitForFunction(() => (document.getElementById('diverged')!.textContent ?? '').includes('diverged'), undefined, { timeout: 20_000 });
  const msg = await page.textContent('#diverged .full') ?? '';
  assert.match(msg, /^Training diverged at epoch \d+: the cost rose from [\d.]+ to [\d.e+]+\. Try a smaller learning rate than 3/);
  const from = Number(/rose from ([\d.]+)/.exec(msg)![1]);
  assert.ok(from < 10, `measured from the fresh network's cost (${from}), not from a later epoch's`);
  assert.equal(await page.getAttribute('#play', 'aria-label'), 'Play', 'training stopped');
  assert.deepEqual(pageErrors, []);
});
