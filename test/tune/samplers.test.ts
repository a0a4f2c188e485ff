// Grid, random and TPE samplers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GridSampler } from '../../src/tune/samplers/grid.js';
import { RandomSampler } from '../../src/tune/samplers/random.js';
import { TpeSampler, normalCdf } from '../../src/tune/samplers/tpe.js';
import { choice, floatRange, type Params, type SearchSpace } from '../../src/tune/space.js';
import type { Trial } from '../../src/tune/trial.js';
import type { Sampler } from '../../src/tune/samplers/sampler.js';

const complete = (number: number, params: Params, value: number): Trial => ({ number, params, state: 'complete', value, intermediate: [], epochs: 1 });

/** Run a sequential study of f with a sampler; returns the best value. */
function minimize(sampler: Sampler, space: SearchSpace, f: (p: Params) => number, n: number): number {
  const trials: Trial[] = [];
  for (let i = 0; i < n; i++) {
    const params = sampler.sample({ space, trials, direction: 'minimize', number: i });
    trials.push(complete(i, params, f(params)));
  }
  return Math.min(...trials.map((t) => t.value!));
}

test('the grid sampler gives every point once, in a seeded order', () => {
  const space = { a: choice(1, 2, 3), b: choice('x', 'y') };
  const run = (seed: number) => {
    const s = new GridSampler(seed), trials: Trial[] = [];
    for (let i = 0; i < 6; i++) trials.push(complete(i, s.sample({ space, trials, direction: 'minimize', number: i }), 0));
    return trials.map((t) => JSON.stringify(t.params));
  };
  assert.equal(new Set(run(1)).size, 6);
  assert.deepEqual(run(1), run(1));
  assert.notDeepEqual(run(1), run(2));
  assert.equal(new GridSampler().size(space), 6);
});

test('the random sampler is seeded per trial number, and stays in range', () => {
  const space = { lr: floatRange(1e-4, 1e-1, true), act: choice('relu', 'tanh') };
  const a = new RandomSampler(3), b = new RandomSampler(3);
  for (let n = 0; n < 20; n++) {
    const p = a.sample({ space, trials: [], direction: 'minimize', number: n });
    assert.deepEqual(p, b.sample({ space, trials: [], direction: 'minimize', number: n }));
    assert.ok((p.lr as number) >= 1e-4 && (p.lr as number) <= 1e-1);
  }
  assert.notDeepEqual(a.sample({ space, trials: [], direction: 'minimize', number: 0 }), new RandomSampler(4).sample({ space, trials: [], direction: 'minimize', number: 0 }));
});

test('TPE beats random search on a smooth function over 5 seeds (mean best after 40 trials)', () => {
  const space = { x: floatRange(-5, 5), y: floatRange(1e-3, 10, true), c: choice('a', 'b', 'c') };
  const f = (p: Params) => ((p.x as number) - 1.3) ** 2 + Math.log10(p.y as number) ** 2 + (p.c === 'b' ? 0 : 1);
  let tpe = 0, random = 0;
  for (let seed = 0; seed < 5; seed++) {
    tpe += minimize(new TpeSampler(seed), space, f, 40) / 5;
    random += minimize(new RandomSampler(seed), space, f, 40) / 5;
  }
  assert.ok(tpe < random, `TPE mean best ${tpe} should be below random's ${random}`);
});

test('TPE uses random draws for its start-up trials and maximizes when asked', () => {
  const space = { x: floatRange(0, 1) };
  const tpe = new TpeSampler(1, { startup: 5 }), rnd = new RandomSampler(1);
  for (let n = 0; n < 5; n++) assert.deepEqual(tpe.sample({ space, trials: [], direction: 'minimize', number: n }), rnd.sample({ space, trials: [], direction: 'minimize', number: n }));
  const trials: Trial[] = [];
  for (let i = 0; i < 30; i++) {
    const p = new TpeSampler(2, { startup: 5 }).sample({ space, trials, direction: 'maximize', number: i });
    trials.push(complete(i, p, p.x as number));
  }
  const late = trials.slice(20).map((t) => t.params.x as number);
  assert.ok(late.reduce((s, x) => s + x, 0) / late.length > 0.6, `late proposals ${late} should lean to the high end`);
  assert.ok(Math.abs(normalCdf(1.96) - 0.975) < 1e-4);
});
