// `backprop gradcheck`: compare backprop's gradients with finite differences, in float64.

import type { Command } from 'commander';
import { Network } from '../../nn/network.js';
import { Random } from '../../tensor/random.js';
import { gradientCheck, gradientsAgree, checkEpsilon, defaultEpsilon, roundingNoise, type GradientCheckResult } from '../../nn/gradcheck.js';
import { outputLayerFor } from '../../model/task.js';
import { loadModel } from '../../io/model-file.js';
import { loadDataset, detectFormat } from '../../data/load.js';
import { takeExamples } from '../../data/split.js';
import { synthetic } from '../../data/synthetic.js';
import { parseIntOption, parseNumberOption, parseChoice } from '../options.js';
import { OptionError } from '../../errors.js';
import { dataOptions, forFile, readDataOptions, typedDataOptions, unusedDataOptions, warnUnused, kindOfData } from '../data-options.js';
import { loadLikeModel, checkFits } from '../pipeline.js';
import { networkInput } from '../../model/preprocessing.js';
import { float64Copy } from '../../nn/float64-copy.js';
import type { Matrix } from '../../tensor/matrix.js';
import { exponentText, numberText, toPrecisionHalfEven } from '../../util/number-text.js';
import { parseHiddenActivation, parseLayers } from '../train-options.js';
import type { ActivationName } from '../../nn/activations.js';

export function register(program: Command): void {
  const cmd = program
    .command('gradcheck')
    .description('check backprop gradients against centred finite differences (float64); exit 1 above the threshold')
    .option('--model <file>', 'check this model (default: a built-in 2-5(tanh)-3(relu)-1(sigmoid) network)')
    .option('--layers <sizes>', "instead of the built-in network: these hidden layer sizes, e.g. 20,7,5 ('none': one neuron), the output from the data's task")
    .option('--activation <name>', 'with --layers: the hidden layers\' activation (default relu)')
    .option('--data <file>', 'examples to check on (default: built-in flower points)')
    .option('--examples <n>', 'use at most this many examples', '20')
    .option('--sample <n>', 'check at most this many entries of each W[l] and b[l] (seeded)', '200')
    .option('--l1 <lambda>', 'the L1 penalty of the cost (default: the model\'s, from its training record; else 0)')
    .option('--l2 <lambda>', 'the L2 penalty of the cost (default: the model\'s, from its training record; else 0)')
    .option('--order <n>', 'centred differences of order 2 (the course\'s) or 4', '2')
    .option('--epsilon <e>', 'the step ε (default 1e-7 for order 2, 1e-4 for order 4)')
    .option('--threshold <t>', 'largest acceptable relative error ‖g - g̃‖ / (‖g‖ + ‖g̃‖)', '1e-7')
    .option('--abs-threshold <t>', 'differences below this are rounding noise and agree, whatever the ratio (default 30·2^-52·max(1, J)/ε)')
    .option('--worst <n>', 'show this many of the worst (analytic, numeric) pairs', '5')
    .option('--json', 'print the result as JSON');
  dataOptions(cmd).action(async (o) => { await runGradcheck(o, cmd); });
}

export interface GradcheckCommandOptions {
  model?: string;
  layers?: string;
  activation?: string;
  data?: string;
  examples?: string;
  sample?: string;
  l1?: string;
  l2?: string;
  order?: string;
  epsilon?: string;
  threshold?: string;
  absThreshold?: string;
  worst?: string;
  json?: boolean;
  [dataOption: string]: string | boolean | undefined;
}

/** Run the check, print it, and set exit code 1 when the gradients disagree. */
export async function runGradcheck(o: GradcheckCommandOptions, cmd?: Command): Promise<GradientCheckResult> {
  const examples = parseIntOption(o.examples ?? '20', '--examples', 1);
  const sample = parseIntOption(o.sample ?? '200', '--sample', 1);
  const order = Number(parseChoice(o.order ?? '2', '--order', ['2', '4'])) as 2 | 4;
  const epsilon = o.epsilon === undefined ? defaultEpsilon(order) : parseNumberOption(o.epsilon, '--epsilon', { positive: true });
  try {
    checkEpsilon(epsilon); // the library's range, said with the flag
  } catch (e) {
    throw new OptionError(`--${(e as Error).message}`);
  }
  const threshold = parseNumberOption(o.threshold ?? '1e-7', '--threshold', { positive: true });
  const absGiven = o.absThreshold === undefined ? undefined : parseNumberOption(o.absThreshold, '--abs-threshold', { positive: true });
  const worst = parseIntOption(o.worst ?? '5', '--worst', 0);
  // undefined: a model's own (its training record's l1, l2: the cost it was trained on), else 0
  const l1 = o.l1 === undefined ? undefined : parseNumberOption(o.l1, '--l1', { min: 0 });
  const l2 = o.l2 === undefined ? undefined : parseNumberOption(o.l2, '--l2', { min: 0 });
  const hidden = hiddenLayers(o);
  readDataOptions(o); // every option checked before a file is read
  if (o.model && !o.data) throw new OptionError('--model needs --data with labelled examples to check the gradient on');
  const { net, X, Y, dropout } = o.model ? await modelCase(o, cmd, examples, l1, l2) : { ...await builtinCase(o, cmd, examples, { l1, l2, hidden }), dropout: false };
  const r = gradientCheck(net, X.astype('float64'), Y.astype('float64'), { samplePerParameter: sample, order, epsilon, worst });
  const absThreshold = absGiven ?? roundingNoise(r.epsilon, r.cost);
  const ok = gradientsAgree(r, threshold, absThreshold);
  const { l1: L1, l2: L2 } = net.regularization;
  const penalty = [L2 ? `L2 λ = ${L2}` : '', L1 ? `L1 λ = ${L1}` : ''].filter(Boolean).join(', ');
  if (o.json) process.stdout.write(JSON.stringify({ ...r, l1: L1, l2: L2, threshold, absThreshold, ok }) + '\n');
  else process.stdout.write(report(r, `${net.describe()} on ${X.cols} examples${penalty ? `, J with ${penalty}` : ''}${dropout ? ', without the model\'s dropout (training-only random masks)' : ''}`, threshold, absThreshold, ok).join('\n') + '\n');
  if (!ok) process.exitCode = 1;
  return r;
}

const e3 = (v: number) => exponentText(v, 3);
const signed = (v: number) => (v < 0 ? '' : ' ') + exponentText(v, 9);

/** The check written out: ε and the formulas, each parameter's ratio, the worst pairs, the verdict. */
function report(r: GradientCheckResult, what: string, threshold: number, absThreshold: number, ok: boolean): string[] {
  const diff = r.order === 2 ? 'g̃ = (J(θ+ε) - J(θ-ε)) / 2ε' : 'g̃ = (8[J(θ+ε) - J(θ-ε)] - [J(θ+2ε) - J(θ-2ε)]) / 12ε';
  const out = [
    `gradient check of ${what} (float64)`,
    `  numeric:  ${diff}, order ${r.order}, ε = ${numberText(r.epsilon)}`,
    '  compared: ‖g - g̃‖₂ / (‖g‖₂ + ‖g̃‖₂), g = backprop\'s gradient, g̃ = the numeric one',
    '',
    'gradient  entries  relative error  ‖g‖₂        max |g - g̃|',
  ];
  for (const p of r.parameters) {
    const tiny = p.relativeError >= threshold && p.maxAbsoluteDifference < absThreshold ? '  (above the threshold, but every difference is rounding noise)' : '';
    out.push(`d${p.name.padEnd(8)}${String(p.checked).padStart(7)}  ${e3(p.relativeError).padEnd(14)}  ${e3(p.gradientNorm).padEnd(10)}  ${e3(p.maxAbsoluteDifference)}${tiny}`);
  }
  if (r.worst.length) {
    out.push('', `the ${r.worst.length} entries with the largest |g - g̃|:`, 'entry               analytic g         numeric g̃          |g - g̃|');
    for (const w of r.worst) out.push(`${`d${w.parameter}[${w.row},${w.col}]`.padEnd(20)}${signed(w.analytic).padEnd(19)}${signed(w.numeric).padEnd(19)}${e3(Math.abs(w.analytic - w.numeric))}`);
  }
  out.push('', `relative error over all ${r.parameters.reduce((s, p) => s + p.checked, 0)} entries (the course's check): ${e3(r.relativeError)} ${r.relativeError < threshold ? '<' : '>='} ${numberText(threshold)}`);
  out.push(`rounding noise of the differences at ε = ${numberText(r.epsilon)}, J = ${toPrecisionHalfEven(r.cost, 6)}: ${e3(absThreshold)}; largest |g - g̃| ${e3(r.maxAbsoluteDifference)}`);
  if (ok && r.relativeError >= threshold) out.push('gradients agree: every difference is below the rounding noise (the gradients are tiny, so the ratio is noise over noise; --order 4 shows it)');
  else out.push(ok ? 'gradients agree: backprop is correct here' : 'GRADIENTS DISAGREE: backprop and the finite differences differ by more than the threshold and the rounding noise');
  return out;
}

/** A saved model, copied into float64, on the first examples of --data read the model's way. */
async function modelCase(o: GradcheckCommandOptions, cmd: Command | undefined, examples: number, l1?: number, l2?: number): Promise<{ net: Network; X: Matrix; Y: Matrix; dropout: boolean }> {
  const model = await loadModel(o.model!);
  // the model's own l1, l2 unless --l1/--l2 say otherwise: --l2 0 by default checked another cost than the one trained
  const net = float64Copy(model.network, { l1, l2 });
  const file = o.data!; // runGradcheck asks for it before any file is read
  const data = await loadLikeModel(file, model, true, { ...readDataOptions(o), dtype: 'float64' }, o.model, cmd);
  checkFits(data.X, net.inputSize, file);
  const d = takeExamples(data, Array.from({ length: Math.min(examples, data.X.cols) }, (_, i) => i));
  // float64Copy leaves dropout out: its random masks have no gradient to check, the cost checked is the network's as it predicts
  return { net, X: networkInput(model.preprocessing, d.X), Y: d.Y, dropout: model.network.layers.some((l) => l.keepProb < 1) };
}

/** The hidden layers of --layers and --activation (default: the built-in 5(tanh)-3(relu)); a model has its own. */
function hiddenLayers(o: GradcheckCommandOptions): { units: number; activation: ActivationName }[] {
  if (o.model !== undefined && (o.layers !== undefined || o.activation !== undefined)) {
    throw new OptionError(`${o.layers !== undefined ? '--layers' : '--activation'} builds the network to check; --model ${o.model} checks that model's own layers: give one or the other`);
  }
  if (o.layers === undefined && o.activation !== undefined) throw new OptionError('--activation is for the layers of --layers (the built-in network is 5(tanh)-3(relu)): give --layers too');
  if (o.layers === undefined) return [{ units: 5, activation: 'tanh' }, { units: 3, activation: 'relu' }];
  const activation = o.activation === undefined ? 'relu' : parseHiddenActivation(o.activation);
  return parseLayers(o.layers).map((units) => ({ units, activation }));
}

/** A network of `hidden` layers (the built-in 5(tanh)-3(relu)) on a seeded sample of --data (default: flower points). */
async function builtinCase(o: GradcheckCommandOptions, cmd: Command | undefined, examples: number, { l1 = 0, l2 = 0, hidden }: { l1?: number; l2?: number; hidden: { units: number; activation: ActivationName }[] }): Promise<{ net: Network; X: Matrix; Y: Matrix }> {
  if (o.data && cmd) warnUnused(unusedDataOptions(cmd, detectFormat(o.data)), `${o.data} is read as ${kindOfData(detectFormat(o.data))}`);
  // (--samples 10 and --target were dropped, silently, on the default points)
  else if (cmd) warnUnused(typedDataOptions(cmd), 'there is no --data to read: the check runs on the built-in flower points');
  const data = o.data ? (await loadDataset(o.data, { ...forFile(o.data, readDataOptions(o)), dtype: 'float64' })).dataset : synthetic('flower', { seed: 1 });
  // a seeded sample of the examples, and small random biases, so the check runs at a generic point
  // (the first examples of a set and zero biases can sit right on a ReLU kink)
  const rng = new Random(7);
  const d = takeExamples(data, rng.permutation(data.X.cols).subarray(0, Math.min(examples, data.X.cols)));
  const net = new Network({
    inputSize: d.X.rows, dtype: 'float64', seed: 1, l1, l2,
    layers: [...hidden, outputLayerFor(data.task, data.classes?.length ?? 2)],
  });
  for (const layer of net.layers) layer.b.data.forEach((_, i) => { layer.b.data[i] = 0.1 * rng.randn(); });
  return { net, X: d.X, Y: d.Y };
}
