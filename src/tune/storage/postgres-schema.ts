// The PostgreSQL schema of shared studies (see docs/tuning.md): created on first use, under an
// advisory lock so that workers starting together create it once, and versioned in
// backprop_schema so that a newer backprop can migrate it and an older one refuses it.

import type { PoolClient } from 'pg';
import { OptionError } from '../../errors.js';

export const SCHEMA_VERSION = 1;

/** The tables (fixed identifiers; every value goes through query parameters). */
export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS backprop_schema (
  version integer NOT NULL
);
CREATE TABLE IF NOT EXISTS backprop_studies (
  id        serial PRIMARY KEY,
  name      text NOT NULL UNIQUE,
  objective text NOT NULL,
  direction text NOT NULL CHECK (direction IN ('minimize', 'maximize')),
  header    jsonb NOT NULL,          -- data and space fingerprints, objective, settings
  created   timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS backprop_trials (
  study_id    integer NOT NULL REFERENCES backprop_studies (id) ON DELETE CASCADE,
  number      integer NOT NULL CHECK (number >= 0),
  params      jsonb NOT NULL,
  state       text NOT NULL CHECK (state IN ('running', 'complete', 'pruned', 'failed')),
  value       double precision,
  fold_values double precision[],
  epochs      integer NOT NULL DEFAULT 0,
  seconds     double precision,
  message     text,
  retry       boolean NOT NULL DEFAULT false,  -- failed by its worker, not its parameters: run again
  retry_of    integer,
  attempt     integer NOT NULL DEFAULT 0,      -- 0, then 1 for its first re-run, ...
  host        text NOT NULL,
  pid         integer NOT NULL,
  token       uuid NOT NULL UNIQUE,            -- the claim's id: a claim retried after a lost connection finds its trial
  started     timestamptz NOT NULL DEFAULT now(),
  heartbeat   timestamptz NOT NULL DEFAULT now(),
  finished    timestamptz,
  PRIMARY KEY (study_id, number)
);
CREATE INDEX IF NOT EXISTS backprop_trials_running ON backprop_trials (study_id) WHERE state = 'running';
CREATE TABLE IF NOT EXISTS backprop_reports (
  study_id integer NOT NULL,
  number   integer NOT NULL,
  epoch    integer NOT NULL CHECK (epoch >= 1),
  value    double precision NOT NULL,
  PRIMARY KEY (study_id, number, epoch),
  FOREIGN KEY (study_id, number) REFERENCES backprop_trials (study_id, number) ON DELETE CASCADE
);
`;

/** Any constant: the key of the advisory lock that serializes creating the schema. */
const SCHEMA_LOCK = 0x6270_7374;

/** In the caller's transaction: create the schema if the database has none; refuse a schema newer than this backprop's. */
export async function ensureSchema(client: PoolClient, label: string): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
  const { rows: present } = await client.query<{ found: string | null }>(`SELECT to_regclass('backprop_schema')::text AS found`);
  if (present[0]?.found) {
    const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM backprop_schema');
    const version = rows[0]?.version ?? null;
    if (version !== null && version > SCHEMA_VERSION) throw new OptionError(`${label}: the database's study schema is version ${version}, newer than this backprop's (${SCHEMA_VERSION}); upgrade backprop on this machine`);
    if (version === SCHEMA_VERSION) return;
  }
  await client.query(SCHEMA_SQL);
  await client.query('INSERT INTO backprop_schema (version) VALUES ($1)', [SCHEMA_VERSION]);
}
