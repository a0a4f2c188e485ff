// The tenth round's items, each checked in Chromium: the page's first script carries what its first
// frame shows, and the parts used later load when used (and work); the page's groups and regions are
// named for a screen reader; Back/Forward keeps Adam's moving averages.

import { test, before, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ARTIFACTS, backAfterEpochs, holdWorkerAnswers, namedAreas, openPage, skipBrowser, stepEpochs, waitForFreshNetwork, type PageSession } from './page-helpers.js';
import type { Page } from 'playwright-core';

let s: PageSession;
before(async () => { if (!skipBrowser) s = await openPage(); });
beforeEach(async () => { await s?.page.setViewportSize({ width: 1280, height: 800 }); await s?.page.emulateMedia({ colorScheme: 'light' }); });
after(async () => { await s?.close(); });

/** The page's scripts loaded so far on its main thread (file names without the hash; not the workers'), and whether any holds the CSV parser (csv-parse's error codes). */
async function scriptsLoaded(page: Page): Promise<{ names: string[]; parser: boolean }> {
  return page.evaluate(async () => {
    const urls = performance.getEntriesByType('resource').map((r) => r.name).filter((u) => u.endsWith('.js') && !/worker-[\w-]{8}\.js$/.test(u));
    let parser = false;
    for (const u of urls) if ((await (await fetch(u)).text()).includes('CSV_QUOTE_NOT_CLOSED')) parser = true;
    return { names: urls.map((u) => u.split('/').pop()!.replace(/-[\w-]{8}\.js$/, '')), parser };
  });
}

const LATER = ['backward-view', 'csv-reader', 'csv-data', 'export-model', 'import-model'];

test('the first script carries what the first frame shows: the backward pass, the CSV reader and parser, export and import load when used, and work', { skip: skipBrowser }, async (t) => {
  const { page } = s;
  s.errors.length = 0;
  const longTasks: number[][] = [];
  // a new context each time: its cache is empty, as at a learner's first visit
  for (let k = 0; k < 2; k++) {
    const context = await s.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const p = await context.newPage();
    await p.addInitScript(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => { for (const e of list.getEntries()) w.longTasks.push(Math.round(e.duration)); }).observe({ type: 'longtask', buffered: true });
    });
    await p.goto(s.server.url + '?data=circle');
    await waitForFreshNetwork(p);
    await p.waitForTimeout(300);
    longTasks.push(await p.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks));
    await context.close();
  }
  t.diagnostic(`the main thread's long tasks from a cold start to the first frame (ms, each try): ${JSON.stringify(longTasks)}`);
  await page.goto(s.server.url + '?data=circle&speed=1');
  await waitForFreshNetwork(page);
  const start = await scriptsLoaded(page);
  assert.deepEqual(start.names.filter((n) => LATER.includes(n)), [], `loaded at the start: ${start.names.join(', ')}`);
  assert.equal(start.parser, false, 'the CSV parser is in a script loaded at the start');
  // the sweep's panel: loaded after the start, in a task of its own; its form is filled then
  await page.waitForFunction(() => !document.getElementById('sweepPanel')!.hasAttribute('aria-busy'));
  assert.ok((await scriptsLoaded(page)).names.includes('sweep-panel'));
  assert.ok((await page.$$eval('#sweepX option', (o) => o.length)) > 3);
  // the backward tab
  await stepEpochs(page, 2);
  await page.click('#inspect');
  await page.click('#tabBackward');
  await page.waitForSelector('#backwardText .line');
  assert.match((await page.textContent('#backwardText'))!, /dW\[1\]/);
  assert.ok((await scriptsLoaded(page)).names.includes('backward-view'));
  // export, then import of the exported file
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
  const file = path.join(ARTIFACTS, 'page10-export.json');
  await download.saveAs(file);
  assert.equal(JSON.parse(readFileSync(file, 'utf8')).format, 'backprop-model');
  await page.setInputFiles('#importFile', file);
  await page.waitForFunction(() => (document.getElementById('message')!.textContent ?? '').startsWith('Imported page10-export.json'));
  // a CSV: read in the CSV worker, the page's reader loaded for it
  await page.evaluate(() => {
    const rows = ['x1,x2,label'];
    for (let i = 0; i < 40; i++) rows.push(`${Math.cos(i)},${Math.sin(i * 1.3)},${i % 2}`);
    const dt = new DataTransfer();
    dt.items.add(new File([rows.join('\n')], 'mine.csv', { type: 'text/csv' }));
    const input = document.getElementById('csvFile') as HTMLInputElement;
    input.files = dt.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await page.waitForFunction(() => (document.getElementById('csvMessage')!.textContent ?? '').startsWith('Loaded 40 points'));
  const after = await scriptsLoaded(page);
  for (const n of ['csv-reader', 'export-model', 'import-model']) assert.ok(after.names.includes(n), `${n} loaded when used: ${after.names.join(', ')}`);
  assert.deepEqual(s.errors, []);
});

test('where no worker starts, the CSV parser is loaded on the main thread and reads the file', { skip: skipBrowser }, async () => {
  const context = await s.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const p = await context.newPage();
  const errors: string[] = [];
  p.on('pageerror', (e) => errors.push(e.message));
  // the CSV worker's script refused (as a Content-Security-Policy without worker-src does)
  await p.route(/csv-worker-.*\.js$/, (r) => r.abort());
  try {
    await p.goto(s.server.url + '?data=circle');
    await waitForFreshNetwork(p);
    await p.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['a,b,label\n1,2,x\n2,1,y\n3,3,x\n0,1,y\n'], 'four.csv', { type: 'text/csv' }));
      const input = document.getElementById('csvFile') as HTMLInputElement;
      input.files = dt.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await p.waitForFunction(() => (document.getElementById('csvMessage')!.textContent ?? '').startsWith('Loaded 4 points'), undefined, { timeout: 20_000 });
    assert.equal(await p.evaluate(() => document.documentElement.dataset.csvReader), 'main thread');
    assert.ok((await scriptsLoaded(p)).parser, 'the parser was loaded for it');
  } finally {
    await context.close();
  }
  assert.deepEqual(errors.filter((e) => !/csv-worker/.test(e)), []);
});

test('every group, region and landmark has an accessible name (the Kernel speed disclosure was an unnamed group), the passes and the speed table open too', { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  await page.goto(s.server.url + '?data=circle');
  await waitForFreshNetwork(page);
  await page.click('#inspect');
  await page.click('#kernelSpeed summary');
  const areas = await namedAreas(page);
  assert.deepEqual(areas.filter((a) => a.endsWith("''")), [], areas.join('; '));
  assert.ok(areas.includes("group 'Kernel speed in this browser'"), areas.join('; '));
  for (const role of ['banner', 'main', 'contentinfo', 'tablist']) assert.ok(areas.some((a) => a.startsWith(`${role} `)), `${role} in ${areas.join('; ')}`);
  // the aria snapshot names it too
  assert.match(await page.locator('#kernelSpeed').ariaSnapshot(), /group "Kernel speed in this browser"/);
  assert.deepEqual(s.errors, []);
});

test('Back and Forward with Adam: its running averages come back with the weights, so the next epoch is the one the run would have trained (they started again from zero)', { skip: skipBrowser }, async (t) => {
  const { page } = s;
  s.errors.length = 0;
  // the whole training set in one batch: the epochs do not depend on the shuffling's state, which is not kept
  const url = s.server.url + '?data=circle&opt=adam&lr=0.03&batch=1000&speed=1';
  await page.goto(url);
  await waitForFreshNetwork(page);
  await stepEpochs(page, 4);
  const straight = Number(await page.getAttribute('#trainLoss', 'data-value'));
  await backAfterEpochs(page, url, 3);
  assert.equal(await page.textContent('#message'), "Back where you left: epoch 3, with its weights, the optimizer's running averages and cost curve.");
  await stepEpochs(page, 1);
  const restored = Number(await page.getAttribute('#trainLoss', 'data-value'));
  t.diagnostic(`training loss at epoch 4: straight ${straight}, after Back at epoch 3 ${restored}`);
  assert.ok(Math.abs(restored - straight) <= 1e-12, `epoch 4 after Back: ${restored}; without leaving: ${straight}`);
  // momentum too, in its own words
  await backAfterEpochs(page, s.server.url + '?data=circle&opt=momentum&speed=1', 2);
  assert.equal(await page.textContent('#message'), 'Back where you left: epoch 2, with its weights, its momentum and cost curve.');
  assert.deepEqual(s.errors, []);
});

test('a sweep\'s start: results that arrive together are drawn once, at the next frame (the table was rebuilt at each), and the link is rewritten only when the sweep is another', { skip: skipBrowser }, async (t) => {
  const context = await s.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const p = await context.newPage();
  const errors: string[] = [];
  p.on('pageerror', (e) => errors.push(e.message));
  // the sweep workers' answers held until the test lets them go, so that they arrive together; the link's rewrites counted
  await holdWorkerAnswers(p, 'sweep-worker', 'hold', 'held');
  await p.addInitScript(() => {
    const w = window as unknown as { hold: boolean; held: (() => void)[]; release: () => void; deliver: () => void; replaced: number; longTasks: number[] };
    w.replaced = 0; w.longTasks = [];
    w.deliver = () => { for (const f of w.held.splice(0)) f(); }; // (the answers held so far, in one task; the next are held too)
    w.release = () => { w.hold = false; w.deliver(); };
    const own = history.replaceState.bind(history);
    history.replaceState = (...args: Parameters<History['replaceState']>) => { w.replaced++; own(...args); };
    new PerformanceObserver((list) => { for (const e of list.getEntries()) w.longTasks.push(Math.round(e.duration)); }).observe({ type: 'longtask' });
  });
  try {
    await p.goto(s.server.url + '?data=circle');
    await waitForFreshNetwork(p);
    await p.fill('#sweepXValues', '0.003, 0.01, 0.03, 0.1, 0.3, 1, 3');
    await p.fill('#sweepEpochs', '5');
    await p.evaluate(() => {
      const w = window as unknown as { hold: boolean; replaced: number; longTasks: number[]; tables: number };
      w.hold = true; w.replaced = 0; w.longTasks = []; w.tables = 0;
      new MutationObserver((list) => { for (const m of list) w.tables += Array.from(m.addedNodes).filter((n) => n.nodeName === 'TABLE').length; })
        .observe(document.getElementById('sweepResult')!, { childList: true });
    });
    await p.click('#sweepRun');
    // every cell trained (7 of them, on up to 4 workers: each worker's next cell waits for its answer)
    for (let k = 0; k < 7; k++) {
      await p.waitForFunction(() => (window as unknown as { held: unknown[] }).held.length > 0, undefined, { timeout: 30_000 });
      await p.waitForTimeout(300);
      const before = await p.evaluate(() => (window as unknown as { tables: number }).tables);
      await p.evaluate(() => (window as unknown as { deliver: () => void }).deliver());
      await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const drawn = await p.evaluate(() => (window as unknown as { tables: number }).tables) - before;
      assert.ok(drawn <= 1, `the result table was drawn ${drawn} times for one burst of answers`);
      if (await p.getAttribute('#sweepPanel', 'data-state') === 'done') break;
    }
    await p.evaluate(() => (window as unknown as { release: () => void }).release());
    await p.waitForFunction(() => document.getElementById('sweepPanel')!.dataset.state === 'done', undefined, { timeout: 60_000 });
    assert.equal(await p.$$eval('#sweepResult button.cell:not([disabled])', (b) => b.length), 7);
    const { replaced, longTasks } = await p.evaluate(() => {
      const w = window as unknown as { replaced: number; longTasks: number[] };
      return { replaced: w.replaced, longTasks: w.longTasks };
    });
    assert.equal(replaced, 1, 'the link rewritten once (the sweep it names), not at every state of the sweep');
    assert.match(p.url(), /sweep=/);
    t.diagnostic(`the main thread's long tasks from Run sweep to done (ms): ${JSON.stringify(longTasks)}`);
  } finally {
    await context.close();
  }
  assert.deepEqual(errors, []);
});

test('a learner\'s own CSV with a header and a text column first (a name): x1 and x2 are the first two columns of numbers, and the note says which text column was left out (the file was refused)', { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  await page.goto(s.server.url + '?data=circle');
  await waitForFreshNetwork(page);
  await page.evaluate(() => {
    const rows = ['name,height,weight,species'];
    for (let i = 0; i < 30; i++) rows.push(`n${i},${(1 + (i % 5)).toFixed(1)},${(2 + ((i * 7) % 9)).toFixed(1)},${['cat', 'dog', 'owl'][i % 3]}`);
    const dt = new DataTransfer();
    dt.items.add(new File([rows.join('\n')], 'animals.csv', { type: 'text/csv' }));
    const input = document.getElementById('csvFile') as HTMLInputElement;
    input.files = dt.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await page.waitForFunction(() => !document.getElementById('csvMessage')!.dataset.state && (document.getElementById('csvMessage')!.textContent ?? '') !== '', undefined, { timeout: 30_000 });
  assert.equal(await page.textContent('#csvMessage'), "Loaded 30 points with 3 classes (cat, dog, owl) from animals.csv (x1: 'height', x2: 'weight', label: 'species'). Left out the text column 'name': x1 and x2 are the first two columns of numbers. (CSV data is not kept in the link.)");
  await waitForFreshNetwork(page);
  await page.click('#inspect');
  assert.match((await page.textContent('#forwardText'))!, /label y = (cat|dog|owl)/);
  assert.deepEqual(s.errors, []);
});
