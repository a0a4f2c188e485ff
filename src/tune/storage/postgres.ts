// A study shared through PostgreSQL, as Optuna's RDB storage: any number of worker processes on any
// number of machines open the same study by name and pull trials from it. A claim reads the study,
// lets the sampler choose, and inserts the trial under the study's row lock (SELECT ... FOR UPDATE)
// only if no other claim took a number since its read (else it reads and chooses again), so the
// budget is never exceeded and no two workers run the same trial. A worker writes a heartbeat for the trials
// it runs; a trial whose heartbeat is older than the timeout is marked failed and offered again (at
// most `maxRetries` times). Every call survives a lost database (withReconnect) and is idempotent
// when retried, so nothing finished is lost.

import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { OptionError } from '../../errors.js';
import type { Trial, TrialState } from '../trial.js';
import { markStale, thisHost } from './events.js';
import { checkHeader } from './header.js';
import { describeDatabase, openPool, postgresUrlProblem, withReconnect } from './postgres-connection.js';
import { ensureSchema } from './postgres-schema.js';
import type { StudyHeader, StudyStorage, TrialClaim, TrialEnd } from './storage.js';

export interface PostgresOptions {
  /** postgresql://user@host:port/db?sslmode=...; postgresql:// alone takes all from PGHOST, PGUSER, PGPASSWORD, ... */
  url: string;
  studyName: string;
  /** Seconds without a heartbeat after which a running trial's worker is taken for dead (default 60). */
  heartbeatTimeout?: number;
  /** Times a trial whose worker died is run again before it is failed for good (default 3). */
  maxRetries?: number;
  /** Seconds a worker keeps retrying a lost database before it gives up (default 60). */
  reconnect?: number;
  warn?: (message: string) => void;
  /** Refuse to create the study (a report of a study that must exist). */
  mustExist?: boolean;
  /**
   * Read the study as it stands and write nothing (a report; implies mustExist): no schema is created,
   * no trial started, and a trial without a heartbeat is reported stale rather than failed (a report's
   * claim failed such trials in the database, as a worker's does).
   */
  readOnly?: boolean;
}

interface TrialRow {
  number: number; params: Trial['params']; state: TrialState; value: number | null; fold_values: number[] | null; epochs: number;
  seconds: number | null; message: string | null; retry: boolean; retry_of: number | null; host: string; pid: number;
  report_epochs: number[] | null; report_values: number[] | null;
  /** (TRIALS_SQL only) a running trial's heartbeat is older than the timeout ($2), as backprop_claim_read judges it. */
  heartbeat_lost?: boolean | null;
}

const TRIALS_SQL = `SELECT t.number, t.params, t.state, t.value, t.fold_values, t.epochs, t.seconds, t.message, t.retry, t.retry_of, t.host, t.pid,
  r.epochs AS report_epochs, r.values AS report_values,
  t.state = 'running' AND GREATEST(t.heartbeat, pg_postmaster_start_time()) < now() - make_interval(secs => $2) AS heartbeat_lost
  FROM backprop_trials t
  LEFT JOIN LATERAL (SELECT array_agg(epoch ORDER BY epoch) AS epochs, array_agg(value ORDER BY epoch) AS values
    FROM backprop_reports WHERE study_id = t.study_id AND number = t.number) r ON true
  WHERE t.study_id = $1 ORDER BY t.number`;

const REPORT_SQL = `WITH r AS (INSERT INTO backprop_reports (study_id, number, epoch, value) VALUES ($1, $2, $3, $4)
  ON CONFLICT (study_id, number, epoch) DO UPDATE SET value = EXCLUDED.value)
  UPDATE backprop_trials SET heartbeat = now() WHERE study_id = $1 AND number = $2 AND state = 'running'`;

function toTrial(r: TrialRow): Trial {
  const intermediate: number[] = [];
  (r.report_epochs ?? []).forEach((e, i) => { intermediate[e - 1] = r.report_values![i]!; });
  return {
    number: r.number, params: r.params, state: r.state, intermediate, epochs: r.epochs, pid: r.pid, host: r.host,
    ...(r.value !== null ? { value: r.value } : {}), ...(r.fold_values ? { foldValues: r.fold_values } : {}),
    ...(r.seconds !== null ? { seconds: r.seconds } : {}), ...(r.message !== null ? { message: r.message } : {}),
    ...(r.retry ? { retry: true } : {}), ...(r.retry_of !== null ? { retryOf: r.retry_of } : {}),
  };
}

/** A trial this process has just started. */
const started = (number: number, c: TrialClaim): Trial => ({
  number, params: c.params, state: 'running', intermediate: [], epochs: 0, pid: process.pid, host: thisHost(), ...(c.retryOf !== undefined ? { retryOf: c.retryOf } : {}),
});

/** A study kept in PostgreSQL (needs the optional package pg), shared by workers on any number of machines: claims are atomic, dead workers' trials are run again (docs/tuning.md). */
export class PostgresStorage implements StudyStorage {
  readonly pollInterval: number;
  readonly database: string;
  private pool?: Pool;
  private studyId = -1;
  /** This process's running trials: number -> the claim's token. */
  private readonly ours = new Map<number, string>();
  private heartbeat?: NodeJS.Timeout;
  private beating = false;
  /** The current loss of the database, shared by every call of this store: said once, not once per call under way. */
  private readonly outage: { since?: number } = {};
  private readonly heartbeatTimeout: number;
  private readonly beatInterval: number;
  private readonly maxRetries: number;

  constructor(readonly options: PostgresOptions) {
    const problem = postgresUrlProblem(options?.url);
    if (problem) throw new OptionError(problem);
    this.heartbeatTimeout = options.heartbeatTimeout ?? 60;
    this.maxRetries = options.maxRetries ?? 3;
    this.beatInterval = Math.max(0.1, this.heartbeatTimeout / 4);
    this.pollInterval = Math.min(this.beatInterval, 2);
    this.database = describeDatabase(options.url);
  }

  /** The study as the user names it in messages. */
  get label(): string {
    return `options.studyName ${this.options.studyName}`;
  }

  async open(header: StudyHeader): Promise<Trial[]> {
    this.pool ??= await openPool(this.options.url);
    if (this.options.readOnly) {
      const { rows: schema } = await this.db(() => this.pool!.query<{ found: string | null }>(`SELECT to_regclass('backprop_studies')::text AS found`));
      if (!schema[0]?.found) throw new OptionError(`${this.label}: no such study in ${this.database} (it holds no studies; read-only: nothing is created)`);
    } else await this.db(() => this.transaction((c) => ensureSchema(c, `options.url ${this.database}`)));
    const { rows } = await this.db(async () => {
      if (!this.options.mustExist && !this.options.readOnly) {
        await this.pool!.query(`INSERT INTO backprop_studies (name, objective, direction, header) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING`,
          [this.options.studyName, header.objective, header.direction, JSON.stringify(header)]);
      }
      return this.pool!.query<{ id: number; header: StudyHeader }>('SELECT id, header FROM backprop_studies WHERE name = $1', [this.options.studyName]);
    });
    if (!rows[0]) throw new OptionError(`${this.label}: no such study in ${this.database}`);
    checkHeader(this.label, rows[0]!.header, header, 'give another options.studyName');
    this.studyId = rows[0]!.id;
    this.heartbeat ??= setInterval(() => { void this.beat(); }, this.beatInterval * 1000).unref();
    return this.trials();
  }

  /**
   * Optimistic: read the study (failing stale trials), choose, then insert under the study's lock if no
   * other claim took a number meanwhile (else read and choose again): two round trips when uncontended.
   */
  async claim(choose: (trials: Trial[], nextNumber: number) => TrialClaim | undefined): Promise<Trial | undefined> {
    if (this.options.readOnly) return this.readOnlyClaim(choose);
    const token = randomUUID();
    let attempt = 0;
    const claimed = await this.db(async (): Promise<Trial | undefined> => {
      // a retry of this claim after a lost connection: the first attempt may have committed
      if (attempt++ > 0) {
        const done = await this.pool!.query<{ number: number; params: Trial['params']; retry_of: number | null }>('SELECT number, params, retry_of FROM backprop_trials WHERE token = $1', [token]);
        if (done.rows[0]) return started(done.rows[0].number, { params: done.rows[0].params, retryOf: done.rows[0].retry_of ?? undefined });
      }
      for (;;) {
        const trials = (await this.pool!.query<TrialRow>('SELECT * FROM backprop_claim_read($1, $2, $3)', [this.studyId, this.heartbeatTimeout, this.maxRetries])).rows.map(toTrial);
        const next = trials.length === 0 ? 0 : trials[trials.length - 1]!.number + 1;
        const chosen = choose(trials, next);
        if (!chosen) return undefined;
        const { rows } = await this.pool!.query<{ ok: boolean }>('SELECT backprop_claim_insert($1, $2, $3, $4, $5, $6, $7) AS ok',
          [this.studyId, next, JSON.stringify(chosen.params), chosen.retryOf ?? null, thisHost(), process.pid, token]);
        if (rows[0]?.ok) return started(next, chosen);
      }
    });
    if (claimed) this.ours.set(claimed.number, token);
    return claimed;
  }

  async report(number: number, epoch: number, value: number): Promise<void> {
    await this.db(() => this.pool!.query(REPORT_SQL, [this.studyId, number, epoch, value]));
  }

  async finish(number: number, end: TrialEnd): Promise<void> {
    const token = this.ours.get(number);
    const values = [this.studyId, number, token ?? null, end.state, end.value ?? null, end.foldValues ?? null, end.epochs, end.seconds, end.message ?? null, end.retry === true];
    const { rows } = await this.db(() => this.pool!.query<{ n: number }>('SELECT backprop_finish($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) AS n', values));
    const updated = rows[0]?.n ?? 0;
    this.ours.delete(number);
    if (updated === 0) this.options.warn?.(`trial #${number} had no heartbeat for ${this.heartbeatTimeout} s and was run again by another worker; this run's result is dropped`);
  }

  /** A read-only study starts no trial (one the study would start is refused, as a write) and fails none. */
  private async readOnlyClaim(choose: (trials: Trial[], nextNumber: number) => TrialClaim | undefined): Promise<undefined> {
    const trials = await this.trials();
    if (choose(trials, trials.length === 0 ? 0 : trials[trials.length - 1]!.number + 1)) {
      throw new OptionError(`${this.label}: opened read-only, so no trial can be started (a trial was to start)`);
    }
    return undefined;
  }

  /** Every trial; a running one without a heartbeat for the timeout, or whose process is gone from this machine, marked stale. */
  async trials(): Promise<Trial[]> {
    const { rows } = await this.db(() => this.pool!.query<TrialRow>(TRIALS_SQL, [this.studyId, this.heartbeatTimeout]));
    const ours = new Set(this.ours.keys());
    return rows.map((r) => {
      const t = toTrial(r);
      if (r.heartbeat_lost && !ours.has(t.number)) return { ...t, stale: `worker gone: no heartbeat for ${this.heartbeatTimeout} s from ${t.host}, pid ${t.pid}` };
      return markStale(t, ours);
    });
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    await this.pool?.end().catch(() => {});
    this.pool = undefined;
  }

  /** Refresh the heartbeat of this process's running trials (a lost database is retried by the next call). */
  private async beat(): Promise<void> {
    // (one at a time: while the database is away, beats must not pile up)
    if (this.ours.size === 0 || !this.pool || this.beating) return;
    this.beating = true;
    await this.pool.query(`UPDATE backprop_trials SET heartbeat = now() WHERE study_id = $1 AND number = ANY($2::int[]) AND state = 'running'`,
      [this.studyId, [...this.ours.keys()]]).catch(() => {});
    this.beating = false;
  }

  private db<T>(fn: () => Promise<T>): Promise<T> {
    return withReconnect(fn, { patience: this.options.reconnect ?? 60, database: this.database, warn: (m) => this.options.warn?.(m), outage: this.outage });
  }

  private async transaction<T>(fn: (c: PoolClient) => Promise<T>): Promise<T> {
    const c = await this.pool!.connect();
    let failed: Error | undefined;
    try {
      await c.query('BEGIN');
      const value = await fn(c);
      await c.query('COMMIT');
      return value;
    } catch (e) {
      failed = e as Error;
      await c.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      c.release(failed);
    }
  }
}
