// `npm run bench [-- --quick]`: our backends (js, wasm, wasm on threads) and the peers
// (TF.js cpu / wasm SIMD / wasm SIMD threaded, NumPy, PyTorch CPU) on the same workloads:
//   W1  MLP 784-128-64-10 training throughput, mini-batch 64     -> samples/s
//   W2  the course's deep net 12288-20-7-5-1, full batch m = 209 -> iter/s (ours: as fit runs it, the
//       first layer in the examples' coordinates; 'W2 on X': every product on X, as the peers do)
//   W3  matrix product C = A·B, M x K x N                         -> GFLOP/s
// Prints one JSON line per figure while running, then a table and our figures as ratios to each peer.
// `--ours` skips the peers (for quick before/after measurements of our own backends).
// `--tune [--only speed|workers|asha|tpe|grid]` runs the tuner's figures instead (bench/tune.ts).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { fit } from '../src/train/fit.js';
import { setWideBatch } from '../src/train/wide-batch.js';
import { setBackend, getBackend } from '../src/kernels/registry.js';
import { initBackend, stopBackendThreads } from '../src/kernels/init.js';
import { CeilingProbe } from './ceiling.js';
import { ENGINE_WARMUP, W1, W2, W3_SHAPES, W3_SECONDS, collectGarbage, dataset, initialNet, report, start, timeIt, quick, writeStarts, type Figure, type Start } from './workloads.js';

const figures: Figure[] = [];
const threads = availableParallelism();

/** The machine's ceiling on all its threads (ceiling.ts), measured once a round of W1 (4 pairs of windows of CEILING_MS milliseconds). */
const ceilings: number[] = [];
const CEILING_MS = 25;

/** One of our systems: a name and the kernel backend it runs on. */
interface Ours { system: string; backend: string }

/**
 * W1 at each mini-batch size on each of our systems, every timed epoch interleaved (each round runs
 * every pair of system and batch size once, the next round in the reverse order) so that the
 * machine's drift from minute to minute falls on all of them alike and their ratios, across
 * systems and across batch sizes, can be read; each figure is the median of its epochs.
 */
function w1(systems: readonly Ours[], data: Start, batches: readonly number[], probe?: CeilingProbe): void {
  const { X, labels } = data;
  const runs = batches.flatMap((batch) => systems.map((s) => {
    const options = { epochs: 1, batchSize: batch, learningRate: W1.lr, shuffle: false };
    setBackend(s.backend);
    const net = initialNet('W1');
    fit(initialNet('W1'), X.sliceColumns(0, ENGINE_WARMUP.W1), labels.subarray(0, ENGINE_WARMUP.W1), options);
    fit(net, X.sliceColumns(0, W1.warmup), labels.subarray(0, W1.warmup), options);
    return { ...s, batch, options, net, warm: net.snapshot(), seconds: [] as number[] };
  }));
  // round -1 is run as the others and not timed: the engine's optimizing compiler was still at work
  // in the first timed rounds, on code that the warm-ups before (each system and batch size in turn)
  // had left cold or that their garbage had thrown away (node --trace-opt: 6-19 ms compiles of our
  // step, its job hand-off and its batch fill, and of the JavaScript backend's forward and backward
  // passes, during the first round of two-thread epochs; two threads lose the most, their second core
  // being the compiler's)
  for (let r = -1; r < W1.reps; r++) {
    for (const run of r % 2 ? [...runs].reverse() : runs) {
      setBackend(run.backend);
      run.net.restore(run.warm); // every timed epoch from the weights after the warm-up
      collectGarbage();
      const t0 = performance.now();
      fit(run.net, X, labels, run.options);
      if (r >= 0) run.seconds.push((performance.now() - t0) / 1000);
    }
    if (probe && r >= 0) ceilings.push(probe.measure(CEILING_MS).ceiling);
  }
  if (ceilings.length) console.error(`# the machine's ceiling on ${threads} threads (ceiling.ts), by round: ${ceilings.map((c) => c.toFixed(2)).join(' ')}`);
  for (const batch of batches) {
    const workload = batch === W1.batch ? 'W1' : `W1:batch${batch}`;
    const mine = runs.filter((run) => run.batch === batch);
    console.error(`# ${workload}, seconds per epoch by round: ${mine.map((run) => `${run.system} ${run.seconds.map((t) => t.toFixed(3)).join(' ')}`).join('; ')}`);
    for (const run of mine) {
      setBackend(run.backend);
      const seconds = [...run.seconds].sort((a, b) => a - b)[run.seconds.length >> 1]!;
      figures.push(report({ system: run.system, workload, figure: W1.examples / seconds, unit: 'samples/s', ...(batch === W1.batch ? { loss: run.net.evaluateCost(X, labels) } : {}) }));
    }
  }
}

/** The per-step overhead check: W1 at mini-batch 64 against 1024, and at 32 against 256. */
function smallBatchEfficiency(): void {
  for (const system of [...new Set(figures.map((f) => f.system))].filter((s) => s.startsWith('backprop'))) {
    for (const [small, large] of [[W1.batch, 1024], [32, 256]] as const) {
      const name = (b: number) => (b === W1.batch ? 'W1' : `W1:batch${b}`);
      const s = figures.find((f) => f.system === system && f.workload === name(small));
      const l = figures.find((f) => f.system === system && f.workload === name(large));
      if (s && l) console.log(`${system}: W1 at mini-batch ${small} reaches ${(100 * s.figure / l.figure).toFixed(0)}% of its throughput (and GFLOP/s) at mini-batch ${large}`);
    }
  }
}

/**
 * W1 on every thread over W1 on one, beside the machine's ceiling in the same rounds (the median
 * of ceilings): the most that any work cut over the threads could have gained there and then.
 */
function threadGain(): void {
  const one = figures.find((f) => f.system === 'backprop wasm' && f.workload === 'W1');
  const all = figures.find((f) => f.system === `backprop wasm ${threads} threads` && f.workload === 'W1');
  if (!one || !all) return;
  const gain = all.figure / one.figure;
  const ceiling = ceilings.length ? [...ceilings].sort((a, b) => a - b)[ceilings.length >> 1]! : undefined;
  const beside = ceiling ? `; the machine's ceiling in the same rounds ${ceiling.toFixed(2)}x (${(100 * gain / ceiling).toFixed(0)}% of it)` : '';
  console.log(`${all.system}: W1 is ${gain.toFixed(2)}x W1 on one thread${beside}`);
}

/**
 * W2 as fit runs it (full batch on 12288 features for 209 examples: the first layer in the examples'
 * coordinates, src/train/wide-batch.ts), and 'W2 on X' with every step's products on X itself, the
 * work the peers do (the kernels' own figure).
 */
function w2(system: string): void {
  for (const [workload, mode] of [['W2', 'auto'], ['W2 on X', 'never']] as const) {
    setWideBatch(mode);
    const { X, labels, net } = start('W2');
    fit(initialNet('W2'), X, labels, { epochs: ENGINE_WARMUP.W2, learningRate: W2.lr });
    fit(net, X, labels, { epochs: W2.warmup, learningRate: W2.lr });
    collectGarbage();
    const t0 = performance.now();
    fit(net, X, labels, { epochs: W2.iterations, learningRate: W2.lr }); // full batch: one iteration per epoch
    const seconds = (performance.now() - t0) / 1000;
    figures.push(report({ system, workload, figure: W2.iterations / seconds, unit: 'iter/s', loss: net.evaluateCost(X, labels) }));
  }
  setWideBatch('auto');
}

function w3(system: string): void {
  for (const [m, k, n] of W3_SHAPES) {
    const a = dataset(m, k, 1, 4).X.data as Float32Array, b = dataset(k, n, 1, 5).X.data as Float32Array;
    const c = new Float32Array(m * n);
    const kernels = getBackend();
    const s = timeIt(() => kernels.matmul(a, b, c, m, k, n), W3_SECONDS);
    figures.push(report({ system, workload: `W3:${m}x${k}x${n}`, figure: (2 * m * k * n) / s / 1e9, unit: 'GFLOP/s' }));
  }
}

/** Our systems: W1 at every mini-batch size interleaved across them, then W2 and W3 system by system. */
function ours(systems: readonly Ours[], probe?: CeilingProbe): void {
  console.error(`# ${systems.map((s) => s.system).join(', ')}: W1, interleaved`);
  w1(systems, start('W1'), [W1.batch, 32, 256, 1024], probe);
  for (const { system, backend } of systems) {
    setBackend(backend);
    console.error(`# ${system} (backend '${getBackend().name}'): W2, W3`);
    w2(system);
    w3(system);
  }
}

/** Run a peer process and collect the JSON figures it prints. */
function peer(label: string, command: string, args: string[], env: Record<string, string> = {}): void {
  console.error(`# ${label}`);
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: quick ? 120_000 : 900_000, env: { ...process.env, ...env } });
  const lines = (r.stdout ?? '').split('\n').filter((l) => l.startsWith('{'));
  for (const line of lines) {
    const f = JSON.parse(line) as Figure;
    figures.push(f);
    console.log(JSON.stringify(f));
  }
  if (r.status !== 0 || lines.length === 0) {
    const why = r.error ? String(r.error) : (r.stderr ?? '').trim().split('\n').slice(-3).join(' | ');
    console.error(`#   ${label} did not finish: ${why}`);
  }
}

/** The pythons that import numpy (each numpy once), and the first that imports torch. */
function findPythons(): { numpy: string[]; torch: string | undefined } {
  const numpy: string[] = [], seen = new Set<string>();
  let torch: string | undefined;
  for (const python of [process.env.PYTHON, 'python3', '/usr/bin/python3'].filter(Boolean) as string[]) {
    const np = spawnSync(python, ['-c', 'import numpy; print(numpy.__file__)'], { encoding: 'utf8' });
    if (np.status !== 0 || seen.has(np.stdout.trim())) continue;
    seen.add(np.stdout.trim());
    numpy.push(python);
    if (!torch && spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8' }).status === 0) torch = python;
  }
  return { numpy, torch };
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function printTables(): void {
  const workloads = [...new Set(figures.map((f) => f.workload))];
  const systems = [...new Set(figures.map((f) => f.system))];
  const get = (s: string, w: string) => figures.find((f) => f.system === s && f.workload === w)?.figure;
  const fmt = (v: number | undefined) => (v === undefined ? '-' : v >= 100 ? v.toFixed(0) : v.toPrecision(3));
  const unitOf = (w: string) => figures.find((f) => f.workload === w)!.unit;
  const sw = Math.max(...systems.map((s) => s.length)) + 2;

  console.log(`\nFigures (${quick ? 'quick run' : 'full run'}; ${threads} cores):`);
  console.log(pad('system', sw) + workloads.map((w) => pad(`${w} ${unitOf(w)}`, 26)).join(''));
  for (const s of systems) console.log(pad(s, sw) + workloads.map((w) => pad(fmt(get(s, w)), 26)).join(''));

  printLosses();
  console.log('');
  smallBatchEfficiency();
  threadGain();
  const mine = systems.filter((s) => s.startsWith('backprop'));
  const peers = systems.filter((s) => !s.startsWith('backprop'));
  console.log('\nOurs as a ratio to each peer (>1 = we are faster):');
  console.log(pad('', sw + 20) + peers.map((p) => pad(p, 26)).join(''));
  for (const w of workloads) {
    for (const s of mine) {
      const v = get(s, w);
      const cells = peers.map((p) => {
        const q = get(p, w === 'W2 on X' ? 'W2' : w); // the peers' W2 is on X
        return pad(v === undefined || q === undefined ? '-' : `${(v / q).toFixed(2)}x`, 26);
      });
      console.log(pad(s, sw) + pad(w, 20) + cells.join(''));
    }
  }
}

function peers(args: string[]): void {
  const tfjs = fileURLToPath(new URL('./tfjs.js', import.meta.url));
  peer('TF.js cpu', process.execPath, ['--expose-gc', tfjs, 'cpu', ...args]);
  peer('TF.js wasm SIMD', process.execPath, ['--expose-gc', tfjs, 'wasm-simd', ...args]);
  peer('TF.js wasm SIMD threads', process.execPath, ['--expose-gc', tfjs, 'wasm-threads', ...args], { TFJS_THREADS: String(threads) });

  const script = fileURLToPath(new URL('../../bench/peers.py', import.meta.url));
  const { numpy, torch } = findPythons();
  if (numpy.length === 0) console.error('# python3 with numpy not found: NumPy peers skipped');
  // every NumPy the machine has (a pip wheel's OpenBLAS and Debian's differ), each named by its version
  for (const python of numpy) {
    peer(`NumPy (${python})`, python, [script, 'numpy', String(threads), ...args]);
    peer(`NumPy, one example per row (${python})`, python, [script, 'numpy-rows', String(threads), ...args]);
  }
  if (!torch) {
    console.error('# torch not importable: PyTorch peer skipped');
    return;
  }
  peer('PyTorch 1 thread', torch, [script, 'torch', '1', ...args]);
  if (threads > 1) peer(`PyTorch ${threads} threads`, torch, [script, 'torch', String(threads), ...args]);
}

/** Every system's loss after W1 and W2 against ours: the same work was done when they agree to 5 decimals. */
function printLosses(): void {
  for (const w of ['W1', 'W2', 'W2 on X']) {
    const rows = figures.filter((f) => f.workload === w && f.loss !== undefined);
    const ref = rows.find((f) => f.system === 'backprop wasm') ?? rows[0];
    if (!ref) continue;
    console.log(`\n${w}: the cost on the whole training set after the run (same data, same initial weights)`);
    for (const f of rows) {
      const same = f.loss!.toFixed(5) === ref.loss!.toFixed(5);
      console.log(`  ${pad(f.system, 28)}${f.loss!.toFixed(7)}  ${same ? 'equal to 5 decimals' : `DIFFERS at 5 decimals (by ${Math.abs(f.loss! - ref.loss!).toExponential(2)})`}`);
    }
  }
}

async function main(): Promise<void> {
  if (process.argv.includes('--tune')) { await import('./tune.js'); return; } // the tuner's figures (bench/tune.ts)
  console.error(`# backprop benchmark${quick ? ' (--quick)' : ''}: ${threads} cores, Node ${process.version}`);
  const systems: Ours[] = [{ system: 'backprop js', backend: 'js' }];
  if ((await initBackend('wasm')) === 'wasm') systems.push({ system: 'backprop wasm', backend: 'wasm' });
  else console.error('# wasm backend did not load: run npm run build');
  if ((await initBackend('wasm-threads', { threads })) === 'wasm-threads') systems.push({ system: `backprop wasm ${threads} threads`, backend: 'wasm-threads' });
  const probe = await CeilingProbe.start(threads);
  ours(systems, probe);
  await probe?.close();
  await stopBackendThreads();
  if (process.argv.includes('--ours')) { printTables(); return; }

  // every peer trains W1 and W2 from our data and initial weights, and reports its loss after the run
  const dir = mkdtempSync(path.join(tmpdir(), 'backprop-bench-'));
  try {
    writeStarts(dir);
    peers([...(quick ? ['--quick'] : []), '--start', dir]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  printTables();
}

main().catch((e) => { console.error(e); process.exit(1); });
