// `backprop evaluate`: loss and metrics of a saved model on a labelled data file.

import type { Command } from 'commander';
import { loadModel } from '../../io/model-file.js';
import { DataError } from '../../errors.js';
import type { Evaluation } from '../../train/predict.js';
import { dataOptions, readDataOptions } from '../data-options.js';
import { loadLikeModel, checkFits } from '../pipeline.js';
import { formatMetrics, metricsJson } from '../report.js';

export interface EvaluateCommandOptions {
  model: string;
  data: string;
  json?: boolean;
  [dataOption: string]: string | boolean | undefined;
}

export function register(program: Command): void {
  const cmd = program
    .command('evaluate')
    .description('loss, accuracy, per-class accuracy, confusion matrix, precision/recall/F1 (or MSE/MAE/R²) of a model on labelled data')
    .requiredOption('--model <file>', 'a backprop model file (JSON)')
    .requiredOption('--data <file>', 'labelled data, read the way the training data was');
  dataOptions(cmd).option('--json', 'print the metrics as one JSON object').action(async (o) => { await runEvaluate(o, cmd); });
}

export async function runEvaluate(o: EvaluateCommandOptions, cmd?: Command): Promise<Evaluation> {
  const model = await loadModel(o.model);
  const data = await loadLikeModel(o.data, model, true, readDataOptions(o), o.model, cmd);
  if (data.unlabeled) throw new DataError(`${o.data}: no labels to evaluate against`);
  checkFits(data.X, model.network.inputSize, o.data);
  const e = model.evaluate(data.X, data.Y);
  const classes = model.classes ?? data.classes;
  if (o.json) process.stdout.write(JSON.stringify({ examples: data.X.cols, ...metricsJson(e, classes) }) + '\n');
  else process.stdout.write(`${o.model} on ${o.data} (${data.X.cols} examples)\n${formatMetrics(e, classes)}\n`);
  return e;
}
