// `backprop predict`: one prediction per example of a data file, or for one PNG/JPEG image.

import { float32Text } from '../../util/number-text.js';
import { constants as zlibConstants, gunzipSync, gzipSync } from 'node:zlib';
import type { Command } from 'commander';
import { loadModel, writeFileAtomic } from '../../io/model-file.js';
import { checkReplaceable } from '../../io/write-file.js';
import { loadImageAsColumn, loadGreyImageAsColumn } from '../../data/images.js';
import { OptionError, DataError } from '../../errors.js';
import type { Model } from '../../model/model.js';
import { dataOptions, readDataOptions, unusedDataOptions, warnUnused } from '../data-options.js';
import { loadLikeModel, checkFits } from '../pipeline.js';
import { checkOutputPath, isStandardOutput } from '../options.js';
import type { Matrix } from '../../tensor/matrix.js';
import { labelsAt } from '../../train/predict.js';
import { defaultLabelNames } from '../../model/multilabel.js';
import { showPath } from '../../io/path-text.js';

/** A cell of the predictions file, quoted when it holds the separator, a quote or a line break. */
const cellWith = (sep: string) => (s: string) => (s.includes(sep) || /["\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
/** The separator of the predictions file: a tab for FILE.tsv (and .tsv.gz, .tab), else a comma. */
const separatorFor = (out: string | undefined) => (out !== undefined && /\.(tsv|tab)(\.gz)?$/i.test(out) ? '\t' : ',');

export interface PredictCommandOptions {
  model: string;
  data: string;
  proba?: boolean;
  out?: string;
  [dataOption: string]: string | boolean | undefined;
}

export function register(program: Command): void {
  const cmd = program
    .command('predict')
    .description("predict with a saved model: one row per example of a data file, or the class of one PNG/JPEG image (the course's 'test with your own image')")
    .requiredOption('--model <file>', 'a backprop model file (JSON)')
    .requiredOption('--data <file>', 'data read the way the training data was (labels not needed), or a single .png/.jpg image');
  dataOptions(cmd)
    .option('--proba', 'also print the probability of every class (or the output values)')
    .option('--out <file>', "write the predictions as CSV to this file instead of the terminal (tab-separated for .tsv; gzip for .gz; '-' for standard output)")
    .action(async (o) => { await runPredict(o, cmd); });
}

/**
 * What `predict --out` may replace: a CSV of predictions, i.e. a file whose first line is a header
 * that predict writes ("prediction", "prediction,p_cat,...", "output1,output2,...", or the first of
 * `firsts`: the model's target or label names, 'file' before a folder's). It replaced any file: a data
 * file of the same name as planned, a notes.csv, a script.
 */
export function checkPredictionsTarget(file: string, firsts: readonly string[] = []): void {
  const escaped = ['prediction', 'output1', ...firsts].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const line = new RegExp(`^\ufeff?(${escaped})([,\t][^\r\n]*)?\r?(\n|$)`);
  const predictionsHeader = (bytes: Uint8Array) => {
    try {
      return line.test(gunzipSync(bytes.subarray(0, 1 << 20), { finishFlush: zlibConstants.Z_SYNC_FLUSH }).subarray(0, 4096).toString());
    } catch {
      return false;
    }
  };
  const named = ['prediction', 'output1', ...firsts].map((n) => `'${n}'`).join(' or ');
  checkReplaceable(file, `a CSV of predictions (its first line is not the header predict writes: ${named}, ...)`, (head, whole) =>
    line.test(head) || (/\.gz$/i.test(file) && predictionsHeader(whole())));
}

/** The first header cells of this model's predictions besides 'prediction' and 'output1': 'file' (a model of image folders), its labels' or targets' first name. */
function predictionsFirsts(model: Model): string[] {
  const names = model.task === 'binary' || model.task === 'multiclass' ? [] : [model.classes?.[0], model.targets?.[0]];
  return [...new Set([model.preprocessing.data?.format === 'images' ? 'file' : undefined, ...names].filter((n): n is string => n !== undefined))];
}

export async function runPredict(o: PredictCommandOptions, cmd?: Command): Promise<void> {
  // '-' is standard output, as without --out (a file named '-' was written)
  const out = isStandardOutput(o.out) ? undefined : o.out;
  // an existing --out is replaced only if it is a CSV of predictions, whose header may be the model's own names (checked once it is loaded)
  let existing: string | undefined;
  checkOutputPath(out, '--out', { inputs: [o.data, o.model], replace: (f) => { existing = f; } });
  // an image's prediction is one line on standard output: --out FILE was ignored, silently
  if (out !== undefined && /\.(png|jpe?g)$/i.test(o.data)) throw new OptionError(`--out ${out}: the prediction for an image (${o.data}) is printed, not written as CSV; leave out --out (or redirect the output)`);
  if (out && /\.json$/i.test(out)) throw new DataError(`--out ${out}: predictions are written as CSV; choose a .csv file name`);
  const dataOptions = readDataOptions(o); // every option checked before a file is read
  const model = await loadModel(o.model);
  if (existing !== undefined) checkOutputPath(existing, '--out', { replace: (f) => checkPredictionsTarget(f, predictionsFirsts(model)) });
  const isImage = /\.(png|jpe?g)$/i.test(o.data);
  // an image is read at the model's size and channels: --image-size, --channels (and CSV flags) were ignored, silently
  if (isImage && cmd) warnUnused(unusedDataOptions(cmd, 'images', () => true), `${o.data} is one image, read at the size and channels ${o.model} was trained on`);
  const data = isImage ? undefined : await loadLikeModel(o.data, model, false, dataOptions, o.model, cmd);
  const X = data ? data.X : readImage(o.data, model);
  // a folder of pictures: each prediction names its file (they came in the loader's order, unnamed)
  const files = data?.files;
  checkFits(X, model.network.inputSize, o.data);
  const A = model.predictProba(X);
  if (model.task === 'multilabel') { await writeLabels(A, model, { file: o.data, isImage, files, proba: o.proba === true, out }); return; }
  const regression = model.task === 'regression';
  const names = model.classes ?? (A.rows === 1 ? ['0', '1'] : Array.from({ length: A.rows }, (_, i) => String(i)));
  const predicted = regression ? undefined : model.predictClasses(X);
  // P(class) per example: one sigmoid unit gives P(class 1)
  const proba = (j: number, c: number) => (A.rows === 1 ? (c === 1 ? A.data[j]! : 1 - A.data[j]!) : A.get(c, j));
  // a float32 model's outputs as the float32 they are (23.571354, not 23.571353912353516)
  const value = A.dtype === 'float32' ? float32Text : String;
  if (isImage) {
    if (regression) { process.stdout.write(`${o.data}: ${Array.from(A.data, value).join(', ')}\n`); return; }
    const c = predicted![0]!;
    process.stdout.write(`${o.data}: ${names[c]} (probability ${proba(0, c).toFixed(4)})\n`);
    if (o.proba) names.forEach((n, i) => process.stdout.write(`  P(${n}) = ${proba(0, i).toFixed(6)}\n`));
    return;
  }
  const header = [...(files ? ['file'] : []), ...(regression
    ? (A.rows === 1 ? ['prediction'] : model.targets ?? Array.from({ length: A.rows }, (_, i) => `output${i + 1}`))
    : ['prediction', ...(o.proba ? names.map((n) => `p_${n}`) : [])])];
  const sep = separatorFor(out), cell = cellWith(sep);
  const lines = [header.map(cell).join(sep)];
  for (let j = 0; j < X.cols; j++) {
    const file = files ? [cell(files[j]!)] : [];
    if (regression) lines.push([...file, ...Array.from({ length: A.rows }, (_, i) => value(A.get(i, j)))].join(sep));
    else lines.push([...file, cell(names[predicted![j]!]!), ...(o.proba ? names.map((_, c) => value(proba(j, c))) : [])].join(sep));
  }
  await writePredictions(lines, out, X.cols);
}

/** The predictions' lines to standard output, or to `out` (gzip'd for a name ending in .gz). */
async function writePredictions(lines: string[], out: string | undefined, m: number): Promise<void> {
  const text = lines.join('\n') + '\n';
  if (!out) { process.stdout.write(text); return; }
  // a name ending in .gz is gzip'd (plain text under a .gz name could not be read back: "not gzip-compressed")
  await writeFileAtomic(out, /\.gz$/i.test(out) ? gzipSync(text) : text);
  process.stderr.write(`${m} predictions written to ${showPath(out)}\n`);
}

/**
 * A multi-label model's predictions: one 0/1 column per label, headed by its name, 1 where its
 * probability is above 0.5 (scikit-learn's predict); with --proba, each label's probability after
 * them, headed p_<label> (predict_proba). An image: the labels present, on one line.
 */
async function writeLabels(A: Matrix, model: Model, o: { file: string; isImage: boolean; files?: string[]; proba: boolean; out?: string }): Promise<void> {
  const names = model.classes ?? defaultLabelNames(A.rows), on = labelsAt(A), m = A.cols;
  if (o.isImage) {
    const present = names.filter((_, i) => on[i * m] === 1);
    process.stdout.write(`${o.file}: ${present.length ? present.join(', ') : 'no label'} (${names.map((n, i) => `P(${n}) = ${A.data[i * m]!.toFixed(4)}`).join(', ')})\n`);
    return;
  }
  const sep = separatorFor(o.out), cell = cellWith(sep);
  const lines = [[...(o.files ? ['file'] : []), ...names, ...(o.proba ? names.map((n) => `p_${n}`) : [])].map(cell).join(sep)];
  for (let j = 0; j < m; j++) {
    const row = [...(o.files ? [cell(o.files[j]!)] : []), ...names.map((_, i) => String(on[i * m + j]))];
    if (o.proba) row.push(...names.map((_, i) => (A.dtype === 'float32' ? float32Text : String)(A.data[i * m + j]!))); // (as the float32 it is)
    lines.push(row.join(sep));
  }
  await writePredictions(lines, o.out, m);
}

/** One picture as the model's input column: grey and inverted as needed for a digits model, else RGB at the training size. */
function readImage(file: string, model: Model): Matrix {
  const n = model.network.inputSize;
  const data = model.preprocessing.data as { format?: string; width?: number; height?: number; channels?: 1 | 3 } | undefined;
  const greySide = Math.round(Math.sqrt(n));
  if (data?.format === 'idx' || (!data && greySide * greySide === n && n % 3 !== 0)) {
    // a model of grey-level digits (MNIST): the picture is made grey, resized, and inverted if it is dark on light
    const grey = loadGreyImageAsColumn(file, greySide, greySide, 'auto', model.network.dtype);
    if (grey.inverted) process.stderr.write(`(${file} is dark on light; inverted to the light-on-dark of the training digits)\n`);
    return grey.X;
  }
  // a model of an image folder: its size and channels (RGB unless its file says otherwise)
  const channels = data?.format === 'images' ? data.channels ?? 3 : 3;
  const side = Math.round(Math.sqrt(n / channels));
  const width = data?.width ?? side, height = data?.height ?? side;
  if (width * height * channels !== n) throw new OptionError(`--data ${file}: the model takes ${n} features, which is not a width x height x ${channels} image`);
  return loadImageAsColumn(file, width, height, channels, model.network.dtype);
}
