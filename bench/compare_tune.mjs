// backprop's side of compare_tune.py: one split (train, validation, test CSVs), four searches, one JSON line each.
// BACKPROP_LIB: the build to import (compare_tune.py gives this repository's dist/src/node.js); BP_EXTRA: fixed spec fields as JSON, e.g. {"init":"xavier"}.
import { pathToFileURL } from 'node:url';
const { loadDataset, tune, retrainBest, choice, floatRange } = await import(process.env.BACKPROP_LIB ? pathToFileURL(process.env.BACKPROP_LIB).href : 'backprop');
const cfg = JSON.parse(process.argv[2]);
const [trainFile, valFile, testFile] = cfg.files;
const quiet = () => {};
const { dataset: train, schema } = await loadDataset(trainFile, { target: 'target', task: cfg.task, warn: quiet });
const validation = (await loadDataset(valFile, { schema, warn: quiet })).dataset;
const test = (await loadDataset(testFile, { schema, warn: quiet })).dataset;
const reg = cfg.task === 'regression';
const fixed = { optimizer: 'adam', epochs: cfg.epochs, standardize: true, seed: cfg.seed, ...JSON.parse(process.env.BP_EXTRA ?? '{}') };
const grid = { layers: choice(...cfg.grid.hidden), learningRate: choice(...cfg.grid.lr), l2: choice(...cfg.grid.l2), batchSize: choice(...cfg.grid.batch) };
const ranges = { layers: choice(...cfg.hidden), learningRate: floatRange(1e-4, 1e-1, true), l2: floatRange(1e-5, 1e-1, true), batchSize: choice(...cfg.batches) };
const searches = [['bp-grid', grid, 'grid', 'none'], ['bp-random', ranges, 'random', 'none'], ['bp-tpe', ranges, 'tpe', 'none'], ['bp-random-asha', ranges, 'random', 'asha']];
for (const [method, space, sampler, pruner] of searches) {
  const t = performance.now();
  const study = await tune({ spec: { ...fixed, ...space }, data: { train, validation }, trials: cfg.trials, sampler, pruner, objective: reg ? 'r2' : 'accuracy', seed: cfg.seed, workers: 2, warn: quiet });
  const { test: m } = await retrainBest(study, { test, schema });
  const wall = (performance.now() - t) / 1000;
  const best = study.summary.best;
  const p = best.params;
  process.stdout.write(JSON.stringify({ method, test: reg ? m.regression.r2 : m.classification.accuracy, val: best.value, wall, trainings: study.trials.length + 1,
    epochs: study.summary.epochsRun, budget: study.summary.epochBudget,
    best: { hidden: p.layers, lr: p.learningRate, l2: p.l2, batch: p.batchSize } }) + '\n');
}
