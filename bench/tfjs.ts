// Peer: the same workloads in TensorFlow.js, one backend per process (the backend is global):
//   node dist/bench/tfjs.js cpu|wasm-simd|wasm-threads [--quick]
// Prints one JSON line per figure (see workloads.ts). W1 and W2 start from our data and initial
// weights (workloads.ts start) and report their cost after the run. Examples are rows here, as TF.js expects.

import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { ENGINE_WARMUP, W1, W2, W3_SHAPES, W3_SECONDS, collectGarbage, initialNet, medianSeconds, report, start, timeIt, type Start } from './workloads.js';

const require = createRequire(import.meta.url);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
const tf: Any = require('@tensorflow/tfjs');
const backend = process.argv[2] ?? 'cpu';

async function setup(): Promise<string> {
  if (backend === 'cpu') {
    await tf.setBackend('cpu');
    return 'TF.js cpu (pure JS)';
  }
  const wasm: Any = require('@tensorflow/tfjs-backend-wasm');
  wasm.setWasmPaths(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + '/');
  tf.env().set('WASM_HAS_SIMD_SUPPORT', true);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', backend === 'wasm-threads');
  if (backend === 'wasm-threads') {
    nodeBlobWorkers();
    wasm.setThreadsCount(Number(process.env.TFJS_THREADS ?? 2));
  }
  if (!(await tf.setBackend('wasm'))) throw new Error('tfjs wasm backend did not initialise');
  await tf.ready();
  return backend === 'wasm-threads' ? `TF.js wasm SIMD ${wasm.getThreadsCount()} threads` : 'TF.js wasm SIMD';
}

/**
 * The threaded TF.js WASM build starts its pthread workers from blob: URLs, which Node's
 * Worker refuses. Capture the text of each Blob it makes, write it to a temporary file and
 * hand out the file's path instead; the worker script then loads the main script from that
 * file rather than from a posted Blob.
 */
function nodeBlobWorkers(): void {
  const fs = require('node:fs'), os = require('node:os'), path = require('node:path');
  const dir: string = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-wasm-'));
  const mainFile = path.join(dir, 'main.js');
  const texts = new WeakMap<object, string>();
  const NodeBlob = globalThis.Blob;
  (globalThis as Any).Blob = class extends NodeBlob {
    constructor(parts: Any[], options?: Any) {
      super(parts, options);
      const text = parts.map(String).join('');
      texts.set(this, text);
      if (text.startsWith('var WasmBackendModuleThreadedSimd')) {
        // the bundled factory refers to the bundle's own require aliases
        const prelude = "var require$$0 = require('fs'), require$$1 = require('path'), require$$2 = require('worker_threads'), require$$3 = require('perf_hooks'), require$$4 = require('os'), commonjsGlobal = globalThis;\n";
        fs.writeFileSync(mainFile, prelude + text);
      }
    }
  };
  // the build caps its thread pool at half the logical cores (for hyper-threads): report twice the cores
  const cpus = os.cpus();
  os.cpus = () => [...cpus, ...cpus];
  let count = 0;
  URL.createObjectURL = (blob: Any) => {
    // the pthread worker script: load the main script from its file, not from a posted Blob
    const text = texts.get(blob)!.replace('if(typeof e.data.urlOrBlob=="string")',
      `if(true){importScripts(${JSON.stringify(mainFile)})}else if(0)`);
    const file = path.join(dir, `worker${count++}.js`);
    fs.writeFileSync(file, text);
    return file;
  };
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
}

/** Our start's network as variables (kernel = W^T, n[l-1] x n[l]: examples are rows); forward returns the logits of the last layer. */
function mlp(net: Start['net'], hidden: 'relu') {
  const vars: Any[] = [];
  for (const layer of net.layers) {
    vars.push(tf.variable(tf.tensor2d(layer.W.data, [layer.W.rows, layer.W.cols]).transpose()));
    vars.push(tf.variable(tf.tensor1d(layer.b.data)));
  }
  const forward = (x: Any) => {
    let a = x;
    for (let l = 0; l < vars.length; l += 2) {
      const z = tf.add(tf.matMul(a, vars[l]), vars[l + 1]);
      a = l + 2 < vars.length ? tf[hidden](z) : z;
    }
    return a;
  };
  return { vars, forward };
}

async function main(): Promise<void> {
  const system = await setup();

  // W1: mini-batch SGD, the median of W1.reps epochs
  {
    const { X, labels, net: ours } = start('W1');
    const x = tf.tensor2d(X.transpose().data, [W1.examples, W1.sizes[0]!]);
    const y = tf.oneHot(tf.tensor1d(labels, 'int32'), 10).toFloat();
    const net = mlp(ours, 'relu');
    const opt = tf.train.sgd(W1.lr);
    const epoch = (count: number, model = net) => {
      for (let s = 0; s < count; s += W1.batch) {
        const size = Math.min(W1.batch, count - s);
        tf.tidy(() => {
          const xb = x.slice([s, 0], [size, -1]), yb = y.slice([s, 0], [size, -1]);
          const cost = opt.minimize(() => tf.losses.softmaxCrossEntropy(yb, model.forward(xb)), true, model.vars);
          cost.dataSync(); // wait for the step, as fit reads the cost
        });
      }
    };
    epoch(ENGINE_WARMUP.W1, mlp(initialNet('W1'), 'relu')); // the engine warmed on a throwaway network
    epoch(W1.warmup);
    const warm = net.vars.map((v: Any) => tf.clone(v)); // every timed epoch from the weights after the warm-up
    const seconds = medianSeconds(W1.reps, () => epoch(W1.examples), () => net.vars.forEach((v: Any, i: number) => v.assign(warm[i])));
    const loss = tf.tidy(() => tf.losses.softmaxCrossEntropy(y, net.forward(x)).dataSync()[0]);
    report({ system, workload: 'W1', figure: W1.examples / seconds, unit: 'samples/s', loss });
  }

  // W2: full-batch gradient descent
  {
    const { X, labels, net: ours } = start('W2');
    const x = tf.tensor2d(X.transpose().data, [W2.examples, W2.sizes[0]!]);
    const y = tf.tensor2d(labels, [W2.examples, 1]);
    const net = mlp(ours, 'relu');
    const opt = tf.train.sgd(W2.lr);
    const step = (model = net) => tf.tidy(() => {
      opt.minimize(() => tf.losses.sigmoidCrossEntropy(y, model.forward(x)), true, model.vars).dataSync();
    });
    const throwaway = mlp(initialNet('W2'), 'relu');
    for (let i = 0; i < ENGINE_WARMUP.W2; i++) step(throwaway); // the engine warmed on a throwaway network
    for (let i = 0; i < W2.warmup; i++) step();
    collectGarbage();
    const t0 = performance.now();
    for (let i = 0; i < W2.iterations; i++) step();
    const seconds = (performance.now() - t0) / 1000;
    const loss = tf.tidy(() => tf.losses.sigmoidCrossEntropy(y, net.forward(x)).dataSync()[0]);
    report({ system, workload: 'W2', figure: W2.iterations / seconds, unit: 'iter/s', loss });
  }

  // W3: C = A·B
  for (const [m, k, n] of W3_SHAPES) {
    const a = tf.randomNormal([m, k]), b = tf.randomNormal([k, n]);
    const s = timeIt(() => tf.tidy(() => { tf.matMul(a, b).dataSync(); }), W3_SECONDS);
    report({ system, workload: `W3:${m}x${k}x${n}`, figure: (2 * m * k * n) / s / 1e9, unit: 'GFLOP/s' });
    tf.dispose([a, b]);
  }
}

main().then(() => process.exit(0), (e) => { console.error(String(e?.stack ?? e)); process.exit(1); });
