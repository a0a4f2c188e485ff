// Parameter updates after each backward pass. Batch, stochastic and mini-batch gradient descent
// are the same update with different batch sizes (see train/fit.ts); the optimizers differ in
// how they turn dW, db into a step.

import { Matrix } from '../tensor/matrix.js';
import type { DenseLayer } from '../nn/network.js';

export type OptimizerName = 'gd' | 'momentum' | 'rmsprop' | 'adam';
export const OPTIMIZER_NAMES: readonly OptimizerName[] = ['gd', 'momentum', 'rmsprop', 'adam'];

export interface OptimizerOptions {
  /** Momentum / Adam first-moment decay (default 0.9). */
  beta1?: number;
  /** RMSprop (default 0.9) / Adam (default 0.999) second-moment decay. */
  beta2?: number;
  /** Added to the root mean square to avoid a division by zero (default 1e-8). */
  epsilon?: number;
}

export interface Optimizer {
  readonly name: OptimizerName;
  /** Update every W[l], b[l] from dW[l], db[l] with learning rate alpha. */
  step(layers: readonly DenseLayer[], alpha: number): void;
}

/** Plain gradient descent: W[l] := W[l] - alpha * dW[l], b[l] := b[l] - alpha * db[l]. */
export class GradientDescent implements Optimizer {
  readonly name = 'gd';
  step(layers: readonly DenseLayer[], alpha: number): void {
    for (const layer of layers) {
      descend(layer.W.data, layer.dW.data, alpha);
      descend(layer.b.data, layer.db.data, alpha);
    }
  }
}

function descend(p: Matrix['data'], g: Matrix['data'], alpha: number): void {
  for (let k = 0; k < p.length; k++) p[k] -= alpha * g[k]!;
}

/** Per-parameter state buffers, one pair (for W and b) per layer, made on the first step. */
function stateFor(layers: readonly DenseLayer[], state: Matrix[][]): Matrix[][] {
  if (state.length !== layers.length) {
    state.length = 0;
    for (const l of layers) state.push([Matrix.zeros(l.W.rows, l.W.cols, l.W.dtype), Matrix.zeros(l.b.rows, 1, l.b.dtype)]);
  }
  return state;
}

/** Momentum: v := beta v + (1 - beta) dW;  W := W - alpha v. */
export class Momentum implements Optimizer {
  readonly name = 'momentum';
  private readonly v: Matrix[][] = [];
  constructor(readonly beta = 0.9) {}
  step(layers: readonly DenseLayer[], alpha: number): void {
    const v = stateFor(layers, this.v);
    const beta = this.beta;
    layers.forEach((layer, i) => {
      const pairs: [Matrix, Matrix, Matrix][] = [[layer.W, layer.dW, v[i]![0]!], [layer.b, layer.db, v[i]![1]!]];
      for (const [P, G, V] of pairs) {
        const p = P.data, g = G.data, vv = V.data;
        for (let k = 0; k < p.length; k++) {
          vv[k] = beta * vv[k]! + (1 - beta) * g[k]!;
          p[k] -= alpha * vv[k]!;
        }
      }
    });
  }
}

/** RMSprop: s := beta s + (1 - beta) dW^2;  W := W - alpha dW / (sqrt(s) + eps). */
export class RMSprop implements Optimizer {
  readonly name = 'rmsprop';
  private readonly s: Matrix[][] = [];
  constructor(readonly beta = 0.9, readonly epsilon = 1e-8) {}
  step(layers: readonly DenseLayer[], alpha: number): void {
    const s = stateFor(layers, this.s);
    const { beta, epsilon } = this;
    layers.forEach((layer, i) => {
      const pairs: [Matrix, Matrix, Matrix][] = [[layer.W, layer.dW, s[i]![0]!], [layer.b, layer.db, s[i]![1]!]];
      for (const [P, G, S] of pairs) {
        const p = P.data, g = G.data, ss = S.data;
        for (let k = 0; k < p.length; k++) {
          const gk = g[k]!;
          ss[k] = beta * ss[k]! + (1 - beta) * gk * gk;
          p[k] -= (alpha * gk) / (Math.sqrt(ss[k]!) + epsilon);
        }
      }
    });
  }
}

/**
 * Adam (Kingma & Ba, 2015), as in the course:
 *   v := b1 v + (1 - b1) dW,  s := b2 s + (1 - b2) dW^2,
 *   v^ = v / (1 - b1^t),  s^ = s / (1 - b2^t),  W := W - alpha v^ / (sqrt(s^) + eps)
 */
export class Adam implements Optimizer {
  readonly name = 'adam';
  private readonly v: Matrix[][] = [];
  private readonly s: Matrix[][] = [];
  /** t, the number of updates made so far. */
  t = 0;
  constructor(readonly beta1 = 0.9, readonly beta2 = 0.999, readonly epsilon = 1e-8) {}
  step(layers: readonly DenseLayer[], alpha: number): void {
    const v = stateFor(layers, this.v);
    const s = stateFor(layers, this.s);
    this.t++;
    const { beta1, beta2, epsilon } = this;
    const c1 = 1 - Math.pow(beta1, this.t);
    const c2 = 1 - Math.pow(beta2, this.t);
    layers.forEach((layer, i) => {
      const sets: [Matrix, Matrix, Matrix, Matrix][] = [
        [layer.W, layer.dW, v[i]![0]!, s[i]![0]!],
        [layer.b, layer.db, v[i]![1]!, s[i]![1]!],
      ];
      for (const [P, G, V, S] of sets) {
        const p = P.data, g = G.data, vv = V.data, ss = S.data;
        for (let k = 0; k < p.length; k++) {
          const gk = g[k]!;
          vv[k] = beta1 * vv[k]! + (1 - beta1) * gk;
          ss[k] = beta2 * ss[k]! + (1 - beta2) * gk * gk;
          p[k] -= (alpha * (vv[k]! / c1)) / (Math.sqrt(ss[k]! / c2) + epsilon);
        }
      }
    });
  }
}

export function createOptimizer(name: OptimizerName, options: OptimizerOptions = {}): Optimizer {
  switch (name) {
    case 'gd': return new GradientDescent();
    case 'momentum': return new Momentum(options.beta1 ?? 0.9);
    case 'rmsprop': return new RMSprop(options.beta2 ?? 0.9, options.epsilon ?? 1e-8);
    case 'adam': return new Adam(options.beta1 ?? 0.9, options.beta2 ?? 0.999, options.epsilon ?? 1e-8);
    default:
      throw new RangeError(`unknown optimizer '${String(name)}'; expected one of ${OPTIMIZER_NAMES.join(', ')}`);
  }
}
