// The playground under a teacher's and a student's hands, round three (battery page33), in Chromium:
// a Keras .h5 or another tool's model given to Import, the cost chart read with the keyboard when no
// epoch has been kept (a first epoch that diverged), a CSV of 2,000 columns, and a long run's cost
// history. Each: one line naming what was wrong and what to do, nothing silently left out.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, openSweepPanel, openWeightEditor, skipBrowser, sweepStatus, waitForFreshNetwork, type PageSession } from './page-helpers.js';

let s: PageSession;
before(async () => { if (!skipBrowser) s = await openPage(); });
after(async () => { await s?.close(); });

const text = async (id: string) => (await s.page.textContent(`#${id}`)) ?? '';

async function importBytes(name: string, buffer: Buffer): Promise<string> {
  const { page } = s;
  await page.evaluate(() => { document.getElementById('message')!.textContent = ''; });
  await page.setInputFiles('#importFile', { name, mimeType: 'application/octet-stream', buffer });
  await page.waitForFunction((n) => (document.getElementById('message')!.textContent ?? '').includes(n), name, { timeout: 20_000 });
  return text('message');
}

async function loadCsv(name: string, csv: string): Promise<string> {
  const { page } = s;
  await page.evaluate(() => { document.getElementById('csvMessage')!.textContent = ''; });
  await page.setInputFiles('#csvFile', { name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForFunction((n) => new RegExp(`^(Loaded|Could not use) .*${n.replace('.', '\\.')}`).test(document.getElementById('csvMessage')!.textContent ?? ''), name, { timeout: 30_000 });
  return text('csvMessage');
}

const PAGE_READS = "which the page cannot read: import a backprop model file (.json), such as one saved with 'Export model'";

test("a Keras .h5 given to Import is named as one (it was 'an HDF5 file (name it .h5)'), and no model of another tool names the library's readers", { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  await page.goto(s.server.url);
  await waitForFreshNetwork(page);
  // the HDF5 signature, then a superblock's worth of bytes
  const h5 = Buffer.concat([Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(504, 0)]);
  assert.equal(await importBytes('cat_model.h5', h5), `Could not import cat_model.h5: not a JSON document: it is an HDF5 file (a Keras .h5 model?), ${PAGE_READS}`);
  // "backprop imports a Keras model exported to ONNX (tf2onnx), which loadOnnx reads": a function of the library, not of the page
  assert.equal(await importBytes('keras.json', Buffer.from(JSON.stringify({ class_name: 'Sequential', config: { layers: [] } }))),
    `Could not import keras.json: not a backprop model file: it is a Keras model's JSON (model.to_json(), without its weights), ${PAGE_READS}`);
  assert.equal(await importBytes('graph.json', Buffer.from(JSON.stringify({ format: 'graph-model', modelTopology: {} }))),
    `Could not import graph.json: not a backprop model file: it is a TensorFlow.js graph model (model.json), ${PAGE_READS}`);
  assert.equal(await importBytes('onnx.json', Buffer.from(JSON.stringify({ irVersion: 7, graph: {}, opsetImport: [] }))),
    `Could not import onnx.json: not a backprop model file: it is an ONNX model written as JSON, ${PAGE_READS}`);
  // an empty file was 'not JSON at line 1, column 1: value expected (the file ends before the JSON is complete)'
  assert.equal(await importBytes('empty.json', Buffer.alloc(0)), 'Could not import empty.json: the file is empty, not a JSON document');
  // 200,000 open brackets: the page's JSON parser overflowed its stack, and the page said 'Maximum call stack size exceeded'
  assert.equal(await importBytes('deep.json', Buffer.from(`{"a":${'['.repeat(200_000)}`)),
    'Could not import deep.json: not valid JSON: the text ends before the document is complete (after 200005 characters); is it cut short (an interrupted write or copy)?');
  assert.deepEqual(s.errors, []);
});

test('the cost chart read with the arrow keys when no epoch is kept (none yet, or a first epoch that diverged) reads the losses it shows at epoch 0', { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  await page.goto(`${s.server.url}?problem=regression&data=plane&lr=10&opt=gd&batch=1&layers=8,8&act=relu`);
  await waitForFreshNetwork(page);
  await page.focus('#chart');
  await page.keyboard.press('End');
  const fresh = await text('chartReadout');
  assert.match(fresh, /^epoch 0 \(before training\): training loss \d+\.\d+, test loss \d+\.\d+$/);
  await page.evaluate(() => { document.getElementById('chartReadout')!.textContent = ''; });
  await page.click('#step');
  await page.waitForFunction(() => !document.getElementById('diverged')!.hidden, undefined, { timeout: 20_000 });
  assert.match(await text('diverged'), /diverged at epoch 1/);
  await page.focus('#chart');
  await page.keyboard.press('ArrowLeft');
  // it stayed empty: the chart kept no epoch, and the keys read none
  assert.equal(await text('chartReadout'), fresh);
  assert.deepEqual(s.errors, []);
});

test('a CSV of 2,000 columns says which it uses and how to use others (it loaded the first two, without a word)', { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  await page.goto(s.server.url);
  await waitForFreshNetwork(page);
  const names = Array.from({ length: 2000 }, (_, i) => `c${i}`);
  const rows = Array.from({ length: 30 }, (_, r) => names.map((_, i) => (i === 1999 ? String(r % 2) : (((r * 7 + i) % 13) / 6 - 1).toFixed(2))).join(','));
  assert.equal(await loadCsv('wide.csv', `${names.join(',')}\n${rows.join('\n')}\n`),
    "Loaded 30 points with 2 classes (0, 1) from wide.csv (x1: 'c0', x2: 'c1', label: 'c1999'). Not used: 1,997 columns 'c2', 'c3', 'c4', 'c5', … (1,993 more); the page plots two inputs, x1 and x2, the first two columns of numbers besides the label: to plot others, move them to the front of the file. (CSV data is not kept in the link.)");
  assert.match(await loadCsv('one.csv', `a,b,c,label\n${Array.from({ length: 12 }, (_, r) => `${(r % 4) / 2 - 1},${(r % 3) - 1},${(r % 5) / 5},${r % 2}`).join('\n')}\n`),
    /\(x1: 'a', x2: 'b', label: 'label'\)\. Not used: the column 'c'; the page plots two inputs, x1 and x2, the first two columns of numbers besides the label: to plot it, move it to the front of the file\./);
  assert.deepEqual(s.errors, []);
});

test("a long run's cost history is bounded: past 20,000 epochs the chart and costs.csv keep epochs spread over the run, each cost exact with its epoch, and the last", { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  // the training worker, to give it a run of 25,000 epochs as Back would (playing them takes minutes)
  await page.addInitScript(() => {
    const Real = window.Worker;
    window.Worker = class extends Real {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        if (String(url).includes('worker') && !String(url).includes('sweep') && !String(url).includes('csv') && !String(url).includes('speed')) (window as unknown as { trainer: Worker }).trainer = this;
      }
    };
  });
  await page.goto(s.server.url);
  await waitForFreshNetwork(page);
  const n = 25_000;
  await page.evaluate((n) => new Promise<void>((resolve) => {
    const worker = (window as unknown as { trainer: Worker }).trainer;
    worker.addEventListener('message', function once(e: MessageEvent<{ type: string; weights?: { W: Float64Array; b: Float64Array }[] }>) {
      if (e.data.type !== 'frame' || !e.data.weights) return;
      worker.removeEventListener('message', once);
      const weights = e.data.weights.map((l) => ({ W: Array.from(l.W), b: Array.from(l.b) }));
      // epoch k's costs: k/7 and k/9, doubles that a float32 or a rounding would change
      const trainLosses = Array.from({ length: n }, (_, i) => (i + 1) / 7), testLosses = Array.from({ length: n }, (_, i) => (i + 1) / 9);
      worker.postMessage({ type: 'restore', weights, epoch: n, trainLosses, testLosses });
      resolve();
    });
    worker.postMessage({ type: 'hover' }); // (a frame: its weights)
  }), n);
  await page.waitForFunction((n) => document.getElementById('epoch')!.dataset.epoch === String(n), n, { timeout: 20_000 });
  await page.focus('#chart');
  await page.keyboard.press('End');
  assert.equal(await text('chartReadout'), `epoch ${n}: training loss 3571.429, test loss 2777.778`);
  await page.keyboard.press('Home');
  assert.equal(await text('chartReadout'), 'epoch 1: training loss 0.143, test loss 0.111');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#costsCsv')]);
  const csv = (await import('node:fs')).readFileSync((await download.path())!, 'utf8').trim().split('\n');
  assert.equal(csv[0], 'epoch,train_cost,test_cost');
  const rows = csv.slice(1).map((r) => r.split(',').map(Number));
  // it kept all 25,000 rows (16 bytes an epoch, without bound): now every 2nd epoch and the last
  assert.ok(rows.length <= 20_001, `${rows.length} rows`);
  assert.deepEqual(rows.slice(0, 3), [[1, 1 / 7, 1 / 9], [3, 3 / 7, 3 / 9], [5, 5 / 7, 5 / 9]]);
  assert.deepEqual(rows[rows.length - 1], [n, n / 7, n / 9]);
  assert.equal(await text('message'), `costs.csv holds the exact costs of every 2nd epoch and of the last (epoch ${n}): the page keeps up to 20,000 epochs of a run's costs.`);
  assert.deepEqual(s.errors, []);
});

test("a model saved with standardized inputs (the command line's --standardize) is imported with its standardization folded into the first layer: the page's ŷ is the model's prediction", { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  await page.goto(`${s.server.url}?data=flower`);
  await waitForFreshNetwork(page);
  const doc = {
    format: 'backprop-model', version: 1, inputSize: 2, task: 'binary', classes: ['0', '1'], features: ['x1', 'x2'],
    layers: [{ units: 2, activation: 'tanh', W: [[1.5, -0.75], [0.5, 2]], b: [0.25, -0.5] }, { units: 1, activation: 'sigmoid', W: [[2, -1.5]], b: [0.1] }],
    preprocessing: { standardize: { mean: [-0.5, 0.25], std: [2, 4] } },
  };
  assert.match(await importBytes('std.json', Buffer.from(JSON.stringify(doc))), /^Imported std\.json: 2-2\(tanh\)-1\(sigmoid\); its inputs' standardization is folded into the first layer's weights and biases/);
  await page.click('#inspect');
  const pass = await text('forwardText');
  await page.click('#closeForward');
  const [, x1, x2] = /\(x₁, x₂\) = \((-?[\d.]+), (-?[\d.]+)\)/.exec(pass)!;
  const shown = Number(/ŷ = a\[2\] = ([\d.]+)/.exec(pass)![1]);
  const { Model } = await import('../../src/index.js');
  // the point as the pass shows it (4 decimals): the model's own prediction there, standardization and all
  const p = Model.fromJson(doc).predictProba([[Number(x1), Number(x2)]]).data[0]!;
  // it was the network on the unstandardized point: e.g. 0.0666 where the model says 0.3
  assert.ok(Math.abs(shown - p) < 1e-3, `the page's ŷ ${shown}, the model's ${p.toFixed(4)} at (${x1}, ${x2})`);
  assert.deepEqual(s.errors, []);
});

test("sweep values typed with a decimal comma (',5', '0,1') are refused by name: they were swept as 5, and as 0 and 1", { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  await page.goto(s.server.url);
  await waitForFreshNetwork(page);
  await openSweepPanel(page);
  const sweep = (param: string, values: string) => sweepStatus(page, param, values, '2');
  assert.equal(await sweep('lr', ',5'), "Learning rate: ',5' has an empty value beside a comma; for a decimal write a point (0.5), and part values with ', '");
  assert.equal(await sweep('regRate', '0,1'), "Regularization rate: '0,1' reads as the values 0, 1, or as a decimal comma; write decimals with a point (0.1), and part values with ', '");
  // a value of 3,000 letters was quoted whole
  assert.equal(await sweep('lr', 'x'.repeat(3000)), `Learning rate: '${'x'.repeat(24)}…' is not a number`);
  assert.equal(await page.isDisabled('#sweepStop'), true, 'no sweep started');
  // lists without spaces still read: of rates with decimal points, of whole numbers
  assert.match(await sweep('batch', '5,10'), /^(Training|Done): .* of 2 cells/);
  assert.deepEqual(s.errors, []);
});

test("a comma typed in a number field is said to be refused as it is typed: the browser dropped it without a word, and ',5' typed for a weight of 0.5 set it to 5", { skip: skipBrowser }, async () => {
  const { page } = s;
  s.errors.length = 0;
  await page.goto(s.server.url);
  await waitForFreshNetwork(page);
  await openWeightEditor(page);
  const weight = page.locator('#editor input').first();
  await weight.fill('');
  await weight.focus();
  await page.keyboard.type(',');
  // (said as the comma is typed, before a digit after it makes another number in the field)
  assert.equal(await text('message'), 'Number fields take no comma: write decimals with a point (0.5) and thousands without a separator (1000).');
  assert.equal(await weight.inputValue(), '');
  await page.keyboard.press('Escape');
  // the sweep's fields say it beside them
  await page.click('#sweepPanel');
  await page.waitForFunction(() => !document.getElementById('sweepPanel')!.hasAttribute('aria-busy'));
  await page.fill('#sweepEpochs', '');
  await page.focus('#sweepEpochs');
  await page.keyboard.type('1,5');
  assert.equal(await text('sweepStatus'), 'Number fields take no comma: write decimals with a point (0.5) and thousands without a separator (1000).');
  assert.equal(await page.inputValue('#sweepEpochs'), '15');
  assert.deepEqual(s.errors, []);
});
