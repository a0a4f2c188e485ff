// Training on a step the kernel backend holds (Kernels.residentStep): for the networks its
// kernels cover (relu, leakyRelu, linear, tanh, sigmoid, elu or selu hidden layers, with or
// without dropout, a sigmoid + BCE, softmax + CCE or linear + MSE output, float32, a built-in
// optimizer), the weights and the optimizer's state stay in the backend's memory and one call
// runs forward, cost, backward and update. The network's matrices are brought up to date
// whenever user code may look at them (syncOut), and the backend's copy from them whenever user
// code may have changed them (syncIn). Dropout masks come from the network's generator (net.rng),
// drawn during each step as its forward pass would draw them.

import { isLibraryActivation } from '../nn/activations.js';
import type { Network } from '../nn/network.js';
import type { Matrix } from '../tensor/matrix.js';
import { getBackend } from '../kernels/registry.js';
import type { ResidentStep, Smooth, StepSpec, UpdateRule } from '../kernels/step.js';
import type { Piecewise } from '../kernels/kernels.js';
import { Adam, GradientDescent, Momentum, RMSprop, type Optimizer } from '../optim/optimizers.js';
import { usesCombinedGradient } from '../nn/losses.js';

const asF32 = (m: Matrix) => m.data as Float32Array;

export class ResidentTraining {
  private constructor(private readonly net: Network, private readonly step: ResidentStep) {}

  /**
   * A resident step for training `net` with `optimizer` on batches of up to `batchSize`, or
   * undefined when the backend has none for it. `copy`: the backend may keep a copy of the training
   * set of that many examples (X and Y then change only in steps run with `fresh`); `inOrder`: the
   * batches are its examples in order, not shuffled (see StepSpec.inOrder).
   */
  static create(net: Network, optimizer: Optimizer, batchSize: number, copy?: { examples: number; inOrder?: boolean }, gradientNorms = false): ResidentTraining | undefined {
    const spec = stepSpec(net, optimizer, batchSize, copy, gradientNorms);
    const step = spec && getBackend().residentStep(spec);
    return step ? new ResidentTraining(net, step) : undefined;
  }

  /** Whether run() checks X itself when it copies it in (then it throws NonFiniteInput; see ResidentStep.checksInput). */
  get checksInput(): boolean {
    return this.step.checksInput;
  }

  /** Threads a step runs on. */
  get threads(): number {
    return this.step.threads;
  }

  /**
   * One step on the examples `indices` of X and Y (undefined: all, in order); returns the cost
   * before the update. `fresh`: X or Y may have changed since the last step.
   */
  run(X: Matrix, Y: Matrix, indices: Int32Array | undefined, alpha: number, fresh: boolean): number {
    return this.step.step(asF32(X), asF32(Y), X.cols, indices, alpha, fresh);
  }

  /** Copy the network's W[l], b[l] into the backend. */
  syncIn(): void {
    const layers = this.net.layers;
    this.step.setWeights(layers.map((l) => asF32(l.W)), layers.map((l) => asF32(l.b)));
  }

  /** Copy W[l], b[l], dW[l], db[l] out to the network's matrices. */
  syncOut(): void {
    const layers = this.net.layers;
    this.step.getWeights(layers.map((l) => asF32(l.W)), layers.map((l) => asF32(l.b)), layers.map((l) => asF32(l.dW)), layers.map((l) => asF32(l.db)));
  }

  /** Whether the backend's W[l] and b[l] are all finite (checked there, without copying them out). */
  weightsFinite(): boolean {
    return this.step.weightsFinite();
  }

  /** Copy the backend's W[l], b[l] into `snap` (the network's own matrices are left as they are). */
  copyWeightsTo(snap: { W: Matrix[]; b: Matrix[] }): void {
    this.step.getWeights(snap.W.map(asF32), snap.b.map(asF32));
  }

  /** Add the norm of each dW[l] of the last step to sums[l - 1] (when created with gradientNorms). */
  addGradientNorms(sums: Float64Array): void {
    this.step.addGradientNorms(sums);
  }

  close(): void {
    this.step.close();
  }
}

/** What the backend needs to know of the network and the optimizer; undefined when a resident step cannot train it. */
function stepSpec(net: Network, optimizer: Optimizer, batchSize: number, copy: { examples: number; inOrder?: boolean } | undefined, gradientNorms: boolean): StepSpec | undefined {
  if (net.dtype !== 'float32') return undefined;
  // an activation replaced by hand runs its own forward and backward, on the network's own path
  if (!net.layers.every((layer) => isLibraryActivation(layer.activation))) return undefined;
  const L = net.depth;
  const hidden: (Piecewise | Smooth)[] = [], keepProb: number[] = [];
  for (const layer of net.layers.slice(0, L - 1)) {
    const g = layer.activation.piecewise ?? layer.activation.smooth;
    if (!g) return undefined;
    hidden.push(g);
    keepProb.push(layer.keepProb);
  }
  // the masks come from the network's generator, as in its forward pass
  const dropout = keepProb.some((k) => k < 1) ? { keepProb, rng: net.rng } : undefined;
  const out = net.outputActivation;
  const paired = usesCombinedGradient(net.loss.name, out) || (out === 'linear' && net.loss.name === 'meanSquaredError');
  if (!paired || (out !== 'sigmoid' && out !== 'softmax' && out !== 'linear')) return undefined;
  const update = updateRule(optimizer);
  if (!update) return undefined;
  return { sizes: net.layerSizes, hidden, dropout, output: out, update, l1: net.regularization.l1, l2: net.regularization.l2, batchSize, examples: copy?.examples, inOrder: copy?.inOrder, gradientNorms };
}

function updateRule(o: Optimizer): UpdateRule | undefined {
  if (o instanceof GradientDescent) return { kind: 'gd' };
  if (o instanceof Momentum) return { kind: 'momentum', beta: o.beta };
  if (o instanceof RMSprop) return { kind: 'rmsprop', beta: o.beta, epsilon: o.epsilon };
  if (o instanceof Adam && o.t === 0) return { kind: 'adam', beta1: o.beta1, beta2: o.beta2, epsilon: o.epsilon };
  return undefined;
}
