// The runner loaded by each worker thread of a study: the folds arrive once (in SharedArrayBuffers);
// a task is a trial's training spec; each fold is trained in turn on one thread of the WebAssembly
// kernels, the first fold's objective reported after each epoch (for pruning), and the
// objective taken on each fold's validation part.

import { initBackend } from '../kernels/init.js';
import { DivergenceError } from '../errors.js';
import { datasetOf, type SharedDataset } from './shared-data.js';
import { objectiveFor } from './objective.js';
import { modelTrainer } from './model-trainer.js';
import { trialEpochs, type TrialData, type TrialSpec, type Trainer } from './trainer.js';
import type { RunnerOutcome, WorkerRunner } from './worker-api.js';

export interface TrialShared {
  folds: { train: SharedDataset; validation: SharedDataset }[];
  objective: string;
  /** Kernels of each worker (default 'wasm': one thread each; the pool runs the trials side by side). */
  backend?: 'js' | 'wasm';
}

export interface TrialTask { spec: TrialSpec }

/** Run one trial's spec on the folds (exported for running in-process, without workers). */
export async function runTrialOnFolds(trainer: Trainer, folds: TrialData[], objectiveName: string, spec: TrialSpec, report: (epoch: number, value: number) => boolean): Promise<RunnerOutcome> {
  const objective = objectiveFor(objectiveName);
  const values: number[] = [], warnings: string[] = [];
  const said = () => (warnings.length > 0 ? { warnings: [...new Set(warnings)] } : {});
  let epochs = 0, pruned = false;
  // a trial of one fold told to stop after its last epoch has nothing left to stop: it ran its whole
  // budget and is complete (it was 'pruned', ranked below every complete trial and counted as stopped early)
  const lastEpoch = folds.length === 1 ? trialEpochs(spec) : Infinity;
  for (const [i, fold] of folds.entries()) {
    try {
      // the first fold reports the objective after each epoch (the validation cost when the trainer cannot evaluate)
      const r = await trainer(spec, fold, (epoch, valCost, evaluateNow) => {
        if (i > 0) return true;
        pruned = !report(epoch, objective.name === 'loss' || !evaluateNow ? valCost : objective.of(evaluateNow())) && epoch < lastEpoch;
        return !pruned;
      });
      epochs += r.epochs;
      warnings.push(...r.warnings ?? []);
      values.push(objective.of(r.validation));
    } catch (e) {
      if (e instanceof DivergenceError) return { state: 'failed', epochs: epochs + e.epoch, message: e.message, ...said() };
      throw e;
    }
    if (pruned) return { state: 'pruned', epochs, value: values[0], ...said() };
  }
  const value = values.reduce((s, v) => s + v, 0) / values.length;
  return { state: 'complete', epochs, value, ...(values.length > 1 ? { foldValues: values } : {}), ...said() };
}

export async function createRunner(shared: TrialShared): Promise<WorkerRunner> {
  await initBackend(shared.backend ?? 'wasm');
  const folds = shared.folds.map((f) => ({ train: datasetOf(f.train), validation: datasetOf(f.validation) }));
  const trainer = modelTrainer();
  return { run: (task, report) => runTrialOnFolds(trainer, folds, shared.objective, (task as TrialTask).spec, report) };
}
