// The playground page: wires the controls, the training worker and the views together.
// All computation uses the backprop library: training runs in the worker, the page keeps a
// copy of the weights (a "mirror" network) for the forward pass and the model export.

import { Network, type ModelJson, type OptimizerState, type RandomState } from '../../src/index.js';
import {
  settingsFromQuery, settingsToQuery, ignoredNote, CLASSIFICATION_SETS, REGRESSION_SETS, HIDDEN_ACTIVATIONS, OPTIMIZERS,
  LEARNING_RATES, REG_RATES, SPEEDS, MAX_LAYERS, MAX_UNITS, MAX_SEED, type Settings,
} from './settings.js';
import { FEATURE_NAMES, FEATURES, isFeatureName, type FeatureName } from './features.js';
import { splitPoints, syntheticPoints, type PlayData, type Points } from './data.js';
import { checkCsvFileSize, decimalNote, droppedNote, pageMessage, scaleNote, textColumnsNote, unusedColumnsNote, type CsvPoints } from './csv-notes.js';
import { regularizationOf, unfitMessage } from './model.js';
import { NetworkView } from './network-view.js';
import { OutputView, type Selection } from './output-view.js';
import { LossChart } from './chart.js';
import { MAX_KEPT_EPOCHS } from './cost-history.js';
import { forwardPass } from './forward-view.js';
import { measureSpeed } from './speed-check.js';
import { showMessage } from './message.js';
import { className, formatEpoch, formatLoss, ordinal } from './format.js';
import { putBack, refuseCommasInNumbers, typedText, typedWholeNumber } from './typed-number.js';
import type { SweepPanel } from './sweep-panel.js';
import type { Frame, FromWorker, ToWorker } from './protocol.js';
import { setDark } from './colors.js';
import { loadPart, workerFailedText } from './load-failure.js';
import { takeDroppedFiles, takePastedData } from './file-drop.js';
import { backMessage, cameBack, checkedRun, historyEntry, savedRun, saveRun, type SavedRun } from './saved-run.js';

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

const ignoredInLink: string[] = [];
let settings: Settings = settingsFromQuery(location.search, ignoredInLink);
/** The user's CSV; `points` is undefined while it does not fit the problem type (text labels for regression): it comes back with the other type. */
let csv: { name: string; file: Blob; points: Points | undefined } | undefined;
let data: PlayData;
/** The imported model file's network, its outputs in the file's class order (matchClasses puts them in the data's). */
let importedModel: ModelJson | undefined;
let matchClasses: typeof import('./import-model.js')['matchClasses'] | undefined;
let importedName = '';
/** A weight was set in the editor since the network was set up or reset (the link cannot carry it). */
let handEdited = false;
let mirror: Network | undefined;
/** The mirror's input features (the settings' may already be those of the next network). */
let mirrorFeatures: FeatureName[] = [];
let epoch = 0;
let playing = false;
let lastLoss = { train: NaN, test: NaN };
let selection: Selection | undefined;
let pending: Frame[] = [];
let paintScheduled = false;
let sweepQuery: string | undefined = new URLSearchParams(location.search).get('sweep') ?? undefined;

const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
const send = (msg: ToWorker) => worker.postMessage(msg);

const networkView = new NetworkView($('net'), $('editor'), $('tip'), {
  setWeight: (layer, row, col, value) => { handEdited = true; send({ type: 'setWeight', layer, row, col, value }); },
  changeUnits: (i, delta) => {
    const units = settings.hidden[i]! + delta;
    if (units < 1 || units > MAX_UNITS) return;
    settings.hidden[i] = units;
    changed('network', `${delta > 0 ? 'a unit more' : 'a unit less'} in hidden layer ${i + 1}`);
  },
  hoverUnit: (unit) => send({ type: 'hover', unit }),
  refuse: (message) => say(message, 'error'),
});
const outputView = new OutputView($<HTMLCanvasElement>('boundary'), (s) => selectExample(s), $('legend'), { x: $('axisX'), y: $('axisY') }, $('pointReadout'));
const chart = new LossChart($<HTMLCanvasElement>('chart'), $('chartReadout'));

// ---- the parts used later, loaded when used: the page's first script carries what its first frame shows
// (parsing and running one script of 250 KB was a main-thread task of 80-160 ms at the start)

/** The sweep panel: loaded in a task of its own after the start's (or when the user reaches it first); until then no sweep runs. */
let sweep: SweepPanel | undefined;
let sweepLoad: Promise<SweepPanel | undefined> | undefined;

function loadSweep(): Promise<SweepPanel | undefined> {
  sweepLoad ??= loadPart('the sweep panel', () => import('./sweep-panel.js'), (text) => say(text, 'error')).then((part) => {
    if (!part) return undefined;
    const { SweepPanel, sweepToQuery } = part;
    sweep = new SweepPanel({
      context: () => ({ settings: { ...settings, hidden: [...settings.hidden], features: [...settings.features] }, ...(settings.dataset === 'csv' && csv?.points ? { csv: csv.points } : {}) }),
      load: loadSweepCell,
      changed: (_state, def) => {
        // the link only when the sweep is another: each state's replaceState took up to 35 ms of a sweep's start
        const query = def ? sweepToQuery(def) : sweepQuery;
        if (query !== sweepQuery) { sweepQuery = query; updateUrl(); }
        showPlaying();
      },
    });
    // the link's sweep first, then the network's layers: a sweep of units in a layer the network lacks is said so
    sweep.restore(location.search);
    sweep.setLayers(settings.hidden.length);
    document.getElementById('sweepPanel')!.removeAttribute('aria-busy');
    return sweep;
  });
  return sweepLoad;
}

/** The CSV reader (its worker, and the parser where no worker starts): loaded with the first file. */
const csvReader = (name: string, size: number) => loadPart('the CSV reader', () => import('./csv-reader.js'), (text) => {
  csvReading(name, size, false);
  say(text, 'error', 'csvMessage');
});
/** The backward tab's text: loaded when the tab is first shown. */
let backwardView: typeof import('./backward-view.js') | undefined;
const loadBackwardView = () => loadPart('the backward pass', () => import('./backward-view.js'), (text) => say(text, 'error')).then((m) => { backwardView = m; });

// ---- messages

function say(text: string, kind: 'info' | 'error' = 'info', where = 'message'): void {
  showMessage($(where), text, kind);
}

// ---- controls

/** Fill a select; a current value that is not among the values gets an option too (a loaded sweep cell's learning rate). */
function fillSelect(id: string, values: readonly (string | number)[], label: (v: string | number) => string = String, current?: number): void {
  const sel = $<HTMLSelectElement>(id);
  sel.textContent = '';
  const all = current !== undefined && !values.includes(current) ? [...values, current].sort((a, b) => Number(a) - Number(b)) : values;
  for (const v of all) sel.append(new Option(label(v), String(v)));
}

const DATASET_NAMES: Record<string, string> = {
  circle: 'Circle', xor: 'Exclusive or', gaussians: 'Gaussians', spiral: 'Spiral', flower: 'Flower (course)',
  spiral3: 'Spiral, 3 classes', moons: 'Moons (scikit-learn)', circles: 'Circles (scikit-learn)', plane: 'Plane', multiGaussian: 'Multi Gaussian',
};

function datasetOptions(): void {
  const sets: string[] = [...(settings.problem === 'classification' ? CLASSIFICATION_SETS : REGRESSION_SETS)];
  const names: Record<string, string> = { ...DATASET_NAMES };
  if (csv?.points) { sets.push('csv'); names.csv = `CSV: ${csv.name}`; }
  fillSelect('dataset', sets, (v) => names[v as string] ?? String(v));
}

function featureControls(): void {
  const box = $('features');
  // built once: then only their checks follow the settings (rebuilt at every change, they were a third of a change's time)
  const built = box.querySelectorAll<HTMLInputElement>('input');
  if (built.length === FEATURE_NAMES.length) {
    for (const input of built) input.checked = settings.features.includes(input.value as FeatureName);
    return;
  }
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
      changed('network', `${input.checked ? 'the input' : 'leaving out'} ${FEATURES[name].label}`);
    });
    label.append(input, ` ${FEATURES[name].label}`);
    box.append(label);
  }
}

function showSettings(): void {
  datasetOptions();
  fillSelect('lr', LEARNING_RATES, String, settings.learningRate);
  fillSelect('regRate', REG_RATES, String, settings.regRate);
  const set = (id: string, v: string | number) => { $<HTMLInputElement | HTMLSelectElement>(id).value = String(v); };
  set('problem', settings.problem);
  set('dataset', settings.dataset);
  set('noise', settings.noise); $('noiseOut').textContent = String(settings.noise);
  set('ratio', settings.trainRatio); $('ratioOut').textContent = String(settings.trainRatio);
  if (data) batchRange();
  set('lr', settings.learningRate);
  set('activation', settings.activation);
  set('optimizer', settings.optimizer);
  set('reg', settings.regularization);
  set('regRate', settings.regRate);
  set('speed', settings.speed);
  set('seed', settings.seed);
  $<HTMLSelectElement>('regRate').disabled = settings.regularization === 'none';
  $<HTMLInputElement>('showTest').checked = settings.showTest;
  $<HTMLInputElement>('discretize').checked = settings.discretize;
  featureControls();
  const n = settings.hidden.length;
  $('layerCount').textContent = `${n} hidden layer${n === 1 ? '' : 's'}`;
  // the limit said where it is met: in the count, and in the disabled button's tooltip (its description for a screen reader)
  if (n >= MAX_LAYERS) $('layerCount').textContent += ` (at most ${MAX_LAYERS})`;
  $<HTMLButtonElement>('addLayer').disabled = n >= MAX_LAYERS;
  $('addLayer').title = n >= MAX_LAYERS ? `At most ${MAX_LAYERS} hidden layers: remove one to add another` : 'Add a hidden layer';
  $<HTMLButtonElement>('removeLayer').disabled = n === 0;
  $('removeLayer').title = n === 0 ? 'No hidden layer to remove' : 'Remove the last hidden layer';
  sweep?.setLayers(n);
}

type Change = 'data' | 'network' | 'live' | 'view';

function updateUrl(): void {
  const q = settingsToQuery(settings) + (sweepQuery ? `&${new URLSearchParams({ sweep: sweepQuery })}` : '');
  history.replaceState(history.state, '', `?${q}${location.hash}`); // (the state names the entry: saved-run.ts)
}

/**
 * After a setting changed: update the URL, and rebuild as little as needed. `why` names a change of
 * the data or of the network's shape, said when it ends a training under way (it went back to epoch 0
 * without a word; a change of the data, the noise or the split still does).
 */
function changed(what: Change, why?: string): void {
  const trained = epoch;
  showNote('linkNote', '', ''); // (the link's values are the user's own now)
  updateUrl();
  showSettings();
  const again = (needs: string) => { if (why && trained > 0) say(`Training starts again at epoch 0 (it was at ${trained}): ${why} ${needs}, built from the weight seed.`); };
  if (what === 'data') {
    makeData();
    const dropped = dropImportIfUnfit();
    setup();
    const classes = importedModel && matchClasses?.(importedModel, data).note;
    if (dropped) say(dropped); else if (classes) say(`The imported model on this data: ${classes}.`); else again('means new data and a new network');
  }
  else if (what === 'network') {
    importedModel = undefined;
    setup();
    again('needs a new network');
  }
  else if (what === 'live') {
    showNote('diverged', '', '');
    send({ type: 'settings', settings });
    // the open pass too: the backward tab's step is at the learning rate chosen, its note at the batch's m (it kept the old ones until the next epoch)
    if (!$('forward').hidden) showForward();
  }
}

/** An imported model stays only while the data fits its output layer (task and number of classes); the message when it went. */
function dropImportIfUnfit(): string | undefined {
  if (!importedModel) return undefined;
  const why = unfitMessage(importedModel, data);
  if (why) importedModel = undefined;
  return why;
}

/** A batch size as the page shows it: the whole training set is named, since then a step (one epoch) is one iteration of batch gradient descent, as the course writes it. */
const batchText = (batch: number, m: number) => (batch >= m ? `${m} (all: 1 step per epoch)` : String(batch));

/** The batch slider goes up to the training set's size m (it stopped at 64, so the course's batch gradient descent over all m examples was out of reach). */
function batchRange(): void {
  const m = data.trainIdx.length;
  const input = $<HTMLInputElement>('batch');
  input.max = String(m);
  input.value = String(Math.min(settings.batchSize, m));
  $('batchOut').textContent = batchText(settings.batchSize, m);
}

function makeData(): void {
  computeData();
  showData();
}

/** The data of the settings (points, split), without drawing them. */
function computeData(): void {
  const points = settings.dataset === 'csv' && csv?.points ? csv.points : syntheticPoints(settings.dataset, settings.noise, settings.dataSeed);
  data = splitPoints(points, settings.trainRatio, settings.dataSeed);
  batchRange();
  selection = undefined;
}

/** The data drawn in the plot, no example selected. */
function showData(): void {
  outputView.setData(data, settings.showTest);
  outputView.select(undefined);
  $('forward').hidden = true;
}

function setup(): void {
  playing = false;
  handEdited = false;
  showPlaying();
  say('');
  showNote('diverged', '', '');
  send({ type: 'setup', settings, data, model: importedModel && matchClasses ? matchClasses(importedModel, data).json : importedModel });
}

function showPlaying(): void {
  const b = $('play');
  const sweeping = sweep?.active ?? false;
  const on = sweeping ? sweep?.state === 'running' : playing;
  b.innerHTML = `<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"><path fill="currentColor" d="${on ? 'M6 5h4v14H6zm8 0h4v14h-4z' : 'M8 5v14l11-7z'}"/></svg>`;
  b.setAttribute('aria-label', sweeping ? (on ? 'Pause the sweep' : 'Resume the sweep') : on ? 'Pause' : 'Play');
  b.classList.toggle('playing', on);
  // the diagram's skipped frame, once the click's own change is on the screen (two frames on)
  if (!playing && diagramSkipped) requestAnimationFrame(() => requestAnimationFrame(() => { if (!playing) showDiagram(); }));
}

/** Play and pause the training, or, while a sweep is under way, the sweep. */
function togglePlay(): void {
  if (sweep?.active) { sweep.toggle(); showPlaying(); return; }
  playing = !playing;
  showPlaying();
  send({ type: playing ? 'play' : 'pause' });
  announce();
}

/** The epoch and the losses for a screen reader, in the readouts' digits: when training pauses, steps or resets, not at every frame. */
function announce(): void {
  if (playing || !mirror) return;
  const acc = $('accuracy').textContent;
  const text = `Epoch ${epoch}: test loss ${formatLoss(lastLoss.test)}, training loss ${formatLoss(lastLoss.train)}.${acc ? ` ${acc}.` : ''}`;
  if ($('srStatus').textContent !== text) $('srStatus').textContent = text;
}

/** A sweep cell clicked: its settings, trained in the page to the sweep's epoch. */
function loadSweepCell(next: Settings, epochs: number, note: string): void {
  settings = next;
  importedModel = undefined;
  changed('data');
  playing = true;
  showPlaying();
  send({ type: 'play', until: epochs });
  say(note);
}

// ---- frames from the worker, painted once per animation frame

worker.onmessage = (e: MessageEvent<FromWorker>) => {
  const msg = e.data;
  if (msg.type === 'error') {
    playing = false;
    showPlaying();
    if (msg.gist) showNote('diverged', msg.gist, msg.message); // beside the losses, where the eyes are
    else say(msg.message, 'error');
    return;
  }
  pending.push(msg);
  if (!paintScheduled) { paintScheduled = true; requestAnimationFrame(paint); }
};
worker.onerror = (e) => say(workerFailedText('The training worker', e), 'error');

/**
 * A click or a key answers first: the animation frame after the user's input paints that input's change
 * (a button's icon, a checkbox) alone, and the training's frame waits for the next one. Painted in the same
 * frame, the diagram's, plot's and curve's work delayed the click's own change on a slow CPU.
 */
let inputToShow = false;
for (const type of ['pointerdown', 'keydown', 'click']) addEventListener(type, () => { inputToShow = true; }, { capture: true, passive: true });

function paint(): void {
  // (once per input: a key held down, repeating every 30 ms, paints the training's frames every other frame)
  if (inputToShow) { inputToShow = false; requestAnimationFrame(paint); return; }
  paintScheduled = false;
  const frames = pending;
  pending = [];
  try {
    paintFrames(frames);
  } finally {
    if (frames.length > 0) send({ type: 'ack' }); // else the worker waits for it and the page stops for good
  }
}

function paintFrames(frames: Frame[]): void {
  for (const f of frames) {
    if (f.reset) {
      mirror = new Network({ ...f.reset.network, warn: () => {} }); // (its weights: the frame's, below)
      mirrorFeatures = f.reset.features;
      networkView.build(mirror.layerSizes, mirrorFeatures.map((n) => FEATURES[n].label), mirror.layers.map((l) => l.activation.name), MAX_UNITS);
      chart.clear();
    }
    chart.append(f.trainLosses, f.testLosses, f.epoch);
  }
  if (comingBack && mirror) restoreRun(comingBack);
  const f = frames[frames.length - 1];
  if (!f || !mirror) return;
  mirror.setWeights(f.weights);
  lastOptimizer = f.optimizer;
  lastShuffle = f.shuffle;
  epoch = f.epoch;
  lastLoss = { train: f.trainLoss, test: f.testLoss };
  if (playing && !f.playing) { playing = false; showPlaying(); } // stopped by itself (a sweep cell's last epoch)
  showDiagram(f);
  outputView.setImage(f.outputImage, f.showing ? `${f.showing.layer},${f.showing.unit}` : 'output');
  chart.draw(f.trainLoss, f.testLoss);
  showNumbers(f);
  showNote('oscillation', f.oscillationGist, f.oscillation);
  showPlateau(f);
  announce();
  // the open pass follows the training: at every frame while paused or stepping, 4 times a second while playing
  // (its text rewritten at every frame took 130-320 ms of the main thread for 6 hidden layers of 8 units)
  if (!$('forward').hidden && selection && (!playing || performance.now() - passShownAt >= PASS_EVERY_MS)) showForward();
}

// ---- Back and Forward: the training as the user left it

/** This page's history entry, and the run saved for it when the user came back to it (until the first frame). */
const entry = historyEntry();
const howBack = cameBack();
let comingBack: SavedRun | undefined = howBack ? savedRun(entry) : undefined;
/** The optimizer's moving averages at the last frame painted (kept with the run). */
let lastOptimizer: OptimizerState | undefined;
/** The random stream that shuffles the mini-batches, at the last frame painted (kept with the run). */
let lastShuffle: RandomState | undefined;

/** The first frame after coming back: the saved run's weights, epoch and costs, when it is a run of these settings and data. */
function restoreRun(run: SavedRun): void {
  comingBack = undefined;
  const same = run.damaged === undefined && !run.lost && run.csv === undefined && run.query === settingsToQuery(settings);
  // (the run as the library's checks take it: weights not of the network's shapes or not finite are not sent, and its optimizer's averages or random stream are left out when damaged)
  if (same) run = checkedRun(run, mirror!);
  const fits = same && run.damaged === undefined;
  if (fits) send({ type: 'restore', weights: run.weights, epoch: run.epoch, trainLosses: run.train, testLosses: run.test, ...(run.optimizer ? { optimizer: run.optimizer } : {}), ...(run.shuffle ? { shuffle: run.shuffle } : {}) });
  say(backMessage(run, fits, settings.optimizer, howBack));
}

/** The run as it is now, for Back and Forward (nothing at epoch 0 with the initial weights). */
function currentRun(): SavedRun | undefined {
  if (!mirror || (epoch === 0 && !handEdited)) return undefined;
  // (a long run's costs, of which the chart keeps some epochs only, are not kept: the curve goes on from the epoch restored, and the page says so)
  const costs = chart.history.everyEpoch();
  const base = { query: settingsToQuery(settings), epoch, ...(costs ?? { train: [], test: [], costsDropped: true }) };
  if (settings.dataset === 'csv') return { ...base, weights: [], train: [], test: [], csv: csv?.name ?? 'the CSV' };
  const averages = lastOptimizer?.optimizer === settings.optimizer ? { optimizer: lastOptimizer } : {};
  return { ...base, weights: mirror.layers.map((l) => ({ W: Array.from(l.W.data), b: Array.from(l.b.data) })), ...averages, ...(lastShuffle ? { shuffle: lastShuffle } : {}) };
}

addEventListener('pagehide', () => saveRun(entry, currentRun()));

/**
 * While training plays, the diagram (every unit's heat map, every weight's line) is redrawn at most every
 * DIAGRAM_EVERY_MS, the losses, the cost curve and the plot at every frame. Redrawn at every frame, its
 * scripts, layout and paint filled the main thread (6 layers of 8 units under a 6x slower CPU: a frame
 * after another), and a click on Pause or Step answered in up to 280 ms. The frame it skipped is drawn
 * when training pauses.
 */
const DIAGRAM_EVERY_MS = 250;
let diagramShownAt = -Infinity;
let diagramSkipped: Frame | undefined;

function showDiagram(f: Frame | undefined = diagramSkipped): void {
  if (!f) return;
  const now = performance.now();
  if (playing && now - diagramShownAt < DIAGRAM_EVERY_MS) { diagramSkipped = f; return; }
  diagramSkipped = undefined;
  diagramShownAt = now;
  networkView.update(f.weights, f.nodeImages);
}

/** While training plays, the open forward or backward pass is rewritten at most every PASS_EVERY_MS. */
const PASS_EVERY_MS = 250;
let passShownAt = -Infinity;

function showNumbers(f: Frame): void {
  const ep = $('epoch');
  ep.textContent = formatEpoch(epoch);
  ep.dataset.epoch = String(epoch);
  showLoss('trainLoss', f.trainLoss);
  showLoss('testLoss', f.testLoss);
  showLoss('penalty', f.penalty);
  $('penaltyRow').hidden = settings.regularization === 'none' && !(f.penalty > 0);
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
  $('accuracy').textContent = Number.isFinite(f.trainAccuracy)
    ? `Accuracy: training ${pct(f.trainAccuracy)}${Number.isFinite(f.testAccuracy) ? `, test ${pct(f.testAccuracy)}` : ''}` : '';
}

/**
 * A note beside the losses (the loss bounces, is stuck, diverged): its gist on one line, so the cost
 * curve and the plot stay in sight, and the whole message under it on demand (a details element whose
 * open state survives the frames' rewrites). '' hides it.
 */
/** Whether the user opened each note's whole message: kept when the note goes and comes back (an oscillation that pauses for 20 epochs). */
const noteOpen: Record<string, boolean> = {};

function showNote(id: string, gist: string, full: string): void {
  const el = $(id);
  el.hidden = gist === '';
  if (el.hidden) { el.replaceChildren(); return; }
  let details = el.querySelector('details');
  if (!details) {
    details = document.createElement('details');
    const body = document.createElement('div');
    body.className = 'full';
    details.append(document.createElement('summary'), body);
    details.open = noteOpen[id] ?? false;
    details.addEventListener('toggle', () => { noteOpen[id] = details!.open; });
    el.replaceChildren(details);
  }
  const [summary, body] = [details.children[0]!, details.children[1]!];
  // (the gist in a span: a phone's summary is a flex row with its marker, and the span is what is cut with '…')
  if (summary.textContent !== gist) summary.replaceChildren(Object.assign(document.createElement('span'), { className: 'gist', textContent: gist }));
  if (body.textContent !== full) body.textContent = full;
}

/** The message that the loss is stuck at its start, with its likely causes (training goes on). */
function showPlateau(f: Frame): void {
  const el = $('plateau');
  showNote('plateau', f.plateauGist, f.plateau);
  if (f.deadUnits) { el.dataset.dead = String(f.deadUnits.dead); el.dataset.relu = String(f.deadUnits.relu); }
  else { delete el.dataset.dead; delete el.dataset.relu; }
}

function showLoss(id: string, v: number): void {
  const el = $(id);
  el.textContent = formatLoss(v);
  el.dataset.value = String(v);
}

// ---- forward pass of one example

/** The control the forward pass was opened from (the plot, Show forward pass): focus goes back to it when the panel closes. */
let forwardFrom: HTMLElement | undefined;

function selectExample(s: Selection): void {
  selection = s;
  const active = document.activeElement as HTMLElement | null;
  if (active && active !== document.body && !$('forward').contains(active)) forwardFrom = active;
  $<HTMLSelectElement>('exampleSet').value = s.set;
  $<HTMLInputElement>('exampleIndex').value = String(s.i + 1);
  outputView.select(s);
  $('forward').hidden = false;
  void loadBackwardView(); // (fetched while the learner reads the forward pass: the Backward tab shows it at once)
  showForward();
  // the forward pass opens under the page's columns, out of sight on a laptop: the note under the plot says so, with a link
  const note = $('pointReadout');
  note.textContent = `${outputView.describe(s)} `;
  const link = document.createElement('a');
  link.href = '#forward';
  link.className = 'to-forward';
  link.textContent = 'Its forward pass ↓';
  link.addEventListener('click', (e) => { e.preventDefault(); $('forward').scrollIntoView({ block: 'start' }); $('forwardText').focus({ preventScroll: true }); });
  note.append(link);
  note.dataset.example = `${s.set}:${s.i}`;
}

/** Every column of the forward pass's matrices on one row (scrolling sideways), not their middle ones elided to fit. */
let allColumns = false;

/** Characters of the monospace font that fit on a line of `pre` (Infinity while it is hidden). */
function charsPerLine(pre: HTMLElement): number {
  if (pre.clientWidth === 0) return Infinity;
  const probe = document.createElement('span');
  probe.textContent = '0'.repeat(40);
  probe.style.cssText = 'position: absolute; visibility: hidden; white-space: pre';
  pre.append(probe);
  const char = probe.getBoundingClientRect().width / 40;
  probe.remove();
  const css = getComputedStyle(pre);
  return Math.floor((pre.clientWidth - parseFloat(css.paddingLeft) - parseFloat(css.paddingRight)) / char) - 1;
}

function showForward(): void {
  if (!mirror || !selection) return;
  passShownAt = performance.now();
  const pre = $('forwardText');
  const width = charsPerLine(pre);
  pre.dataset.width = String(width);
  const { text, output, point, elided } = forwardPass(mirror, mirrorFeatures, data, selection.set, selection.i, { width, full: allColumns });
  pre.textContent = text;
  pre.classList.toggle('fit', !allColumns);
  const more = $('allColumns');
  more.hidden = pre.hidden || (!elided && !allColumns); // (frames repaint the forward pass while the backward tab shows)
  more.textContent = allColumns ? 'Fit the width' : 'Show all columns';
  more.setAttribute('aria-pressed', String(allColumns));
  pre.dataset.prediction = JSON.stringify(output);
  pre.dataset.point = JSON.stringify(point);
  pre.dataset.example = `${selection.set}:${selection.i}`;
  if (!$('backwardText').hidden) showBackward();
}

/** The width and text the backward tab shows. */
let backwardShown = '';

function showBackward(): void {
  if (!mirror || !selection) return;
  if (!backwardView) { void loadBackwardView().then(showBackward); return; }
  const { backwardPass, lineRuns } = backwardView;
  const text = backwardPass(mirror, mirrorFeatures, data, selection.set, selection.i, settings.learningRate, settings.batchSize);
  // one block per line: a line too long for the box (a phone) wraps under itself, indented, not sideways
  const pre = $('backwardText');
  const width = charsPerLine(pre);
  // (the same text at the same width: nothing to rewrite)
  if (backwardShown === `${width}\n${text}` && pre.firstChild) return;
  backwardShown = `${width}\n${text}`;
  pre.textContent = '';
  for (const line of text.split('\n')) {
    const span = document.createElement('span');
    const indent = line.length - line.trimStart().length;
    span.className = 'line';
    span.style.setProperty('--indent', `${indent}ch`);
    // a line that fits does not wrap: its text as it is (a span per entry for each line made the DOM of a
    // deep network's pass thousands of spans, laid out again at each frame)
    const runs = line.length <= width ? [{ text: line, keep: false }] : lineRuns(line, width);
    for (const run of runs) {
      if (!run.keep) { span.append(run.text); continue; }
      const keep = document.createElement('span');
      keep.className = 'keep';
      keep.textContent = run.text;
      span.append(keep);
    }
    span.append('\n');
    pre.append(span);
  }
}

/** The forward or the backward tab of the selected example. */
function showPassTab(backward: boolean): void {
  $('tabForward').setAttribute('aria-selected', String(!backward));
  $('tabBackward').setAttribute('aria-selected', String(backward));
  // one tab stop for the two tabs (the selected one); the arrow keys move between them
  $('tabForward').tabIndex = backward ? -1 : 0;
  $('tabBackward').tabIndex = backward ? 0 : -1;
  $('forwardText').hidden = backward;
  $('backwardText').hidden = !backward;
  $('fw-h').textContent = backward ? 'Backward pass' : 'Forward pass';
  if (backward) { showBackward(); $('allColumns').hidden = true; }
  else showForward();
}

// ---- files: CSV data, model export and import

/** "Reading big.csv (2.1 MB)…" while a CSV is read (off the main thread): the file input and the problem type wait for it. */
function csvReading(name: string, size: number, reading: boolean, again?: Settings['problem']): void {
  const el = $('csvMessage');
  el.setAttribute('aria-busy', String(reading));
  holdDataMenus(reading ? name : undefined);
  if (reading) {
    el.dataset.state = 'reading';
    const mb = size >= 100 * 2 ** 10 ? ` (${(size / 2 ** 20).toFixed(1)} MB)` : '';
    say(again ? `Reading ${name} again for ${again}${mb}…` : `Reading ${name}${mb}…`, 'info', 'csvMessage');
  } else delete el.dataset.state;
}

/** The menu that had the keyboard focus when the data menus were held (it goes back there after). */
let heldFocus: HTMLElement | undefined;

/**
 * While a CSV is read, the problem type and dataset menus wait for it (disabled, saying why): the
 * problem menu showed the new type while the page went on with the old one, and a dataset chosen
 * meanwhile was replaced by the CSV when the read ended.
 */
function holdDataMenus(reading: string | undefined): void {
  const menus = [$<HTMLSelectElement>('problem'), $<HTMLSelectElement>('dataset')];
  if (reading && menus.includes(document.activeElement as HTMLSelectElement)) heldFocus = document.activeElement as HTMLElement;
  for (const m of menus) {
    m.disabled = reading !== undefined;
    if (reading) m.title = `Waiting for ${reading} to be read`; else m.removeAttribute('title');
  }
  if (!reading && heldFocus) {
    if (document.activeElement === document.body || document.activeElement === null) heldFocus.focus();
    heldFocus = undefined;
  }
}

async function loadCsv(file: File): Promise<void> {
  try {
    checkCsvFileSize(file.size, file.name);
  } catch (e) {
    say(`Could not use ${pageMessage((e as Error).message)}`, 'error', 'csvMessage');
    return;
  }
  csvReading(file.name, file.size, true);
  const problem = settings.problem;
  const reader = await csvReader(file.name, file.size);
  if (!reader) return;
  const { id, result } = reader.readCsv(file, file.name, problem);
  const r = await result;
  if (id !== reader.lastCsvRead()) return; // a newer file, or the problem type changed meanwhile
  if (problem !== settings.problem) { await loadCsv(file); return; } // changed while the first file was read
  csvReading(file.name, file.size, false);
  if (!r.ok) { say(`Could not use ${pageMessage(r.message)}`, 'error', 'csvMessage'); return; }
  csv = { name: file.name, file, points: r.read.points };
  settings.dataset = 'csv';
  say(`Loaded ${csvNote(r.read, file.name)} (CSV data is not kept in the link.)`, 'info', 'csvMessage');
  changed('data', file.name);
}

/** What was read from a CSV: points, classes or targets, the columns used, the notes. */
function csvNote(read: CsvPoints, name: string): string {
  const { points, columns } = read;
  const kinds = points.classes ? `${points.classes.length} classes (${points.classes.map(className).join(', ')})` : 'real-valued targets';
  const notes = [decimalNote(read.decimalComma), textColumnsNote(read.textColumns), unusedColumnsNote(read.unusedColumns), droppedNote(read.droppedLines), scaleNote(read.scale)].filter((n) => n !== '').map((n) => ` ${n}`).join('');
  return `${points.x1.length} points with ${kinds} from ${name} (x1: '${columns[0]}', x2: '${columns[1]}', label: '${columns[2]}').${notes}`;
}

/** The problem type changed: the CSV is read again for it, off the main thread (or dropped when it does not fit). */
async function changeProblem(problem: Settings['problem']): Promise<void> {
  if (csv) {
    const c = csv;
    const unfit = !c.points;
    csvReading(c.name, c.file.size, true, problem);
    const reader = await csvReader(c.name, c.file.size);
    if (!reader) return;
    const { id, result } = reader.readCsv(c.file, c.name, problem);
    const r = await result;
    if (id !== reader.lastCsvRead() || csv !== c) return; // a newer file or problem type meanwhile
    csvReading(c.name, c.file.size, false);
    if (r.ok) {
      c.points = r.read.points;
      // (the message of the other type, '3 classes', would be left beside real-valued targets)
      say(unfit ? `Using the CSV again: ${csvNote(r.read, c.name)}` : `Read again for ${problem}: ${csvNote(r.read, c.name)}`, 'info', 'csvMessage');
    } else {
      // kept: switching back to the problem type it fits brings it back, as the message says
      say(`${c.name} is not used for ${problem}: ${pageMessage(r.message).replace(`${c.name}: `, '')}`, 'error', 'csvMessage');
      c.points = undefined;
    }
  }
  settings.problem = problem;
  settings.dataset = csv?.points ? 'csv' : (problem === 'classification' ? CLASSIFICATION_SETS : REGRESSION_SETS)[0];
  changed('data', `the problem type ${problem}`);
}

async function exportModel(): Promise<void> {
  if (!mirror) return;
  const net = mirror;
  // (the model file's writer is loaded with the first export: the library's Model brings its CSV reader)
  const part = await loadPart('its model export', () => import('./export-model.js'), (text) => say(text, 'error'));
  if (!part) return;
  const { modelFileJson } = part;
  let json: ModelJson;
  try {
    json = modelFileJson(net, { ...settings, features: mirrorFeatures }, data, epoch, lastLoss);
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
  say(`Exported the model at epoch ${epoch} (${net.describe()}).`);
}

async function importModel(file: File): Promise<void> {
  // (the reader and its JSON checker are loaded with the first model file)
  const part = await loadPart('its model import', () => import('./import-model.js'), (text) => say(text, 'error'));
  if (!part) return;
  const { importedSettings, modelDocument } = part;
  matchClasses = part.matchClasses;
  try {
    const doc = modelDocument(new Uint8Array(await file.arrayBuffer()), file.name);
    const imported = importedSettings(doc, file.name, settings, data);
    settings = imported.settings;
    importedModel = imported.json;
    importedName = file.name;
    updateUrl();
    showSettings();
    makeData();
    // (its classes first: they decide what every colour of the plot means)
    const notes = [matchClasses(importedModel, data).note, ...imported.notes].filter((n) => n !== undefined);
    setup();
    say(`Imported ${file.name}: ${imported.describe}${notes.length ? `; ${notes.join('; ')}` : ''}. Reset returns to these weights.`);
  } catch (e) {
    // (the library names the file first: it is named once, in front)
    const why = pageMessage((e as Error).message.replace(`${file.name}: `, ''));
    say(`Could not import ${file.name}: ${why}`, 'error');
  }
}

// ---- wiring, by area

function onSelect(id: string, apply: (v: string) => Change): void {
  $(id).addEventListener('change', (e) => changed(apply((e.target as HTMLSelectElement).value)));
}

function wireHyperparameters(): void {
  fillSelect('activation', HIDDEN_ACTIVATIONS);
  fillSelect('optimizer', OPTIMIZERS, (v) => ({ gd: 'Gradient descent', momentum: 'Momentum', rmsprop: 'RMSprop', adam: 'Adam' })[v as string]!);
  fillSelect('speed', SPEEDS, (v) => `${v} epoch${v === 1 ? '' : 's'}/frame`);
  onSelect('lr', (v) => { settings.learningRate = Number(v); return 'live'; });
  onSelect('optimizer', (v) => { settings.optimizer = v as Settings['optimizer']; return 'live'; });
  onSelect('speed', (v) => { settings.speed = Number(v); return 'live'; });
  $('activation').addEventListener('change', (e) => {
    settings.activation = (e.target as HTMLSelectElement).value as Settings['activation'];
    changed('network', `the activation ${settings.activation}`);
  });
  // the regularization applies to the weights as they are, mid-training (a change started the training again at epoch 0)
  onSelect('reg', (v) => { settings.regularization = v as Settings['regularization']; sayRegularization(); return 'live'; });
  onSelect('regRate', (v) => { settings.regRate = Number(v); sayRegularization(); return 'live'; });
  $('problem').addEventListener('change', (e) => { void changeProblem((e.target as HTMLSelectElement).value as Settings['problem']); });
}

/** A change of regularization, mid-training: the page's network follows, and the page says what it does (it keeps the weights). */
function sayRegularization(): void {
  // the page's copy of the network too: the backward tab's penalty terms and an exported model are of the new one
  mirror?.setRegularization(regularizationOf(settings));
  if (!$('forward').hidden) showForward();
  if (epoch === 0) return;
  const kind = settings.regularization === 'none' ? 'No regularization'
    : `${settings.regularization.toUpperCase()} regularization at rate ${settings.regRate}${settings.regRate === 0 ? ' (no penalty until you choose a Reg. rate)' : ''}`;
  say(`${kind} from epoch ${epoch} on: training goes on with the same weights${settings.regularization === 'none' ? '' : ' (the penalty is shown under the losses)'}.`);
}

function wireData(): void {
  $('dataset').addEventListener('change', (e) => {
    const sel = e.target as HTMLSelectElement;
    settings.dataset = sel.value;
    changed('data', `the dataset ${sel.selectedOptions[0]?.text ?? sel.value}`);
  });
  const slider = (id: string, out: string, apply: (v: number) => [Change, string?]) => {
    const input = $<HTMLInputElement>(id);
    input.addEventListener('input', () => { $(out).textContent = input.value; });
    input.addEventListener('change', () => changed(...apply(Number(input.value))));
  };
  slider('noise', 'noiseOut', (v) => { settings.noise = v; return ['data', `noise ${v}`]; });
  slider('ratio', 'ratioOut', (v) => { settings.trainRatio = v; return ['data', `${v}% training data`]; });
  slider('batch', 'batchOut', (v) => { settings.batchSize = v; return ['live']; });
  $('batch').addEventListener('input', (e) => { $('batchOut').textContent = batchText(Number((e.target as HTMLInputElement).value), data.trainIdx.length); });
  $('regenerate').addEventListener('click', () => {
    settings.dataSeed = Math.floor(Math.random() * 100000);
    if (settings.dataset === 'csv') say('A CSV is fixed data: regenerating only reshuffles the training/test split.', 'info', 'csvMessage');
    changed('data', 'Regenerate');
  });
  onFile('csvFile', loadCsv);
}

function wireNetwork(): void {
  const seed = $<HTMLInputElement>('seed');
  seed.addEventListener('change', () => {
    const typed = typedWholeNumber(seed, 0, MAX_SEED);
    if ('problem' in typed) {
      putBack(seed, String(settings.seed));
      say(`The weight seed ${typed.problem}, so the seed stays ${settings.seed}.`, 'error');
      return;
    }
    const n = typed.value;
    settings.seed = n;
    changed('network', `weight seed ${n}`);
  });
  $('addLayer').addEventListener('click', () => {
    if (settings.hidden.length >= MAX_LAYERS) return;
    settings.hidden.push(settings.hidden[settings.hidden.length - 1] ?? 2);
    changed('network', 'a hidden layer more');
  });
  $('removeLayer').addEventListener('click', () => {
    if (settings.hidden.length === 0) return;
    settings.hidden.pop();
    changed('network', 'a hidden layer less');
  });
  $('newSeed').addEventListener('click', () => { settings.seed = Math.floor(Math.random() * 100000); changed('network', `a new weight seed (${settings.seed})`); });
}

function wireRun(): void {
  $('play').addEventListener('click', () => { showNote('diverged', '', ''); togglePlay(); });
  $('step').addEventListener('click', () => { playing = false; showPlaying(); showNote('diverged', '', ''); send({ type: 'step' }); });
  $('reset').addEventListener('click', () => { playing = false; handEdited = false; showPlaying(); say(''); showNote('diverged', '', ''); send({ type: 'reset' }); });
  // keyboard shortcuts, unless the user is typing or on a control that uses the key
  document.addEventListener('keydown', (e) => {
    const t = e.target as HTMLElement;
    if (e.ctrlKey || e.metaKey || e.altKey || t.closest('input, select, textarea, [role=dialog]')) return;
    if (e.key === ' ') {
      if (t.closest('button, [role=button], a, summary')) return; // space presses the focused button (or opens the focused details)
      e.preventDefault();
      togglePlay();
    }
    else if (e.key === 's') $('step').click();
    else if (e.key === 'r') $('reset').click();
  });
}

function wireOutput(): void {
  $('showTest').addEventListener('change', (e) => {
    settings.showTest = (e.target as HTMLInputElement).checked;
    outputView.setShowTest(settings.showTest);
    changed('view');
  });
  $('discretize').addEventListener('change', (e) => {
    settings.discretize = (e.target as HTMLInputElement).checked;
    changed('live');
  });
  $('inspect').addEventListener('click', () => {
    const set = $<HTMLSelectElement>('exampleSet').value as 'train' | 'test';
    const n = (set === 'train' ? data.trainIdx : data.testIdx).length;
    const field = $<HTMLInputElement>('exampleIndex');
    const typed = typedWholeNumber(field, 1, n);
    if ('problem' in typed) {
      say(`The example to inspect ${typed.problem} (the ${set === 'train' ? 'training' : 'test'} set has ${n}).`, 'error');
      // (what a refused comma left, '5' of ',5', is not left in the field as if it were the example: the one shown goes back)
      if (typedText(field) !== field.value) putBack(field, String((selection?.i ?? 0) + 1));
      return;
    }
    const i = typed.value - 1;
    if (set === 'test' && !settings.showTest) { settings.showTest = true; outputView.setShowTest(true); changed('view'); }
    if ($('message').textContent?.startsWith('The example to inspect')) say(''); // not left beside the example it now shows
    selectExample({ set, i });
    $('forwardText').focus();
  });
  // Enter in the example's field shows it, as the button beside it does (it did nothing)
  $('exampleIndex').addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); $('inspect').click(); } });
  $('tabForward').addEventListener('click', () => showPassTab(false));
  $('tabBackward').addEventListener('click', () => showPassTab(true));
  $('tabForward').parentElement!.addEventListener('keydown', (e) => {
    if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) return;
    e.preventDefault();
    const backward = e.key === 'End' || (e.key !== 'Home' && $('tabForward').getAttribute('aria-selected') === 'true');
    showPassTab(backward);
    $(backward ? 'tabBackward' : 'tabForward').focus();
  });
  $('allColumns').addEventListener('click', () => { allColumns = !allColumns; showForward(); });
  // the forward pass is written for the width of its box: again when that changes (a phone turned, a window resized)
  let chars = 0;
  new ResizeObserver(() => {
    const now = charsPerLine($('forwardText'));
    if (now !== chars) { chars = now; showForward(); }
  }).observe($('forwardText'));
  $('closeForward').addEventListener('click', closeForward);
  // Escape in the panel closes it too (the × is its last way out)
  $('forward').addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.preventDefault(); closeForward(); } });
}

/** Close the forward pass; a keyboard user's focus goes back where the panel was opened (it fell to the page's body). */
function closeForward(): void {
  const hadFocus = $('forward').contains(document.activeElement);
  $('forward').hidden = true;
  selection = undefined;
  outputView.select(undefined);
  $('pointReadout').textContent = '';
  if (hadFocus) (forwardFrom?.isConnected ? forwardFrom : $('inspect')).focus();
}

function onFile(id: string, use: (file: File) => Promise<void>): void {
  $(id).addEventListener('change', (e) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (file) void use(file);
    (e.target as HTMLInputElement).value = '';
  });
}

/** What a copy of the link reproduces: everything, or the settings without the file or the hand-set weights it cannot carry. */
function linkNote(): string {
  const missing = [
    ...(importedModel ? [`the weights of ${importedName} (import it again)`] : []),
    ...(settings.dataset === 'csv' ? [`the data of ${csv?.name ?? 'the CSV'} (load it again)`] : []),
    ...(handEdited ? ['the weights set by hand'] : []),
  ];
  return missing.length === 0
    ? 'it reproduces this run (settings, data seed, weight seed).'
    : `it holds the settings and seeds but not ${missing.join(', nor ')}.`;
}

/**
 * Where the page is not cross-origin isolated (a plain static server: no COOP/COEP headers), it says
 * so: the library's threaded kernels need SharedArrayBuffer, so its WebAssembly runs on one thread
 * (the speed check's threads row said it only after Measure, inside a closed panel).
 */
function sayIsolation(): void {
  const el = $('isolation');
  el.hidden = crossOriginIsolated;
  el.textContent = crossOriginIsolated ? '' : 'One thread: this page is not cross-origin isolated (its server sends no Cross-Origin-Opener-Policy and -Embedder-Policy headers), so the WebAssembly kernels cannot use threads here; backprop playground serves it with them.';
}

function wireFiles(): void {
  $('export').addEventListener('click', () => { void exportModel(); });
  onFile('importFile', importModel);
  const given = { model: (file: File) => { void importModel(file); }, csv: (file: File) => { void loadCsv(file); } };
  takeDroppedFiles(document, given);
  takePastedData(document, given);
  $('measureSpeed').addEventListener('click', measureSpeed);
  sayIsolation();
  $('copyLink').addEventListener('click', async () => {
    const note = linkNote();
    try { await navigator.clipboard.writeText(location.href); say(`Link copied: ${note}`); }
    catch { say(`Copy this link (${note.replace(/\.$/, '')}): ${location.href}`); }
  });
  $<HTMLAnchorElement>('costsCsv').addEventListener('click', (e) => {
    const a = e.currentTarget as HTMLAnchorElement;
    a.href = URL.createObjectURL(new Blob([chart.csv()], { type: 'text/csv' }));
    const { every, latest } = chart.history;
    if (every > 1) say(`costs.csv holds the exact costs of every ${ordinal(every)} epoch and of the last (epoch ${latest?.epoch}): the page keeps up to ${MAX_KEPT_EPOCHS.toLocaleString('en')} epochs of a run's costs.`);
  });
}

/**
 * A select or text field inside its label is named by the label's own words: its accessible name was
 * the label's whole text with the control's value ("Learning rate 0.03"; the sweep's "Setting" select
 * answered to "Learning rate" too).
 */
function nameWrappedControls(): void {
  for (const label of Array.from(document.querySelectorAll('label'))) {
    const control = label.querySelector('select, input:not([type=checkbox]):not([type=file])');
    const words = Array.from(label.childNodes).filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join(' ').replace(/\s+/g, ' ').trim();
    if (control && words) control.setAttribute('aria-label', words);
  }
}

/** The colour scheme: the page's CSS follows it by itself; the canvases (here and the worker's heat maps) are told. */
function followColourScheme(): void {
  const query = matchMedia('(prefers-color-scheme: dark)');
  const apply = (redraw: boolean) => {
    setDark(query.matches);
    document.documentElement.dataset.theme = query.matches ? 'dark' : 'light';
    send({ type: 'theme', dark: query.matches });
    if (!redraw) return; // (at the start the first frame draws them: the cost curve's first drawing took 50 ms of the start's first task)
    chart.draw();
    outputView.themeChanged();
  };
  apply(false);
  query.addEventListener('change', () => apply(true));
}

/**
 * At phone widths the output (losses, boundary) comes right below the Play button. It is moved there in
 * the page's order, not by CSS (a CSS order moved it on screen only: Tab went through the data and the
 * network first, and a screen reader read it last).
 */
function outputFirstOnPhones(): void {
  const narrow = matchMedia('(max-width: 640px)');
  const output = $('output'), data = document.querySelector('.panel.data')!, network = document.querySelector('.panel.network')!;
  const place = () => { if (narrow.matches) data.before(output); else network.after(output); };
  place();
  narrow.addEventListener('change', place);
}

/** The next task of the main thread: the page's start is cut in tasks so that none holds it long (one task of 90-120 ms). */
const nextTask = () => new Promise<void>((resolve) => { setTimeout(resolve, 0); });

/**
 * The page's start, in three tasks: the controls; the data, sent to the worker (which starts on it);
 * the data drawn. performance.mark names each step (playground:controls, :data, :drawn).
 */
async function start(): Promise<void> {
  followColourScheme();
  outputFirstOnPhones();
  nameWrappedControls();
  // (said beside the field: the sweep's status for the sweep's fields)
  refuseCommasInNumbers(document, (text, field) => say(text, 'error', field.closest('#sweepPanel') ? 'sweepStatus' : 'message'));
  wireHyperparameters();
  wireData();
  wireNetwork();
  wireRun();
  wireOutput();
  wireFiles();
  // a user who reaches the sweep's form before it loaded: it loads now (its form is empty until then)
  for (const type of ['focusin', 'pointerdown']) $('sweepPanel').addEventListener(type, () => { void loadSweep(); }, { once: true });
  showSettings();
  performance.mark('playground:controls');
  await nextTask();
  computeData();
  setup();
  performance.mark('playground:data');
  await nextTask();
  showData();
  performance.mark('playground:drawn');
  await nextTask();
  await loadSweep();
}

void start();
if (ignoredInLink.length > 0) {
  // the link shows the settings in use, so that a copy of it reproduces this run
  updateUrl();
  // beside the losses, in sight when the page opens (a teacher's link edited by hand), not under the file buttons
  const n = ignoredInLink.length;
  showNote('linkNote', `The link has ${n} value${n === 1 ? '' : 's'} the page cannot use`, ignoredNote(ignoredInLink));
}
