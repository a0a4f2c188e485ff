// The training worker: holds the page's Trainer, trains epoch by epoch, and sends the page one
// frame (losses, weights, heat maps) per animation frame it painted.

import { Matrix, type Network, type NetworkOptions } from '../../src/index.js';
import { featureMatrix } from './features.js';
import { CLASS_COLORS, paintClasses, paintDiverging, paintIntensity, setDark } from './colors.js';
import { NODE_GRID, OUTPUT_GRID, type Frame, type FromWorker, type ToWorker, type UnitRef } from './protocol.js';
import type { Settings } from './settings.js';
import { Trainer } from './trainer.js';

let trainer: Trainer;
let nodeGrid: Matrix, outputGrid: Matrix;
let playing = false;
let looping = false;
/** Play stops after this epoch (a sweep's cell trained again in the page). */
let stopAt: number | undefined;
let hovered: UnitRef | undefined;
let pendingReset: Frame['reset'];
let trainLosses: number[] = [], testLosses: number[] = [];
let ackWaiter: (() => void) | undefined;
let awaitingAck = false;
let frameWanted = false;

const post = (msg: FromWorker, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(msg, transfer);

/** Points of a G x G grid over [-d, d]^2, row by row from the top (x2 = d) to the bottom. */
function grid(G: number, d: number, settings: Settings): Matrix {
  const x1 = new Float64Array(G * G), x2 = new Float64Array(G * G);
  for (let i = 0; i < G; i++) {
    for (let j = 0; j < G; j++) {
      x1[i * G + j] = -d + ((j + 0.5) * 2 * d) / G;
      x2[i * G + j] = d - ((i + 0.5) * 2 * d) / G;
    }
  }
  return featureMatrix(settings.features, x1, x2);
}

function reset(): void {
  trainer.reset();
  trainLosses = []; testLosses = [];
  pendingReset = { network: networkShape(trainer.net), features: [...trainer.settings.features] };
}

function trainEpoch(): boolean {
  const error = trainer.trainEpoch();
  if (error) {
    playing = false;
    post({ type: 'error', message: error, ...(trainer.divergenceGist ? { gist: trainer.divergenceGist } : {}) });
    return false;
  }
  trainLosses.push(trainer.losses.train);
  testLosses.push(trainer.losses.test);
  return true;
}

/** RGBA image of every unit of layer l (G^2 pixels each) from the forward cache A[l]. */
function paintLayer(l: number, n2: number): Uint8ClampedArray {
  const { net } = trainer;
  const Al = net.cache.A[l]!;
  const act = l === 0 ? undefined : net.layers[l - 1]!.activation.name;
  const img = new Uint8ClampedArray(Al.rows * n2 * 4);
  for (let u = 0; u < Al.rows; u++) {
    if (act === 'softmax') { // unit u is the probability of class u: shown in that class's colour
      paintIntensity(Al.data, u * n2, n2, CLASS_COLORS[u % CLASS_COLORS.length]!, img, u * n2 * 4);
      continue;
    }
    let maxAbs = 0;
    for (let k = 0; k < n2; k++) maxAbs = Math.max(maxAbs, Math.abs(Al.data[u * n2 + k]!));
    // sigmoid outputs live in [0, 1]; others are scaled into [-1, 1] when larger
    const scale = act === 'sigmoid' ? (v: number) => 2 * v - 1 : (v: number) => v / Math.max(1, maxAbs);
    paintDiverging(Al.data, u * n2, n2, scale, img, u * n2 * 4);
  }
  return img;
}

/** The output heat map (or, while the user hovers a unit, that unit's map) over the large grid. */
function outputImage(): Uint8ClampedArray {
  const { net, data, settings } = trainer;
  const g2 = OUTPUT_GRID * OUTPUT_GRID;
  const out = net.forward(outputGrid);
  if (hovered && hovered.layer >= 0 && hovered.layer <= net.depth && hovered.unit < net.cache.A[hovered.layer]!.rows) {
    return paintLayer(hovered.layer, g2).slice(hovered.unit * g2 * 4, (hovered.unit + 1) * g2 * 4);
  }
  const image = new Uint8ClampedArray(g2 * 4);
  const disc = settings.discretize;
  if (data.task === 'binary') paintDiverging(out.data, 0, g2, disc ? (v) => (v >= 0.5 ? 1 : -1) : (v) => 2 * v - 1, image, 0);
  else if (data.task === 'multiclass') paintClasses(out.data, out.rows, g2, image, disc);
  else paintDiverging(out.data, 0, g2, disc ? (v) => Math.sign(v) : (v) => v / data.yScale, image, 0);
  return image;
}

function sendFrame(): void {
  const { net } = trainer;
  net.forward(nodeGrid); // every unit's output over the small grid: the forward cache holds A[0..L]
  const nodeImages: Uint8ClampedArray[] = [];
  for (let l = 0; l <= net.depth; l++) nodeImages.push(paintLayer(l, NODE_GRID * NODE_GRID));
  const image = outputImage();
  const weights = net.layers.map((layer) => ({ W: Float64Array.from(layer.W.data), b: Float64Array.from(layer.b.data) }));
  const frame: Frame = {
    type: 'frame',
    ...(pendingReset ? { reset: pendingReset } : {}),
    epoch: trainer.epoch,
    trainLosses, testLosses,
    trainLoss: trainer.losses.train, testLoss: trainer.losses.test, penalty: trainer.losses.penalty,
    trainAccuracy: trainer.accuracyOn(trainer.train), testAccuracy: trainer.accuracyOn(trainer.test),
    weights, nodeImages, outputImage: image,
    ...(trainer.optimizer.name !== 'gd' && trainer.optimizer.getState ? { optimizer: trainer.optimizer.getState() } : {}),
    shuffle: net.rng.getState(),
    ...(hovered ? { showing: hovered } : {}),
    oscillation: trainer.oscillation,
    oscillationGist: trainer.oscillationGist,
    plateau: trainer.plateau,
    plateauGist: trainer.plateauGist,
    ...(trainer.deadUnits ? { deadUnits: trainer.deadUnits } : {}),
    playing,
  };
  pendingReset = undefined;
  trainLosses = []; testLosses = [];
  awaitingAck = true;
  frameWanted = false;
  post(frame, [...nodeImages.map((i) => i.buffer), image.buffer, ...weights.flatMap((w) => [w.W.buffer, w.b.buffer])]);
}

const nextAck = () => new Promise<void>((resolve) => {
  if (!awaitingAck) resolve();
  else ackWaiter = resolve;
});

/** While playing: train `speed` epochs (not past stopAt), send a frame, wait until the page painted it. */
async function loop(): Promise<void> {
  if (looping) return;
  looping = true;
  while (playing) {
    await nextAck();
    if (!playing) break;
    for (let k = 0; k < trainer.settings.speed && playing; k++) {
      if (stopAt !== undefined && trainer.epoch >= stopAt) { playing = false; stopAt = undefined; break; }
      if (!trainEpoch()) break;
    }
    if (stopAt !== undefined && trainer.epoch >= stopAt) { playing = false; stopAt = undefined; }
    sendFrame();
  }
  looping = false;
  requestFrame();
}

/** Outside the play loop: send a frame now, or as soon as the page painted the last one. */
function requestFrame(): void {
  if (looping) return;
  if (awaitingAck) frameWanted = true;
  else sendFrame();
}

function setup(settings: Settings, msg: Extract<ToWorker, { type: 'setup' }>): void {
  playing = false;
  stopAt = undefined;
  trainer = new Trainer(settings, msg.data, msg.model);
  nodeGrid = grid(NODE_GRID, msg.data.domain, settings);
  outputGrid = grid(OUTPUT_GRID, msg.data.domain, settings);
  trainLosses = []; testLosses = [];
  pendingReset = { network: networkShape(trainer.net), features: [...trainer.settings.features] };
}

/** The network's shape and penalty, for the page's copy (its weights come with every frame). */
function networkShape(net: Network): Omit<NetworkOptions, 'warn'> {
  return {
    inputSize: net.inputSize, dtype: net.dtype, loss: net.loss.name, init: 'zeros', ...net.regularization,
    layers: net.layers.map((l) => ({ units: l.units, activation: l.activationSpec, keepProb: l.keepProb })),
  };
}

function setWeight(msg: Extract<ToWorker, { type: 'setWeight' }>): void {
  const layer = trainer.net.layers[msg.layer - 1];
  if (!layer) return;
  if (msg.col < 0) layer.b.data[msg.row] = msg.value;
  else layer.W.data[msg.row * layer.W.cols + msg.col] = msg.value;
  trainer.weightEdited();
}

/** The run the user left: its weights (when their shapes are the network's), epoch and costs. */
function restore(msg: Extract<ToWorker, { type: 'restore' }>): void {
  const { layers } = trainer.net;
  // (through the library's check: finite numbers of the layers' shapes; a typed array's set made a null 0 and an 'x' NaN)
  try { trainer.net.setWeights(msg.weights); } catch { return; }
  // the optimizer's moving averages too, when they were kept (and are of this optimizer and these layers)
  if (msg.optimizer?.optimizer === trainer.optimizer.name) {
    try { trainer.optimizer.setState?.(msg.optimizer, layers); } catch { /* (they start from zero, as for a run kept without them) */ }
  }
  // and the random stream that shuffles the mini-batches, so that the next epoch's batches are those the run would have had
  if (msg.shuffle) {
    try { trainer.net.rng.setState(msg.shuffle); } catch { /* (a damaged state: the stream of the seed, as for a run kept without it) */ }
  }
  trainer.epoch = msg.epoch;
  trainer.weightEdited();
  trainLosses = Array.isArray(msg.trainLosses) ? [...msg.trainLosses] : [];
  testLosses = Array.isArray(msg.testLosses) ? [...msg.testLosses] : [];
}

function acknowledged(): void {
  awaitingAck = false;
  const waiter = ackWaiter;
  ackWaiter = undefined;
  if (waiter) waiter();
  else if (frameWanted) requestFrame();
}

self.onmessage = (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  switch (msg.type) {
    case 'setup': setup(msg.settings, msg); requestFrame(); break;
    case 'settings': {
      const redraw = msg.settings.discretize !== trainer.settings.discretize ||
        msg.settings.regularization !== trainer.settings.regularization || msg.settings.regRate !== trainer.settings.regRate; // (the losses change)
      const warned = trainer.oscillation + trainer.plateau;
      trainer.update(msg.settings);
      if (redraw || trainer.oscillation + trainer.plateau !== warned) requestFrame(); // (a new learning rate takes the warnings away)
      break;
    }
    case 'play': playing = true; stopAt = msg.until; void loop(); break;
    case 'pause': playing = false; stopAt = undefined; requestFrame(); break;
    case 'step': playing = false; if (!looping) { trainEpoch(); requestFrame(); } break;
    case 'reset': playing = false; stopAt = undefined; reset(); requestFrame(); break;
    case 'setWeight': setWeight(msg); requestFrame(); break;
    case 'hover': hovered = msg.unit; requestFrame(); break;
    case 'theme': setDark(msg.dark); if (trainer) requestFrame(); break;
    case 'restore': playing = false; restore(msg); requestFrame(); break;
    case 'ack': acknowledged(); break;
  }
};
