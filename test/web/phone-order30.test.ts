// At phone widths the output (losses and decision boundary) is shown right below the Play button. It
// was moved there by a CSS order only: on screen it came first, but Tab went through the data and the
// network panels before it, and a screen reader read it last. It now moves in the page's order, and
// back when the window is wide again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, skipBrowser, waitForFreshNetwork, type PageSession } from './page-helpers.js';

let s: PageSession;
before(async () => { if (!skipBrowser) s = await openPage(); });
after(async () => { await s?.close(); });

/** The panels of the layout in the page's order, and the panel that Tab reaches first after the Step button. */
async function order(): Promise<{ panels: string[]; afterStep: string }> {
  const { page } = s;
  const panels = await page.$$eval('main.layout > section', (els) => els.map((e) => e.className.replace('panel ', '')));
  await page.focus('#step');
  let afterStep = '';
  for (let i = 0; i < 12 && afterStep === ''; i++) {
    await page.keyboard.press('Tab');
    afterStep = await page.evaluate(() => document.activeElement?.closest('main.layout > section')?.className.replace('panel ', '') ?? '');
  }
  return { panels, afterStep };
}

test('at phone width the output panel comes first in the page\'s order and in Tab\'s, as on screen; wide again, it goes back', { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(s.server.url + '?data=circle');
  await waitForFreshNetwork(page);
  const narrow = await order();
  assert.deepEqual(narrow.panels, ['output', 'data', 'network']);
  assert.equal(narrow.afterStep, 'output', 'Tab from the Step button reaches the output first');
  const [outTop, dataTop] = await page.$$eval(['#output', '.panel.data'].join(','), (els) => els.map((e) => e.getBoundingClientRect().top));
  assert.ok(outTop! < dataTop!, 'on screen too');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.waitForFunction(() => document.querySelector('main.layout > section:last-of-type')?.id === 'output');
  const wide = await order();
  assert.deepEqual(wide.panels, ['data', 'network', 'output']);
  assert.equal(wide.afterStep, 'data');
  assert.deepEqual(s.errors, []);
});
