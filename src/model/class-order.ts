// A classifier's outputs put in another order of its classes, by their names: a model trained on one
// file's classes (b, a) scores another file's (a, b) only once its output units follow that order.

import { OptionError } from '../errors.js';
import type { Network } from '../nn/network.js';

/**
 * Where each class of `order` is among `classes` (the model's), or why they are not the same names:
 * a class missing on either side, or a repeated one.
 */
export function classPermutation(classes: readonly string[], order: readonly string[]): number[] {
  const missing = order.filter((c) => !classes.includes(c)), extra = classes.filter((c) => !order.includes(c));
  if (missing.length > 0 || extra.length > 0 || new Set(order).size !== order.length) {
    const parts = [...(missing.length ? [`${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not among the model's`] : []),
      ...(extra.length ? [`the model's ${extra.join(', ')} ${extra.length === 1 ? 'is' : 'are'} not among them`] : [])];
    throw new OptionError(`withClassOrder: the classes (${order.join(', ')}) are not the model's (${classes.join(', ')}) in another order${parts.length ? `: ${parts.join('; ')}` : ' (a class is named twice)'}`);
  }
  return order.map((c) => classes.indexOf(c));
}

/**
 * The output layer's units reordered in place so that unit j is the class `from[j]` had: a softmax's rows
 * of W[L] and b[L] permuted; one sigmoid unit of two classes, ŷ = P(class 1) = σ(z), swapped by
 * σ(-z) = 1 - σ(z), i.e. W[L] and b[L] negated.
 */
export function reorderOutputs(net: Network, from: readonly number[]): void {
  const L = net.depth, W = net.W(L), b = net.b(L).data, n = W.cols;
  if (W.rows === 1 && from.length === 2) {
    if (from[0] === 0) return;
    for (let j = 0; j < n; j++) W.data[j] = -W.data[j]!;
    b[0] = -b[0]!;
    return;
  }
  const oldW = Float64Array.from(W.data), oldB = Float64Array.from(b);
  from.forEach((k, j) => {
    for (let c = 0; c < n; c++) W.data[j * n + c] = oldW[k * n + c]!;
    b[j] = oldB[k]!;
  });
}
