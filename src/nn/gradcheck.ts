// Gradient checking: compare backprop's dW[l], db[l] with centred finite differences
//   dtheta_approx = (J(theta + eps) - J(theta - eps)) / (2 eps)                (order 2, the course's)
//   dtheta_approx = (8 [J(t + e) - J(t - e)] - [J(t + 2e) - J(t - 2e)]) / (12 e)  (order 4, the default:
//   its truncation error is O(eps^4), so a larger eps keeps rounding noise far below 1e-7)
// and report, per parameter matrix, the course's relative difference
//   ||grad - grad_approx|| / (||grad|| + ||grad_approx||)
// Use a float64 network: in float32 the differences drown in rounding.

import { Matrix } from '../tensor/matrix.js';
import { Random } from '../tensor/random.js';
import type { Network } from './network.js';

export interface GradientCheckOptions {
  /** The step eps (default 1e-4 for order 4, 1e-7 for order 2). */
  epsilon?: number;
  /** 4 (default) or 2: the order of the centred difference. */
  order?: 2 | 4;
  /** Check at most this many entries per parameter matrix, chosen by a seeded draw (default: all). */
  samplePerParameter?: number;
  seed?: number;
}

export interface ParameterCheck {
  /** "W1", "b1", ... */
  name: string;
  checked: number;
  relativeError: number;
  maxAbsoluteDifference: number;
}

export interface GradientCheckResult {
  /** The largest relative error over all parameter matrices. */
  maxRelativeError: number;
  parameters: ParameterCheck[];
}

export function gradientCheck(net: Network, X: Matrix, Yin: Matrix | ArrayLike<number>, options: GradientCheckOptions = {}): GradientCheckResult {
  const order = options.order ?? 4;
  const eps = options.epsilon ?? (order === 4 ? 1e-4 : 1e-7);
  const Y = net.prepareTargets(Yin);
  const Xd = X.dtype === net.dtype ? X : X.astype(net.dtype);
  const J = (): number => { net.forward(Xd); return net.cost(Y); };

  net.forward(Xd);
  net.backward(Y);
  const analytic = net.layers.map((l) => ({ dW: l.dW.clone(), db: l.db.clone() }));
  const rng = new Random(options.seed ?? 0);
  const parameters: ParameterCheck[] = [];

  net.layers.forEach((layer, i) => {
    const pairs: [string, Matrix, Matrix][] = [[`W${i + 1}`, layer.W, analytic[i]!.dW], [`b${i + 1}`, layer.b, analytic[i]!.db]];
    for (const [name, P, G] of pairs) {
      const n = P.data.length;
      const sample = options.samplePerParameter;
      const indices = sample !== undefined && sample < n ? Array.from(rng.permutation(n).subarray(0, sample)) : [...Array(n).keys()];
      let diff2 = 0, g2 = 0, a2 = 0, maxAbs = 0;
      for (const k of indices) {
        const orig = P.data[k]!;
        const at = (h: number): number => { P.data[k] = orig + h; const j = J(); P.data[k] = orig; return j; };
        const d1 = at(eps) - at(-eps);
        const approx = order === 2 ? d1 / (2 * eps) : (8 * d1 - (at(2 * eps) - at(-2 * eps))) / (12 * eps);
        const g = G.data[k]!;
        diff2 += (g - approx) ** 2;
        g2 += g * g;
        a2 += approx * approx;
        maxAbs = Math.max(maxAbs, Math.abs(g - approx));
      }
      const denom = Math.sqrt(g2) + Math.sqrt(a2);
      parameters.push({ name, checked: indices.length, relativeError: denom === 0 ? 0 : Math.sqrt(diff2) / denom, maxAbsoluteDifference: maxAbs });
    }
  });
  // leave the network with the analytic gradients of the unperturbed parameters
  net.forward(Xd);
  net.backward(Y);
  return { maxRelativeError: Math.max(...parameters.map((p) => p.relativeError)), parameters };
}
