// `backprop gradcheck`: compare backprop's gradients with finite differences, in float64.

import type { Command } from 'commander';
import { Network } from '../../nn/network.js';
import { Random } from '../../tensor/random.js';
import { gradientCheck, type GradientCheckResult } from '../../nn/gradcheck.js';
import { outputLayerFor } from '../../model/task.js';
import { loadModel } from '../../io/model-file.js';
import { loadDataset, detectFormat } from '../../data/load.js';
import { takeExamples } from '../../data/split.js';
import { synthetic } from '../../data/synthetic.js';
import { parseIntOption, parseNumberOption } from '../options.js';
import { OptionError } from '../../errors.js';
import { dataOptions, readDataOptions, unusedDataOptions, warnUnused, kindOfData } from '../data-options.js';
import { loadLikeModel, checkFits } from '../pipeline.js';
import { networkInput } from '../../model/preprocessing.js';
import type { Matrix } from '../../tensor/matrix.js';

export function register(program: Command): void {
  const cmd = program
    .command('gradcheck')
    .description('check backprop gradients against centred finite differences (float64); exit 1 above the threshold')
    .option('--model <file>', 'check this model (default: a built-in 2-5(tanh)-3(relu)-1(sigmoid) network)')
    .option('--data <file>', 'examples to check on (default: built-in flower points)')
    .option('--examples <n>', 'use at most this many examples', '20')
    .option('--sample <n>', 'check at most this many entries of each W[l] and b[l] (seeded)', '200')
    .option('--l1 <lambda>', 'add an L1 penalty to the cost', '0')
    .option('--l2 <lambda>', 'add an L2 penalty to the cost', '0')
    .option('--threshold <t>', 'largest acceptable relative error', '1e-7')
    .option('--json', 'print the result as JSON');
  dataOptions(cmd).action(async (o) => { await runGradcheck(o, cmd); });
}

export interface GradcheckCommandOptions {
  model?: string;
  data?: string;
  examples?: string;
  sample?: string;
  l1?: string;
  l2?: string;
  threshold?: string;
  json?: boolean;
  [dataOption: string]: string | boolean | undefined;
}

/** Run the check, print it, and set exit code 1 when the gradients disagree. */
export async function runGradcheck(o: GradcheckCommandOptions, cmd?: Command): Promise<GradientCheckResult> {
  const examples = parseIntOption(o.examples ?? '20', '--examples', 1);
  const sample = parseIntOption(o.sample ?? '200', '--sample', 1);
  const threshold = parseNumberOption(o.threshold ?? '1e-7', '--threshold', { positive: true });
  const l1 = parseNumberOption(o.l1 ?? '0', '--l1', { min: 0 }), l2 = parseNumberOption(o.l2 ?? '0', '--l2', { min: 0 });
  const { net, X, Y } = o.model ? await modelCase(o, cmd, examples, l1, l2) : await builtinCase(o, cmd, examples, l1, l2);
  const r = gradientCheck(net, X.astype('float64'), Y.astype('float64'), { samplePerParameter: sample });
  const ok = r.maxRelativeError < threshold;
  if (o.json) {
    process.stdout.write(JSON.stringify({ ...r, threshold, ok }) + '\n');
  } else {
    process.stdout.write(`gradient check of ${net.describe()} on ${X.cols} examples (float64, order-4 centred differences)\n`);
    for (const p of r.parameters) process.stdout.write(`  d${p.name.padEnd(4)} ${String(p.checked).padStart(6)} entries  relative error ${p.relativeError.toExponential(3)}\n`);
    process.stdout.write(`max relative error ${r.maxRelativeError.toExponential(3)} ${ok ? '<' : '>='} ${threshold}: ${ok ? 'gradients are correct' : 'GRADIENTS DISAGREE'}\n`);
  }
  if (!ok) process.exitCode = 1;
  return r;
}

/** A saved model, copied into float64, on the first examples of --data read the model's way. */
async function modelCase(o: GradcheckCommandOptions, cmd: Command | undefined, examples: number, l1: number, l2: number): Promise<{ net: Network; X: Matrix; Y: Matrix }> {
  const model = await loadModel(o.model!);
  const src = model.network;
  const net = new Network({
    inputSize: src.inputSize, dtype: 'float64', loss: src.loss.name, l1, l2, init: 'zeros', warn: () => {},
    layers: src.layers.map((l) => ({ units: l.units, activation: l.activationSpec })),
  });
  net.setWeights(src.layers);
  if (!o.data) throw new OptionError('--model needs --data with labelled examples to check the gradient on');
  const data = await loadLikeModel(o.data, model, true, readDataOptions(o), o.model, cmd);
  checkFits(data.X, net.inputSize, o.data);
  const d = takeExamples(data, Array.from({ length: Math.min(examples, data.X.cols) }, (_, i) => i));
  return { net, X: networkInput(model.preprocessing, d.X), Y: d.Y };
}

/** The built-in 5(tanh)-3(relu) network on a seeded sample of --data (default: flower points). */
async function builtinCase(o: GradcheckCommandOptions, cmd: Command | undefined, examples: number, l1: number, l2: number): Promise<{ net: Network; X: Matrix; Y: Matrix }> {
  if (o.data && cmd) warnUnused(unusedDataOptions(cmd, detectFormat(o.data)), `${o.data} is read as ${kindOfData(detectFormat(o.data))}`);
  const data = o.data ? (await loadDataset(o.data, readDataOptions(o))).dataset : synthetic('flower', { seed: 1 });
  // a seeded sample of the examples, and small random biases, so the check runs at a generic point
  // (the first examples of a set and zero biases can sit right on a ReLU kink)
  const rng = new Random(7);
  const d = takeExamples(data, rng.permutation(data.X.cols).subarray(0, Math.min(examples, data.X.cols)));
  const net = new Network({
    inputSize: d.X.rows, dtype: 'float64', seed: 1, l1, l2,
    layers: [{ units: 5, activation: 'tanh' }, { units: 3, activation: 'relu' }, outputLayerFor(data.task, data.classes?.length ?? 2)],
  });
  for (const layer of net.layers) layer.b.data.forEach((_, i) => { layer.b.data[i] = 0.1 * rng.randn(); });
  return { net, X: d.X, Y: d.Y };
}
