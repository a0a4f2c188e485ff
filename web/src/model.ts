// The network the page builds from its settings, and what the exported model file says about it.

import { Network, outputLayerFor, type ModelJson, type ModelMeta } from '../../src/index.js';
import type { Settings } from './settings.js';
import type { PlayData } from './data.js';
import { featurePreprocessing } from './features.js';

/** The L1/L2 strengths of the settings' regularization. */
export function regularizationOf(s: Settings): { l1: number; l2: number } {
  const rate = s.regularization === 'none' ? 0 : s.regRate;
  return { l1: s.regularization === 'l1' ? rate : 0, l2: s.regularization === 'l2' ? rate : 0 };
}

export function buildNetwork(s: Settings, data: Pick<PlayData, 'task' | 'classes'>): Network {
  return new Network({
    inputSize: s.features.length,
    layers: [...s.hidden.map((units) => ({ units, activation: s.activation })), outputLayerFor(data.task, data.classes?.length ?? 2)],
    dtype: 'float64',
    seed: s.seed,
    ...regularizationOf(s),
    warn: () => {},
  });
}

/** Everything besides the weights that the model file records. */
export function modelMeta(s: Settings, data: PlayData, epoch: number, losses: { train?: number; test?: number }): ModelMeta {
  return {
    task: data.task,
    ...(data.classes ? { classes: data.classes } : {}),
    features: [...s.features],
    preprocessing: featurePreprocessing(s.features),
    training: {
      source: 'backprop playground',
      dataset: s.dataset,
      noise: s.noise / 100,
      trainRatio: s.trainRatio / 100,
      batchSize: s.batchSize,
      learningRate: s.learningRate,
      optimizer: s.optimizer,
      regularization: s.regularization,
      regularizationRate: s.regRate,
      l1: s.regularization === 'l1' ? s.regRate : 0,
      l2: s.regularization === 'l2' ? s.regRate : 0,
      seed: s.seed,
      dataSeed: s.dataSeed,
      epochs: epoch,
      ...(losses.train !== undefined ? { trainCost: losses.train } : {}),
      ...(losses.test !== undefined ? { testCost: losses.test } : {}),
      date: new Date().toISOString(),
    },
  };
}

/** Whether the data fits an imported model's output layer; when not, the message saying so. */
export function unfitMessage(model: ModelJson, data: Pick<PlayData, 'task' | 'classes'>): string | undefined {
  const { task, classes, layers } = model;
  const k = classes?.length ?? (task === 'multiclass' ? layers[layers.length - 1]!.units : 2);
  if (task === data.task && (task !== 'multiclass' || data.classes?.length === k)) return undefined;
  const now = data.task === 'multiclass' ? `${data.classes?.length ?? '?'} classes` : data.task;
  return `The imported model (${task}${task === 'multiclass' ? `, ${k} classes` : ''}) does not fit this data (${now}); a new network is trained instead.`;
}
