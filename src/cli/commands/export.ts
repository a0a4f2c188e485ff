// `backprop export --model MODEL.json --format onnx|tfjs --out PATH`: write a trained model for
// other runtimes (onnxruntime, TensorFlow.js). See docs/interop.md.

import path from 'node:path';
import type { Command } from 'commander';
import { loadModel } from '../../io/model-file.js';
import { ModelFileError, OptionError } from '../../errors.js';
import { parseChoice, checkOutputPath, refuseStdout } from '../options.js';
import { exportPathProblem } from '../../io/arguments.js';
import { showPath } from '../../io/path-text.js';

/** The files a TF.js export writes into its folder (tfjs.ts: model.json and TFJS_WEIGHTS_FILE). */
const TFJS_FILES = ['model.json', 'weights.bin'];

export const EXPORT_FORMATS = ['onnx', 'tfjs'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportCommandOptions {
  model: string;
  out: string;
  format?: string;
  /** false with --no-preprocessing: export the bare network. */
  preprocessing?: boolean;
}

export async function runExport(o: ExportCommandOptions): Promise<void> {
  if (!o.model) throw new OptionError('--model: give the backprop model file to export');
  if (!o.out) throw new OptionError('--out: give the file (onnx) or directory (tfjs) to write');
  // (--out - made a folder named '-' for tfjs, and was refused for onnx for its missing .onnx)
  refuseStdout(o.out, '--out', 'an exported model (an ONNX model is a binary file, a TF.js model a folder of files)');
  // the format defaults from the output name: *.onnx -> onnx
  const format: ExportFormat = o.format !== undefined ? parseChoice(o.format, '--format', EXPORT_FORMATS)
    : o.out.toLowerCase().endsWith('.onnx') ? 'onnx'
    : (() => { throw new OptionError(`--format: give one of ${EXPORT_FORMATS.join(', ')}`); })();
  // tfjs writes two files into the folder: neither may be the model read (export --out d of d/model.json);
  // an existing file is replaced only when it is an export of ours (loaded on demand: protobufjs)
  const replace = format === 'onnx' ? (await import('../../io/onnx.js')).checkOnnxTarget : (await import('../../io/tfjs.js')).checkTfjsTarget;
  checkOutputPath(o.out, '--out', { inputs: [o.model], folder: format === 'tfjs', files: format === 'tfjs' ? TFJS_FILES : undefined, replace });
  const problem = exportPathProblem(format, o.out);
  if (problem) throw new OptionError(`--out: ${problem.replace('format onnx', '--format onnx')}`);
  const model = await loadModel(o.model);
  const net = model.network, meta = model.meta;
  const options = { preprocessing: o.preprocessing ?? true };
  const steps = options.preprocessing ? Object.keys(meta.preprocessing ?? {}).filter((k) => k !== 'data' && k !== 'target') : [];
  const prep = steps.length > 0 ? ` with preprocessing (${steps.join(', ')})` : '';
  try {
    if (format === 'onnx') {
      // loaded on demand: protobufjs is only needed by this command
      const { saveOnnx, ONNX_OPSET } = await import('../../io/onnx.js');
      await saveOnnx(o.out, model, options);
      console.log(`wrote ${showPath(o.out)}: ONNX (opset ${ONNX_OPSET}) of ${net.describe()}${prep}; input "input" [batch, ${net.inputSize}] float32, output "output" [batch, ${net.outputSize}]`);
    } else {
      const { saveTfjs } = await import('../../io/tfjs.js');
      await saveTfjs(o.out, model, options);
      console.log(`wrote ${showPath(path.join(o.out, 'model.json'))} and ${showPath(path.join(o.out, 'weights.bin'))}: TF.js Layers model of ${net.describe()}${prep}`);
    }
  } catch (e) {
    // a malformed preprocessing field: say which file
    if (e instanceof ModelFileError) throw new ModelFileError(`${o.model}: ${e.message}`);
    throw e;
  }
}

export function register(program: Command): void {
  program
    .command('export')
    .description('write a model for other runtimes: ONNX (onnxruntime) or a TF.js Layers model')
    .requiredOption('--model <file>', 'backprop model file (JSON)')
    .requiredOption('--out <path>', 'output: a .onnx file, or a directory for tfjs (model.json + weights.bin)')
    .option('--format <name>', `${EXPORT_FORMATS.join(' or ')} (default: onnx for an --out ending in .onnx)`)
    .option('--no-preprocessing', "leave out the model's standardize/scale preprocessing (the graph then expects preprocessed inputs)")
    .action(async (opts) => {
      await runExport({ model: opts.model, out: opts.out, format: opts.format, preprocessing: opts.preprocessing });
    });
}
