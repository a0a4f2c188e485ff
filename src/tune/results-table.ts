// A study's trials as one CSV table, as scikit-learn users keep a search's results
// (pd.DataFrame(search.cv_results_).to_csv(...)): a row per trial, best first, its rank, state,
// objective with its spread and each fold's value, epochs, seconds and one column per parameter.

import { checkReplaceable } from '../io/write-file.js';
import { checkStudy } from './findings.js';
import { foldSummary } from './objective.js';
import { formatValue } from './space.js';
import { rankTrials } from './trial.js';
import type { StudyResult } from './tune.js';

/** The first cells of the header studyTable writes (what a --results file may be replaced on). */
export const TABLE_HEADER_START = 'rank,trial,state,';

/** A CSV cell: quoted when it holds a comma, a quote or a line break (RFC 4180). */
const cell = (v: unknown): string => {
  const s = v === undefined || v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * The trials as CSV: rank (complete and pruned trials, as the leaderboard ranks them; empty for
 * failed and running ones), trial, state, the objective (its name as the column), its standard
 * deviation over the folds and fold_1..fold_K with cross-validation, epochs, seconds, one column per
 * searched parameter (a number with every digit, layers as 32,16), and message.
 */
export function studyTable(r: StudyResult): string {
  checkStudy(r, 'studyTable');
  const ranked = rankTrials(r.trials, r.direction);
  const rest = r.trials.filter((t) => !ranked.includes(t) && !t.retry);
  const k = Math.max(0, ...r.trials.map((t) => t.foldValues?.length ?? 0));
  const params = Object.keys(r.space);
  const folds = Array.from({ length: k }, (_, i) => `fold_${i + 1}`);
  const header = ['rank', 'trial', 'state', r.objective, ...(k ? [`${r.objective}_std`, ...folds] : []), 'epochs', 'seconds', ...params, 'message'];
  const rows = [...ranked, ...rest].map((t) => {
    const rank = ranked.includes(t) ? ranked.indexOf(t) + 1 : '';
    const spread = k ? [t.foldValues ? foldSummary(t.foldValues).std : '', ...folds.map((_, i) => t.foldValues?.[i])] : [];
    // every digit of a number (the value trained); a list or setting as the leaderboard writes it (32,16)
    const values = params.map((p) => { const v = t.params[p]; return v === undefined ? '' : typeof v === 'number' ? v : formatValue(v); });
    return [rank, t.number, t.state, t.value, ...spread, t.epochs, t.seconds, ...values, t.message ?? t.stale];
  });
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\n') + '\n';
}

/** What a results table may replace: a file that studyTable wrote (its header), never a data file of the same name. */
export function checkResultsTarget(file: string): void {
  checkReplaceable(file, `a table of a study's trials (its first line is not the header tune writes: ${TABLE_HEADER_START}...)`, (head) => head.replace(/^\ufeff/, '').startsWith(TABLE_HEADER_START));
}
