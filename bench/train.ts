// `node dist/bench/train.js [--backend wasm|wasm-threads|js] [--reps 7] [--only W1|W2]`: W1 and W2 of
// the benchmark on one of our backends only, repeated, with the median and best of the wall-clock
// figures and the median of the figures by CPU time of this process (steadier than the wall clock
// on a shared machine, but only meaningful for one thread). For before/after measurements.

import { Network } from '../src/nn/network.js';
import { fit } from '../src/train/fit.js';
import { setBackend } from '../src/kernels/registry.js';
import { initBackend, stopBackendThreads } from '../src/kernels/init.js';
import { W1, W2, dataset } from './workloads.js';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : def;
};
const backend = arg('backend', 'wasm');
const reps = Number(arg('reps', '7'));
const only = arg('only', '');

/** Seconds of wall clock and of CPU time of this process taken by fn. */
function measure(fn: () => void): { wall: number; cpu: number } {
  const c0 = process.cpuUsage(), t0 = performance.now();
  fn();
  const t = performance.now() - t0, c = process.cpuUsage(c0);
  return { wall: t / 1000, cpu: (c.user + c.system) / 1e6 };
}

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]!; };

function summary(name: string, unit: string, work: number, runs: { wall: number; cpu: number }[]): void {
  const wall = runs.map((r) => work / r.wall), cpu = runs.map((r) => work / r.cpu);
  console.log(`${name} ${backend}: median ${median(wall).toPrecision(4)} ${unit} (best ${Math.max(...wall).toPrecision(4)}, ` +
    `all ${wall.map((v) => v.toPrecision(3)).join(' ')}); by CPU time ${median(cpu).toPrecision(4)}`);
}

/** W1 repeated; returns the cost of the last epoch. */
function w1(): number {
  const { X, labels } = dataset(W1.sizes[0]!, W1.examples, 10, 1);
  const net = new Network({
    inputSize: W1.sizes[0]!, seed: 1,
    layers: [{ units: W1.sizes[1]!, activation: 'relu' }, { units: W1.sizes[2]!, activation: 'relu' }, { units: W1.sizes[3]!, activation: 'softmax' }],
  });
  const options = { epochs: 1, batchSize: W1.batch, learningRate: W1.lr, shuffle: false };
  fit(net, X.sliceColumns(0, W1.warmup), labels.subarray(0, W1.warmup), options);
  const runs = [];
  let cost = 0;
  for (let r = 0; r < reps; r++) runs.push(measure(() => { cost = fit(net, X, labels, options).cost[0]!; }));
  summary('W1', 'samples/s', W1.examples, runs);
  return cost;
}

/** W2 (30 iterations per run) repeated; returns the cost of the last iteration. */
function w2(): number {
  const { X, labels } = dataset(W2.sizes[0]!, W2.examples, 2, 2);
  const net = new Network({
    inputSize: W2.sizes[0]!, seed: 1,
    layers: [...W2.sizes.slice(1, -1).map((units) => ({ units, activation: 'relu' as const })), { units: 1, activation: 'sigmoid' }],
  });
  fit(net, X, labels, { epochs: W2.warmup, learningRate: W2.lr });
  const iterations = Math.min(W2.iterations, 30);
  const runs = [];
  let cost = 0;
  for (let r = 0; r < reps; r++) runs.push(measure(() => { cost = fit(net, X, labels, { epochs: iterations, learningRate: W2.lr }).cost.at(-1)!; }));
  summary('W2', 'iter/s', iterations, runs);
  return cost;
}

async function main(): Promise<void> {
  if (backend === 'js') setBackend('js');
  else if ((await initBackend(backend as 'wasm' | 'wasm-threads')) !== backend) throw new Error(`${backend} did not load`);
  const cost1 = only === 'W2' ? NaN : w1();
  const cost2 = only === 'W1' ? NaN : w2();
  // the costs after the same training, to compare runs before and after a change
  console.log(`costs: W1 ${cost1}, W2 ${cost2}`);
  await stopBackendThreads();
}

main().catch((e) => { console.error(e); process.exit(1); });
