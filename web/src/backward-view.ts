// One example's backward pass for the page's backward tab: the library's backwardTrace and its text
// (the same as `backprop inspect --backward`): dZ, dW, db, dA of every layer with the equation that
// produced it, the loss, one gradient-descent step at the page's learning rate, and finite
// differences beside each gradient.

import { backwardTrace, backwardReport, type Network } from '../../src/index.js';
import { featureMatrix, type FeatureName } from './features.js';
import type { PlayData } from './data.js';

export function backwardPass(net: Network, features: readonly FeatureName[], data: PlayData, set: 'train' | 'test', i: number, learningRate: number): string {
  const j = (set === 'train' ? data.trainIdx : data.testIdx)[i]!;
  const X = featureMatrix(features, [data.x1[j]!], [data.x2[j]!]);
  const trace = backwardTrace(net, X, [data.y[j]!], { learningRate });
  return backwardReport(trace, net.loss.name, `example ${i + 1} of the ${set === 'train' ? 'training' : 'test'} set`).join('\n').trimStart();
}
