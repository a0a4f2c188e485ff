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
-- A claim's first step (one round trip, no lock): fail the running trials whose heartbeat is older
-- than timeout seconds (to be run again while fewer than max_retries re-runs; a restarted server gives
-- every worker one timeout to send a heartbeat first), and return every trial with its epoch reports.
CREATE OR REPLACE FUNCTION backprop_claim_read(study integer, timeout double precision, max_retries integer)
RETURNS TABLE (number integer, params jsonb, state text, value double precision, fold_values double precision[], epochs integer,
  seconds double precision, message text, retry boolean, retry_of integer, host text, pid integer, report_epochs integer[], report_values double precision[])
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE backprop_trials t SET state = 'failed', retry = t.attempt < max_retries, finished = now(),
    message = 'no heartbeat for ' || timeout::text || ' s from its worker (' || t.host || ', pid ' || t.pid || ')'
      || CASE WHEN t.attempt < max_retries THEN '' ELSE '; given up after ' || t.attempt || ' re-runs' END
  WHERE t.study_id = study AND t.state = 'running' AND GREATEST(t.heartbeat, pg_postmaster_start_time()) < now() - make_interval(secs => timeout);
  RETURN QUERY SELECT t.number, t.params, t.state, t.value, t.fold_values, t.epochs, t.seconds, t.message, t.retry, t.retry_of, t.host, t.pid,
      r.epochs, r.vals
    FROM backprop_trials t
    LEFT JOIN LATERAL (SELECT array_agg(p.epoch ORDER BY p.epoch) AS epochs, array_agg(p.value ORDER BY p.epoch) AS vals
      FROM backprop_reports p WHERE p.study_id = t.study_id AND p.number = t.number) r ON true
    WHERE t.study_id = study ORDER BY t.number;
END $$;
-- A claim's second step (one round trip): under the study's row lock (claims and ends of a study run
-- one at a time), insert the trial numbered trial unless another claim took a number since the read (then false:
-- read and choose again) or the trial it re-runs has ended or been re-run meanwhile.
CREATE OR REPLACE FUNCTION backprop_claim_insert(study integer, trial integer, new_params jsonb, rerun_of integer, new_host text, new_pid integer, new_token uuid)
RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM backprop_studies s WHERE s.id = study FOR UPDATE;
  IF COALESCE((SELECT max(t.number) + 1 FROM backprop_trials t WHERE t.study_id = study), 0) <> trial THEN RETURN false; END IF;
  IF rerun_of IS NOT NULL AND NOT EXISTS (SELECT 1 FROM backprop_trials t WHERE t.study_id = study AND t.number = rerun_of AND t.retry) THEN RETURN false; END IF;
  INSERT INTO backprop_trials (study_id, number, params, state, retry_of, attempt, host, pid, token)
    VALUES (study, trial, new_params, 'running', rerun_of,
      COALESCE((SELECT t.attempt + 1 FROM backprop_trials t WHERE t.study_id = study AND t.number = rerun_of), 0), new_host, new_pid, new_token);
  RETURN true;
END $$;
-- A trial's end (one round trip), under the study's row lock, unless the trial was taken for dead and
-- already run again elsewhere (then nothing is written and 0 returned); token: the claim's id.
CREATE OR REPLACE FUNCTION backprop_finish(study integer, trial integer, token uuid, new_state text, new_value double precision,
  new_folds double precision[], new_epochs integer, new_seconds double precision, new_message text, new_retry boolean)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE n integer;
BEGIN
  PERFORM 1 FROM backprop_studies s WHERE s.id = study FOR UPDATE;
  UPDATE backprop_trials t SET state = new_state, value = new_value, fold_values = new_folds, epochs = new_epochs, seconds = new_seconds,
      message = new_message, retry = new_retry, finished = now()
    WHERE t.study_id = study AND t.number = trial AND t.token = backprop_finish.token
      AND NOT EXISTS (SELECT 1 FROM backprop_trials r WHERE r.study_id = study AND r.retry_of = trial);
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $$;
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
