// `backprop inspect`: what a model file holds (layers, shapes, parameter counts, preprocessing,
// training), its weights on request, and the forward pass of one example written out in the course
// notation: z[l] = W[l]·a[l-1] + b[l], a[l] = g[l](z[l]).

import type { Command } from 'commander';
import { loadModel } from '../../io/model-file.js';
import { OptionError } from '../../errors.js';
import { parseIntOption } from '../options.js';
import { dataOptions, readDataOptions } from '../data-options.js';
import { loadLikeModel, prepareInput, checkFits, type ModelPreprocessing } from '../pipeline.js';

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
  dataOptions(cmd).action(async (o) => {
    const { net, meta, json } = await loadModel(o.model);
    const out: string[] = [];
    out.push(`${o.model}: ${net.describe()}, task ${meta.task}, loss ${net.loss.name}, ${net.dtype}`);
    if (meta.classes) out.push(`classes (in index order): ${meta.classes.join(', ')}`);
    out.push('', 'layer  units  activation   W[l] shape        b[l] shape   parameters');
    let total = 0;
    net.layers.forEach((layer, i) => {
      const p = layer.W.size + layer.b.size;
      total += p;
      const act = layer.activation.alpha !== undefined ? `${layer.activation.name}(${layer.activation.alpha})` : layer.activation.name;
      out.push(`${String(i + 1).padEnd(7)}${String(layer.units).padEnd(7)}${act.padEnd(13)}${`${layer.W.rows} x ${layer.W.cols}`.padEnd(18)}${`${layer.b.rows} x 1`.padEnd(13)}${p}`);
    });
    out.push(`total parameters: ${total}`);
    const pre = meta.preprocessing as ModelPreprocessing & Record<string, unknown> | undefined;
    if (pre) {
      const parts: string[] = [];
      if (pre.data) parts.push(`data read as ${(pre.data as { format: string }).format}`);
      if (pre.standardize) parts.push(`standardize (${pre.standardize.mean.length} features)`);
      for (const k of Object.keys(pre)) if (k !== 'data' && k !== 'standardize') parts.push(k);
      out.push(`preprocessing: ${parts.join('; ')}`);
    }
    if (json.training) {
      const t = json.training as Record<string, unknown>;
      const bits = ['epochs', 'optimizer', 'learningRate', 'batchSize', 'finalCost'].filter((k) => t[k] !== undefined).map((k) => `${k} ${t[k]}`);
      if (bits.length) out.push(`training: ${bits.join(', ')}`);
    }
    if (o.weights) {
      net.layers.forEach((layer, i) => {
        out.push('', `W[${i + 1}] (${layer.W.shapeString}):`, ...layer.W.toArray().map((r) => '  ' + vector(r)));
        out.push(`b[${i + 1}] (${layer.b.rows} x 1): ${vector(layer.b.data)}`);
      });
    }
    if (o.data) {
      const data = await loadLikeModel(o.data, meta, net, false, readDataOptions(o), o.model, cmd);
      checkFits(data.X, net.inputSize, o.data);
      const j = parseIntOption(o.example, '--example', 1) - 1;
      if (j >= data.X.cols) throw new OptionError(`--example ${j + 1}: ${o.data} has ${data.X.cols} examples`);
      const x = prepareInput(data.X.sliceColumns(j, j + 1), pre);
      net.forward(x.dtype === net.dtype ? x : x.astype(net.dtype));
      const { Z, A } = net.cache;
      out.push('', `forward pass of example ${j + 1} of ${o.data}${pre?.standardize ? ' (after standardization)' : ''}:`);
      out.push(`a[0] = x = ${vector(A[0]!.data)}`);
      net.layers.forEach((layer, i) => {
        const l = i + 1;
        out.push(`z[${l}] = W[${l}]·a[${l - 1}] + b[${l}] = ${vector(Z[l]!.data)}`);
        out.push(`a[${l}] = ${layer.activation.name}(z[${l}]) = ${vector(A[l]!.data)}`);
      });
      const aL = A[net.depth]!;
      if (meta.task !== 'regression') {
        const probs = aL.rows === 1 ? [1 - aL.data[0]!, aL.data[0]!] : Array.from(aL.data);
        const c = aL.rows === 1 ? (aL.data[0]! > 0.5 ? 1 : 0) : probs.indexOf(Math.max(...probs));
        const name = meta.classes?.[c] ?? String(c);
        const truth = data.unlabeled || Number.isNaN(data.Y.data[j]!) ? '' : `; true class: ${meta.classes?.[data.Y.data[j]!] ?? data.Y.data[j]}`;
        out.push(`prediction: class ${name} (probability ${probs[c]!.toFixed(4)})${truth}`);
      } else {
        out.push(`prediction: ${vector(aL.data)}${data.unlabeled ? '' : `; true value: ${fmt(data.Y.data[j]!)}`}`);
      }
    }
    process.stdout.write(out.join('\n') + '\n');
  });
}
