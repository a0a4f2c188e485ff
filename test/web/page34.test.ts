// The playground before a class, round four (battery page34), in Chromium: a converged run's loss, a
// reload in the middle of a run, a decimal comma typed in a number field, and what the teacher's and
// the student's probes of this round found. Each: the page says what is so, nothing silently wrong.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { epochOf, openPage, openWeightEditor, skipBrowser, stepEpochs, waitForFreshNetwork, type PageSession } from './page-helpers.js';

let s: PageSession;
before(async () => { if (!skipBrowser) s = await openPage(); });
after(async () => { await s?.close(); });

const text = async (id: string) => (await s.page.textContent(`#${id}`)) ?? '';

test("a converged run's loss below 0.0005 keeps its size in every readout (it was 0.000, a perfect run's)", { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  // a linear unit on the plane without noise: the squared error goes to 1e-30 and below
  await page.goto(`${s.server.url}?problem=regression&data=plane&layers=&noise=0&lr=0.01&speed=10`);
  await waitForFreshNetwork(page);
  await page.click('#play');
  await page.waitForFunction(() => Number(document.getElementById('trainLoss')!.dataset.value) < 1e-4, undefined, { timeout: 30_000 });
  await page.click('#play');
  await page.waitForFunction(() => document.getElementById('play')!.getAttribute('aria-label') === 'Play');
  await page.waitForTimeout(300);
  const exponent = /^-?\d\.\d{3}e-\d{2,}$/;
  const train = await text('trainLoss'), test = await text('testLoss');
  assert.match(train, exponent);
  assert.match(test, exponent);
  assert.equal(Number(train), Number(Number(await page.getAttribute('#trainLoss', 'data-value')).toExponential(3)), 'the number shown is the loss');
  // the cost curve read with the keys, and what a screen reader is told when training pauses
  await page.focus('#chart');
  await page.keyboard.press('End');
  assert.match(await text('chartReadout'), /^epoch \d+: training loss -?\d\.\d{3}e-\d{2,}, test loss -?\d\.\d{3}e-\d{2,}$/);
  assert.match(await text('srStatus'), /^Epoch \d+: test loss \d\.\d{3}e-\d{2,}, training loss \d\.\d{3}e-\d{2,}\.$/);
  assert.doesNotMatch(`${train} ${test} ${await text('chartReadout')} ${await text('srStatus')}`, /0\.000\b/);
  assert.deepEqual(s.errors, []);
});

test('a reload in the middle of a run keeps the run, as Back does, and says so (it started again at epoch 0 without a word)', { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  await page.goto(`${s.server.url}?data=xor&opt=adam&seed=7`);
  await waitForFreshNetwork(page);
  await stepEpochs(page, 5);
  const left = await page.getAttribute('#trainLoss', 'data-value');
  await page.reload();
  await page.waitForFunction(() => document.getElementById('epoch')!.dataset.epoch === '5', undefined, { timeout: 20_000 });
  assert.equal(await text('message'), "Kept across the reload (Reset starts again): epoch 5, with its weights, the optimizer's running averages and cost curve.");
  assert.equal(await page.getAttribute('#trainLoss', 'data-value'), left, 'the same weights: the same loss');
  // training goes on from there; Reset, then a reload, is a fresh network at epoch 0
  await stepEpochs(page, 1);
  assert.equal(await epochOf(page), 6);
  await page.click('#reset');
  await waitForFreshNetwork(page);
  await page.reload();
  await waitForFreshNetwork(page);
  await page.waitForTimeout(300);
  assert.equal(await epochOf(page), 0);
  assert.equal(await text('message'), '');
  assert.deepEqual(s.errors, []);
});

test("',5' typed in a number field is refused whole: the seed, a weight, the example and the sweep's epochs keep their value and the field shows it (the field showed 5, and 5 was used)", { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  await page.goto(`${s.server.url}?seed=3`);
  await waitForFreshNetwork(page);
  // the weight seed
  await page.fill('#seed', '');
  await page.focus('#seed');
  await page.keyboard.type(',5');
  assert.equal(await page.getAttribute('#seed', 'aria-invalid'), 'true', 'the field is marked while it holds what was left of the typing');
  await page.keyboard.press('Tab');
  assert.equal(await text('message'), "The weight seed must be a whole number from 0 to 2147483648; got ',5', so the seed stays 3.");
  assert.equal(await page.inputValue('#seed'), '3');
  assert.equal(await page.getAttribute('#seed', 'aria-invalid'), null);
  assert.match(page.url(), /[?&]seed=3(&|$)/);
  // a corrected value is taken: the comma deleted, the number typed again
  await page.fill('#seed', '');
  await page.focus('#seed');
  await page.keyboard.type(',');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('12');
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => /[?&]seed=12(&|$)/.test(location.search));
  await waitForFreshNetwork(page);
  // a weight in the editor: ',5' and Enter
  await openWeightEditor(page);
  const weight = page.locator('#editor input').nth(1);
  const before = await weight.inputValue();
  await weight.fill('');
  await weight.focus();
  await page.keyboard.type(',5');
  await page.keyboard.press('Enter');
  assert.match(await text('message'), new RegExp(`^W\\[1\\]\\(1,1\\) from x₁ must be a finite number .*; got ',5'; it stays ${before.replace(/[.-]/g, '\\$&')}\\.$`));
  assert.equal(await weight.inputValue(), before);
  await page.keyboard.press('Escape');
  // the example to inspect: ',5' and Enter
  await page.fill('#exampleIndex', '');
  await page.focus('#exampleIndex');
  await page.keyboard.type(',5');
  await page.keyboard.press('Enter');
  assert.match(await text('message'), /^The example to inspect must be a whole number from 1 to \d+; got ',5' \(the training set has \d+\)\.$/);
  assert.equal(await page.inputValue('#exampleIndex'), '1');
  assert.equal(await page.isHidden('#forward'), true, 'no example 5 shown');
  // the sweep's epochs: '1,5' and Run
  await page.click('#sweepPanel');
  await page.waitForFunction(() => !document.getElementById('sweepPanel')!.hasAttribute('aria-busy'));
  await page.fill('#sweepXValues', '0.1, 0.3');
  await page.fill('#sweepEpochs', '');
  await page.focus('#sweepEpochs');
  await page.keyboard.type('1,5');
  await page.click('#sweepRun');
  assert.equal(await text('sweepStatus'), "Epochs must be a whole number from 1 to 5000; got '1,5'");
  assert.equal(await page.inputValue('#sweepEpochs'), '100');
  assert.equal(await page.isDisabled('#sweepStop'), true, 'no sweep of 15 epochs started');
  assert.deepEqual(s.errors, []);
});

test("axe-core's whole rule set finds nothing with the weight editor open: the Kernel speed panel is in a region (it was outside every landmark), the editor's Done button is named by its word", { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  await page.goto(`${s.server.url}?data=spiral3&layers=4,3`);
  await waitForFreshNetwork(page);
  await openWeightEditor(page);
  await page.addScriptTag({ content: readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8') });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return (await axe.run(document)).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  assert.deepEqual(violations, []);
  assert.equal(await page.getAttribute('#editor button', 'aria-label'), 'Done: close the weight editor');
  assert.deepEqual(s.errors, []);
});

test('in a forced-colours (high-contrast) mode the keys to the canvases keep their colours: the cost curve\'s training and test lines, the classes (they became blank boxes alike)', { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  await page.emulateMedia({ forcedColors: 'active' });
  try {
    await page.goto(`${s.server.url}?data=circle`);
    await waitForFreshNetwork(page);
    const colours = await page.evaluate(() => ({
      train: getComputedStyle(document.querySelector('.swatch.train')!).backgroundColor,
      test: getComputedStyle(document.querySelector('.swatch.test')!).backgroundColor,
      classes: Array.from(document.querySelectorAll('#legend .key-swatch'), (k) => getComputedStyle(k).backgroundColor),
    }));
    assert.notEqual(colours.train, colours.test, 'the training and test lines told apart');
    assert.equal(colours.classes.length, 2);
    assert.notEqual(colours.classes[0], colours.classes[1], `the classes told apart: ${colours.classes.join(', ')}`);
  } finally {
    await page.emulateMedia({ forcedColors: 'none' });
  }
  assert.deepEqual(s.errors, []);
});

test("a run that falls most of the way back from its best is said so beside the losses: 6 layers of 8 on the spiral came down to 0.003 and, thousands of epochs on, stayed near 0.5 without a word", { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  await page.goto(`${s.server.url}?data=spiral&layers=8,8,8,8,8,8&speed=30`);
  await waitForFreshNetwork(page);
  await page.click('#play');
  // (it comes down below 0.02 by about epoch 3,500 and falls back by about epoch 6,000; a link reproduces the run epoch for epoch)
  const said = await page.waitForFunction(() => {
    const note = document.getElementById('oscillation')!.textContent ?? '';
    return /^Loss fell back: learning rate 0\.03 too large\?/.test(note) && { note, loss: Number(document.getElementById('trainLoss')!.dataset.value) };
  }, undefined, { timeout: 100_000, polling: 200 });
  const { note, loss } = await said.jsonValue() as { note: string; loss: number };
  await page.click('#play');
  assert.match(note, /The loss is not going down: in the last 20 epochs it stayed between \S+ and \S+, more than halfway back from its best \S+ to where it started \(0\.7\d+\): the training lost most of what it had learned\. The learning rate 0\.03 is probably too large: try a smaller one\. \(Training goes on\.\)$/);
  const best = Number(/its best (\S+) to/.exec(note)![1]);
  assert.ok(best < 0.05 && loss > 0.2, `best ${best}, then ${loss}`);
  assert.deepEqual(s.errors, []);
});

test("the backward tab follows a change of learning rate while paused: its gradient-descent step is at the rate chosen (it kept the old one until the next epoch), and each layer's shapes are named", { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  await page.goto(`${s.server.url}?data=circle&lr=0.03`);
  await waitForFreshNetwork(page);
  await page.click('#inspect');
  await page.click('#tabBackward');
  await page.waitForFunction(() => (document.getElementById('backwardText')!.textContent ?? '').includes('α = 0.03:'));
  assert.match(await text('backwardText'), /\nlayer 3: dW\[3\] is n\[3\] x n\[2\] = 1 x 2, as W\[3\]; db\[3\] is 1 x 1, as b\[3\]; dZ\[3\] is n\[3\] x m = 1 x 1, as Z\[3\]; dA\[2\] is 2 x 1, as A\[2\]\n/);
  await page.selectOption('#lr', '0.3');
  await page.waitForFunction(() => (document.getElementById('backwardText')!.textContent ?? '').includes('α = 0.3:'), undefined, { timeout: 5_000 });
  assert.equal(await epochOf(page), 0, 'no epoch trained');
  assert.deepEqual(s.errors, []);
});
