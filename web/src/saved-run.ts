// The training as the user left the page: kept in the tab's sessionStorage for the history entry the
// page is shown in, so that Back and Forward bring back the weights, the epoch and the cost curve (the
// link restores the settings only: the training started again at epoch 0, without a word).

/** What is kept of a run: its settings (as the link writes them), the epoch, the weights, the costs so far. */
export interface SavedRun {
  query: string;
  epoch: number;
  weights: { W: number[]; b: number[] }[];
  train: number[];
  test: number[];
  /** The CSV the data came from: a run on a CSV cannot come back (the page does not keep the file). */
  csv?: string;
}

const PREFIX = 'backprop-playground-run:';

/** The id of the history entry the page is shown in (kept in history.state, which Back and Forward restore). */
export function historyEntry(): string {
  const state = history.state as { entry?: unknown } | null;
  if (state && typeof state.entry === 'string') return state.entry;
  const entry = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  history.replaceState({ ...(state ?? {}), entry }, '');
  return entry;
}

/** Whether the page was reached by Back or Forward (not a link, a reload or a typed address). */
export function cameBack(): boolean {
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  return nav?.type === 'back_forward';
}

export function saveRun(entry: string, run: SavedRun | undefined): void {
  try {
    if (run) sessionStorage.setItem(PREFIX + entry, JSON.stringify(run));
    else sessionStorage.removeItem(PREFIX + entry);
  } catch { /* storage full or blocked: Back starts the training again, and says so */ }
}

export function savedRun(entry: string): SavedRun | undefined {
  try {
    const text = sessionStorage.getItem(PREFIX + entry);
    if (!text) return undefined;
    const run = JSON.parse(text) as SavedRun;
    return typeof run.query === 'string' && Number.isInteger(run.epoch) && Array.isArray(run.weights) ? run : undefined;
  } catch { return undefined; }
}

/** Whether the saved weights have the shapes of the network's layers (W: units x inputs, b: units). */
export function fitsLayers(run: SavedRun, sizes: readonly number[]): boolean {
  return run.weights.length === sizes.length - 1 &&
    run.weights.every((w, l) => w.W.length === sizes[l + 1]! * sizes[l]! && w.b.length === sizes[l + 1]!);
}

/** What the page says when it came back: the run restored, or why the training starts again. */
export function backMessage(run: SavedRun | undefined, restored: boolean, optimizer: string): string {
  const averages = optimizer === 'gd' ? '' : ` (${optimizer === 'momentum' ? 'momentum' : 'the optimizer\'s running averages'} start${optimizer === 'momentum' ? 's' : ''} again from zero)`;
  if (restored && run) return `Back where you left: epoch ${run.epoch}, with its weights and cost curve${averages}.`;
  if (run?.csv) return `The training starts again at epoch 0: the page does not keep ${run.csv} when you leave it (load it again to train on it).`;
  if (run) return 'The training starts again at epoch 0: the settings are not those of the run you left.';
  return '';
}
