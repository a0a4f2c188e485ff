// The training as the user left the page: kept in the tab's sessionStorage for the history entry the
// page is shown in, so that Back and Forward bring back the weights, the epoch and the cost curve (the
// link restores the settings only: the training started again at epoch 0, without a word).

import { createOptimizer, Random, type Network, type OptimizerState, type RandomState } from '../../src/index.js';

/** What is kept of a run: its settings (as the link writes them), the epoch, the weights, the costs so far. */
export interface SavedRun {
  query: string;
  epoch: number;
  weights: { W: number[]; b: number[] }[];
  train: number[];
  test: number[];
  /** The CSV the data came from: a run on a CSV cannot come back (the page does not keep the file). */
  csv?: string;
  /** The costs were too many to keep (the tab's storage full): the cost curve goes on from the epoch restored. */
  costsDropped?: boolean;
  /** Not even the weights fitted in the tab's storage: only the epoch is kept, for the page to say that the run is lost. */
  lost?: boolean;
  /** The optimizer's moving averages (not for gradient descent): left out when the tab's storage is short. */
  optimizer?: OptimizerState;
  /** Where the random stream that shuffles the mini-batches was: left out with the averages when the tab's storage is short. */
  shuffle?: RandomState;
  /** When it was saved (Date.now()): the oldest runs of the tab make room for the newest. */
  savedAt?: number;
  /** The browser blocks the page's storage (its settings for this site): no run could be kept. */
  blocked?: boolean;
  /** Why the run kept in the tab cannot be used (damaged, or written by another version of the page): the page says so. */
  damaged?: string;
}

/** Runs kept in a tab (one per history entry left): the oldest go first. */
const KEEP = 8;

const PREFIX = 'backprop-playground-run:';

/** The id of the history entry the page is shown in (kept in history.state, which Back and Forward restore). */
export function historyEntry(): string {
  const state = history.state as { entry?: unknown } | null;
  if (state && typeof state.entry === 'string') return state.entry;
  const entry = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  history.replaceState({ ...(state ?? {}), entry }, '');
  return entry;
}

/** How the page came back to a history entry it may have left a run in: Back or Forward, or a reload; undefined for a link or a typed address (a fresh start). */
export type Return = 'back' | 'reload';

/**
 * Whether the page came back to its history entry: by Back or Forward, or by a reload (a reload mid-run
 * started again at epoch 0 without a word, while the page kept the run it had left in the tab).
 */
export function cameBack(): Return | undefined {
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  return nav?.type === 'back_forward' ? 'back' : nav?.type === 'reload' ? 'reload' : undefined;
}

/**
 * Keep `run` for `entry` (undefined: forget it). A run too large for the tab's storage (a long cost
 * curve) is kept without its costs; the tab keeps the last KEEP runs. Whether it was kept.
 */
export function saveRun(entry: string, run: SavedRun | undefined): boolean {
  try {
    if (!run) { sessionStorage.removeItem(PREFIX + entry); return true; }
    pruneRuns(entry);
    const stamped = { ...run, savedAt: Date.now() };
    // the whole run; else without its costs; else without the optimizer's averages too; else only where it was, for the page to say it is lost
    const { optimizer: _averages, shuffle: _stream, ...bare } = stamped;
    const tries: SavedRun[] = [stamped, { ...stamped, train: [], test: [], costsDropped: true }, { ...bare, train: [], test: [], costsDropped: true }, { ...bare, weights: [], train: [], test: [], lost: true }];
    for (const t of tries) {
      try { sessionStorage.setItem(PREFIX + entry, JSON.stringify(t)); return true; } catch { /* the next, smaller */ }
    }
    sessionStorage.removeItem(PREFIX + entry); // (not an older run of this entry instead)
    return false;
  } catch { return false; } // (storage blocked: said when the page comes back, by savedRun's 'blocked')
}

/** Forget the tab's oldest runs but the KEEP - 1 newest (and `entry`'s, about to be replaced). */
function pruneRuns(entry: string): void {
  const runs: { key: string; at: number }[] = [];
  for (let i = 0; i < sessionStorage.length; i++) {
    const key = sessionStorage.key(i);
    if (!key?.startsWith(PREFIX) || key === PREFIX + entry) continue;
    let at = 0;
    try { at = Number((JSON.parse(sessionStorage.getItem(key) ?? '{}') as SavedRun).savedAt) || 0; } catch { /* (unreadable: oldest) */ }
    runs.push({ key, at });
  }
  runs.sort((a, b) => b.at - a.at);
  for (const { key } of runs.slice(KEEP - 1)) sessionStorage.removeItem(key);
}

/**
 * The run kept for `entry`: undefined where none was kept; one marked `blocked` where the browser blocks the storage; a run marked
 * `damaged` where the text is not one (not JSON, or not of this page's shape), for the page to say so.
 */
export function savedRun(entry: string): SavedRun | undefined {
  const none: SavedRun = { query: '', epoch: 0, weights: [], train: [], test: [] };
  let text: string | null;
  // (blocked: a reload or Back started again at epoch 0 without a word)
  try { text = sessionStorage.getItem(PREFIX + entry); } catch { return { ...none, blocked: true }; }
  if (!text) return undefined;
  const damaged = (why: string): SavedRun => ({ ...none, damaged: why });
  let run: unknown;
  try { run = JSON.parse(text); } catch { return damaged('its text is not JSON'); }
  if (run === null || typeof run !== 'object') return damaged('it is not a run');
  const r = run as Partial<SavedRun>;
  if (typeof r.query !== 'string' || !Array.isArray(r.weights)) return damaged('it has no settings or weights');
  if (!Number.isSafeInteger(r.epoch) || r.epoch! < 0) return damaged(`its epoch ${JSON.stringify(r.epoch)} is not a whole number from 0`);
  const costs = (c: unknown) => Array.isArray(c) && c.every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0);
  if (!costs(r.train) || !costs(r.test) || r.train!.length !== r.test!.length || r.train!.length > r.epoch!) {
    return damaged('its cost curve is not one cost per epoch');
  }
  return r as SavedRun;
}

/**
 * A run of the network's settings checked with the library's own rules before it is restored: its weights
 * as `Network.setWeights` takes them (finite numbers: a null was restored as 0, and 'x' as NaN, which
 * stopped the worker), the optimizer's averages and the random stream's state as their `setState` takes
 * them (a damaged one is left out, and the page says they start again, rather than that they came back).
 */
export function checkedRun(run: SavedRun, network: Network): SavedRun {
  const before = network.snapshot();
  try {
    network.setWeights(run.weights);
  } catch (e) {
    return { ...run, damaged: `its weights are not the network's: ${(e as Error).message.replace(/^setWeights: /, '')}` };
  } finally {
    network.restore(before);
  }
  const { optimizer, shuffle, ...bare } = run;
  const usable = <T>(state: T | undefined, check: (s: T) => void) => {
    if (state === undefined) return false;
    try { check(state); return true; } catch { return false; }
  };
  return {
    ...bare,
    ...(usable(optimizer, (s) => createOptimizer(s.optimizer).setState?.(s, network.layers)) ? { optimizer } : {}),
    ...(usable(shuffle, (s) => new Random(0).setState(s)) ? { shuffle } : {}),
  };
}

/** What the page says when it came back: the run restored, or why the training starts again. */
export function backMessage(run: SavedRun | undefined, restored: boolean, optimizer: string, how: Return = 'back'): string {
  const kept = optimizer !== 'gd' && run?.optimizer?.optimizer === optimizer;
  const what = optimizer === 'momentum' ? 'momentum' : 'the optimizer\'s running averages';
  const averages = optimizer === 'gd' || kept ? '' : ` (${what} start${optimizer === 'momentum' ? 's' : ''} again from zero)`;
  const weights = kept ? `its weights, ${optimizer === 'momentum' ? 'its momentum' : what}` : 'its weights';
  // (a run kept without the random stream's state: the next epochs' mini-batches are not those the run would have had)
  const order = run?.shuffle ? '' : ' Its mini-batches are shuffled in a new order from here: the tab could not keep the shuffling\'s state.';
  const where = how === 'reload' ? 'Kept across the reload (Reset starts again)' : 'Back where you left';
  if (restored && run?.costsDropped) return `${where}: epoch ${run.epoch}, with ${weights.replace(/, (?=[^,]*$)/, ' and ')}${averages}; its cost curve was too long to keep in this tab, so it starts here.${order}`;
  if (restored && run) return `${where}: epoch ${run.epoch}, with ${weights} and cost curve${averages}.${order}`;
  if (run?.blocked) return 'The training starts again at epoch 0: this browser blocks the page\'s storage, so it cannot keep a run across a reload or Back.';
  if (run?.damaged) return `The training starts again at epoch 0: the run this tab kept could not be read (${run.damaged}).`;
  if (run?.lost) return `The training starts again at epoch 0: this tab's storage could not keep the run you left at epoch ${run.epoch}.`;
  if (run?.csv) return `The training starts again at epoch 0: the page does not keep ${run.csv} when you leave it (load it again to train on it).`;
  if (run) return 'The training starts again at epoch 0: the settings are not those of the run you left.';
  return '';
}
