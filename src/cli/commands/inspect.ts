// `backprop inspect`: what a model file holds (layers, shapes, parameter counts, preprocessing,
// training), its weights on request, and the forward pass of one example written out in the course
// notation: z[l] = W[l]·a[l-1] + b[l], a[l] = g[l](z[l]).

import type { Command } from 'commander';
import { loadModel } from '../../io/model-file.js';
import { OptionError } from '../../errors.js';
import { parseIntOption } from '../options.js';
import { dataOptions, readDataOptions } from '../data-options.js';
import { loadLikeModel, checkFits } from '../pipeline.js';
import type { Model } from '../../model/model.js';
import type { Network } from '../../nn/network.js';

const fmt = (v: number) => (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : v.toFixed(4));

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
    .option('--example <n>', 'which example of --data (1-based)', '1');
  dataOptions(cmd).action(async (o) => { await runInspect(o, cmd); });
}

export interface InspectCommandOptions {
  model: string;
  weights?: boolean;
  data?: string;
  example?: string;
  [dataOption: string]: string | boolean | undefined;
}

export async function runInspect(o: InspectCommandOptions, cmd?: Command): Promise<void> {
  const model = await loadModel(o.model);
  const out = summary(o.model, model);
  if (o.weights) out.push(...weights(model.network));
  if (o.data) out.push(...(await forwardPass(o, model, cmd)));
  process.stdout.write(out.join('\n') + '\n');
}

/** The layers, their shapes and parameter counts, the preprocessing and the training record. */
function summary(file: string, model: Model): string[] {
  const net = model.network, out: string[] = [];
  out.push(`${file}: ${net.describe()}, task ${model.task}, loss ${net.loss.name}, ${net.dtype}`);
  if (model.classes) out.push(`classes (in index order): ${model.classes.join(', ')}`);
  out.push('', 'layer  units  activation   W[l] shape        b[l] shape   parameters');
  let total = 0;
  net.layers.forEach((layer, i) => {
    const p = layer.W.size + layer.b.size;
    total += p;
    const act = layer.activation.alpha !== undefined ? `${layer.activation.name}(${layer.activation.alpha})` : layer.activation.name;
    out.push(`${String(i + 1).padEnd(7)}${String(layer.units).padEnd(7)}${act.padEnd(13)}${`${layer.W.rows} x ${layer.W.cols}`.padEnd(18)}${`${layer.b.rows} x 1`.padEnd(13)}${p}`);
  });
  out.push(`total parameters: ${total}`);
  const pre = model.preprocessing, parts: string[] = [];
  if (pre.data) parts.push(`data read as ${pre.data.format}`);
  if (pre.scale !== undefined) parts.push(`scale ${pre.scale}`);
  if (pre.standardize) parts.push(`standardize (${pre.standardize.mean.length} features)`);
  if (pre.target) parts.push(`target standardized while training (mean ${fmt(pre.target.mean)}, std ${fmt(pre.target.std)}; folded into the output layer)`);
  if (parts.length) out.push(`preprocessing: ${parts.join('; ')}`);
  const t = model.training;
  const bits = ['epochs', 'optimizer', 'learningRate', 'batchSize', 'l1', 'l2', 'keepProb', 'finalCost'].filter((k) => t[k] !== undefined && !(k !== 'epochs' && t[k] === 0) && !(k === 'keepProb' && t[k] === 1)).map((k) => `${k} ${t[k]}`);
  if (bits.length) out.push(`training: ${bits.join(', ')}`);
  return out;
}

function weights(net: Network): string[] {
  return net.layers.flatMap((layer, i) => [
    '', `W[${i + 1}] (${layer.W.shapeString}):`, ...layer.W.toArray().map((r) => '  ' + vector(r)),
    `b[${i + 1}] (${layer.b.rows} x 1): ${vector(layer.b.data)}`,
  ]);
}

/** z[l] and a[l] of one example of --data, and the prediction. */
async function forwardPass(o: InspectCommandOptions, model: Model, cmd?: Command): Promise<string[]> {
  const net = model.network, file = o.data!;
  const data = await loadLikeModel(file, model, false, readDataOptions(o), o.model, cmd);
  checkFits(data.X, net.inputSize, file);
  const j = parseIntOption(o.example ?? '1', '--example', 1) - 1;
  if (j >= data.X.cols) throw new OptionError(`--example ${j + 1}: ${file} has ${data.X.cols} examples`);
  const x = model.input(data.X.sliceColumns(j, j + 1));
  net.forward(x.dtype === net.dtype ? x : x.astype(net.dtype));
  const { Z, A } = net.cache;
  const out = ['', `forward pass of example ${j + 1} of ${file}${model.preprocessing.standardize ? ' (after standardization)' : ''}:`];
  out.push(`a[0] = x = ${vector(A[0]!.data)}`);
  net.layers.forEach((layer, i) => {
    const l = i + 1;
    out.push(`z[${l}] = W[${l}]·a[${l - 1}] + b[${l}] = ${vector(Z[l]!.data)}`);
    out.push(`a[${l}] = ${layer.activation.name}(z[${l}]) = ${vector(A[l]!.data)}`);
  });
  const aL = A[net.depth]!, truth = data.unlabeled || Number.isNaN(data.Y.data[j]!) ? undefined : data.Y.data[j]!;
  if (model.task === 'regression') {
    out.push(`prediction: ${vector(aL.data)}${truth === undefined ? '' : `; true value: ${fmt(truth)}`}`);
    return out;
  }
  const probs = aL.rows === 1 ? [1 - aL.data[0]!, aL.data[0]!] : Array.from(aL.data);
  const c = aL.rows === 1 ? (aL.data[0]! > 0.5 ? 1 : 0) : probs.indexOf(Math.max(...probs));
  const name = (k: number) => model.classes?.[k] ?? String(k);
  out.push(`prediction: class ${name(c)} (probability ${probs[c]!.toFixed(4)})${truth === undefined ? '' : `; true class: ${name(truth)}`}`);
  return out;
}
