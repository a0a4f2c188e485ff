// `backprop evaluate`: loss and metrics of a saved model on a labelled data file.

import type { Command } from 'commander';
import { loadModel } from '../../io/model-file.js';
import { evaluate } from '../../train/predict.js';
import { DataError } from '../../errors.js';
import { dataOptions, readDataOptions } from '../data-options.js';
import { loadLikeModel, prepareInput, checkFits, type ModelPreprocessing } from '../pipeline.js';
import { formatMetrics, metricsJson } from '../report.js';

export function register(program: Command): void {
  const cmd = program
    .command('evaluate')
    .description('loss, accuracy, per-class accuracy, confusion matrix, precision/recall/F1 (or MSE/MAE/R²) of a model on labelled data')
    .requiredOption('--model <file>', 'a backprop model file (JSON)')
    .requiredOption('--data <file>', 'labelled data, read the way the training data was');
  dataOptions(cmd).option('--json', 'print the metrics as one JSON object').action(async (o) => {
    const { net, meta } = await loadModel(o.model);
    const data = await loadLikeModel(o.data, meta, net, true, readDataOptions(o), o.model, cmd);
    if (data.unlabeled) throw new DataError(`${o.data}: no labels to evaluate against`);
    checkFits(data.X, net.inputSize, o.data);
    const X = prepareInput(data.X, meta.preprocessing as ModelPreprocessing | undefined);
    const e = evaluate(net, X, data.Y, meta.task);
    const classes = meta.classes ?? data.classes;
    if (o.json) {
      process.stdout.write(JSON.stringify({ examples: X.cols, ...metricsJson(e, classes) }) + '\n');
      return;
    }
    process.stdout.write(`${o.model} on ${o.data} (${X.cols} examples)\n${formatMetrics(e, classes)}\n`);
  });
}
