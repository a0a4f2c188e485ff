// The twelfth round's items, each checked in Chromium: what a teacher met setting the controls to odd
// values mid-training and reading the forward pass beside the backward tab.

import { test, before, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { Model, modelToJson, Network } from '../../src/index.js';
import { epochOf, openPage, skipBrowser, stepEpochs, waitForFreshNetwork, type PageSession } from './page-helpers.js';

let s: PageSession;
before(async () => { if (!skipBrowser) s = await openPage(); });
beforeEach(async () => { await s?.page.setViewportSize({ width: 1280, height: 800 }); });
after(async () => { await s?.close(); });

const text = (id: string) => s.page.evaluate((i) => document.getElementById(i)!.textContent ?? '', id);

test('a change of the data mid-training (noise, training share, dataset, Regenerate) says that training starts again at epoch 0, as a change of the network does (it went back to epoch 0 without a word)', { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  await page.goto(s.server.url + '?data=circle&speed=1');
  await waitForFreshNetwork(page);
  const changes: [string, () => Promise<unknown>, RegExp][] = [
    ['noise', async () => { await page.focus('#noise'); await page.keyboard.press('End'); }, /: noise 50 means new data and a new network, built from the weight seed\.$/],
    ['training share', async () => { await page.focus('#ratio'); await page.keyboard.press('Home'); }, /: 10% training data means new data and a new network/],
    ['dataset', () => page.selectOption('#dataset', 'xor'), /: the dataset Exclusive or means new data and a new network/],
    ['Regenerate', () => page.click('#regenerate'), /: Regenerate means new data and a new network/],
  ];
  for (const [what, change, said] of changes) {
    await stepEpochs(page, 2);
    const trained = await epochOf(page);
    await change();
    await waitForFreshNetwork(page);
    assert.match(await text('message'), new RegExp(`^Training starts again at epoch 0 \\(it was at ${trained}\\)${said.source}`), what);
  }
  // a change before any epoch has nothing to say
  await page.selectOption('#dataset', 'circle');
  await waitForFreshNetwork(page);
  assert.equal(await text('message'), '');
  assert.deepEqual(s.errors, []);
});

test('the example to inspect: a number that is not whole is refused with what was typed (1.5 showed example 2), and Enter in its field shows the forward pass; the sweep\'s fields name what was typed too', { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  await page.goto(s.server.url + '?data=circle');
  await waitForFreshNetwork(page);
  for (const typed of ['1.5', '0', '251']) {
    await page.fill('#exampleIndex', typed);
    await page.click('#inspect');
    assert.equal(await text('message'), `The example to inspect must be a whole number from 1 to 250; got '${typed}' (the training set has 250).`);
    assert.equal(await page.isHidden('#forward'), true, `${typed}: no forward pass`);
  }
  await page.fill('#exampleIndex', '4');
  await page.press('#exampleIndex', 'Enter');
  await page.waitForSelector('#forward:not([hidden])');
  assert.equal(await page.getAttribute('#forwardText', 'data-example'), 'train:3');
  assert.equal(await text('message'), '', 'the refusal goes once an example is shown');
  // the sweep's whole-number fields by the same rule
  await page.focus('#sweepEpochs');
  await page.waitForFunction(() => !document.getElementById('sweepPanel')!.hasAttribute('aria-busy'));
  await page.fill('#sweepEpochs', '2.5');
  await page.click('#sweepRun');
  await page.waitForFunction(() => document.getElementById('sweepStatus')!.textContent !== '');
  assert.equal(await text('sweepStatus'), 'Epochs must be a whole number from 1 to 5000; got \'2.5\'');
  assert.equal(await page.getAttribute('#sweepPanel', 'data-state'), 'idle');
  assert.deepEqual(s.errors, []);
});

test('the forward pass writes numbers as the backward tab does: a weight of 3e-5 is 3.000e-05 (it was 0.0000), a bias of 123456.789 is 1.235e+05 (it was 123456.7890)', { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  await page.goto(s.server.url + '?data=circle');
  await waitForFreshNetwork(page);
  await page.focus('.node.hidden[data-layer="1"][data-unit="0"]');
  await page.keyboard.press('Enter');
  for (const [col, value] of [['0', '0.00003'], ['-1', '123456.789']] as const) {
    await page.fill(`#editor input[data-col="${col}"]`, value);
    await page.press(`#editor input[data-col="${col}"]`, 'Enter');
  }
  await page.keyboard.press('Escape');
  await page.click('#inspect');
  await page.waitForSelector('#forward:not([hidden])');
  const forward = (await page.textContent('#forwardText'))!;
  assert.match(forward, /\[ +3\.000e-05 +-?\d\.\d{4} \]/, `W[1]'s first row:\n${forward}`);
  assert.match(forward, /^ +\[ 3\.000e-05 .* \[ 1\.235e\+05 \] /m, `b[1]'s first entry:\n${forward}`);
  assert.doesNotMatch(forward, /123456\.7890/);
  await page.click('#tabBackward');
  await page.waitForSelector('#backwardText .line');
  const backward = (await page.textContent('#backwardText'))!;
  assert.match(backward, /1\.235e\+05|3\.000e-05/, 'the backward tab writes them alike');
  assert.deepEqual(s.errors, []);
});

test('a model file of 2 regression outputs is refused at import, naming its outputs (it was taken, and the worker failed on its first step with "oneHot: label … is not a class index")', { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  await page.goto(s.server.url + '?data=circle');
  await waitForFreshNetwork(page);
  const net = new Network({ inputSize: 2, layers: [{ units: 3, activation: 'tanh' }, { units: 2, activation: 'linear' }], dtype: 'float64', seed: 3 });
  const doc = modelToJson(Model.fromNetwork(net, { task: 'regression' }));
  await page.setInputFiles('#importFile', { name: 'two-outputs.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
  await page.waitForFunction(() => (document.getElementById('message')!.textContent ?? '') !== '');
  assert.equal(await text('message'), 'Could not import two-outputs.json: it has 2 regression outputs; the page\'s regression data has one target per point (y)');
  assert.equal(await page.inputValue('#dataset'), 'circle', 'the data stays');
  await stepEpochs(page, 1);
  assert.deepEqual(s.errors, []);
});

test('model files the page would draw or train wrongly are refused at import: 2 softmax units for two classes (P(class 0) was drawn and judged as ŷ, every verdict inverted), a sigmoid regression output (its first step failed in the worker)', { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  await page.goto(s.server.url + '?data=circle');
  await waitForFreshNetwork(page);
  const file = (layers: { units: number; activation: 'tanh' | 'softmax' | 'sigmoid' }[], meta: Parameters<typeof Model.fromNetwork>[1]) =>
    Buffer.from(JSON.stringify(modelToJson(Model.fromNetwork(new Network({ inputSize: 2, layers, dtype: 'float64', seed: 3 }), meta))));
  const cases: [string, Buffer, string][] = [
    ['softmax-pair.json', file([{ units: 3, activation: 'tanh' }, { units: 2, activation: 'softmax' }], { task: 'binary', classes: ['0', '1'] }),
      'its output is 2 softmax units for two classes; the page trains two classes with one sigmoid unit (ŷ = P(class 1)): import a model with a sigmoid output'],
    ['sigmoid-regression.json', file([{ units: 3, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], { task: 'regression' }),
      'its regression output is sigmoid; the page\'s regression targets are real values (the plane\'s go from -1 to 1): import a model with a linear output'],
  ];
  for (const [name, buffer, why] of cases) {
    await page.evaluate(() => { document.getElementById('message')!.textContent = ''; });
    await page.setInputFiles('#importFile', { name, mimeType: 'application/json', buffer });
    await page.waitForFunction(() => (document.getElementById('message')!.textContent ?? '') !== '');
    assert.equal(await text('message'), `Could not import ${name}: ${why}`);
    assert.equal(await page.inputValue('#dataset'), 'circle', `${name}: the data stays`);
  }
  await stepEpochs(page, 1);
  assert.deepEqual(s.errors, []);
});
