// The playground page: wires the controls, the training worker and the views together.
// All computation uses the backprop library: training runs in the worker, the page keeps a
// copy of the weights (a "mirror" network) for the forward pass and the model export.

import { Model, modelFromJson, modelToJson, type ModelJson, type Network } from '../../src/index.js';
import {
  settingsFromQuery, settingsToQuery, CLASSIFICATION_SETS, REGRESSION_SETS, HIDDEN_ACTIVATIONS, OPTIMIZERS,
  LEARNING_RATES, REG_RATES, SPEEDS, MAX_LAYERS, MAX_UNITS, type Settings,
} from './settings.js';
import { FEATURE_NAMES, FEATURES, isFeatureName } from './features.js';
import { parseCsv, splitPoints, syntheticPoints, type PlayData, type Points } from './data.js';
import { modelMeta } from './model.js';
import { NetworkView } from './network-view.js';
import { OutputView, type Selection } from './output-view.js';
import { LossChart } from './chart.js';
import { forwardPass } from './forward-view.js';
import type { Frame, FromWorker, ToWorker, SpeedRequest, SpeedResult } from './protocol.js';

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

let settings: Settings = settingsFromQuery(location.search);
let csv: { name: string; text: string; points: Points } | undefined;
let data: PlayData;
let importedModel: ModelJson | undefined;
let mirror: Network | undefined;
let epoch = 0;
let playing = false;
let lastLoss = { train: NaN, test: NaN };
let selection: Selection | undefined;
let pending: Frame[] = [];
let paintScheduled = false;

const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
const send = (msg: ToWorker) => worker.postMessage(msg);

const networkView = new NetworkView($('net'), $('editor'), $('tip'), {
  setWeight: (layer, row, col, value) => send({ type: 'setWeight', layer, row, col, value }),
  changeUnits: (i, delta) => {
    const units = settings.hidden[i]! + delta;
    if (units < 1 || units > MAX_UNITS) return;
    settings.hidden[i] = units;
    changed('network');
  },
});
const outputView = new OutputView($<HTMLCanvasElement>('boundary'), (s) => selectExample(s));
const chart = new LossChart($<HTMLCanvasElement>('chart'), $('chartReadout'));

// ---- messages

function say(text: string, kind: 'info' | 'error' = 'info', where = 'message'): void {
  const el = $(where);
  el.textContent = text;
  el.classList.toggle('error', kind === 'error');
}

// ---- kernel speed check (its own worker, started on demand)

function measureSpeed(): void {
  const button = $<HTMLButtonElement>('measureSpeed');
  button.disabled = true;
  say('Measuring…', 'info', 'speedNote');
  const w = new Worker(new URL('./speed-worker.ts', import.meta.url), { type: 'module' });
  const done = () => { w.terminate(); button.disabled = false; };
  w.onerror = (e) => { say(`The speed check failed: ${e.message}`, 'error', 'speedNote'); done(); };
  w.onmessage = (e: MessageEvent<SpeedResult>) => {
    done();
    const { rows, error, size } = e.data;
    if (error) { say(`The speed check failed: ${error}`, 'error', 'speedNote'); return; }
    const js = rows.find((r) => r.backend === 'js')?.gflops ?? NaN;
    const body = $('speedTable').querySelector('tbody')!;
    body.textContent = '';
    for (const r of rows) {
      const tr = body.insertRow();
      tr.dataset.backend = r.backend;
      const name = r.threads && r.threads > 1 ? `${r.backend} (${r.threads} threads)` : r.backend;
      const ok = Number.isFinite(r.gflops);
      for (const text of [name, ok ? r.gflops.toFixed(2) : '—', ok ? `${(r.gflops / js).toFixed(1)}x` : '—', ok ? r.maxDiff.toExponential(1) : (r.note ?? '')]) {
        tr.insertCell().textContent = text;
      }
    }
    $('speedTable').hidden = false;
    say(`${size} x ${size} x ${size} float32 product, best of 5 runs (js: 1 run).`, 'info', 'speedNote');
  };
  w.postMessage({ size: 384 } satisfies SpeedRequest);
}

// ---- controls

function fillSelect(id: string, values: readonly (string | number)[], label: (v: string | number) => string = String): void {
  const sel = $<HTMLSelectElement>(id);
  sel.textContent = '';
  for (const v of values) sel.append(new Option(label(v), String(v)));
}

function datasetOptions(): void {
  const sets: string[] = [...(settings.problem === 'classification' ? CLASSIFICATION_SETS : REGRESSION_SETS)];
  const names: Record<string, string> = {
    circle: 'Circle', xor: 'Exclusive or', gaussians: 'Gaussians', spiral: 'Spiral', flower: 'Flower (course)',
    spiral3: 'Spiral, 3 classes (softmax)', plane: 'Plane', multiGaussian: 'Multi Gaussian',
  };
  if (csv) { sets.push('csv'); names.csv = `Your CSV: ${csv.name}`; }
  fillSelect('dataset', sets, (v) => names[v as string] ?? String(v));
}

function featureControls(): void {
  const box = $('features');
  box.textContent = '';
  for (const name of FEATURE_NAMES) {
    const label = document.createElement('label');
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.value = name;
    input.checked = settings.features.includes(name);
    input.addEventListener('change', () => {
      const chosen = [...box.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value).filter(isFeatureName);
      if (chosen.length === 0) { input.checked = true; say('At least one input feature is needed.', 'error'); return; }
      settings.features = FEATURE_NAMES.filter((n) => chosen.includes(n));
      changed('network');
    });
    label.append(input, ` ${FEATURES[name].label}`);
    box.append(label);
  }
}

function showSettings(): void {
  datasetOptions();
  const set = (id: string, v: string | number) => { $<HTMLInputElement | HTMLSelectElement>(id).value = String(v); };
  set('problem', settings.problem);
  set('dataset', settings.dataset);
  set('noise', settings.noise); $('noiseOut').textContent = String(settings.noise);
  set('ratio', settings.trainRatio); $('ratioOut').textContent = String(settings.trainRatio);
  set('batch', settings.batchSize); $('batchOut').textContent = String(settings.batchSize);
  set('lr', settings.learningRate);
  set('activation', settings.activation);
  set('optimizer', settings.optimizer);
  set('reg', settings.regularization);
  set('regRate', settings.regRate);
  set('speed', settings.speed);
  set('seed', settings.seed);
  $<HTMLSelectElement>('regRate').disabled = settings.regularization === 'none';
  $<HTMLInputElement>('showTest').checked = settings.showTest;
  featureControls();
  const n = settings.hidden.length;
  $('layerCount').textContent = `${n} hidden layer${n === 1 ? '' : 's'}`;
  $<HTMLButtonElement>('addLayer').disabled = n >= MAX_LAYERS;
  $<HTMLButtonElement>('removeLayer').disabled = n === 0;
}

type Change = 'data' | 'network' | 'live' | 'view';

/** After a setting changed: update the URL, and rebuild as little as needed. */
function changed(what: Change): void {
  history.replaceState(null, '', `?${settingsToQuery(settings)}${location.hash}`);
  showSettings();
  if (what === 'data') { makeData(); dropImportIfUnfit(); setup(); }
  else if (what === 'network') { importedModel = undefined; setup(); }
  else if (what === 'live') send({ type: 'settings', settings });
}

/** An imported model stays only while the data fits its output layer (task and number of classes). */
function dropImportIfUnfit(): void {
  if (!importedModel) return;
  const { task, classes, layers } = importedModel;
  const k = classes?.length ?? (task === 'multiclass' ? layers[layers.length - 1]!.units : 2);
  if (task === data.task && (task !== 'multiclass' || data.classes?.length === k)) return;
  importedModel = undefined;
  say(`The imported model (${task}${task === 'multiclass' ? `, ${k} classes` : ''}) does not fit this data; a new network is trained instead.`);
}

function makeData(): void {
  const points = settings.dataset === 'csv' && csv ? csv.points : syntheticPoints(settings.dataset, settings.noise, settings.dataSeed);
  data = splitPoints(points, settings.trainRatio, settings.dataSeed);
  selection = undefined;
  outputView.setData(data, settings.showTest);
  outputView.select(undefined);
  $('forward').hidden = true;
}

function setup(): void {
  playing = false;
  showPlaying();
  say('');
  send({ type: 'setup', settings, data, model: importedModel });
}

function showPlaying(): void {
  const b = $('play');
  b.innerHTML = `<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"><path fill="currentColor" d="${playing ? 'M6 5h4v14H6zm8 0h4v14h-4z' : 'M8 5v14l11-7z'}"/></svg>`;
  b.setAttribute('aria-label', playing ? 'Pause' : 'Play');
  b.classList.toggle('playing', playing);
}

function togglePlay(): void {
  playing = !playing;
  showPlaying();
  send({ type: playing ? 'play' : 'pause' });
}

// ---- frames from the worker, painted once per animation frame

worker.onmessage = (e: MessageEvent<FromWorker>) => {
  const msg = e.data;
  if (msg.type === 'error') {
    playing = false;
    showPlaying();
    say(msg.message, 'error');
    return;
  }
  pending.push(msg);
  if (!paintScheduled) { paintScheduled = true; requestAnimationFrame(paint); }
};
worker.onerror = (e) => say(`The training worker failed: ${e.message}`, 'error');

function paint(): void {
  paintScheduled = false;
  const frames = pending;
  pending = [];
  for (const f of frames) {
    if (f.reset) {
      mirror = modelFromJson(f.reset.model, 'worker model').net;
      networkView.build(mirror.layerSizes, settings.features.map((n) => FEATURES[n].label), mirror.layers.map((l) => l.activation.name), MAX_UNITS);
      chart.clear();
    }
    chart.append(f.trainLosses, f.testLosses);
  }
  const f = frames[frames.length - 1];
  if (!f || !mirror) return;
  mirror.setWeights(f.weights);
  epoch = f.epoch;
  lastLoss = { train: f.trainLoss, test: f.testLoss };
  networkView.update(f.weights, f.nodeImages);
  outputView.setImage(f.outputImage);
  chart.draw();
  const ep = $('epoch');
  ep.textContent = epoch.toLocaleString('en-US', { minimumIntegerDigits: 6 });
  ep.dataset.epoch = String(epoch);
  showLoss('trainLoss', f.trainLoss);
  showLoss('testLoss', f.testLoss);
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
  $('accuracy').textContent = Number.isFinite(f.trainAccuracy)
    ? `Accuracy: training ${pct(f.trainAccuracy)}${Number.isFinite(f.testAccuracy) ? `, test ${pct(f.testAccuracy)}` : ''}` : '';
  if (!$('forward').hidden && selection) showForward();
  send({ type: 'ack' });
}

function showLoss(id: string, v: number): void {
  const el = $(id);
  el.textContent = Number.isFinite(v) ? v.toFixed(3) : '–';
  el.dataset.value = String(v);
}

// ---- forward pass of one example

function selectExample(s: Selection): void {
  selection = s;
  $<HTMLSelectElement>('exampleSet').value = s.set;
  $<HTMLInputElement>('exampleIndex').value = String(s.i + 1);
  outputView.select(s);
  $('forward').hidden = false;
  showForward();
}

function showForward(): void {
  if (!mirror || !selection) return;
  const { text, output, point } = forwardPass(mirror, settings.features, data, selection.set, selection.i);
  const pre = $('forwardText');
  pre.textContent = text;
  pre.dataset.prediction = JSON.stringify(output);
  pre.dataset.point = JSON.stringify(point);
  pre.dataset.example = `${selection.set}:${selection.i}`;
}

// ---- files: CSV data, model export and import

async function loadCsv(file: File): Promise<void> {
  const text = await file.text();
  const result = parseCsv(text, settings.problem);
  if (!result.points) {
    say(`Could not use ${file.name}: ${result.messages.join(' ')}`, 'error', 'csvMessage');
    return;
  }
  csv = { name: file.name, text, points: result.points };
  settings.dataset = 'csv';
  const m = result.points.x1.length;
  const kinds = result.points.classes ? `${result.points.classes.length} classes (${result.points.classes.join(', ')})` : 'real-valued targets';
  say(`Loaded ${m} points with ${kinds} from ${file.name}. ${result.messages.join(' ')} (CSV data is not kept in the link.)`,
    result.messages.length ? 'error' : 'info', 'csvMessage');
  changed('data');
}

function exportModel(): void {
  if (!mirror) return;
  let json: ModelJson;
  try {
    json = modelToJson(new Model(mirror, modelMeta(settings, data, epoch, lastLoss)));
  } catch (e) {
    say(`Could not export the model: ${(e as Error).message}`, 'error'); // e.g. weights that diverged to NaN
    return;
  }
  const blob = new Blob([JSON.stringify(json, null, 1) + '\n'], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `backprop-playground-${settings.dataset}.json`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  say(`Exported the model at epoch ${epoch} (${mirror.describe()}).`);
}

async function importModel(file: File): Promise<void> {
  try {
    const doc = JSON.parse(await file.text()) as unknown;
    const model = modelFromJson(doc, file.name), { net, meta } = model;
    const json = modelToJson(model);
    const pre = meta.preprocessing?.data;
    const named = meta.features ?? (pre?.format === 'playground' ? pre.features : undefined) ?? (net.inputSize === 2 ? ['x1', 'x2'] : undefined);
    if (!named || !named.every(isFeatureName) || named.length !== net.inputSize) {
      throw new Error(`its input features ${JSON.stringify(named ?? null)} are not ${net.inputSize} of the page's features (${FEATURE_NAMES.join(', ')})`);
    }
    const hidden = net.layers.slice(0, -1);
    if (hidden.length > MAX_LAYERS || hidden.some((l) => l.units > MAX_UNITS)) throw new Error(`the page shows up to ${MAX_LAYERS} hidden layers of ${MAX_UNITS} units; this model is ${net.describe()}`);
    // the data must fit the model's output layer
    const notes: string[] = [];
    const k = meta.classes?.length ?? (meta.task === 'multiclass' ? net.outputSize : 2);
    const fits = meta.task === data.task && (meta.task !== 'multiclass' || data.classes?.length === k);
    const trained = (meta.training ?? {}) as { dataset?: unknown; noise?: unknown; trainRatio?: unknown; dataSeed?: unknown };
    const setTask = (name: string) => (REGRESSION_SETS as readonly string[]).includes(name) ? 'regression'
      : name === 'spiral3' ? 'multiclass' : (CLASSIFICATION_SETS as readonly string[]).includes(name) ? 'binary' : undefined;
    if (typeof trained.dataset === 'string' && setTask(trained.dataset) === meta.task && (meta.task !== 'multiclass' || k === 3)) {
      // a model exported by the playground: back to the data it was trained on
      settings.problem = meta.task === 'regression' ? 'regression' : 'classification';
      settings.dataset = trained.dataset;
      if (typeof trained.noise === 'number') settings.noise = Math.max(0, Math.min(50, Math.round(trained.noise * 100)));
      if (typeof trained.trainRatio === 'number') settings.trainRatio = Math.max(10, Math.min(90, Math.round(trained.trainRatio * 100)));
      if (Number.isInteger(trained.dataSeed)) settings.dataSeed = trained.dataSeed as number;
      notes.push(`data: '${trained.dataset}' as when it was trained`);
    } else if (!fits) {
      const next = meta.task === 'binary' ? 'circle' : meta.task === 'regression' ? 'plane' : k === 3 ? 'spiral3' : undefined;
      if (!next) throw new Error(`it classifies ${k} classes; load a CSV with ${k} classes first`);
      settings.problem = meta.task === 'regression' ? 'regression' : 'classification';
      settings.dataset = next;
      notes.push(`switched the data to '${next}' to match its ${meta.task} output`);
    }
    settings.features = FEATURE_NAMES.filter((n) => named.includes(n));
    if (settings.features.join() !== named.join()) throw new Error(`its features ${named.join(', ')} are not in the page's order (${FEATURE_NAMES.join(', ')})`);
    settings.hidden = hidden.map((l) => l.units);
    // the regularization it was trained with goes on (the page offers one kind at a time)
    const { l1, l2 } = model.regularization;
    settings.regularization = l1 > 0 ? 'l1' : l2 > 0 ? 'l2' : 'none';
    settings.regRate = l1 > 0 ? l1 : l2 > 0 ? l2 : settings.regRate;
    if (l1 > 0 && l2 > 0) notes.push(`it was trained with L1 ${l1} and L2 ${l2}; the page keeps both while its rate is unchanged`);
    const acts = new Set(hidden.map((l) => l.activation.name));
    const first = hidden[0]?.activation.name;
    if (first && HIDDEN_ACTIVATIONS.includes(first)) settings.activation = first;
    if (acts.size > 1) notes.push(`its hidden layers use ${[...acts].join(', ')}; the page trains them as they are`);
    importedModel = json;
    history.replaceState(null, '', `?${settingsToQuery(settings)}`);
    showSettings();
    makeData();
    setup();
    say(`Imported ${file.name}: ${net.describe()}${notes.length ? `; ${notes.join('; ')}` : ''}. Reset returns to these weights.`);
  } catch (e) {
    say(`Could not import ${file.name}: ${(e as Error).message}`, 'error');
  }
}

// ---- wiring

function wire(): void {
  fillSelect('lr', LEARNING_RATES);
  fillSelect('activation', HIDDEN_ACTIVATIONS);
  fillSelect('optimizer', OPTIMIZERS, (v) => ({ gd: 'Gradient descent', momentum: 'Momentum', rmsprop: 'RMSprop', adam: 'Adam' })[v as string]!);
  fillSelect('regRate', REG_RATES);
  fillSelect('speed', SPEEDS, (v) => `${v} epoch${v === 1 ? '' : 's'}/frame`);

  const onSelect = (id: string, apply: (v: string) => Change) =>
    $(id).addEventListener('change', (e) => changed(apply((e.target as HTMLSelectElement).value)));
  onSelect('lr', (v) => { settings.learningRate = Number(v); return 'live'; });
  onSelect('optimizer', (v) => { settings.optimizer = v as Settings['optimizer']; return 'live'; });
  onSelect('speed', (v) => { settings.speed = Number(v); return 'live'; });
  onSelect('activation', (v) => { settings.activation = v as Settings['activation']; return 'network'; });
  onSelect('reg', (v) => { settings.regularization = v as Settings['regularization']; return 'network'; });
  onSelect('regRate', (v) => { settings.regRate = Number(v); return 'network'; });
  onSelect('problem', (v) => {
    settings.problem = v as Settings['problem'];
    if (csv) {
      const again = parseCsv(csv.text, settings.problem);
      if (again.points) csv.points = again.points; else csv = undefined;
    }
    settings.dataset = csv ? 'csv' : (settings.problem === 'classification' ? CLASSIFICATION_SETS : REGRESSION_SETS)[0];
    return 'data';
  });
  onSelect('dataset', (v) => { settings.dataset = v; return 'data'; });
  onSelect('seed', (v) => {
    const n = Number(v);
    if (Number.isInteger(n) && n >= 0) settings.seed = n;
    return 'network';
  });

  const slider = (id: string, out: string, apply: (v: number) => Change) => {
    const input = $<HTMLInputElement>(id);
    input.addEventListener('input', () => { $(out).textContent = input.value; });
    input.addEventListener('change', () => changed(apply(Number(input.value))));
  };
  slider('noise', 'noiseOut', (v) => { settings.noise = v; return 'data'; });
  slider('ratio', 'ratioOut', (v) => { settings.trainRatio = v; return 'data'; });
  slider('batch', 'batchOut', (v) => { settings.batchSize = v; return 'live'; });

  $('regenerate').addEventListener('click', () => {
    settings.dataSeed = Math.floor(Math.random() * 100000);
    if (settings.dataset === 'csv') say('A CSV is fixed data: regenerating only reshuffles the training/test split.', 'info', 'csvMessage');
    changed('data');
  });
  $('addLayer').addEventListener('click', () => {
    if (settings.hidden.length >= MAX_LAYERS) return;
    settings.hidden.push(settings.hidden[settings.hidden.length - 1] ?? 2);
    changed('network');
  });
  $('removeLayer').addEventListener('click', () => {
    if (settings.hidden.length === 0) return;
    settings.hidden.pop();
    changed('network');
  });
  $('newSeed').addEventListener('click', () => { settings.seed = Math.floor(Math.random() * 100000); changed('network'); });
  $('showTest').addEventListener('change', (e) => {
    settings.showTest = (e.target as HTMLInputElement).checked;
    outputView.setShowTest(settings.showTest);
    changed('view');
  });

  $('play').addEventListener('click', togglePlay);
  $('step').addEventListener('click', () => { playing = false; showPlaying(); send({ type: 'step' }); });
  $('reset').addEventListener('click', () => { playing = false; showPlaying(); say(''); send({ type: 'reset' }); });

  $('inspect').addEventListener('click', () => {
    const set = $<HTMLSelectElement>('exampleSet').value as 'train' | 'test';
    const n = (set === 'train' ? data.trainIdx : data.testIdx).length;
    const i = Math.round(Number($<HTMLInputElement>('exampleIndex').value)) - 1;
    if (!(i >= 0 && i < n)) { say(`Choose an example between 1 and ${n}.`, 'error'); return; }
    if (set === 'test' && !settings.showTest) { settings.showTest = true; outputView.setShowTest(true); changed('view'); }
    selectExample({ set, i });
    $('forwardText').focus();
  });
  $('closeForward').addEventListener('click', () => { $('forward').hidden = true; selection = undefined; outputView.select(undefined); });

  $('csvFile').addEventListener('change', (e) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (file) void loadCsv(file);
    (e.target as HTMLInputElement).value = '';
  });
  $('export').addEventListener('click', exportModel);
  $('measureSpeed').addEventListener('click', measureSpeed);
  $('importFile').addEventListener('change', (e) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (file) void importModel(file);
    (e.target as HTMLInputElement).value = '';
  });
  $('copyLink').addEventListener('click', async () => {
    try { await navigator.clipboard.writeText(location.href); say('Link copied: it reproduces this run (settings, data seed, weight seed).'); }
    catch { say(`Copy this link: ${location.href}`); }
  });
  $<HTMLAnchorElement>('costsCsv').addEventListener('click', (e) => {
    const a = e.currentTarget as HTMLAnchorElement;
    a.href = URL.createObjectURL(new Blob([chart.csv()], { type: 'text/csv' }));
  });

  // keyboard shortcuts, unless the user is typing or on a control that uses the key
  document.addEventListener('keydown', (e) => {
    const t = e.target as HTMLElement;
    if (e.ctrlKey || e.metaKey || e.altKey || t.closest('input, select, textarea, [role=dialog]')) return;
    if (e.key === ' ') {
      if (t.closest('button, [role=button], a')) return; // space presses the focused button
      e.preventDefault();
      togglePlay();
    }
    else if (e.key === 's') $('step').click();
    else if (e.key === 'r') $('reset').click();
  });
}

wire();
showSettings();
makeData();
setup();
