// The eleventh round's items, each checked in Chromium: a run restored by Back draws the mini-batches
// the run would have drawn; the page's areas are named in sentence case for a screen reader; and
// what a teacher and a learner tripped over.

import { test, before, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { AREA_ROLES, backAfterEpochs, forcedLayouts, lossOf, namedAreas, openPage, renderingTime, skipBrowser, stepEpochs, traceMainThread, waitForFreshNetwork, type PageSession } from './page-helpers.js';
import type { BrowserContext, Page } from 'playwright-core';

let s: PageSession;
before(async () => { if (!skipBrowser) s = await openPage(); });
beforeEach(async () => { await s?.page.setViewportSize({ width: 1280, height: 800 }); await s?.page.emulateMedia({ colorScheme: 'light' }); });
after(async () => { await s?.close(); });

test('Back and Forward with mini-batches: the restored run goes on with the shuffling stream it had, so its loss at epoch 5 is the uninterrupted run\'s to all digits', { skip: skipBrowser }, async (t) => {
  const { page } = s;
  s.errors.length = 0;
  // batches of 10 of the 250 training points: every epoch's order comes from the network's random stream
  for (const opt of ['gd', 'adam']) {
    const url = `${s.server.url}?data=circle&opt=${opt}&lr=0.03&batch=10&speed=1`;
    await page.goto(url);
    await waitForFreshNetwork(page);
    await stepEpochs(page, 5);
    const straight = await lossOf(page, 'trainLoss');
    await backAfterEpochs(page, url, 3);
    assert.match((await page.textContent('#message'))!, /^Back where you left: epoch 3, with its weights/);
    await stepEpochs(page, 2);
    const restored = await lossOf(page, 'trainLoss');
    t.diagnostic(`${opt}: training loss at epoch 5 without leaving ${straight}, after Back at epoch 3 ${restored}`);
    assert.equal(restored, straight, `${opt}: epoch 5 after Back`);
  }
  assert.deepEqual(s.errors, []);
});

/** Words of two or more capitals that are names, not shouting. */
const ACRONYMS = new Set(['CSV', 'SIMD', 'JS', 'JSON', 'ONNX', 'MSE', 'URL', 'WCAG', 'AA', 'PNG', 'API', 'CPU']);

/**
 * The names that are not in sentence case: a word in capitals (not an acronym), or, for an area,
 * heading or tab, a first letter in lower case (but the page's name, backprop). A text's words may
 * start in lower case (a key, a variable, a file's name).
 */
function notSentenceCase(names: readonly string[]): string[] {
  return names.filter((entry) => {
    const name = /'(.*)'$/s.exec(entry)?.[1] ?? '';
    const shouting = (name.match(/\b[A-Z]{2,}\b/g) ?? []).some((w) => !ACRONYMS.has(w));
    return shouting || (!entry.startsWith('StaticText') && /^[a-z]/.test(name) && !name.startsWith('backprop'));
  });
}

test('every region, landmark, group, heading and tab is named in sentence case in the accessibility tree (the panels\' headings, in capitals by CSS, named them DATA, NETWORK, OUTPUT)', { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  for (const scheme of ['light', 'dark'] as const) {
    for (const width of [1280, 390]) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width, height: width === 390 ? 844 : 720 });
      await page.goto(s.server.url + '?data=spiral');
      await waitForFreshNetwork(page);
      await page.click('#inspect'); // the forward pass and its tabs
      await page.click('#kernelSpeed summary');
      const names = await namedAreas(page, [...AREA_ROLES, 'heading', 'tab', 'StaticText']);
      assert.ok(names.includes("region 'Data'") && names.includes("heading 'Forward pass'"), names.join('; '));
      assert.deepEqual(notSentenceCase(names), [], `${scheme}, ${width} px`);
      // Playwright's aria snapshot (from the DOM) agrees
      const snapshot = await page.locator('body').ariaSnapshot();
      const snapNames = [...snapshot.matchAll(/- (region|heading|group|banner|main|contentinfo|tablist|tab) "([^"]*)"/g)].map((m) => `${m[1]} '${m[2]}'`);
      assert.ok(snapNames.length > 10, snapshot);
      assert.deepEqual(notSentenceCase(snapNames), []);
    }
  }
  assert.deepEqual(s.errors, []);
});

/** Before the page's scripts: its long tasks (ms) in window.longTasks. */
async function watchLongTasks(p: Page): Promise<void> {
  await p.addInitScript(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) w.longTasks.push(Math.round(e.duration)); }).observe({ type: 'longtask', buffered: true });
  });
}
/** A page in a context of its own at 1280 x 720, collecting its errors and its long tasks. */
async function watchedPage(): Promise<{ context: BrowserContext; p: Page; errors: string[] }> {
  const context = await s.browser.newContext({ viewport: { width: 1280, height: 720 } });
  const p = await context.newPage();
  const errors: string[] = [];
  p.on('pageerror', (e) => errors.push(e.message));
  await watchLongTasks(p);
  return { context, p, errors };
}

const longTasks = (p: Page) => p.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks.splice(0));

/** The plot's, the cost curve's and the diagram's drawing methods: none of them reads a size (which forces a layout after the page's writes). */
const DRAWING = ['redraw', 'draw', 'layout', 'build', 'setData', 'setImage', 'clear'];

test('the start lays the page out in the browser\'s own rendering steps: no drawing method forces a layout (the plot\'s setData forced the whole page\'s first layout), and on a phone the panels screens below the first are skipped until near', { skip: skipBrowser }, async (t) => {
  const { context, p, errors } = await watchedPage();
  try {
    const events = await traceMainThread(s.browser, p, async () => {
      await p.goto(s.server.url + '?data=circle');
      await waitForFreshNetwork(p);
      await p.waitForTimeout(300);
    });
    const forced = forcedLayouts(events);
    t.diagnostic(`the start: long tasks ${JSON.stringify(await longTasks(p))} ms; style, layout and paint (thread time) ${JSON.stringify(renderingTime(events))} ms; forced layouts ${JSON.stringify(forced)}`);
    assert.deepEqual(forced.filter((f) => f.stack.some((name) => DRAWING.includes(name))), []);
    // the plot, the cost curve and the diagram are drawn at their laid-out sizes all the same
    const sizes = await p.evaluate(() => ['boundary', 'chart'].map((id) => { const c = document.getElementById(id) as HTMLCanvasElement; return [c.width, Math.round(c.clientWidth * devicePixelRatio)]; }));
    for (const [drawn, laid] of sizes) assert.equal(drawn, laid);
    // on a phone, the sweep and kernel speed panels are screens below the first: not rendered until they come near
    // (content-visibility: auto; at 1280 x 720 the sweep starts at 858 px, near enough to be rendered at once)
    await p.setViewportSize({ width: 390, height: 844 });
    await p.reload();
    await waitForFreshNetwork(p);
    const rendered = () => p.evaluate(() => ['sweepRun', 'speed-h'].map((id) => document.getElementById(id)!.checkVisibility({ contentVisibilityAuto: true })));
    assert.deepEqual(await rendered(), [false, false]);
    await p.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await p.waitForFunction(() => document.getElementById('sweepRun')!.checkVisibility({ contentVisibilityAuto: true }));
  } finally {
    await context.close();
  }
  assert.deepEqual(errors, []);
});

test('a sweep\'s result is built once and updated in place: its table and cells stay the same elements from the first cell to the last (each frame rebuilt them, laid out and painted anew)', { skip: skipBrowser }, async (t) => {
  const { context, p, errors } = await watchedPage();
  try {
    await p.goto(s.server.url + '?data=circle');
    await waitForFreshNetwork(p);
    await p.fill('#sweepXValues', '0.003, 0.01, 0.03, 0.1, 0.3, 1, 3');
    await p.fill('#sweepEpochs', '10');
    await p.evaluate(() => {
      const w = window as unknown as { added: number };
      w.added = 0;
      new MutationObserver((list) => { for (const m of list) w.added += Array.from(m.addedNodes).filter((n) => n.nodeName === 'TABLE' || n.nodeName === 'svg').length; })
        .observe(document.getElementById('sweepResult')!, { childList: true, subtree: true });
    });
    await longTasks(p);
    const events = await traceMainThread(s.browser, p, async () => {
      await p.click('#sweepRun');
      await p.waitForSelector('#sweepResult .cell');
      await p.evaluate(() => { (window as unknown as { first: Element[] }).first = Array.from(document.querySelectorAll('#sweepResult table, #sweepResult svg, #sweepResult .cell')); });
      await p.waitForFunction(() => document.getElementById('sweepPanel')!.dataset.state === 'done', undefined, { timeout: 60_000 });
      await p.waitForTimeout(200);
    });
    t.diagnostic(`the sweep: long tasks ${JSON.stringify(await longTasks(p))} ms; style, layout and paint (thread time) ${JSON.stringify(renderingTime(events))} ms`);
    const same = await p.evaluate(() => {
      const first = (window as unknown as { first: Element[] }).first;
      const now = Array.from(document.querySelectorAll('#sweepResult table, #sweepResult svg, #sweepResult .cell'));
      return { count: [first.length, now.length], same: now.every((e, i) => e === first[i]), added: (window as unknown as { added: number }).added };
    });
    assert.deepEqual(same, { count: [9, 9], same: true, added: 2 }); // (the line's svg, the table and its 7 cells)
    assert.equal(await p.$$eval('#sweepResult .cell', (b) => b.filter((x) => (x as HTMLButtonElement).disabled || x.textContent === '…').length), 0);
    assert.equal(await p.$$eval('#sweepResult .cell.best', (b) => b.length), 1);
    assert.ok(await p.getAttribute('#sweepResult svg path.mean', 'd'));
  } finally {
    await context.close();
  }
  assert.deepEqual(errors, []);
});

test('from a plain static server (no cross-origin isolation) the page says it runs one thread, and the speed check does not try threads (it fetched a kernel that 404s and warned that training ran on JavaScript)', { skip: skipBrowser }, async () => {
  // as isolated, from the playground's own server: nothing to say
  await s.page.goto(s.server.url + '?data=circle');
  await waitForFreshNetwork(s.page);
  assert.equal(await s.page.isVisible('#isolation'), false);
  const context = await s.browser.newContext({ viewport: { width: 1280, height: 720 } });
  const p = await context.newPage();
  const said: string[] = [], missing: string[] = [];
  p.on('pageerror', (e) => said.push(e.message));
  p.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') said.push(m.text()); });
  p.on('response', (r) => { if (r.status() === 404) missing.push(r.url()); });
  // the same files without the COOP/COEP headers, as a plain static server sends them
  await context.route('**/*', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['cross-origin-opener-policy'];
    delete headers['cross-origin-embedder-policy'];
    await route.fulfill({ response, headers });
  });
  try {
    await p.goto(s.server.url + '?data=circle');
    await waitForFreshNetwork(p);
    assert.equal(await p.evaluate(() => crossOriginIsolated), false);
    assert.ok(await p.isVisible('#isolation'));
    assert.match((await p.textContent('#isolation'))!, /^One thread: this page is not cross-origin isolated/);
    await stepEpochs(p, 2); // and it trains
    await p.click('#kernelSpeed summary');
    await p.click('#measureSpeed');
    await p.waitForSelector('#speedTable tr[data-backend="wasm-threads"]', { timeout: 60_000 });
    assert.equal(await p.textContent('#speedTable tr[data-backend="wasm-threads"] td:last-child'), 'needs a cross-origin isolated page');
    assert.notEqual(await p.textContent('#speedTable tr[data-backend="wasm"] td:nth-child(2)'), '—');
  } finally {
    await context.close();
  }
  assert.deepEqual({ said, missing }, { said: [], missing: [] });
});
