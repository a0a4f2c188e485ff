// Each optimizer's update, checked against the formula written out by hand on one layer
// (float64, two steps so the state and Adam's bias correction count); each also on float32
// parameters, where it computes in float32.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Network } from '../../src/nn/network.js';
import { createOptimizer, type OptimizerName } from '../../src/optim/optimizers.js';
import { Random } from '../../src/tensor/random.js';

/** A 1-unit layer with W = w (default [0.5, -1]), b = [0.25], and its gradients set by hand. */
function layer(dtype: 'float32' | 'float64' = 'float64', w = [0.5, -1]): Network {
  const net = new Network({ inputSize: w.length, dtype, layers: [{ units: 1, activation: 'linear' }], warn: () => {} });
  net.setWeights([{ W: [w], b: [0.25] }]);
  return net;
}

/** Step the optimizer twice with gradients g1 then g2 (for W; db = the first entry), from the same start. */
function twoSteps(name: OptimizerName, g1: number[], g2: number[], alpha: number, dtype: 'float32' | 'float64' = 'float64', w?: number[]): number[] {
  const net = layer(dtype, w), opt = createOptimizer(name);
  for (const g of [g1, g2]) {
    net.layers[0]!.dW.data.set(g);
    net.layers[0]!.db.data.set([g[0]!]);
    opt.step(net.layers, alpha);
  }
  return [...net.W(1).data, ...net.b(1).data];
}

/** The same updates computed by hand, per parameter (p0 its start, its gradients g1 and g2). */
function byHand(p0: number[], g1: number[], g2: number[], update: (p: number, g: number, state: Record<string, number>, t: number) => number): number[] {
  return p0.map((p, k) => {
    const state: Record<string, number> = {};
    const a = update(p, g1[k]!, state, 1);
    return update(a, g2[k]!, state, 2);
  });
}

const p0 = [0.5, -1, 0.25], g1 = [0.2, -0.4, 0.2], g2 = [0.1, 0.3, 0.1], alpha = 0.1;
const close = (a: number[], b: number[]) => a.forEach((v, i) => assert.ok(Math.abs(v - b[i]!) < 1e-15, `${v} != ${b[i]} at ${i}`));

test('gradient descent: W := W - alpha dW', () => {
  close(twoSteps('gd', g1.slice(0, 2), g2.slice(0, 2), alpha), byHand(p0, g1, g2, (p, g) => p - alpha * g));
});

test("momentum, the course's form: v := beta v + (1 - beta) dW; W := W - alpha v", () => {
  close(twoSteps('momentum', g1.slice(0, 2), g2.slice(0, 2), alpha), byHand(p0, g1, g2, (p, g, s) => {
    s.v = 0.9 * (s.v ?? 0) + 0.1 * g;
    return p - alpha * s.v;
  }));
});

test('RMSprop: s := beta s + (1 - beta) dW^2; W := W - alpha dW / (sqrt(s) + eps)', () => {
  close(twoSteps('rmsprop', g1.slice(0, 2), g2.slice(0, 2), alpha), byHand(p0, g1, g2, (p, g, s) => {
    s.s = 0.9 * (s.s ?? 0) + 0.1 * g * g;
    return p - (alpha * g) / (Math.sqrt(s.s) + 1e-8);
  }));
});

test('Adam: moments with bias correction 1 - beta^t', () => {
  close(twoSteps('adam', g1.slice(0, 2), g2.slice(0, 2), alpha), byHand(p0, g1, g2, (p, g, s, t) => {
    s.v = 0.9 * (s.v ?? 0) + 0.1 * g;
    s.s = 0.999 * (s.s ?? 0) + 0.001 * g * g;
    return p - (alpha * (s.v / (1 - 0.9 ** t))) / (Math.sqrt(s.s / (1 - 0.999 ** t)) + 1e-8);
  }));
});

test('every optimizer on float32 parameters: every operation rounded to float32, bit for bit; within 1e-6 of float64', () => {
  const fr = Math.fround;
  // 300 weights and the bias, random (fixed) values: enough that a rounding left out shows
  const rng = new Random(7), rand = () => rng.random() * 2 - 1;
  const w = Array.from({ length: 300 }, () => fr(rand())), h1 = w.map(() => fr(rand() * 0.3)), h2 = w.map(() => fr(rand() * 0.3));
  const start = [...w, 0.25], G1 = [...h1, h1[0]!], G2 = [...h2, h2[0]!];
  const gd = byHand(start, G1, G2, (p, g) => fr(p - fr(fr(alpha) * g)));
  const momentum = byHand(start, G1, G2, (p, g, s) => {
    s.v = fr(fr(fr(0.9) * (s.v ?? 0)) + fr(fr(0.1) * g));
    return fr(p - fr(fr(alpha) * s.v));
  });
  const rms = byHand(start, G1, G2, (p, g, s) => {
    s.s = fr(fr(fr(0.9) * (s.s ?? 0)) + fr(fr(fr(0.1) * g) * g));
    return fr(p - fr(fr(fr(alpha) * g) / fr(fr(Math.sqrt(s.s)) + fr(1e-8))));
  });
  const adam = byHand(start, G1, G2, (p, g, s, t) => {
    s.v = fr(fr(fr(0.9) * (s.v ?? 0)) + fr(fr(0.1) * g));
    s.s = fr(fr(fr(0.999) * (s.s ?? 0)) + fr(fr(fr(1 - 0.999) * g) * g));
    const a = fr(alpha / (1 - 0.9 ** t)), r = fr(1 / (1 - 0.999 ** t));
    return fr(p - fr(fr(a * s.v) / fr(fr(Math.sqrt(fr(r * s.s))) + fr(1e-8))));
  });
  for (const [name, want] of [['gd', gd], ['momentum', momentum], ['rmsprop', rms], ['adam', adam]] as const) {
    const got = twoSteps(name, h1, h2, alpha, 'float32', w);
    assert.deepEqual(got, want, name);
    twoSteps(name, h1, h2, alpha, 'float64', w).forEach((v, i) => assert.ok(Math.abs(v - got[i]!) < 1e-6, `${name} ${i}: ${got[i]} vs float64 ${v}`));
  }
});

test('on float32 parameters, moving averages below 2^-100 are set to 0 (NaN kept); on float64 they decay on', () => {
  const tiny = 2 ** -100;
  for (const name of ['momentum', 'rmsprop', 'adam'] as const) {
    for (const dtype of ['float32', 'float64'] as const) {
      const net = layer(dtype), opt = createOptimizer(name);
      net.layers[0]!.dW.data.set([1e-3, Number.NaN]);
      opt.step(net.layers, 0.01); // moving averages of about 1e-4 (v) and 1e-6..1e-9 (s) for W[0]
      net.layers[0]!.dW.data.set([0, 0]);
      const state = (opt as unknown as { v?: { data: Float64Array }[][]; s?: { data: Float64Array }[][] });
      const avg = () => (name === 'rmsprop' ? state.s! : state.v!)[0]![0]!.data;
      let steps = 0;
      while (avg()[0] !== 0 && steps < 3000) { opt.step(net.layers, 0.01); steps++; }
      assert.ok(Number.isNaN(avg()[1]), `${name} ${dtype}: the NaN gradient's average is ${avg()[1]}`);
      if (dtype === 'float32') assert.ok(steps < 3000 && steps > 100, `${name}: set to 0 after ${steps} steps of g = 0`);
      else assert.ok(avg()[0]! > 0 && avg()[0]! < tiny, `${name} float64: ${avg()[0]} after ${steps} steps`);
    }
  }
});

/** Two layers (2-3-1) with weights and gradients drawn from `seed`. */
function twoLayers(seed: number): Network {
  const net = new Network({ inputSize: 2, dtype: 'float64', seed, layers: [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], warn: () => {} });
  const rng = new Random(seed + 1);
  for (const l of net.layers) { for (const g of [l.dW.data, l.db.data]) for (let k = 0; k < g.length; k++) g[k] = rng.random() - 0.5; }
  return net;
}

test('getState / setState: an optimizer restored from its state (through JSON) goes on as the one that was saved, bit for bit; Adam keeps t', () => {
  for (const name of ['gd', 'momentum', 'rmsprop', 'adam'] as OptimizerName[]) {
    const a = twoLayers(3), b = twoLayers(3);
    const first = createOptimizer(name);
    for (let i = 0; i < 3; i++) first.step(a.layers, 0.1);
    b.setWeights(a.layers.map((l) => ({ W: l.W, b: l.b })));
    const state = JSON.parse(JSON.stringify(first.getState!()));
    if (name === 'adam') assert.equal(state.t, 3);
    const second = createOptimizer(name);
    second.setState!(state, b.layers);
    // a fresh optimizer (its averages from zero) would step otherwise: the restored one steps as the first
    const fresh = twoLayers(3);
    fresh.setWeights(a.layers.map((l) => ({ W: l.W, b: l.b })));
    createOptimizer(name).step(fresh.layers, 0.1);
    first.step(a.layers, 0.1);
    second.step(b.layers, 0.1);
    assert.deepEqual(Array.from(b.layers[0]!.W.data), Array.from(a.layers[0]!.W.data), name);
    assert.deepEqual(Array.from(b.layers[1]!.b.data), Array.from(a.layers[1]!.b.data), name);
    if (name !== 'gd') assert.notDeepEqual(Array.from(fresh.layers[0]!.W.data), Array.from(a.layers[0]!.W.data), `${name}: a fresh one steps otherwise`);
  }
  // before the first step: an empty state, restored as such
  const empty = createOptimizer('adam').getState!();
  assert.deepEqual(empty, { optimizer: 'adam', t: 0, v: [], s: [] });
  createOptimizer('adam').setState!(empty, twoLayers(1).layers);
});

test('setState refuses a state of another optimizer, of other layers or damaged, naming what does not fit', () => {
  const net = twoLayers(5);
  const adam = createOptimizer('adam');
  adam.step(net.layers, 0.1);
  const state = adam.getState!();
  assert.throws(() => createOptimizer('momentum').setState!(state, net.layers), { name: 'StateError', message: 'momentum.setState: the state is of adam, not of momentum' });
  const other = new Network({ inputSize: 2, dtype: 'float64', layers: [{ units: 4, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], warn: () => {} });
  assert.throws(() => createOptimizer('adam').setState!(state, other.layers), { message: 'adam.setState: state.v[0].W must be 8 numbers (4 x 2), got 6' });
  const damaged = JSON.parse(JSON.stringify(state));
  damaged.s[1].b[0] = null;
  assert.throws(() => createOptimizer('adam').setState!(damaged, net.layers), { message: 'adam.setState: state.s[1].b[0] must be a finite number, got null' });
  assert.throws(() => createOptimizer('adam').setState!({ ...state, t: 1.5 }, net.layers), { message: /state\.t must be a whole number >= 0/ });
  assert.throws(() => createOptimizer('rmsprop').setState!(undefined as never, net.layers), { message: 'rmsprop.setState: state must be an object from getState(), got undefined' });
});
