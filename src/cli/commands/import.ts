// `backprop import FILE --out MODEL.json`: read an ONNX model or a TF.js Layers model (model.json
// + weights) made of dense layers into a backprop model file. See docs/interop.md.

import type { Command } from 'commander';
import { checkInput, readHead } from '../../data/files.js';
import { modelToJson, saveModel } from '../../io/model-file.js';
import { DataError, ModelFileError, OptionError } from '../../errors.js';
import { parseChoice, checkOutputPath, isStandardOutput } from '../options.js';
import { writeStandardOutput } from '../streams.js';
import type { Model } from '../../model/model.js';
import { showPath } from '../../io/path-text.js';

export const IMPORT_FORMATS = ['onnx', 'tfjs'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface ImportCommandOptions {
  file: string;
  out: string;
  format?: string;
  /** Class names, comma-separated. */
  classes?: string;
}

/** onnx for *.onnx, tfjs for *.json or a directory, otherwise from the first byte ('{' = JSON). */
function detectFormat(file: string): ImportFormat {
  let head: Uint8Array;
  try {
    // what is wrong with the path in words (a link loop, a part that is a file, no permission were all
    // 'file not found'); a FIFO refused, not opened (reading its first byte waited for a writer forever)
    if (checkInput(file, 'any').isDirectory() || file.toLowerCase().endsWith('.json')) return 'tfjs';
    if (file.toLowerCase().endsWith('.onnx')) return 'onnx';
    head = readHead(file, 1);
  } catch (e) {
    throw e instanceof DataError ? new ModelFileError(e.message) : e;
  }
  return head[0] === 0x7b ? 'tfjs' : 'onnx';
}

export async function runImport(o: ImportCommandOptions): Promise<void> {
  if (!o.out) throw new OptionError('--out: give the backprop model file to write');
  // '-': the model file's JSON on standard output, and what was done on stderr ('-' was refused as not ending in .json)
  const toStdout = isStandardOutput(o.out);
  if (!toStdout && !o.out.toLowerCase().endsWith('.json')) throw new OptionError(`--out: the backprop model file must end in .json, got '${o.out}'`);
  // a TF.js model.json given as FILE must not be overwritten by its own import
  const out = toStdout ? undefined : o.out;
  checkOutputPath(out, '--out', { inputs: [o.file, o.file.toLowerCase().endsWith('.json') ? undefined : `${o.file}/model.json`] });
  const format = o.format !== undefined ? parseChoice(o.format, '--format', IMPORT_FORMATS) : detectFormat(o.file);
  // the library checks the names (distinct, non-empty) before reading the file
  const classes = o.classes?.split(',').map((c) => c.trim());
  let model: Model;
  if (format === 'onnx') {
    model = await (await import('../../io/onnx.js')).loadOnnx(o.file, { classes });
  } else {
    const { loadTfjs, tfjsInputFiles } = await import('../../io/tfjs.js');
    model = await loadTfjs(o.file, { classes });
    // nor any weight file its manifest names
    checkOutputPath(out, '--out', { inputs: tfjsInputFiles(o.file) });
  }
  // (after the inputs are known: a weight file given as --out is said to be an input, the more useful word)
  checkOutputPath(out, '--out', { model: true });
  // (a model that did not reach standard output is not said to be written: the failure is said instead)
  if (out === undefined) { if (!(await writeStandardOutput(JSON.stringify(modelToJson(model)) + '\n'))) return; }
  else await saveModel(out, model);
  const net = model.network, meta = model.meta;
  const cls = meta.classes ? `, classes ${meta.classes.join(', ')}` : '';
  const prep = meta.preprocessing ? `, preprocessing ${Object.keys(meta.preprocessing).join(', ')}` : '';
  (out === undefined ? console.error : console.log)(`wrote ${out === undefined ? 'the model to standard output' : showPath(out)}: ${net.describe()} (${meta.task}${cls}${prep}) imported from ${format === 'onnx' ? 'ONNX' : 'TF.js'} ${showPath(o.file)}`);
}

/** The file to import: the argument or --model (export, evaluate and predict take --model; import said "unknown option"). */
function modelToImport(file: string | undefined, model: string | undefined): string {
  if (file !== undefined && model !== undefined && file !== model) throw new OptionError(`import reads one model: give it as the argument or as --model, not both ('${file}' and '${model}')`);
  const chosen = file ?? model;
  if (chosen === undefined) throw new OptionError("import needs the model to read: backprop import model.onnx --out model.json (or --model model.onnx)");
  return chosen;
}

export function register(program: Command): void {
  program
    .command('import')
    .description('read an ONNX model or a TF.js Layers model of dense layers into a backprop model file')
    .argument('[file]', 'model.onnx, or a TF.js model.json (or its directory)')
    .option('--model <file>', 'the same as the argument (as export, evaluate and predict name the model)')
    .requiredOption('--out <file>', "backprop model file to write ('-' for standard output)")
    .option('--format <name>', `${IMPORT_FORMATS.join(' or ')} (default: from the file name or content)`)
    .option('--classes <names>', 'class names, comma-separated (default: from the file, or 0..k-1 for softmax)')
    .action(async (file: string | undefined, opts) => {
      await runImport({ file: modelToImport(file, opts.model), out: opts.out, format: opts.format, classes: opts.classes });
    });
}
