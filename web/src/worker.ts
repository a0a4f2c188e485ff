// The training worker: holds the network, trains it epoch by epoch with the library's fit,
// and sends the page one frame (costs, weights, heat maps) per animation frame it painted.

import { Model, accuracy, createOptimizer, fit, labelsOf, modelFromJson, modelToJson, predictClasses, DivergenceError, Matrix, type ModelJson, type Network, type Optimizer } from '../../src/index.js';
import { buildNetwork } from './model.js';
import { featureMatrix } from './features.js';
import { CLASS_COLORS, paintClasses, paintDiverging, paintIntensity } from './colors.js';
import { NODE_GRID, OUTPUT_GRID, type Frame, type FromWorker, type ToWorker } from './protocol.js';
import type { Settings } from './settings.js';
import type { PlayData } from './data.js';

interface Sets { X: Matrix; Y: Matrix; }

let settings: Settings;
let data: PlayData;
let net: Network;
let optimizer: Optimizer;
let train: Sets, test: Sets | undefined;
let nodeGrid: Matrix, outputGrid: Matrix;
let epoch = 0;
let playing = false;
let looping = false;
let pendingReset: Frame['reset'];
let trainLosses: number[] = [], testLosses: number[] = [];
let lastTrain = NaN, lastTest = NaN;
/** The training cost of the network as set up: what divergence is measured against. */
let firstCost: number | undefined;
let ackWaiter: (() => void) | undefined;
let awaitingAck = false;
let frameWanted = false;
let initialModel: ModelJson | undefined;

const post = (msg: FromWorker, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(msg, transfer);

/** Points of a G x G grid over [-d, d]^2, row by row from the top (x2 = d) to the bottom. */
function grid(G: number, d: number): Matrix {
  const x1 = new Float64Array(G * G), x2 = new Float64Array(G * G);
  for (let i = 0; i < G; i++) {
    for (let j = 0; j < G; j++) {
      x1[i * G + j] = -d + ((j + 0.5) * 2 * d) / G;
      x2[i * G + j] = d - ((i + 0.5) * 2 * d) / G;
    }
  }
  return featureMatrix(settings.features, x1, x2);
}

function setup(s: Settings, d: PlayData, model?: ModelJson): void {
  settings = s;
  data = d;
  initialModel = model;
  const yRow = (idx: Int32Array) => {
    const Y = new Matrix(1, idx.length, undefined, 'float64'); // 1 x m: class index or target
    idx.forEach((j, c) => { Y.data[c] = d.y[j]!; });
    return Y;
  };
  train = { X: featureMatrix(s.features, d.x1, d.x2, d.trainIdx), Y: yRow(d.trainIdx) };
  test = d.testIdx.length > 0 ? { X: featureMatrix(s.features, d.x1, d.x2, d.testIdx), Y: yRow(d.testIdx) } : undefined;
  nodeGrid = grid(NODE_GRID, d.domain);
  outputGrid = grid(OUTPUT_GRID, d.domain);
  reset();
}

function reset(): void {
  net = initialModel ? modelFromJson(initialModel, 'imported model').net : buildNetwork(settings, data);
  optimizer = createOptimizer(settings.optimizer);
  epoch = 0;
  trainLosses = []; testLosses = [];
  measure();
  firstCost = lastTrain;
  pendingReset = { model: modelToJson(Model.fromNetwork(net)) };
}

function measure(): void {
  lastTrain = net.evaluateCost(train.X, train.Y);
  lastTest = test ? net.evaluateCost(test.X, test.Y) : NaN;
}

function accuracyOn(set: Sets): number {
  if (data.task === 'regression') return NaN;
  return accuracy(labelsOf(set.Y), predictClasses(net, set.X));
}

/** One epoch of mini-batch training (fit for one epoch, so the run does not depend on the frame rate). */
function trainEpoch(): boolean {
  try {
    fit(net, train.X, train.Y, {
      epochs: 1,
      batchSize: Math.min(settings.batchSize, train.X.cols),
      learningRate: settings.learningRate,
      optimizer,
      shuffle: true,
      divergenceBaseline: firstCost, // the cost of the fresh network, not of this epoch's start
    });
  } catch (e) {
    playing = false;
    // (fit runs one epoch per call here, so the epoch is counted on this side; the cause is fit's)
    const cause = e instanceof DivergenceError ? /\): (.*?); try /.exec(e.message)?.[1] ?? 'the cost became infinite or NaN' : '';
    const msg = e instanceof DivergenceError
      ? `Training diverged at epoch ${epoch + 1}: ${cause}. Try a smaller learning rate than ${settings.learningRate} (the last sound weights are kept).`
      : `Training stopped: ${(e as Error).message}`;
    post({ type: 'error', message: msg });
    return false;
  }
  epoch++;
  measure();
  trainLosses.push(lastTrain);
  testLosses.push(lastTest);
  return true;
}

function sendFrame(): void {
  const L = net.depth;
  // every unit's output over the small grid: the forward cache holds A[0..L]
  net.forward(nodeGrid);
  const { A } = net.cache;
  const n2 = NODE_GRID * NODE_GRID;
  const nodeImages: Uint8ClampedArray[] = [];
  for (let l = 0; l <= L; l++) {
    const Al = A[l]!;
    const act = l === 0 ? undefined : net.layers[l - 1]!.activation.name;
    const img = new Uint8ClampedArray(Al.rows * n2 * 4);
    for (let u = 0; u < Al.rows; u++) {
      let maxAbs = 0;
      for (let k = 0; k < n2; k++) maxAbs = Math.max(maxAbs, Math.abs(Al.data[u * n2 + k]!));
      // sigmoid outputs live in [0, 1]; others are scaled into [-1, 1] when larger
      if (act === 'softmax') { // unit u is the probability of class u: shown in that class's colour
        paintIntensity(Al.data, u * n2, n2, CLASS_COLORS[u % CLASS_COLORS.length]!, img, u * n2 * 4);
        continue;
      }
      const scale = act === 'sigmoid' ? (v: number) => 2 * v - 1 : (v: number) => v / Math.max(1, maxAbs);
      paintDiverging(Al.data, u * n2, n2, scale, img, u * n2 * 4);
    }
    nodeImages.push(img);
  }
  const out = net.forward(outputGrid);
  const g2 = OUTPUT_GRID * OUTPUT_GRID;
  const outputImage = new Uint8ClampedArray(g2 * 4);
  if (data.task === 'binary') paintDiverging(out.data, 0, g2, (v) => 2 * v - 1, outputImage, 0);
  else if (data.task === 'multiclass') paintClasses(out.data, out.rows, g2, outputImage);
  else paintDiverging(out.data, 0, g2, (v) => v / data.yScale, outputImage, 0);

  const weights = net.layers.map((layer) => ({ W: Float64Array.from(layer.W.data), b: Float64Array.from(layer.b.data) }));
  const frame: Frame = {
    type: 'frame',
    ...(pendingReset ? { reset: pendingReset } : {}),
    epoch,
    trainLosses, testLosses,
    trainLoss: lastTrain, testLoss: lastTest,
    trainAccuracy: accuracyOn(train), testAccuracy: test ? accuracyOn(test) : NaN,
    weights, nodeImages, outputImage,
  };
  pendingReset = undefined;
  trainLosses = []; testLosses = [];
  awaitingAck = true;
  frameWanted = false;
  post(frame, [...nodeImages.map((i) => i.buffer), outputImage.buffer, ...weights.flatMap((w) => [w.W.buffer, w.b.buffer])]);
}

const nextAck = () => new Promise<void>((resolve) => {
  if (!awaitingAck) resolve();
  else ackWaiter = resolve;
});

/** While playing: train `speed` epochs, send a frame, wait until the page painted it. */
async function loop(): Promise<void> {
  if (looping) return;
  looping = true;
  while (playing) {
    await nextAck();
    if (!playing) break;
    for (let k = 0; k < settings.speed && playing; k++) {
      if (!trainEpoch()) break;
    }
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

self.onmessage = (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  switch (msg.type) {
    case 'setup':
      playing = false;
      setup(msg.settings, msg.data, msg.model);
      requestFrame();
      break;
    case 'settings': {
      const optChanged = msg.settings.optimizer !== settings.optimizer;
      settings = msg.settings;
      if (optChanged) optimizer = createOptimizer(settings.optimizer);
      break;
    }
    case 'play':
      playing = true;
      void loop();
      break;
    case 'pause':
      playing = false;
      requestFrame();
      break;
    case 'step':
      playing = false;
      if (!looping) { trainEpoch(); requestFrame(); }
      break;
    case 'reset':
      playing = false;
      reset();
      requestFrame();
      break;
    case 'setWeight': {
      const layer = net.layers[msg.layer - 1];
      if (!layer) break;
      if (msg.col < 0) layer.b.data[msg.row] = msg.value;
      else layer.W.data[msg.row * layer.W.cols + msg.col] = msg.value;
      measure();
      firstCost = Math.max(firstCost ?? lastTrain, lastTrain); // a weight set by hand may raise the cost; that is not divergence
      requestFrame();
      break;
    }
    case 'ack': {
      awaitingAck = false;
      const waiter = ackWaiter;
      ackWaiter = undefined;
      if (waiter) waiter();
      else if (frameWanted) requestFrame();
      break;
    }
  }
};
