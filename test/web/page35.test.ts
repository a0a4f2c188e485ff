// The playground on devices and in conditions earlier rounds did not try (battery page35), in Chromium: a run
// kept in the tab and damaged (edited by hand, or by another version of the page), the page's later parts
// when the browser went offline after it opened, the page opened as a file, and a tablet tapped with a
// finger. Each: one line in the page saying what is so and what to do, nothing silently wrong.

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { WEB_ROOT } from '../../src/cli/commands/playground.js';
import { Model } from '../../src/index.js';
import { ARTIFACTS, epochOf, openPage, ROOT, skipBrowser, stepEpochs, waitForFreshNetwork, type PageSession } from './page-helpers.js';

let s: PageSession;
before(async () => { if (!skipBrowser) s = await openPage(); });
after(async () => { await s?.close(); });

const text = async (id: string) => (await s.page.textContent(`#${id}`)) ?? '';
/** (the console's own line for a resource the offline browser could not fetch: not the page's) */
const pageErrors = () => s.errors.filter((e) => !/Failed to load resource: net::ERR_INTERNET_DISCONNECTED/.test(e));

/**
 * Train 3 epochs, let the page keep the run as it leaves, then replace the kept text by `damage(text)`
 * (as a hand, or another version of the page, left it) and reload: the message the page shows.
 */
async function reloadWithKeptRun(damage: string): Promise<string> {
  const { page } = s;
  await page.goto(`${s.server.url}?data=xor&opt=adam&seed=7`);
  await waitForFreshNetwork(page);
  await stepEpochs(page, 3);
  await page.evaluate((damage) => {
    const change = new Function('text', `return (${damage})(text)`) as (t: string) => string;
    // (after the page's own pagehide listener, which keeps the run)
    addEventListener('pagehide', () => {
      for (let i = 0; i < sessionStorage.length; i++) {
        const key = sessionStorage.key(i)!;
        if (key.startsWith('backprop-playground-run:')) sessionStorage.setItem(key, change(sessionStorage.getItem(key)!));
      }
    });
  }, damage);
  await page.reload();
  await page.waitForFunction(() => (document.getElementById('message')!.textContent ?? '') !== '', undefined, { timeout: 20_000 });
  await waitForFreshNetwork(page).catch(() => {});
  return text('message');
}

test("a run kept in the tab and damaged is refused by the library's checks, and said so: a null weight came back as 0, an 'x' stopped the training worker, an epoch of -5 was shown", { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  const refused = 'The training starts again at epoch 0: the run this tab kept could not be read';
  const cases: [string, string][] = [
    // (the weights' text of every kept run begins with the first layer's W)
    ['(t) => t.replace(/"W":\\[[^,\\]]+/, \'"W":[null\')', `${refused} (its weights are not the network's: layer 1 has a non-finite value (null) in W[1] at row 1, column 1;`],
    ['(t) => t.replace(/"W":\\[[^,\\]]+/, \'"W":["x"\')', `${refused} (its weights are not the network's: layer 1 has a non-finite value (x) in W[1] at row 1, column 1;`],
    ['(t) => t.replace(/"W":\\[[^,\\]]+/, \'"W":[1e999\')', `${refused} (its weights are not the network's: layer 1 has a non-finite value (Infinity) in W[1] at row 1, column 1;`],
    ['(t) => t.replace(/"epoch":3/, \'"epoch":-5\')', `${refused} (its epoch -5 is not a whole number from 0).`],
    ['(t) => t.replace(/"train":\\[[^\\]]*\\]/, \'"train":5\')', `${refused} (its cost curve is not one cost per epoch).`],
    ['(t) => t.slice(0, 40)', `${refused} (its text is not JSON).`],
  ];
  for (const [damage, said] of cases) {
    const msg = await reloadWithKeptRun(damage);
    assert.ok(msg.startsWith(said), `${damage}: ${msg}`);
    assert.equal(await epochOf(page), 0, damage);
  }
  // the optimizer's averages damaged: the weights come back, and the averages are said to start again (it said they came back)
  assert.equal(await reloadWithKeptRun('(t) => t.replace(/"s":\\[\\{"W":\\[[^,\\]]+/, \'"s":[{"W":["x"\')'),
    "Kept across the reload (Reset starts again): epoch 3, with its weights and cost curve (the optimizer's running averages start again from zero).");
  assert.equal(await epochOf(page), 3);
  assert.deepEqual(pageErrors(), []);
});

test('offline after the page opened: Export, Import, a CSV and the backward pass say that the page could not load them (they did nothing, or said "Reading …" for good)', { skip: skipBrowser }, async () => {
  const { page, context } = s;
  s.errors.length = 0;
  await page.goto(`${s.server.url}?data=xor`);
  await waitForFreshNetwork(page);
  await context.setOffline(true);
  try {
    const offline = (what: string) => `The page could not load ${what}: the browser is offline; reload the page when it is back online.`;
    const said = async (id: string, act: () => Promise<void>) => {
      await page.evaluate((id) => { document.getElementById(id)!.textContent = ''; }, id);
      await act();
      await page.waitForFunction((id) => /^The page could not/.test(document.getElementById(id)!.textContent ?? ''), id, { timeout: 10_000 });
      return text(id);
    };
    assert.equal(await said('message', () => page.click('#export')), offline('its model export'));
    assert.equal(await said('message', () => page.setInputFiles('#importFile', { name: 'm.json', mimeType: 'application/json', buffer: Buffer.from('{}') })), offline('its model import'));
    assert.equal(await said('csvMessage', () => page.setInputFiles('#csvFile', { name: 'p.csv', mimeType: 'text/csv', buffer: Buffer.from('x1,x2,label\n1,2,0\n2,1,1\n') })), offline('the CSV reader'));
    assert.equal(await page.isDisabled('#dataset'), false, 'the data menus are not held for a read that cannot happen');
    await page.click('#inspect');
    assert.equal(await said('message', () => page.click('#tabBackward')), offline('the backward pass'));
  } finally {
    await context.setOffline(false);
  }
  assert.deepEqual(pageErrors(), []);
});

test('the page opened as a file (file://), where the browser runs none of its scripts, says so and how to serve it (it showed its bare controls without a word)', { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.goto(pathToFileURL(path.join(WEB_ROOT, 'index.html')).href);
  const note = page.locator('#notServed');
  assert.equal(await note.isVisible(), true);
  assert.match((await note.textContent())!.replace(/\s+/g, ' '), /opened as a file, and the browser does not run its scripts from a file \(file:\/\/\): serve its folder instead, with npx backprop playground/);
  // served, it says nothing of the kind
  await page.goto(s.server.url);
  await waitForFreshNetwork(page);
  assert.equal(await page.locator('#notServed').isVisible(), false);
});

test('a tablet (768 x 1024) and a phone turned sideways (667 x 375), tapped with a finger: every checkbox row and the unit +/- tap in 40 px (13 px checkboxes, 23 x 20 px buttons), nothing wider than the screen', { skip: skipBrowser }, async () => {
  for (const viewport of [{ width: 768, height: 1024 }, { width: 667, height: 375 }]) {
    const context = await s.browser.newContext({ viewport, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
    try {
      const page = await context.newPage();
      await page.goto(`${s.server.url}?layers=4,3`);
      await waitForFreshNetwork(page);
      const small = await page.evaluate(() => {
        const out: string[] = [];
        const area = (el: Element) => {
          const b = el.getBoundingClientRect();
          const after = getComputedStyle(el, '::after'); // (the unit +/- tap in a larger area than they are drawn)
          const grow = (a: string, z: string) => (after.position === 'absolute' ? -parseFloat(a) - parseFloat(z) : 0);
          return { w: b.width + grow(after.left, after.right), h: b.height + grow(after.top, after.bottom) };
        };
        for (const el of Array.from(document.querySelectorAll('.features label, .view-options label, .units button'))) {
          const { w, h } = area(el);
          if (h < 40 || w < 24) out.push(`${el.textContent!.trim() || el.getAttribute('aria-label')}: ${Math.round(w)} x ${Math.round(h)}`);
        }
        if (document.documentElement.scrollWidth > innerWidth) out.push(`the page is ${document.documentElement.scrollWidth} px wide`);
        return out;
      });
      assert.deepEqual(small, [], `${viewport.width} x ${viewport.height}`);
    } finally {
      await context.close();
    }
  }
});

test("a model the page exports with features x1², sin(x2), ... is read from raw points by the library and by the command line, as the page predicts (the command line refused it with 'options.schema must be the schema loadDataset returned'; Model.predict took (x1, x2) as '2 features, expects 4')", { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  await page.goto(`${s.server.url}?data=circle&f=x1,x2,x1%5E2,sin(x2)&layers=3`);
  await waitForFreshNetwork(page);
  await stepEpochs(page, 3);
  // the page's ŷ at a training example, from its forward pass
  await page.click('#inspect');
  const pass = await text('forwardText');
  await page.click('#closeForward');
  const [, x1, x2] = /\(x₁, x₂\) = \((-?[\d.]+), (-?[\d.]+)\)/.exec(pass)!;
  const shown = Number(/ŷ = a\[2\] = ([\d.]+)/.exec(pass)![1]);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
  const file = path.join(ARTIFACTS, 'page35-features.json');
  await download.saveAs(file);
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { inputSize: number; preprocessing: { data: { format: string } } };
  assert.equal(doc.inputSize, 4);
  assert.equal(doc.preprocessing.data.format, 'playground');
  // the library: a raw point, as rows, a table and CSV text
  const model = Model.fromJson(doc);
  const rows = [[Number(x1), Number(x2)]];
  const p = model.predictProba(rows).data[0]!;
  assert.ok(Math.abs(p - shown) < 1e-3, `the page's ŷ ${shown}, the library's ${p}`);
  assert.equal(model.predictProba({ columns: ['x2', 'x1'], rows: [[Number(x2), Number(x1)]] }).data[0], p);
  assert.equal(model.predictProba(`x1,x2\n${x1},${x2}\n`).data[0], p);
  // the command line: a CSV of points
  const points = path.join(ARTIFACTS, 'page35-points.csv');
  writeFileSync(points, `x1,x2\n${x1},${x2}\n`);
  const out = execFileSync(process.execPath, [path.join(ROOT, 'bin/backprop.js'), 'predict', '--model', file, '--data', points, '--proba'], { encoding: 'utf8' });
  const p1 = Number(out.trim().split('\n')[1]!.split(',')[2]);
  assert.ok(Math.abs(p1 - p) < 1e-6, `${out}`);
  assert.deepEqual(s.errors, []);
});

test('a CSV or a model file dropped on the page is read or imported (the page took no dropped file: the browser opened a dropped CSV in the tab, leaving the page)', { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  await page.goto(s.server.url);
  await waitForFreshNetwork(page);
  const drop = (name: string, type: string, content: string) => page.evaluate(({ name, type, content }) => {
    const data = new DataTransfer();
    data.items.add(new File([content], name, { type }));
    const target = document.getElementById('boundary')!;
    const over = new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true });
    target.dispatchEvent(over);
    const dropped = new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true });
    target.dispatchEvent(dropped);
    return { over: over.defaultPrevented, drop: dropped.defaultPrevented }; // (prevented: the browser does not open the file instead)
  }, { name, type, content });
  const rows = Array.from({ length: 12 }, (_, r) => `${(r % 4) - 1.5},${(r % 3) - 1},${r % 2}`).join('\n');
  assert.deepEqual(await drop('mine.csv', 'text/csv', `x1,x2,label\n${rows}\n`), { over: true, drop: true });
  await page.waitForFunction(() => /^Loaded 12 points/.test(document.getElementById('csvMessage')!.textContent ?? ''), undefined, { timeout: 20_000 });
  const model = JSON.stringify({ format: 'backprop-model', version: 1, inputSize: 2, task: 'binary', classes: ['0', '1'], features: ['x1', 'x2'],
    layers: [{ units: 1, activation: 'sigmoid', W: [[1, -1]], b: [0] }] });
  await drop('model.json', 'application/json', model);
  await page.waitForFunction(() => /^(Imported|Could not import) model\.json/.test(document.getElementById('message')!.textContent ?? ''), undefined, { timeout: 20_000 });
  assert.match(await text('message'), /^Imported model\.json: 2-1\(sigmoid\)/);
  assert.deepEqual(s.errors, []);
});

test("where the browser blocks the page's storage (its site settings), a reload says that the run cannot be kept (it started again at epoch 0 without a word)", { skip: skipBrowser }, async () => {
  const context = await s.browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(() => {
      Object.defineProperty(window, 'sessionStorage', { get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });
    });
    await page.goto(`${s.server.url}?data=xor`);
    await waitForFreshNetwork(page);
    await stepEpochs(page, 2);
    await page.reload();
    await page.waitForFunction(() => (document.getElementById('message')!.textContent ?? '') !== '', undefined, { timeout: 20_000 });
    assert.equal(await page.textContent('#message'), "The training starts again at epoch 0: this browser blocks the page's storage, so it cannot keep a run across a reload or Back.");
    assert.equal(await epochOf(page), 0);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
