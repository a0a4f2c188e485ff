// `backprop evaluate`: loss and metrics of a saved model on a labelled data file.

import path from 'node:path';
import type { Command } from 'commander';
import type { Model } from '../../model/model.js';
import { loadModel } from '../../io/model-file.js';
import { DataError } from '../../errors.js';
import { costText, percentText } from '../../util/number-text.js';
import { showPath } from '../../io/path-text.js';
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
    .description('loss, accuracy, per-class accuracy, confusion matrix, precision/recall/F1 (or MSE/RMSE/MAE/R²) of a model on labelled data')
    .requiredOption('--model <file>', 'a backprop model file (JSON)')
    .requiredOption('--data <file>', 'labelled data, read the way the training data was');
  dataOptions(cmd).option('--json', 'print the metrics as one JSON object').action(async (o) => { await runEvaluate(o, cmd); });
}

export async function runEvaluate(o: EvaluateCommandOptions, cmd?: Command): Promise<Evaluation> {
  const dataOptions = readDataOptions(o); // every option checked before a file is read
  const model = await loadModel(o.model);
  const data = await loadLikeModel(o.data, model, true, dataOptions, o.model, cmd);
  if (data.unlabeled) throw new DataError(`${o.data}: no labels to evaluate against`);
  checkFits(data.X, model.network.inputSize, o.data);
  const e = model.evaluate(data.X, data.Y);
  const classes = model.classes ?? data.classes;
  const seen = trainedOn(model, o.data);
  if (o.json) process.stdout.write(JSON.stringify({ examples: data.X.cols, ...(seen ? { trainingData: true } : {}), ...metricsJson(e, classes, model.targets) }) + '\n');
  else process.stdout.write(`${showPath(o.model)} on ${showPath(o.data)} (${data.X.cols} examples)\n${formatMetrics(e, classes, { targets: model.targets })}\n${seen ? trainingDataNote(model, o.data) : ''}`);
  return e;
}

/** True when `file` is the data the model records it was trained on (the same path, or the same built-in set or file name). */
export function trainedOn(model: Model, file: string): boolean {
  const source = model.training.data;
  if (typeof source !== 'string' || source === '') return false;
  return path.resolve(source) === path.resolve(file) || path.basename(source) === path.basename(file);
}

/** Metrics on training rows flatter a model: say so, with the held-out test metrics recorded at training. */
function trainingDataNote(model: Model, file: string): string {
  const test = model.training.testMetrics as { accuracy?: number; loss?: number; r2?: number } | undefined;
  const held = test?.accuracy !== undefined ? `accuracy ${percentText(test.accuracy)}` : test?.loss !== undefined ? `loss ${costText(test.loss)}` : undefined;
  return `note: ${file} is the data this model was trained on (its training record says '${model.training.data}'): the rows it learned from are among these, so these numbers are optimistic` +
    (held ? `; on its held-out test rows it had ${held}\n` : '\n');
}
