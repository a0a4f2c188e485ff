// The PostgreSQL server of the shared-study tests: its URL comes from BACKPROP_TEST_PG (set by .ci/run,
// which starts a throwaway cluster with scripts/pg-test-cluster.sh); without it those tests skip, saying why.
// The cluster's folder (BACKPROP_TEST_PGDATA, BACKPROP_TEST_PGBIN) lets a test stop and start it.

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';

export const PG_URL = process.env.BACKPROP_TEST_PG;
export const pgMissing = PG_URL ? false : 'BACKPROP_TEST_PG is not set: these tests need a PostgreSQL server (eval "$(scripts/pg-test-cluster.sh start)", as .ci/run does)';
const PGDATA = process.env.BACKPROP_TEST_PGDATA, PGBIN = process.env.BACKPROP_TEST_PGBIN;
export const pgCtlMissing = pgMissing || (PGDATA && PGBIN ? false : 'BACKPROP_TEST_PGDATA and BACKPROP_TEST_PGBIN are not set: this test stops and starts the server (scripts/pg-test-cluster.sh sets them)');

let count = 0;
/** A study name no other test (or earlier run) uses. */
export const uniqueStudy = (prefix: string) => `${prefix}-${process.pid}-${Date.now()}-${count++}`;

/** One query on the test database. */
export async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** pg_ctl on the test cluster (as its owner, `postgres`, when the tests run as root). */
export function pgCtl(action: 'start' | 'stop'): void {
  const args = ['-D', PGDATA!, '-w', '-t', '60', ...(action === 'stop' ? ['-m', 'fast'] : ['-l', path.join(path.dirname(PGDATA!), 'server.log')]), action];
  const bin = path.join(PGBIN!, 'pg_ctl');
  const r = process.getuid?.() === 0 ? spawnSync('runuser', ['-u', 'postgres', '--', bin, ...args], { encoding: 'utf8' }) : spawnSync(bin, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pg_ctl ${action}: ${r.stderr || r.stdout}`);
}
