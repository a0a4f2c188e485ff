// What `backprop tune` prints: a live line while the study runs, then a leaderboard, the epochs
// pruning saved, and with --json the study as one object.

import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { showPath } from '../io/path-text.js';
import { DEFAULT_JOURNAL } from './study-storage.js';
import { seedsOf, studyFindings } from '../tune/findings.js';
import { foldSummary } from '../tune/objective.js';
import { formatValue } from '../tune/space.js';
import type { StudyResult } from '../tune/tune.js';
import type { Trial } from '../tune/trial.js';
import { bestTrial, rankTrials, type Direction } from '../tune/trial.js';
import { formatNumber, pythonExponent } from '../util/number-text.js';

const fmt = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '-' : formatNumber(v));
export const paramsText = (p: Trial['params']) => Object.entries(p).map(([k, v]) => `${k}=${typeof v === 'number' ? pythonExponent(formatValue(v)) : formatValue(v)}`).join(' ');

/** A trial's state as the reports say it: a running trial whose worker is gone is 'stale' (Trial.stale says why). */
export const shownState = (t: Trial): string => (t.state === 'running' && t.stale !== undefined ? 'stale' : t.state);

/** "trial 7/30  best 0.9811 (#3)  running 2  pruned 1" (and "stale 1" for trials whose worker is gone) */
export function liveLine(trials: Trial[], total: number, direction: Direction): string {
  const counted = trials.filter((t) => !t.retry);
  const done = counted.filter((t) => t.state !== 'running').length;
  const best = bestTrial(trials, direction);
  const count = (s: string) => counted.filter((t) => shownState(t) === s).length;
  return `trial ${done}/${total}  best ${best ? `${fmt(best.value)} (#${best.number})` : '-'}  running ${count('running')}${count('stale') ? `  stale ${count('stale')}` : ''}  pruned ${count('pruned')}${count('failed') ? `  failed ${count('failed')}` : ''}`;
}

/**
 * The finished trials, best first: rank, objective (± spread over folds), epochs, seconds, state,
 * parameters; then the trials whose worker is gone ('stale', with why): they will never finish, and
 * a report of a study whose workers died did not say so (its --json said 'running').
 */
export function leaderboard(r: StudyResult, top = 10): string {
  // complete trials by their objective, then the pruned ones (those that went further first), then the failed ones
  const ranked = rankTrials(r.trials, r.direction);
  const failed = r.trials.filter((t) => t.state === 'failed' && !t.retry);
  const stale = r.trials.filter((t) => shownState(t) === 'stale');
  const rows = [...ranked.slice(0, top), ...failed, ...stale].map((t) => {
    const spread = t.foldValues ? ` ± ${fmt(foldSummary(t.foldValues).std)}` : '';
    const rank = ranked.includes(t) ? String(ranked.indexOf(t) + 1) : '-';
    const why = t.message ?? t.stale;
    return `${rank.padStart(4)}  ${`#${t.number}`.padStart(5)}  ${(fmt(t.value) + spread).padEnd(20)} ${String(t.epochs).padStart(6)} ${(t.seconds ?? 0).toFixed(1).padStart(7)}  ${shownState(t).padEnd(8)} ${paramsText(t.params)}${why ? `  (${why})` : ''}`;
  });
  const more = ranked.length > top ? [`(${ranked.length - top} more in the study; --json lists them all)`] : [];
  return [`rank  trial  ${r.objective.padEnd(20)} epochs seconds  state    parameters`, ...rows, ...more].join('\n');
}

/**
 * The study's first line: where its journal is, as an absolute path (its default is DATA.study.jsonl in
 * the working folder, which the user may not have meant), and whether this run starts or continues it;
 * a study in a database by its name and server.
 */
export function studyOpening(journal: string | undefined, label: string, defaulted = false): string {
  if (journal === undefined) return `study: ${label}`;
  const where = defaulted ? `; ${DEFAULT_JOURNAL}; --study FILE puts it elsewhere` : '';
  return `study: ${showPath(path.resolve(journal))} (${existsSync(journal) && statSync(journal).size > 0 ? 'continuing the study in it' : 'a new journal'}${where})`;
}

/** How much of the epoch budget pruning saved, or undefined when nothing was pruned. */
export function pruningSaved(r: StudyResult): string | undefined {
  const { epochsRun, epochBudget, pruned } = r.summary;
  if (pruned === 0 || epochBudget === 0) return undefined;
  return `pruning stopped ${pruned} trial${pruned === 1 ? '' : 's'} early: ${epochsRun} of ${epochBudget} epochs run (${(100 * (1 - epochsRun / epochBudget)).toFixed(0)}% of the budget saved)`;
}

/** The study as one JSON object (with what it found beyond its best, and the train command that trains the best). */
export function studyJson(r: StudyResult, test?: Record<string, unknown>, taskChoice?: string, trainCommand?: string): Record<string, unknown> {
  const best = r.summary.best;
  const findings = studyFindings(r);
  return {
    // the task tuned, and what --task auto chose (said in the text output only)
    task: r.trainAndValidation.task, ...(taskChoice ? { taskChoice } : {}),
    objective: r.objective, direction: r.direction,
    best: best ? { number: best.number, params: best.params, value: best.value, ...(seedsOf(r) ? { seeds: seedsOf(r) } : {}), ...(trainCommand ? { trainCommand } : {}) } : null,
    ...(findings ? { findings } : {}),
    trials: r.trials.map((t) => ({
      number: t.number, params: t.params, state: shownState(t), value: t.value ?? null, epochs: t.epochs, seconds: t.seconds ?? null,
      ...(t.foldValues ? { folds: t.foldValues } : {}), ...(t.message ?? t.stale ? { message: t.message ?? t.stale } : {}), ...(t.retryOf !== undefined ? { retryOf: t.retryOf } : {}),
    })),
    epochs: { run: r.summary.epochsRun, budget: r.summary.epochBudget },
    ...(test ? { test } : {}),
  };
}
