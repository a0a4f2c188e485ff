// A seeded random generator: the Mersenne Twister MT19937 with the same seeding, uniform
// doubles and normal draws as numpy's legacy `np.random.seed(s)` / `np.random.rand` /
// `np.random.randn`. So `new Random(1).randn()` gives 1.6243453636632417 as numpy does, and the
// course's initialisations (np.random.seed(1); W = np.random.randn(n, n_prev) * 0.01) are
// reproduced bit for bit.

import { givenText, seedProblem } from '../util/bounds.js';
import { StateError, OptionError } from '../errors.js';
import { kindOf } from '../util/kind-of.js';

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/**
 * Where a Random is in its stream, as plain numbers (JSON-safe): the generator's 624 words, the
 * index of the next one, and the normal draw kept for the next randn() (null when none is kept).
 * numpy's `np.random.get_state()` holds the same.
 */
export interface RandomState {
  mt: number[];
  index: number;
  gauss: number | null;
}

/** The twist of one word: far ^ (y >>> 1) ^ (MATRIX_A if y is odd), y = the upper bit of w, the lower bits of next. */
function twisted(w: number, next: number, far: number): number {
  const y = (w & UPPER_MASK) | (next & LOWER_MASK);
  return far ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
}

/** numpy's legacy generator (MT19937, `randn` by the polar method), so a seed draws what `np.random.seed(seed)` draws. */
export class Random {
  private readonly mt = new Uint32Array(N);
  private index = N;
  private hasGauss = false;
  private gauss = 0;

  constructor(seed = 0) {
    this.seed(seed);
  }

  /**
   * Reset to the state numpy's np.random.seed(seed) gives. As numpy, a seed is a whole number from 0
   * to 2^32 - 1: -1 and 1.5 were taken as 1, and 2^32 as 0, so two seeds gave one stream, silently.
   */
  seed(seed: number): void {
    // shown as given: a BigInt 2n and a string '5' said 'got 2' and 'got 5'
    if (!Number.isFinite(seed)) throw new OptionError(`seed must be a finite number, got ${givenText(seed)}`);
    const wrong = seedProblem(seed);
    if (wrong) throw new OptionError(`${wrong} (as numpy's np.random.seed: each seed its own stream)`);
    let s = seed >>> 0;
    const mt = this.mt;
    for (let i = 0; i < N; i++) {
      mt[i] = s;
      // s = 1812433253 * (s ^ (s >> 30)) + i + 1, modulo 2^32
      s = (Math.imul(1812433253, (s ^ (s >>> 30)) >>> 0) + i + 1) >>> 0;
    }
    this.index = N;
    this.hasGauss = false;
    this.gauss = 0;
  }

  /** Where the stream is: setState(getState()) later goes on with the same draws as this one from here. */
  getState(): RandomState {
    return { mt: Array.from(this.mt), index: this.index, gauss: this.hasGauss ? this.gauss : null };
  }

  /** Go on from a state that getState gave (of this or another Random); throws a StateError naming what does not fit. */
  setState(state: RandomState): void {
    const fail = (why: string): never => { throw new StateError(`Random.setState: ${why}`); };
    if (state === null || typeof state !== 'object') fail(`state must be an object from getState(), got ${kindOf(state)}`);
    const { mt, index, gauss } = state;
    if (!Array.isArray(mt) || mt.length !== N) fail(`state.mt must be ${N} numbers, got ${Array.isArray(mt) ? mt.length : kindOf(mt)}`);
    mt.forEach((w: unknown, k) => {
      if (!(typeof w === 'number' && Number.isInteger(w) && w >= 0 && w <= 0xffffffff)) fail(`state.mt[${k}] must be a whole number from 0 to 2^32 - 1, got ${givenText(w)}`);
    });
    if (!(Number.isInteger(index) && index >= 0 && index <= N)) fail(`state.index must be a whole number from 0 to ${N}, got ${givenText(index)}`);
    if (gauss !== null && !(typeof gauss === 'number' && Number.isFinite(gauss))) fail(`state.gauss must be a finite number or null, got ${givenText(gauss)}`);
    this.mt.set(mt);
    this.index = index;
    this.hasGauss = gauss !== null;
    this.gauss = gauss ?? 0;
  }

  /**
   * The next N words: mt[i] := mt[i + M] ^ twisted(upper bit of mt[i], lower bits of mt[i + 1]),
   * indices mod N, in place in order. The loop is cut where i + 1 and i + M wrap, so that it needs
   * no modulo, and MATRIX_A is masked in instead of branched on (the branch follows a random bit):
   * a draw of random() took 47-56 ns before, 25-41 ns after (alternating in one process), with the same words.
   */
  private twist(): void {
    const mt = this.mt;
    let i = 0;
    for (; i < N - M; i++) mt[i] = twisted(mt[i]!, mt[i + 1]!, mt[i + M]!);
    for (; i < N - 1; i++) mt[i] = twisted(mt[i]!, mt[i + 1]!, mt[i + M - N]!);
    mt[N - 1] = twisted(mt[N - 1]!, mt[0]!, mt[M - 1]!);
    this.index = 0;
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    if (this.index >= N) this.twist();
    let y = this.mt[this.index++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A uniform double in [0, 1) with 53 random bits (numpy's random_sample). */
  random(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) * 1.1102230246251565e-16; // / 2^53, exactly
  }

  /** A standard normal draw (numpy's legacy polar method, which yields its values in pairs). */
  randn(): number {
    if (this.hasGauss) {
      this.hasGauss = false;
      return this.gauss;
    }
    let x1: number, x2: number, r2: number;
    do {
      x1 = 2 * this.random() - 1;
      x2 = 2 * this.random() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * Math.log(r2)) / r2);
    this.gauss = f * x1;
    this.hasGauss = true;
    return f * x2;
  }

  /** A uniform integer in 0..n-1. */
  int(n: number): number {
    return Math.floor(this.random() * n);
  }

  /** Shuffle an array in place (Fisher-Yates). */
  shuffle<T extends { length: number; [i: number]: number }>(a: T): T {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = a[i]!;
      a[i] = a[j]!;
      a[j] = t;
    }
    return a;
  }

  /**
   * A uniform integer in 0..max (max included, below 2^32), as numpy's legacy random_interval: the low
   * bits of a 32-bit draw under max's mask, draws above max rejected (RandomState.shuffle's choice).
   */
  interval(max: number): number {
    if (max === 0) return 0;
    let mask = max;
    mask |= mask >>> 1; mask |= mask >>> 2; mask |= mask >>> 4; mask |= mask >>> 8; mask |= mask >>> 16;
    let v: number;
    do v = (this.nextUint32() & mask) >>> 0; while (v > max);
    return v;
  }

  /** 0..n-1 in the order np.random.permutation(n) (legacy RandomState.shuffle) gives from the same state. */
  numpyPermutation(n: number): Int32Array {
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.interval(i);
      const t = p[i]!;
      p[i] = p[j]!;
      p[j] = t;
    }
    return p;
  }

  /** 0..n-1 in a random order. */
  permutation(n: number): Int32Array {
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    return this.shuffle(p);
  }
}
