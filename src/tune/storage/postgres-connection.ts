// Connecting to the study's PostgreSQL database, and surviving its loss: a pool of node-postgres
// clients (the connection string and libpq's PG* environment variables, TLS included, are read by
// node-postgres as psql reads them), errors sorted into "the database went away" (retried with
// backoff until a patience runs out) and "this can never work" (a bad URL, password or database).

import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool, PoolConfig } from 'pg';
import { ConnectionLostError, OptionError } from '../../errors.js';
import { missingDependency } from '../../optional.js';
import { envVar } from '../../util/env.js';
import { shownUrl } from './storage.js';

/** postgresql://user@host:port/db (never the password), for messages. */
export function describeDatabase(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    u.search = '';
    const host = u.host || envVar('PGHOST') || 'localhost';
    const user = u.username || envVar('PGUSER') || '';
    const db = u.pathname.replace(/^\//, '') || envVar('PGDATABASE') || user;
    return `postgresql://${user ? `${decodeURIComponent(user)}@` : ''}${host}/${decodeURIComponent(db)}`;
  } catch {
    return 'postgresql://?';
  }
}

/**
 * Why a --storage / options.url is no PostgreSQL URL node-postgres can read, or undefined: a password with
 * @ : / # ? or a stray % in it, written as is, failed with "Invalid URL" or "URI malformed", naming nothing.
 */
export function postgresUrlProblem(url: unknown, name = 'options.url'): string | undefined {
  if (typeof url !== 'string') return `${name} must be a postgresql:// URL, got ${url === null ? 'null' : typeof url}`;
  if (!/^postgres(ql)?:\/\//i.test(url)) return `${name} must be a PostgreSQL URL, postgresql://[user@]host[:port]/database, got '${shownUrl(url)}'`;
  if (/^postgres(ql)?:\/\/\/?$/i.test(url)) return undefined; // everything from PGHOST, PGUSER, ...
  // (the URL itself is not shown: cut in the wrong place, it would show part of a password)
  const encode = 'percent-encode @ : / # ? % in a user name or password (%40 for @, %25 for %), or give the password in PGPASSWORD or ~/.pgpass';
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `${name} is not a valid URL (not shown: it may hold a password): ${encode}`;
  }
  try {
    for (const part of [u.username, u.password, u.pathname]) decodeURIComponent(part);
  } catch {
    return `${name} holds a % that starts no escape (%XX) (not shown: it may hold a password): ${encode}`;
  }
  if (url.includes('#')) return `${name} holds a #, which ends a URL: what follows it is dropped (not shown: it may hold a password); ${encode}`;
  return undefined;
}

/** Does the URL hold a password (visible to every user of the machine in its process list)? */
export const urlHasPassword = (url: string): boolean => {
  try { return new URL(url).password !== ''; } catch { return false; }
};

/** A pool on the URL; a URL with no host (postgresql://) takes everything from PGHOST, PGUSER, ... */
export async function openPool(url: string): Promise<Pool> {
  let PgPool: typeof Pool;
  try {
    PgPool = (await import('pg')).default.Pool;
  } catch (e) {
    throw missingDependency(e, ['pg'], 'a study in PostgreSQL', 'a study in PostgreSQL needs the pg package: npm install pg');
  }
  const hostless = /^postgres(ql)?:\/\/\/?$/i.test(url);
  const config: PoolConfig = { ...(hostless ? {} : { connectionString: url }), max: 4, connectionTimeoutMillis: 10_000, application_name: 'backprop tune' };
  const pool = new PgPool(config);
  // an idle client whose server went away: the next query reconnects (an unhandled 'error' would end the process)
  pool.on('error', () => {});
  return pool;
}

const LOST_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND',
  '57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006']);
const FATAL_CODES: Record<string, string> = { '28P01': 'authentication failed', '28000': 'not allowed to connect', '3D000': 'no such database', '42501': 'permission denied' };

/** The server went away (or is restarting): worth retrying. */
export function isConnectionLoss(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  if (err?.code && LOST_CODES.has(err.code)) return true;
  return /Connection terminated|connection timeout|Client has encountered a connection error|Client was closed|the database system is (starting up|shutting down|in recovery)/i.test(err?.message ?? '');
}

export interface Reconnect {
  /** Give up after this many seconds without the database. */
  patience: number;
  /** The database, as describeDatabase names it. */
  database: string;
  /** Told once per outage. */
  warn: (message: string) => void;
  /**
   * The outage, shared by the calls of one store: the calls under way when the database goes (each
   * worker's, the heartbeat's) each said "lost the study database" and each "reconnected".
   */
  outage?: { since?: number };
}

/** fn, retried with backoff (0.1 s doubling to 5 s) while the database is lost, for at most `patience` seconds. */
export async function withReconnect<T>(fn: () => Promise<T>, r: Reconnect): Promise<T> {
  let lostAt: number | undefined;
  const outage = r.outage ?? {};
  for (let wait = 100; ; wait = Math.min(wait * 2, 5_000)) {
    try {
      const value = await fn();
      if (lostAt !== undefined && outage.since !== undefined) r.warn(`${r.database}: reconnected after ${((Date.now() - outage.since) / 1000).toFixed(1)} s`);
      if (lostAt !== undefined) outage.since = undefined;
      return value;
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code && FATAL_CODES[code]) throw new OptionError(`options.url ${r.database}: ${FATAL_CODES[code]}: ${(e as Error).message}`);
      // node-postgres asked for a password it was not given: "SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string"
      if (/client password must be a (non-empty )?string|^Password must be a string/i.test((e as Error).message ?? '')) {
        throw new OptionError(`options.url ${r.database}: the server asks for a password and none was given: set PGPASSWORD or put it in ~/.pgpass`);
      }
      if (!isConnectionLoss(e)) throw e;
      if (lostAt === undefined) {
        lostAt = Date.now();
        if (outage.since === undefined) r.warn(`${r.database}: lost the study database (${(e as Error).message}); retrying for up to ${r.patience} s`);
        outage.since ??= lostAt;
      }
      if (Date.now() - lostAt + wait > r.patience * 1000) {
        throw new ConnectionLostError(`${r.database}: lost the study database (${(e as Error).message}) and it did not come back within ${r.patience} s (options.reconnect); finished trials are kept there: run the same command to continue`);
      }
      await sleep(wait);
    }
  }
}
