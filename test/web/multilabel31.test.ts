// Battery multilabel31 (page): the playground's data has one class per point, so a multi-label model (k
// sigmoid outputs, one per label) is refused by its import in one line. A model of 3 labels was switched to
// the 3 classes of 'spiral3' and trained on them as if they were labels, silently.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Model, modelToJson, Network } from '../../src/index.js';
import { openPage, skipBrowser, waitForFreshNetwork, type PageSession } from './page-helpers.js';

let s: PageSession;
before(async () => { if (!skipBrowser) s = await openPage(); });
after(async () => { await s?.close(); });

test('importing a multi-label model into the page is refused naming what it is', { skip: skipBrowser }, async () => {
  const { page } = s;
  await page.goto(s.server.url);
  await waitForFreshNetwork(page);
  const net = new Network({ inputSize: 2, layers: [{ units: 4, activation: 'tanh' }, { units: 3, activation: 'sigmoid' }], seed: 1, dtype: 'float64' });
  const json = JSON.stringify(modelToJson(new Model(net, { task: 'multilabel', classes: ['a', 'b', 'c'], features: ['x1', 'x2'] })));
  await page.evaluate(() => { document.getElementById('message')!.textContent = ''; });
  await page.setInputFiles('#importFile', { name: 'labels.json', mimeType: 'application/json', buffer: Buffer.from(json) });
  await page.waitForFunction(() => /^(Imported|Could not import)/.test(document.getElementById('message')!.textContent ?? ''), undefined, { timeout: 20_000 });
  assert.equal(await page.textContent('#message'), "Could not import labels.json: it is a multi-label model (3 sigmoid outputs, one per label); the page's data has one class per point");
  assert.equal(await page.inputValue('#dataset'), 'circle', 'the data stays as it was');
});
