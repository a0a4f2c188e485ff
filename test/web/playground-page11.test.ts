// The eleventh round's items, each checked in Chromium: a run restored by Back draws the mini-batches
// the run would have drawn; the page's areas are named in sentence case for a screen reader; and
// what a teacher and a learner tripped over.

import { test, before, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { AREA_ROLES, namedAreas, openPage, skipBrowser, stepEpochs, waitForFreshNetwork, lossOf, type PageSession } from './page-helpers.js';

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
    await page.goto(url);
    await waitForFreshNetwork(page);
    await stepEpochs(page, 3);
    await page.goto('about:blank');
    await page.goBack();
    await page.waitForFunction(() => document.getElementById('epoch')!.dataset.epoch === '3', undefined, { timeout: 20_000 });
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
