// Training progress: a bar with epoch, cost and ETA on a terminal (cli-progress), one line per
// N epochs otherwise (logs, CI, pipes). Each line names the epoch (1-based) and the iteration: the
// number of updates made before the cost, the course's numbering ("cost after iteration i"). With
// full batch, epoch e is iteration e - 1, and lines are printed at iterations 0, N, 2N, ... as the
// course prints them; with mini-batches the epoch's cost is the mean over its steps' iterations.

import cliProgress from 'cli-progress';
import { releaseWarnings } from './errors.js';
import { envVar } from '../util/env.js';
import { costText } from '../util/number-text.js';

export interface ProgressInfo {
  epoch: number;
  cost: number;
  valCost?: number;
  /** Updates before the epoch's first step. */
  firstIteration: number;
  /** Steps in the epoch (1 for full batch). */
  steps: number;
}

export interface Progress {
  update(info: ProgressInfo): void;
  stop(): void;
}

/** "iteration 100" (full batch) or "iterations 10-19" (the steps the epoch's mean cost covers). */
export function iterationLabel(info: Pick<ProgressInfo, 'firstIteration' | 'steps'>): string {
  return info.steps === 1 ? `iteration ${info.firstIteration}` : `iterations ${info.firstIteration}-${info.firstIteration + info.steps - 1}`;
}

/** The line for an epoch, printed when not on a terminal. */
export function progressLine(info: ProgressInfo, epochs: number): string {
  const cost = `${info.steps === 1 ? 'cost' : 'mean cost'} ${costText(info.cost)}`;
  return `  epoch ${String(info.epoch).padStart(String(epochs).length)}/${epochs}  ${iterationLabel(info)}  ${cost}${info.valCost === undefined ? '' : `  val ${costText(info.valCost)}`}`;
}

/**
 * Whether epoch `info.epoch` gets a line: after 0, N, 2N, ... epochs done, as the course prints (full
 * batch: "cost after iteration 0, N, ..."; mini-batches: "Cost after epoch 0, N, ...", its epochs
 * counted from 0); always the last. (Mini-batch runs printed epochs N, 2N, ..., so the notebook's
 * "Cost after epoch 1000" of the Adam run, the program's epoch 1001, was never on a line.)
 */
export function printsLine(info: Pick<ProgressInfo, 'epoch' | 'steps'>, epochs: number, printEvery: number): boolean {
  return (info.epoch - 1) % printEvery === 0 || info.epoch === epochs;
}

/**
 * Whether the bar is drawn: on a terminal that can move its cursor (TERM=dumb, Emacs' shell and some
 * CI consoles, cannot: the bar's escape codes were written there as text), else lines are printed.
 * (TERM read as envVar reads it: Deno without --allow-env refuses process.env, and the CLI runs there.)
 */
export function drawsBar(stream: { isTTY?: boolean } = process.stderr, term = envVar('TERM')): boolean {
  return stream.isTTY === true && term !== 'dumb';
}

/** A line redrawn in place (tune's trial count), as the terminal shows it. */
export interface RedrawnLine {
  /** Draw `text` over the line (nothing when it is the line already shown). */
  show(text: string): void;
  /** End the line drawn (a newline; the next show starts a new one), if any. */
  end(): void;
}

/**
 * A line redrawn in place with '\r' on a terminal that can (drawsBar), else undefined (nothing is drawn).
 * The line is cut to the terminal's width: a longer one wrapped, and '\r' goes back to the start of its
 * last row only, so each redraw added rows (a column of 'trial 1/3  best ...' on a narrow window); on
 * TERM=dumb its escape code was written as text, a redraw per epoch of every trial.
 */
export function redrawnLine(stream: NodeJS.WriteStream = process.stderr, term = envVar('TERM')): RedrawnLine | undefined {
  if (!drawsBar(stream, term)) return undefined;
  let shown: string | undefined;
  return {
    show(text) {
      const columns = stream.columns;
      const line = columns !== undefined && columns > 1 && text.length >= columns ? text.slice(0, columns - 1) : text;
      if (line === shown) return;
      shown = line;
      stream.write(`\r${line}\x1b[K`);
    },
    end() {
      if (shown !== undefined) stream.write('\n');
      shown = undefined;
    },
  };
}

/**
 * The seconds left, from the pace of the epochs after the first (the first takes the start-up: a
 * 100000-epoch run of 20 s was said to end in 10700 s); undefined at the first epoch.
 */
export function etaSeconds(now: number, firstEpochEnd: number | undefined, epoch: number, epochs: number): number | undefined {
  if (firstEpochEnd === undefined || epoch <= 1) return undefined;
  return ((now - firstEpochEnd) / 1000 / (epoch - 1)) * (epochs - epoch);
}

/**
 * A time left as a reader takes it in: '42 s' under two minutes, then '27 min', then '4 h 05 min' (a
 * run of ten million epochs said 'ETA 1642 s', and a long one 'ETA 93817 s').
 */
export function durationText(seconds: number): string {
  if (seconds < 120) return `${seconds.toFixed(0)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

export function createProgress(o: { epochs: number; enabled: boolean; printEvery: number }): Progress {
  releaseWarnings(); // training starts: what was said of the data and options is printed before it
  if (!o.enabled) return { update() {}, stop() {} };
  if (drawsBar()) return terminalBar(o.epochs);
  const started = Date.now();
  let firstEpochEnd: number | undefined;
  return {
    update(info) {
      if (info.epoch === 1) firstEpochEnd = Date.now();
      if (!printsLine(info, o.epochs, o.printEvery)) return;
      const elapsed = (Date.now() - started) / 1000;
      const eta = etaSeconds(Date.now(), firstEpochEnd, info.epoch, o.epochs);
      process.stdout.write(`${progressLine(info, o.epochs)}  (${elapsed.toFixed(1)} s${eta === undefined ? '' : `, ETA ${durationText(eta)}`})\n`);
    },
    stop() {},
  };
}

/**
 * The bar on a terminal. Drawn from the first epoch on, not before: the lines printed between its start
 * and the first epoch (the network, the optimizer) were written over, since the bar puts the cursor
 * back where it started when it stops. The cursor stays visible and line wrapping on (the bar is cut
 * to the terminal's width instead): a second Ctrl-C, which ends the process at once, left the
 * terminal without a cursor and without wrapping.
 */
function terminalBar(epochs: number): Progress {
  let bar: cliProgress.SingleBar | undefined;
  return {
    update(info) {
      if (!bar) {
        bar = new cliProgress.SingleBar({
          format: '  epoch {value}/{total} [{bar}] {percentage}% | {iteration} | cost {cost}{val} | ETA {eta_formatted}',
          stream: process.stderr,
          hideCursor: false,
          linewrap: true,
          etaBuffer: 50,
        }, cliProgress.Presets.shades_classic);
        bar.start(epochs, 0, { cost: '-', val: '', iteration: '' });
      }
      bar.update(info.epoch, { cost: costText(info.cost), iteration: iterationLabel(info), val: info.valCost === undefined ? '' : ` | val ${costText(info.valCost)}` });
    },
    stop() { bar?.stop(); },
  };
}
