// The seventh round's items, each checked in Chromium: a message is in sight at 1280 x 800 (it was under
// the file buttons, below the fold) and one line with the whole text on demand (a CSV error took five
// lines); the colours of every text and control meet WCAG 2.1 AA; a phone's stacked unit +/- tap in
// 40 x 40 px and its notes stay one line; the 6-layer limit is said where it is met.

import { test, before, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, skipBrowser, waitForFreshNetwork, type PageSession } from './page-helpers.js';
import { contrastFailures } from './contrast.js';
import type { Page } from 'playwright-core';

let s: PageSession;
before(async () => { if (!skipBrowser) s = await openPage(); });
beforeEach(async () => { await s?.page.setViewportSize({ width: 1280, height: 800 }); });
after(async () => { await s?.close(); });

const inSight = async (page: Page, sel: string) => {
  const box = (await page.locator(sel).boundingBox())!;
  const view = page.viewportSize()!;
  return box.height > 0 && box.y >= 0 && box.y + box.height <= view.height;
};

/** A CSV whose error message is long: a text label in a regression file at row 3. */
const BAD_CSV = 'x1,x2,label\n0.1,0.2,0.5\n0.3,0.4,not-a-number-at-all-but-a-long-text-label\n0.5,0.6,0.7\n';

test('at 1280 x 800 a message is in sight without scrolling, one line, the whole text on demand (a CSV error too)', { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  await page.goto(s.server.url + '?data=circle');
  await waitForFreshNetwork(page);
  // a bad weight seed: the error was at the bottom of the output column (y 834 at 1280 x 800)
  await page.fill('#seed', '-3');
  await page.press('#seed', 'Enter');
  await page.waitForFunction(() => (document.getElementById('message')!.textContent ?? '').startsWith('The weight seed'));
  assert.equal(await page.evaluate(() => scrollY), 0, 'the page did not have to scroll');
  assert.ok(await inSight(page, '#message'), 'the message is in sight at 1280 x 800');
  const chart = (await page.locator('#chart').boundingBox())!;
  const plot = (await page.locator('#boundary').boundingBox())!;
  assert.ok(plot.y + plot.height <= 800 && chart.y > 0, 'the cost curve and the plot stay in sight');
  const line = (await page.locator('#message').boundingBox())!;
  assert.ok(line.height <= 24, `one line (${line.height} px)`);
  assert.equal(await page.locator('#message button.more').isVisible(), true, 'the rest on demand');
  await page.click('#message button.more');
  assert.ok((await page.locator('#message').boundingBox())!.height > 30, 'the whole message, wrapped');
  assert.equal(await page.getAttribute('#message button.more', 'aria-expanded'), 'true');
  // a CSV error: one line with its file and line first, the reason on demand (it took five lines)
  await page.setInputFiles('#csvFile', { name: 'long-label-regression-file.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD_CSV) });
  await page.selectOption('#problem', 'regression');
  await page.waitForFunction(() => (document.getElementById('csvMessage')!.textContent ?? '') !== '' && !document.getElementById('csvMessage')!.dataset.state);
  const csvText = (await page.textContent('#csvMessage'))!;
  assert.ok(csvText.length > 60, csvText);
  assert.ok((await page.locator('#csvMessage').boundingBox())!.height <= 24, `the CSV message is one line: ${csvText}`);
  assert.ok(await inSight(page, '#csvMessage'));
  await page.click('#csvMessage button.more');
  assert.ok((await page.locator('#csvMessage').boundingBox())!.height > 30);
  assert.deepEqual(s.errors, []);
});

test('on a phone a message caused at the bottom of the page is scrolled into sight', { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(s.server.url + '?data=circle');
  await waitForFreshNetwork(page);
  await page.fill('#exampleIndex', '5000');
  await page.click('#inspect');
  await page.waitForFunction(() => (document.getElementById('message')!.textContent ?? '').startsWith('The example to inspect'));
  assert.ok(await inSight(page, '#message'), 'the message is in sight on the phone');
});

test('colour contrast (WCAG 2.1 AA) of every text and control, at 1280 x 800 and on a phone, with notes, messages and the forward pass shown; the focus ring 3:1', { skip: skipBrowser }, async () => {
  const { page } = s;
  for (const size of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    await page.setViewportSize(size);
    await page.goto(s.server.url + '?data=circle&act=relu&layers=1,1&speed=10&lr=-1');
    await waitForFreshNetwork(page);
    await page.click('#play');
    await page.waitForFunction(() => !document.getElementById('plateau')!.hidden, undefined, { timeout: 60_000 });
    await page.click('#play');
    await page.click('#inspect');
    await page.fill('#seed', '-3');
    await page.press('#seed', 'Enter');
    const failures = await page.evaluate(contrastFailures);
    assert.deepEqual(failures.map((f) => `${f.what}: ${f.fg} on ${f.bg} ${f.ratio}:1 < ${f.need}:1`), [], `at ${size.width} px`);
  }
  // the focus ring against the panel around it
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.focus('#regenerate');
  const ring = await page.evaluate(() => {
    const cs = getComputedStyle(document.getElementById('regenerate')!);
    return { color: cs.outlineColor, width: parseFloat(cs.outlineWidth) };
  });
  const rgb = /rgb\((\d+), (\d+), (\d+)\)/.exec(ring.color)!.slice(1).map(Number);
  const lum = (v: number) => { const c = v / 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  const L = 0.2126 * lum(rgb[0]!) + 0.7152 * lum(rgb[1]!) + 0.0722 * lum(rgb[2]!);
  assert.ok(ring.width >= 2 && 1.05 / (L + 0.05) >= 3, `the focus ring ${ring.color} is ${(1.05 / (L + 0.05)).toFixed(2)}:1 on white`);
});

test('on a phone (390 px) each stacked unit +/- taps in 40 x 40 px, apart from the others, with 6 hidden layers of 8 and no sideways scroll', { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.setViewportSize({ width: 390, height: 844 });
  for (const layers of ['8,8,8,8,8,8', '4,4,4,4', '2']) {
    await page.goto(s.server.url + `?data=spiral&layers=${layers}&f=x1,x2,sin(x1),sin(x2)`);
    await waitForFreshNetwork(page);
    await page.locator('.units').first().scrollIntoViewIfNeeded();
    const bad = await page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('.units button')).flatMap((b) => {
      const r = b.getBoundingClientRect();
      const [cx, cy] = [r.left + r.width / 2, r.top + r.height / 2];
      // the 40 x 40 px square around the button's centre, 1 px inside its edges
      const corners = [[-19, -19], [19, -19], [-19, 19], [19, 19], [0, -19], [0, 19], [-19, 0], [19, 0]];
      return corners.filter(([dx, dy]) => document.elementFromPoint(cx + dx!, cy + dy!) !== b).map(([dx, dy]) => `${b.getAttribute('aria-label')} at (${dx}, ${dy}): ${document.elementFromPoint(cx + dx!, cy + dy!)?.className}`);
    }));
    assert.deepEqual(bad, [], `layers ${layers}`);
    const scroll = await page.$eval('.net-scroll', (el) => el.scrollWidth - el.clientWidth);
    assert.equal(scroll, 0, 'the diagram does not scroll sideways');
  }
});

/** Lines of text a note's summary takes (a Range over it: one rectangle per line). */
const summaryLines = (page: Page, id: string) => page.$eval(`#${id} summary`, (e) => {
  const r = document.createRange();
  r.selectNodeContents(e);
  return new Set(Array.from(r.getClientRects()).filter((b) => b.width > 0).map((b) => Math.round(b.top))).size;
});

test('on a phone (390 and 320 px) the notes beside the losses stay one line, the whole text on demand', { skip: skipBrowser }, async () => {
  const { page } = s;
  for (const width of [390, 320]) {
    await page.setViewportSize({ width, height: 844 });
    await page.goto(s.server.url + '?data=flower&act=sigmoid&layers=4,4,4,4,4,4&seed=2&speed=10&lr=-1&reg=foo');
    await waitForFreshNetwork(page);
    await page.click('#play');
    await page.waitForFunction(() => !document.getElementById('plateau')!.hidden, undefined, { timeout: 60_000 });
    await page.click('#play');
    for (const id of ['plateau', 'linkNote']) {
      const gist = await page.textContent(`#${id} summary`);
      assert.equal(await summaryLines(page, id), 1, `#${id} at ${width} px: '${gist}' is one line`);
      const h = await page.$eval(`#${id} summary`, (e) => e.getBoundingClientRect().height);
      assert.ok(h <= 42, `#${id}'s line is ${h} px tall: ${gist}`);
    }
    await page.click('#plateau summary');
    assert.match((await page.textContent('#plateau .full'))!, /6 hidden sigmoid layers/);
  }
});

test('the 6 hidden layers limit is said where it is met: the + disabled with a tooltip and description, the count naming it', { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.goto(s.server.url + '?layers=2,2,2,2,2');
  await waitForFreshNetwork(page);
  assert.equal(await page.isDisabled('#addLayer'), false);
  await page.click('#addLayer');
  assert.equal(await page.isDisabled('#addLayer'), true);
  assert.equal(await page.textContent('#layerCount'), '6 hidden layers (at most 6)');
  assert.match((await page.getAttribute('#addLayer', 'title'))!, /^At most 6 hidden layers/);
  const snapshot = await page.locator('#addLayer').ariaSnapshot();
  assert.match(snapshot, /button "Add a hidden layer" \[disabled\]/);
  const description = await page.evaluate(async () => {
    // the accessible description Chromium computes from the title
    const b = document.getElementById('addLayer')!;
    return b.title;
  });
  assert.match(description, /remove one to add another/);
  await page.click('#removeLayer');
  assert.equal(await page.isDisabled('#addLayer'), false);
  assert.equal(await page.textContent('#layerCount'), '5 hidden layers');
  // a layer at 8 units: its + says why it is disabled
  await page.goto(s.server.url + '?layers=8');
  await waitForFreshNetwork(page);
  assert.equal(await page.getAttribute('.units button[aria-label="Add a unit to hidden layer 1"]', 'title'), 'At most 8 units in a layer');
});

test('a screen reader hears the epoch and the losses when training pauses or steps, not at every frame; the same digits as the readouts', { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.goto(s.server.url + '?data=circle&speed=3');
  await waitForFreshNetwork(page);
  // an <output> is a live region (role status): the epoch and the losses were announced at every frame
  for (const id of ['epoch', 'trainLoss', 'testLoss', 'penalty']) assert.equal(await page.getAttribute(`#${id}`, 'aria-live'), 'off', `#${id}`);
  await page.evaluate(() => {
    const w = window as unknown as { liveChanges: number };
    w.liveChanges = 0;
    new MutationObserver(() => { w.liveChanges++; }).observe(document.getElementById('srStatus')!, { childList: true, characterData: true, subtree: true });
  });
  await page.click('#play');
  await page.waitForFunction(() => Number(document.getElementById('epoch')!.dataset.epoch) >= 60, undefined, { timeout: 30_000 });
  assert.equal(await page.evaluate(() => (window as unknown as { liveChanges: number }).liveChanges), 0, 'nothing announced while training');
  await page.click('#play');
  await page.waitForFunction(() => /^Epoch \d+: /.test(document.getElementById('srStatus')!.textContent ?? ''));
  await page.waitForTimeout(300); // (a frame on its way when Pause was pressed)
  const said = (await page.textContent('#srStatus'))!;
  const [epoch, test, train] = [await page.getAttribute('#epoch', 'data-epoch'), await page.textContent('#testLoss'), await page.textContent('#trainLoss')];
  assert.ok(said.startsWith(`Epoch ${epoch}: test loss ${test}, training loss ${train}. Accuracy: training `), said);
  await page.click('#step');
  await page.waitForFunction((e) => (document.getElementById('srStatus')!.textContent ?? '').startsWith(`Epoch ${e}:`), Number(epoch) + 1);
  // the cost curve's readout: the readouts' words and digits ('training cost 0.4823' beside 'Training loss 0.482')
  await page.focus('#chart');
  await page.keyboard.press('End');
  const readout = (await page.textContent('#chartReadout'))!;
  assert.equal(readout, `epoch ${Number(epoch) + 1}: training loss ${await page.textContent('#trainLoss')}, test loss ${await page.textContent('#testLoss')}`);
});

test('keyboard only: the forward pass closes with × or Escape and the focus goes back to the control that opened it (it fell to the page); sweep cells have a visible edge', { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.goto(s.server.url + '?data=circle');
  await waitForFreshNetwork(page);
  await page.focus('#inspect');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'forwardText');
  await page.focus('#closeForward');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('#forward').isHidden(), true);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'inspect');
  // from the plot: arrow keys to a point, Enter, then Escape in the panel
  await page.focus('#boundary');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.getElementById('forward')!.hidden);
  await page.focus('#tabForward');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#forward').isHidden(), true, 'Escape closes the forward pass');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'boundary');
  // a sweep's cells: the contrast of their edges (a light cell was 1.1:1 on white)
  await page.fill('#sweepXValues', '0.001, 0.03, 1');
  await page.fill('#sweepEpochs', '10');
  await page.click('#sweepRun');
  await page.waitForFunction(() => document.getElementById('sweepPanel')!.dataset.state === 'done', undefined, { timeout: 60_000 });
  const failures = await page.evaluate(contrastFailures);
  assert.deepEqual(failures.map((f) => `${f.what}: ${f.fg} on ${f.bg} ${f.ratio}:1`), []);
});

test('keyboard only: every Tab stop shows a focus ring of at least 2 px and has an accessible name (a guard: all did)', { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.goto(s.server.url + '?data=circle&layers=2,2');
  await waitForFreshNetwork(page);
  const seen = new Set<string>();
  const bad: string[] = [];
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const e = document.activeElement as HTMLElement | null;
      if (!e || e === document.body) return undefined;
      const cs = getComputedStyle(e);
      const w = window as unknown as { tabStops?: Map<Element, number> };
      w.tabStops ??= new Map();
      if (!w.tabStops.has(e)) w.tabStops.set(e, w.tabStops.size);
      const key = `${w.tabStops.get(e)} ${e.tagName}#${e.id}:${e.getAttribute('aria-label') ?? e.textContent?.slice(0, 20)}`;
      return { key, ring: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2, summary: e.tagName === 'SUMMARY' && (e.textContent ?? '').trim() !== '' };
    });
    if (!info) continue;
    if (seen.has(info.key)) break;
    seen.add(info.key);
    const snapshot = (await page.locator('*:focus').ariaSnapshot()).split('\n')[0]!;
    if (!info.ring) bad.push(`${info.key}: no focus ring`);
    if (!info.summary && !/"[^"]+"/.test(snapshot)) bad.push(`${info.key}: no accessible name (${snapshot})`);
  }
  assert.ok(seen.size > 40, `${seen.size} Tab stops: ${[...seen].join(' | ')}`);
  assert.deepEqual(bad, []);
});
