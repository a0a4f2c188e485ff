// `backprop inspect`: what a model file holds (layers, shapes, parameter counts, preprocessing,
// training), its weights on request, and the forward pass of one example written out in the course
// notation: z[l] = W[l]·a[l-1] + b[l], a[l] = g[l](z[l]); with --backward, the backward pass of one
// example or a small batch (dZ, dW, db, dA of every layer, the loss, one gradient-descent step).

import type { Command } from 'commander';
import { loadModel } from '../../io/model-file.js';
import { OptionError } from '../../errors.js';
import { parseIntOption, parseNumberOption, checkOutputPath, refuseStdout, withoutEffect } from '../options.js';
import { printWarning } from '../errors.js';
import { checkChartTarget, writeChart } from '../../plot/render.js';
import { decisionBoundarySpec } from '../../plot/decision-boundary.js';
import { labelsOf } from '../../train/predict.js';
import { networkInput, targetScales } from '../../model/preprocessing.js';
import { backwardTrace } from '../../nn/backward-trace.js';
import { backwardReport } from '../../nn/backward-report.js';
import { takesAlpha } from '../../nn/activations.js';
import { dataOptions, readDataOptions, typedDataOptions, warnUnused } from '../data-options.js';
import { loadLikeModel, checkFits } from '../pipeline.js';
import type { Model } from '../../model/model.js';
import type { Network } from '../../nn/network.js';
import type { Dataset } from '../../data/synthetic.js';
import { formatNumber as fmt, numberText } from '../../util/number-text.js';
import { defaultLabelNames } from '../../model/multilabel.js';
import { showPath } from '../../io/path-text.js';
import { checkSchedule, scheduleText, type Schedule } from '../../optim/schedules.js';

/** [v1, v2, ...] with long vectors shortened to their first 8 and last 2 entries. */
function vector(values: ArrayLike<number>): string {
  const a = Array.from(values);
  const shown = a.length > 12 ? [...a.slice(0, 8).map(fmt), `... (${a.length - 10} more)`, ...a.slice(-2).map(fmt)] : a.map(fmt);
  return `[${shown.join(', ')}]`;
}

export function register(program: Command): void {
  const cmd = program
    .command('inspect')
    .description('show a model: layers, shapes, parameters, preprocessing; with --data, the forward pass of one example in the course notation')
    .requiredOption('--model <file>', 'a backprop model file (JSON)')
    .option('--weights', 'print every W[l] and b[l]')
    .option('--data <file>', 'data to take the example from (read the way the training data was)')
    .option('--example <n>', 'which example of --data (1-based; with --examples, the first of them)', '1')
    .option('--backward', 'also the backward pass: dZ, dW, db, dA of every layer with their equations and finite-difference checks, the loss, and one gradient-descent step')
    .option('--examples <n>', 'with --backward: a batch of this many examples from --example on (at most 64)', '1')
    .option('--lr <alpha>', 'with --backward: the learning rate α of the step shown (default: the rate a model trained by gradient descent was trained with, else 0.01)')
    .option('--plot-boundary <file>', 'the decision boundary of the model as it is (hand-written, untrained or trained) with the points of --data (2-D), .svg or .png');
  dataOptions(cmd).action(async (o) => {
    withoutEffect(cmd, [
      { key: 'example', applies: o.data !== undefined, why: 'it picks an example of --data, which is not given' },
      { key: 'examples', applies: o.backward === true, why: 'it is the batch of --backward, which is not given' },
      { key: 'lr', applies: o.backward === true, why: 'it is the step of --backward, which is not given' },
    ]).forEach(printWarning);
    if (o.data === undefined) warnUnused(typedDataOptions(cmd), 'they say how to read --data, which is not given');
    await runInspect(o, cmd);
  });
}

export interface InspectCommandOptions {
  model: string;
  weights?: boolean;
  data?: string;
  example?: string;
  backward?: boolean;
  examples?: string;
  lr?: string;
  plotBoundary?: string;
  [dataOption: string]: string | boolean | undefined;
}

/** Every option by itself, before the model or the data is read (a bad --examples was said after reading both). */
function readInspectOptions(o: InspectCommandOptions): { example: number; count: number; alpha: number | undefined } {
  if (o.backward && !o.data) throw new OptionError('--backward needs --data with labelled examples');
  if (o.plotBoundary !== undefined) {
    if (!o.data) throw new OptionError('--plot-boundary needs --data: the points to draw under the boundary');
    refuseStdout(o.plotBoundary, '--plot-boundary', 'a chart: its format comes from its name, .svg or .png');
    if (!/\.(svg|png)$/i.test(o.plotBoundary)) throw new OptionError(`--plot-boundary: the file must end in .svg or .png, got '${o.plotBoundary}'`);
    checkOutputPath(o.plotBoundary, '--plot-boundary', { inputs: [o.model, o.data], replace: checkChartTarget });
  }
  const example = parseIntOption(o.example ?? '1', '--example', 1);
  const count = parseIntOption(o.examples ?? '1', '--examples', 1, 64);
  const alpha = o.lr === undefined ? undefined : parseNumberOption(o.lr, '--lr', { positive: true });
  if (o.data) readDataOptions(o);
  return { example, count, alpha };
}

export async function runInspect(o: InspectCommandOptions, cmd?: Command): Promise<void> {
  const { alpha } = readInspectOptions(o);
  const model = await loadModel(o.model);
  const out = summary(o.model, model);
  if (o.weights) out.push(...weights(model.network));
  if (o.data) {
    const { data, j, count } = await examplesOf(o, model, cmd);
    out.push(...forwardPass(model, data, j, o.data));
    if (o.plotBoundary) out.push('', await plotBoundary(model, data, o.plotBoundary, o.model));
    if (o.backward) {
      const X = model.input(data.X.sliceColumns(j, j + count)), Y = data.Y.sliceColumns(j, j + count);
      const step = stepRate(model, alpha);
      const trace = backwardTrace(model.network, X, Y, { learningRate: step.alpha });
      out.push(...backwardReport(trace, model.network.loss.name, `${count === 1 ? `example ${j + 1}` : `examples ${j + 1}..${j + count}`} of ${o.data}`, model.network.outputSize, step.from));
    }
  }
  process.stdout.write(out.join('\n') + '\n');
}

/** α of the step shown: --lr, else the rate of a model trained by plain gradient descent (the step it took), else 0.01. */
function stepRate(model: Model, typed: number | undefined): { alpha: number; from?: string } {
  if (typed !== undefined) return { alpha: typed };
  const { optimizer, learningRate } = model.training;
  if ((optimizer === undefined || optimizer === 'gd') && typeof learningRate === 'number' && learningRate > 0 && Number.isFinite(learningRate)) {
    return { alpha: learningRate, from: 'the rate the model was trained with; --lr sets another' };
  }
  return { alpha: 0.01, from: `--lr's default${optimizer ? `: the model was trained with ${optimizer}, whose steps are not plain gradient descent` : ''}` };
}

/** --data read the model's way, and the (1-based --example, --examples) range checked against it. */
async function examplesOf(o: InspectCommandOptions, model: Model, cmd?: Command): Promise<{ data: Dataset; j: number; count: number }> {
  const file = o.data!;
  const count = parseIntOption(o.examples ?? '1', '--examples', 1, 64);
  const data = await loadLikeModel(file, model, o.backward === true, readDataOptions(o), o.model, cmd);
  checkFits(data.X, model.network.inputSize, file);
  const j = parseIntOption(o.example ?? '1', '--example', 1) - 1;
  if (j >= data.X.cols) throw new OptionError(`--example ${j + 1}: ${file} has ${data.X.cols} examples`);
  if (o.backward && j + count > data.X.cols) throw new OptionError(`--examples ${count} from --example ${j + 1}: ${file} has ${data.X.cols} examples`);
  return { data, j, count };
}

/** The model's decision boundary over the points of the data, written to `file`. */
async function plotBoundary(model: Model, data: Dataset, file: string, modelFile: string): Promise<string> {
  if (data.X.rows !== 2) throw new OptionError(`--plot-boundary needs 2-D data: ${modelFile} reads ${data.X.rows} features`);
  if (model.task === 'regression') throw new OptionError('--plot-boundary: a regression model has no decision boundary');
  if (model.task === 'multilabel') throw new OptionError(`--plot-boundary: a multi-label model has a boundary per label (${model.network.outputSize}), not one between classes; it draws one-label classifiers`);
  const labels = data.unlabeled ? new Float64Array(data.X.cols) : labelsOf(data.Y);
  const spec = decisionBoundarySpec(model.network, data.X, labels, {
    classes: model.classes, title: `Decision boundary: ${model.network.describe()}`, transform: (G) => networkInput(model.preprocessing, G),
  });
  await writeChart(file, spec, '--plot-boundary');
  return `decision boundary written to ${showPath(file)}`;
}

/** The layers, their shapes and parameter counts, the preprocessing and the training record. */
function summary(file: string, model: Model): string[] {
  const net = model.network, out: string[] = [];
  out.push(`${file}: ${net.describe()}, task ${model.task}, loss ${net.loss.name}, ${net.dtype}`);
  if (model.classes) out.push(model.task === 'multilabel' ? `labels (one sigmoid output each, in order): ${model.classes.join(', ')}` : `classes (in index order): ${model.classes.join(', ')}`);
  // leakyRelu's slope and elu's alpha are the model's; selu's constants are fixed, not shown
  const acts = net.layers.map((layer) => (takesAlpha(layer.activation.name) ? `${layer.activation.name}(${layer.activation.alpha})` : layer.activation.name));
  const width = Math.max(13, ...acts.map((a) => a.length + 2));
  out.push('', `layer  units  ${'activation'.padEnd(width)}W[l] shape        b[l] shape   parameters`);
  let total = 0;
  net.layers.forEach((layer, i) => {
    const p = layer.W.size + layer.b.size;
    total += p;
    out.push(`${String(i + 1).padEnd(7)}${String(layer.units).padEnd(7)}${acts[i]!.padEnd(width)}${`${layer.W.rows} x ${layer.W.cols}`.padEnd(18)}${`${layer.b.rows} x 1`.padEnd(13)}${p}`);
  });
  out.push(`total parameters: ${total}`);
  const pre = model.preprocessing, parts: string[] = [];
  if (pre.data?.format === 'images') {
    const { width, height, channels = 3 } = pre.data;
    parts.push(`data read as images of ${width} x ${height} pixels, ${channels === 1 ? 'one grey level' : 'red, green and blue'} each`);
  } else if (pre.data) parts.push(`data read as ${pre.data.format}`);
  if (pre.scale !== undefined) parts.push(`scale ${pre.scale}`);
  if (pre.standardize) parts.push(`standardize (${pre.standardize.mean.length} features)`);
  if (pre.target) {
    const { mean, std } = targetScales(pre.target), names = model.targets;
    const each = mean.length === 1 ? `mean ${fmt(mean[0]!)}, std ${fmt(std[0]!)}` : mean.map((mu, i) => `${names?.[i] ?? `output ${i + 1}`}: mean ${fmt(mu)}, std ${fmt(std[i]!)}`).join('; ');
    parts.push(`${mean.length === 1 ? 'target' : `${mean.length} targets`} standardized while training (${each}; folded into the output layer)`);
  }
  if (parts.length) out.push(`preprocessing: ${parts.join('; ')}`);
  const t = model.training;
  const bits = ['epochs', 'optimizer', 'learningRate', 'batchSize', 'l1', 'l2', 'keepProb', 'finalCost'].filter((k) => t[k] !== undefined && !(k !== 'epochs' && t[k] === 0) && !(k === 'keepProb' && t[k] === 1)).map((k) => `${k} ${typeof t[k] === 'number' ? numberText(t[k]) : t[k]}`);
  // a decay said as train said it: 'learning rate 0.01 * 0.95^e after e epochs (0.0095 from epoch 2)'
  const decay = typeof t.learningRate === 'number' && t.schedule && isSchedule(t.schedule) ? scheduleText(t.learningRate, t.schedule, t.epochs ?? 0, numberText).replace(/^learning rate /, '') : undefined;
  if (decay) bits[bits.findIndex((b) => b.startsWith('learningRate '))] = `learningRate ${decay}`;
  if (bits.length) out.push(`training: ${bits.join(', ')}`);
  return out;
}

function weights(net: Network): string[] {
  return net.layers.flatMap((layer, i) => [
    '', `W[${i + 1}] (${layer.W.shapeString}):`, ...layer.W.toArray().map((r) => '  ' + vector(r)),
    `b[${i + 1}] (${layer.b.rows} x 1): ${vector(layer.b.data)}ᵀ`,
  ]);
}

/** z[l] and a[l] of example j of the data, and the prediction. */
function forwardPass(model: Model, data: Dataset, j: number, file: string): string[] {
  const net = model.network;
  const x = model.input(data.X.sliceColumns(j, j + 1));
  net.forward(x.dtype === net.dtype ? x : x.astype(net.dtype));
  const { Z, A } = net.cache;
  const out = ['', `forward pass of example ${j + 1} of ${file}${model.preprocessing.standardize ? ' (after standardization)' : ''}:`];
  // a[l], z[l] and b[l] are columns (n[l] x 1): written [..]ᵀ, as the backward pass and the page's forward view write them
  out.push(`a[0] = x = ${vector(A[0]!.data)}ᵀ`);
  net.layers.forEach((layer, i) => {
    const l = i + 1;
    out.push(`z[${l}] = W[${l}]·a[${l - 1}] + b[${l}] = ${vector(Z[l]!.data)}ᵀ`);
    out.push(`a[${l}] = ${layer.activation.name}(z[${l}]) = ${vector(A[l]!.data)}ᵀ`);
  });
  const aL = A[net.depth]!, truth = data.unlabeled || Number.isNaN(data.Y.data[j]!) ? undefined : data.Y.data[j]!;
  if (model.task === 'regression' && data.Y.rows > 1) {
    // several targets: each by its name, with its true value (only the first target's was shown)
    const names = model.targets ?? Array.from({ length: aL.rows }, (_, i) => `output ${i + 1}`), m = data.Y.cols;
    const each = names.map((n, i) => `${n} ${fmt(aL.data[i]!)}${truth === undefined ? '' : ` (true ${fmt(data.Y.data[i * m + j]!)})`}`);
    out.push(`prediction: ${each.join(', ')}`);
    return out;
  }
  if (model.task === 'multilabel') {
    // each label: its probability, the 0/1 taken at 0.5, and its true value
    const names = model.classes ?? defaultLabelNames(aL.rows), m = data.Y.cols;
    out.push(`a[${net.depth}] holds P(label present | x) for each label, in order; a label is predicted present above 0.5`);
    const each = names.map((n, i) => `${n} ${aL.data[i]! > 0.5 ? 1 : 0} (${fmt(aL.data[i]!)})${truth === undefined ? '' : `, true ${data.Y.data[i * m + j]}`}`);
    out.push(`prediction: ${each.join('; ')}`);
    return out;
  }
  if (model.task === 'regression') {
    out.push(`prediction: ${vector(aL.data)}${truth === undefined ? '' : `; true value: ${fmt(truth)}`}`);
    return out;
  }
  const probs = aL.rows === 1 ? [1 - aL.data[0]!, aL.data[0]!] : Array.from(aL.data);
  const c = aL.rows === 1 ? (aL.data[0]! > 0.5 ? 1 : 0) : probs.indexOf(Math.max(...probs));
  const name = (k: number) => model.classes?.[k] ?? String(k);
  const L = net.depth;
  out.push(aL.rows === 1
    ? `a[${L}] is P(class "${name(1)}" | x), the probability of the second class; P(class "${name(0)}" | x) = 1 - a[${L}] = ${fmt(probs[0]!)}`
    : `a[${L}] holds P(class | x) for the classes in index order: ${probs.map((p, k) => `"${name(k)}" ${fmt(p)}`).join(', ')}`);
  out.push(`prediction: class ${name(c)} (probability ${probs[c]!.toFixed(4)})${truth === undefined ? '' : `; true class: ${name(truth)}`}`);
  return out;
}

/** A training record's schedule as the library reads one (a file edited by hand may hold anything). */
function isSchedule(v: unknown): v is Schedule {
  try {
    checkSchedule(v as Schedule);
    return true;
  } catch {
    return false;
  }
}
