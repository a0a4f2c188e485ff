// A float64 copy of a network: the course's checks (the gradient check, the backward trace) run in
// float64, where the rounding of J (about 1e-16 of it) is far below the differences over ε = 1e-7; in
// float32 (about 1e-7 of J) it is as large as they are, and a right gradient reads as wrong.

import { Network } from './network.js';

/** A float64 copy of a network (its own buffers), optionally with other regularization. */
export function float64Copy(src: Network, reg: { l1?: number; l2?: number } = {}): Network {
  const net = new Network({
    inputSize: src.inputSize, dtype: 'float64', loss: src.loss.name, init: 'zeros', warn: () => {},
    l1: reg.l1 ?? src.regularization.l1, l2: reg.l2 ?? src.regularization.l2,
    layers: src.layers.map((l) => ({ units: l.units, activation: l.activationSpec })),
  });
  net.setWeights(src.layers);
  keepOwnComputation(net, src);
  return net;
}

/**
 * What `src` computes with beyond its spec and weights goes to the copy: a subclass's methods and fields (a
 * learner's own backward, the thing a gradient check is for), a layer's activation or the loss replaced
 * by hand. The copy was a plain Network, so a float32 network (the default) had the library's own backward
 * checked in place of the learner's, and the check agreed whatever the learner's computed.
 */
function keepOwnComputation(net: Network, src: Network): void {
  const proto = Object.getPrototypeOf(src) as object;
  if (proto !== Network.prototype) {
    Object.setPrototypeOf(net, proto);
    const own = net as unknown as Record<string, unknown>, theirs = src as unknown as Record<string, unknown>;
    for (const key of Object.keys(src)) if (!(key in own)) own[key] = theirs[key]; // the subclass's fields
  }
  net.layers.forEach((layer, i) => { (layer as { activation: unknown }).activation = src.layers[i]!.activation; });
  (net as { loss: unknown }).loss = src.loss;
}
