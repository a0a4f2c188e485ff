// `backprop predict`: one prediction per example of a data file, or for one PNG/JPEG image.

import type { Command } from 'commander';
import { loadModel, writeFileAtomic } from '../../io/model-file.js';
import { predictClasses } from '../../train/predict.js';
import { loadImageAsColumn, loadGreyImageAsColumn } from '../../data/images.js';
import { OptionError, DataError } from '../../errors.js';
import { dataOptions, readDataOptions } from '../data-options.js';
import { loadLikeModel, prepareInput, checkFits, type ModelPreprocessing } from '../pipeline.js';
import { checkOutputPath } from '../options.js';
import type { Matrix } from '../../tensor/matrix.js';

const csvCell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function register(program: Command): void {
  const cmd = program
    .command('predict')
    .description("predict with a saved model: one row per example of a data file, or the class of one PNG/JPEG image (the course's 'test with your own image')")
    .requiredOption('--model <file>', 'a backprop model file (JSON)')
    .requiredOption('--data <file>', 'data read the way the training data was (labels not needed), or a single .png/.jpg image');
  dataOptions(cmd)
    .option('--proba', 'also print the probability of every class (or the output values)')
    .option('--out <file>', 'write the predictions as CSV to this file instead of the terminal')
    .action(async (o) => {
      checkOutputPath(o.out, '--out', { inputs: [o.data, o.model] });
      const { net, meta } = await loadModel(o.model);
      const pre = meta.preprocessing as ModelPreprocessing | undefined;
      const classes = meta.classes;
      const isImage = /\.(png|jpe?g)$/i.test(o.data);
      let Xraw: Matrix;
      if (isImage) {
        const data = pre?.data as { format?: string; width?: number; height?: number } | undefined;
        const greySide = Math.round(Math.sqrt(net.inputSize));
        if (data?.format === 'idx' || (!data && greySide * greySide === net.inputSize && net.inputSize % 3 !== 0)) {
          // a model of grey-level digits (MNIST): the picture is made grey, resized, and inverted if it is dark on light
          const grey = loadGreyImageAsColumn(o.data, greySide, greySide);
          if (grey.inverted) process.stderr.write(`(${o.data} is dark on light; inverted to the light-on-dark of the training digits)\n`);
          Xraw = grey.X;
        } else {
          const side = Math.round(Math.sqrt(net.inputSize / 3));
          const width = data?.width ?? side, height = data?.height ?? side;
          if (width * height * 3 !== net.inputSize) {
            throw new OptionError(`--data ${o.data}: the model takes ${net.inputSize} features, which is not a width x height x 3 image`);
          }
          Xraw = loadImageAsColumn(o.data, width, height);
        }
      } else {
        const data = await loadLikeModel(o.data, meta, net, false, readDataOptions(o), o.model, cmd);
        Xraw = data.X;
      }
      checkFits(Xraw, net.inputSize, o.data);
      const X = prepareInput(Xraw, pre);
      const A = net.predictProba(X);
      const regression = meta.task === 'regression';
      const names = classes ?? (A.rows === 1 ? ['0', '1'] : Array.from({ length: A.rows }, (_, i) => String(i)));
      const predicted = regression ? undefined : predictClasses(net, X);
      // P(class) per example: one sigmoid unit gives P(class 1)
      const proba = (j: number, c: number) => (A.rows === 1 ? (c === 1 ? A.data[j]! : 1 - A.data[j]!) : A.get(c, j));

      if (isImage) {
        if (regression) { process.stdout.write(`${o.data}: ${Array.from(A.data).join(', ')}\n`); return; }
        const c = predicted![0]!;
        process.stdout.write(`${o.data}: ${names[c]} (probability ${proba(0, c).toFixed(4)})\n`);
        if (o.proba) names.forEach((n, i) => process.stdout.write(`  P(${n}) = ${proba(0, i).toFixed(6)}\n`));
        return;
      }
      const header = regression
        ? (A.rows === 1 ? ['prediction'] : Array.from({ length: A.rows }, (_, i) => `output${i + 1}`))
        : ['prediction', ...(o.proba ? names.map((n) => `p_${n}`) : [])];
      const lines = [header.map(csvCell).join(',')];
      for (let j = 0; j < X.cols; j++) {
        if (regression) lines.push(Array.from({ length: A.rows }, (_, i) => String(A.get(i, j))).join(','));
        else lines.push([csvCell(names[predicted![j]!]!), ...(o.proba ? names.map((_, c) => String(proba(j, c))) : [])].join(','));
      }
      const text = lines.join('\n') + '\n';
      if (o.out) {
        if (/\.json$/i.test(o.out)) throw new DataError(`--out ${o.out}: predictions are written as CSV; choose a .csv file name`);
        await writeFileAtomic(o.out, text);
        process.stderr.write(`${X.cols} predictions written to ${o.out}\n`);
      } else {
        process.stdout.write(text);
      }
    });
}
