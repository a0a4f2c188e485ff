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
  return net;
}
