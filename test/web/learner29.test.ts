// The page and the CLI show a student the same numbers: the forward-pass view and the Backward tab
// for an imported model and an example of the user's CSV are the lines `backprop inspect --backward`
// prints for the same model, weights and example, and the numbers are numpy's (float64, computed
// independently from the course's equations).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backprop } from '../helpers/cli.js';
import { openPage, skipBrowser, waitForFreshNetwork, type PageSession } from './page-helpers.js';

let s: PageSession;
before(async () => { if (!skipBrowser) s = await openPage(); });
after(async () => { await s?.close(); });

const MODEL = {
  format: 'backprop-model', version: 1, inputSize: 2, task: 'binary', dtype: 'float64', classes: ['0', '1'], features: ['x1', 'x2'],
  layers: [
    { units: 2, activation: 'tanh', W: [[0.5, -0.25], [0.75, 0.5]], b: [0.5, -0.5] },
    { units: 1, activation: 'sigmoid', W: [[1.5, -0.5]], b: [0.25] },
  ],
};
const ROWS = ['0.5,-1.5,1', '2,0.25,0', '-1,1,1', '0.75,0.5,0', '1.25,-0.5,1', '-0.25,0.75,0', '1.5,1.5,1', '-1.5,-0.5,0'];
const text = (id: string) => s.page.evaluate((i) => document.getElementById(i)!.innerText, id);
const lines = (t: string) => t.split('\n').map((l) => l.trim()).filter((l) => l !== '');

test('the forward view and the Backward tab show the numbers inspect --backward prints for the same model and example, and they are numpy\'s', { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  await page.goto(s.server.url + '?data=circle&lr=0.03');
  await waitForFreshNetwork(page);
  await page.setInputFiles('#csvFile', { name: 'points.csv', mimeType: 'text/csv', buffer: Buffer.from(['x1,x2,label', ...ROWS].join('\n')) });
  // the CSV is read off the main thread: the network is fresh before it arrives, so wait for its message
  await page.waitForFunction(() => (document.getElementById('csvMessage')!.textContent ?? '').startsWith('Loaded 8 points'), undefined, { timeout: 20_000 });
  await waitForFreshNetwork(page);
  await page.evaluate(() => { document.getElementById('message')!.textContent = ''; });
  await page.setInputFiles('#importFile', { name: 'course.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(MODEL)) });
  await page.waitForFunction(() => /^(Imported|Could not import)/.test(document.getElementById('message')!.textContent ?? ''), undefined, { timeout: 20_000 });
  assert.match(await text('message'), /^Imported course\.json: 2-2\(tanh\)-1\(sigmoid\)/);
  await waitForFreshNetwork(page);
  // the example (1.5, 1.5), y = 1, wherever the page's split put it in the training set
  let header = '';
  for (let i = 1; i <= ROWS.length && !header.includes('(1.5000, 1.5000)'); i++) {
    await page.fill('#exampleIndex', String(i));
    await page.click('#inspect');
    await page.waitForSelector('#forward:not([hidden])');
    await page.waitForFunction((k) => document.getElementById('forwardText')!.dataset.example === `train:${k}`, i - 1);
    header = lines(await text('forwardText'))[0] ?? '';
    if (/must be a whole number/.test(await text('message'))) break;
  }
  assert.match(header, /^Example \d+ of the training set: \(x₁, x₂\) = \(1\.5000, 1\.5000\), label y = 1$/, 'the point (1.5, 1.5) is in the training set');
  const forward = await text('forwardText');
  await page.click('#tabBackward');
  await page.waitForSelector('#backwardText .line');
  const backward = lines(await text('backwardText'));

  const dir = mkdtempSync(path.join(os.tmpdir(), 'learner29-web-'));
  writeFileSync(path.join(dir, 'm.json'), JSON.stringify(MODEL));
  writeFileSync(path.join(dir, 'x.csv'), 'x1,x2,label\n1.5,1.5,1\n-1.5,-0.5,0\n');
  const r = backprop(['inspect', '--model', path.join(dir, 'm.json'), '--data', path.join(dir, 'x.csv'), '--backward', '--lr', '0.03']);
  assert.equal(r.code, 0, r.stderr);
  const cli = lines(r.stdout);

  // forward: every number of the CLI's z[l] and a[l] is on the page (which writes the columns upright)
  // numpy: z[1] = (0.875, 1.375), a[1] = (0.70390, 0.87976), z[2] = 0.86586, a[2] = 0.70390
  for (const l of cli.filter((x) => /^[za]\[\d\] = /.test(x))) {
    for (const v of l.slice(l.lastIndexOf('[')).match(/-?\d+\.\d{4}/g)!) assert.ok(forward.includes(v), `${v} of '${l}' is not in the forward view:\n${forward}`);
  }
  for (const v of ['0.8750', '1.3750', '0.7039', '0.8798', '0.8659']) assert.ok(forward.includes(v), v);

  // backward: the same lines from the loss on, in the same order; the page adds one line on its A[l] and a[l]
  const fromLoss = (ls: string[]) => ls.slice(ls.findIndex((x) => x.startsWith('L(ŷ, y)'))).filter((x) => !x.startsWith('A[l] and Z[l] are the forward tab'));
  assert.deepEqual(fromLoss(backward), fromLoss(cli));
  // numpy float64: L = 0.35110, dZ[2] = ŷ - y = -0.29609880, dW[1][1,1] = -0.33612040, dA[0] = (-0.0869563, 0.0727426)
  for (const want of ['per example: [0.3511]', 'dZ[2] = A[2] - Y = [-0.2961]ᵀ', 'dW[1][1,1] -0.3361204 vs -0.3361204', 'dA[0] = W[1]ᵀ·dZ[1] = [-0.0870, 0.0727]ᵀ', 'b[2] := [0.2589]ᵀ']) {
    assert.ok(backward.some((x) => x.includes(want)), `${want}\n---\n${backward.join('\n')}`);
  }
  assert.deepEqual(s.errors, []);
});
