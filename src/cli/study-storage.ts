// Where `backprop tune` keeps its study, from its flags: the journal file (--study, the default) or
// a study shared by many machines in PostgreSQL (--storage postgresql://... --study-name NAME, with
// the heartbeat timeout, the re-runs of a dead worker's trial and the patience with a lost database).

import { existsSync } from 'node:fs';
import path from 'node:path';
import { OptionError } from '../errors.js';
import { describeDatabase, postgresUrlProblem, urlHasPassword } from '../tune/storage/postgres-connection.js';
import { PostgresStorage } from '../tune/storage/postgres.js';
import { JournalStorage } from '../tune/storage/journal.js';
import { shownUrl, urlScheme, type StudyStorage } from '../tune/storage/storage.js';
import { checkOutputPath, parseIntOption, parseNumberOption } from './options.js';

type Opts = Record<string, string | boolean | undefined>;

export interface StudyChoice {
  /** The journal file, or undefined with --storage. */
  journal?: string;
  /** How the output names the study. */
  label: string;
  /** The store for tune() (a journal is given by its file name). */
  make: (warn: (message: string) => void) => string | StudyStorage;
  /** The journal is --study's default, in the working folder (the command says where, as it starts). */
  defaulted?: boolean;
}

/** What a journal by default is, for the line that says where it goes and the error when it cannot go there. */
export const DEFAULT_JOURNAL = "--study's default: DATA.study.jsonl in the current folder";

const DB_FLAGS = ['heartbeat', 'retries', 'reconnect'] as const;

/** The study's store from the flags; bad input is refused before any data is read. */
export function readStudyChoice(o: Opts): StudyChoice {
  if (o.storage === undefined) {
    if (o.studyName !== undefined) throw new OptionError('--study-name names a study in a database: give --storage postgresql://... too (or --study FILE for a journal)');
    const flag = DB_FLAGS.find((f) => o[f] !== undefined);
    if (flag) throw new OptionError(`--${flag} is for a study in a database: give --storage postgresql://... too`);
    const journal = (o.study as string | undefined) ?? `${path.basename(o.data as string).replace(/(\.csv)?(\.gz)?$|\.[^.]+$/i, '')}.study.jsonl`;
    studyNotUrl(journal);
    if (o.report === true) {
      if (!existsSync(journal)) throw new OptionError(`--report: no study journal ${journal} (give --study FILE)`);
      // a report writes nothing: a finished study on a read-only file or folder was refused
      return { journal, label: journal, make: (warn) => new JournalStorage(journal, warn, { readOnly: true }) };
    }
    // (--study - wrote a journal named '-')
    try {
      checkOutputPath(journal, '--study', { inputs: [o.data as string, o.test as string | undefined], what: 'the study journal, a file read back to continue the study', shared: true });
    } catch (e) {
      // a read-only working folder was blamed on a --study the user never typed
      if (o.study !== undefined || !(e instanceof OptionError)) throw e;
      throw new OptionError(`${e.message.replace(/^--study /, 'the study journal ')} (${DEFAULT_JOURNAL}); give --study FILE in a folder you can write`);
    }
    return { journal, label: journal, make: () => journal, defaulted: o.study === undefined };
  }
  const url = String(o.storage);
  if (!/^postgres(ql)?:\/\//i.test(url)) throw new OptionError(`--storage must be a PostgreSQL URL, postgresql://[user@]host[:port]/database (postgres:// too, or postgresql:// alone to use PGHOST, PGUSER, ...), got '${describeUrl(url)}'; a journal file is --study FILE`);
  const problem = postgresUrlProblem(url, '--storage'); // a password with @ or # as typed: before any data is read
  if (problem) throw new OptionError(problem);
  if (o.study !== undefined) throw new OptionError('--study is a journal file; with --storage name the study with --study-name instead');
  const name = o.studyName === undefined ? undefined : String(o.studyName).trim();
  if (!name) throw new OptionError('--storage needs --study-name NAME: the study that workers on every machine share');
  if (name.length > 200) throw new OptionError(`--study-name must be at most 200 characters, got ${name.length}`);
  const heartbeatTimeout = o.heartbeat === undefined ? 60 : parseNumberOption(o.heartbeat as string, '--heartbeat', { min: 0.5 });
  const maxRetries = o.retries === undefined ? 3 : parseIntOption(o.retries as string, '--retries', 0, 1000);
  const reconnect = o.reconnect === undefined ? 60 : parseNumberOption(o.reconnect as string, '--reconnect', { min: 0 });
  return {
    label: `${name} in ${describeDatabase(url)}`,
    make: (warn) => {
      if (urlHasPassword(url)) warn('--storage: the URL holds a password, which other users of this machine can see in its process list; put it in PGPASSWORD or ~/.pgpass instead');
      return new PostgresStorage({ url, studyName: name, heartbeatTimeout, maxRetries, reconnect, warn, mustExist: o.report === true, readOnly: o.report === true });
    },
  };
}

/** A value of --storage as it may be shown (no password). */
const describeUrl = shownUrl;

/**
 * --study is a journal file: a URL there (mysql://h/db, sqlite://x) was read as a file name under a
 * folder 'mysql:'; a postgresql:// URL belongs in --storage. Windows paths (C:\x) are no URLs.
 */
function studyNotUrl(journal: string): void {
  const scheme = urlScheme(journal);
  if (scheme === undefined) return;
  const shown = `--study '${describeUrl(journal)}'`;
  if (scheme === 'postgres' || scheme === 'postgresql') throw new OptionError(`${shown} is a database URL, but --study is a journal file: for a study in PostgreSQL give --storage URL --study-name NAME`);
  throw new OptionError(`${shown}: ${scheme}:// stores are not supported; give a journal file (--study FILE) or a PostgreSQL database (--storage postgresql://... --study-name NAME)`);
}
