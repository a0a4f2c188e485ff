// The embedded study store: an append-only file of JSON lines, one event per line (the study's
// header first, then each trial's start, per-epoch reports and end), each written with one append
// (starts and ends also fsync'd). Processes on one machine share it through a lock file; lines
// that do not parse (a torn write) are skipped with a warning, never dropping the other trials.

import { closeSync, existsSync, fstatSync, ftruncateSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { OptionError } from '../../errors.js';
import { resolveWriteTarget, writeFailure, writeReason } from '../../io/write-file.js';
import { showPath } from '../../io/path-text.js';
import { flushFileSync } from '../../io/permission-model.js';
import type { Trial } from '../trial.js';
import { applyEvent, markStale, processGone, thisHost, JOURNAL_FORMAT, JOURNAL_VERSION, type StudyEvent } from './events.js';
import { checkHeader } from './header.js';
import { withFileLock } from './lock.js';
import { journalNameProblem, type StudyHeader, type StudyStorage, type TrialClaim, type TrialEnd } from './storage.js';

/** A study kept in an append-only file of JSON lines (`tune`'s default in the CLI): resumable, and shared by the processes of one machine through a lock file. */
export class JournalStorage implements StudyStorage {
  private readonly byNumber = new Map<number, Trial>();
  private readonly ours = new Set<number>();
  private offset = 0;
  private line = 0;
  private header?: StudyHeader;
  private readonly lockFile: string;

  /**
   * options.readOnly: read the study as it stands and write nothing, not even the lock file (a
   * finished study on a read-only file or folder, another user's): claims start no trial. Its
   * report was refused as "the file is read-only".
   */
  constructor(readonly file: string, private readonly warn: (message: string) => void = () => {}, private readonly options: { readOnly?: boolean } = {}) {
    this.lockFile = `${file}.lock`;
  }

  async open(header: StudyHeader): Promise<Trial[]> {
    const url = journalNameProblem(this.file);
    if (url) throw new OptionError(url);
    if (existsSync(this.file) && statSync(this.file).isDirectory()) throw new OptionError(`options.storage ${this.file}: is a folder, not a file`);
    if (this.options.readOnly) return this.openReadOnly(header);
    // a missing folder, a device, a dangling link: said of the option (it was ENOENT of the lock file's name)
    try {
      resolveWriteTarget(this.file);
    } catch (e) {
      throw new OptionError(`options.storage ${(e as Error).message.replace(/^cannot write /, '')}`);
    }
    withFileLock(this.lockFile, () => {
      this.readNew();
      if (!this.header) this.append({ event: 'study', format: JOURNAL_FORMAT, version: JOURNAL_VERSION, created: new Date().toISOString(), ...header }, true);
      else checkHeader(`options.storage ${this.file}`, this.header, header, 'give another options.storage file');
    });
    return this.list();
  }

  /** The study as it stands, read without the lock (only whole lines are read): nothing is written. */
  private openReadOnly(header: StudyHeader): Trial[] {
    if (!existsSync(this.file)) throw new OptionError(`options.storage ${showPath(this.file)}: no such study journal (read-only: nothing is created)`);
    this.readNew();
    if (!this.header) throw new OptionError(`options.storage ${showPath(this.file)}: the study journal has no header line yet (read-only: nothing is written)`);
    checkHeader(`options.storage ${this.file}`, this.header, header, 'give another options.storage file');
    return this.list();
  }

  async claim(choose: (trials: Trial[], nextNumber: number) => TrialClaim | undefined): Promise<Trial | undefined> {
    if (this.options.readOnly) return this.readOnlyClaim(choose);
    return withFileLock(this.lockFile, () => {
      this.readNew();
      for (const t of this.byNumber.values()) {
        if (processGone(t, this.ours)) {
          this.append({ event: 'end', number: t.number, state: 'failed', epochs: t.epochs, seconds: 0, retry: true, message: `the process running it (pid ${t.pid}) ended before it finished` }, true);
        }
      }
      const number = this.byNumber.size === 0 ? 0 : Math.max(...this.byNumber.keys()) + 1;
      const c = choose(this.list(), number);
      if (!c) return undefined;
      this.ours.add(number);
      this.append({ event: 'start', number, params: c.params, pid: process.pid, host: thisHost(), ...(c.retryOf !== undefined ? { retryOf: c.retryOf } : {}), time: new Date().toISOString() }, true);
      return this.byNumber.get(number);
    });
  }

  /** A read-only study starts no trial: one the study would start is refused, as a write. */
  private readOnlyClaim(choose: (trials: Trial[], nextNumber: number) => TrialClaim | undefined): undefined {
    this.readNew();
    const next = choose(this.list(), this.byNumber.size === 0 ? 0 : Math.max(...this.byNumber.keys()) + 1);
    if (next) throw new OptionError(`options.storage ${showPath(this.file)}: opened read-only, so no trial can be started (a trial was to start)`);
    return undefined;
  }

  async report(number: number, epoch: number, value: number): Promise<void> {
    this.append({ event: 'report', number, epoch, value }, false);
  }

  async finish(number: number, end: TrialEnd): Promise<void> {
    this.append({ event: 'end', number, ...end }, true);
    this.ours.delete(number);
  }

  async trials(): Promise<Trial[]> {
    this.readNew();
    return this.list();
  }

  async close(): Promise<void> {}

  /** The trials by number, a running trial of a process gone from this machine marked stale (the next claim fails it). */
  private list(): Trial[] {
    return [...this.byNumber.values()].sort((a, b) => a.number - b.number).map((t) => markStale(t, this.ours));
  }

  /**
   * One event as one line, in one write (a line never mixes with another process's). A write that
   * fails (a full disk) is cut back off, so the journal keeps its whole lines: it left half a line and
   * said "ENOSPC: no space left on device, write", naming no file.
   */
  private append(e: StudyEvent, sync: boolean): void {
    let fd: number | undefined, size = -1;
    try {
      fd = openSync(this.file, 'a+');
      // a torn last line (a crash mid-write): start on a new line so this one stays readable
      size = fstatSync(fd).size;
      const torn = size > 0 && size > this.offset && this.lastByte(fd, size) !== 10;
      writeSync(fd, (torn ? '\n' : '') + JSON.stringify(e, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)) + '\n');
      if (sync) flushFileSync(fd); // (not where Node's permission model turns fsync off: io/permission-model.ts)
    } catch (err) {
      if (fd !== undefined && size >= 0) {
        try { ftruncateSync(fd, size); } catch { /* nothing more to do */ }
      }
      throw writeFailure(`cannot write the study ${showPath(this.file)}: ${writeReason(err, path.dirname(path.resolve(this.file)))}; the trials it holds are kept (run again to continue)`, err);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    this.readNew();
  }

  private lastByte(fd: number, size: number): number {
    const b = Buffer.alloc(1);
    readSync(fd, b, 0, 1, size - 1);
    return b[0]!;
  }

  /** Read the lines appended since the last read (by any process) and apply them. */
  private readNew(): void {
    if (!existsSync(this.file)) return;
    const fd = openSync(this.file, 'r');
    let text: string;
    try {
      const size = fstatSync(fd).size;
      if (size <= this.offset) return;
      const buf = Buffer.alloc(size - this.offset);
      readSync(fd, buf, 0, buf.length, this.offset);
      const end = buf.lastIndexOf(10);
      if (end < 0) return; // no whole line yet
      text = buf.subarray(0, end + 1).toString('utf8');
      this.offset += end + 1;
    } finally {
      closeSync(fd);
    }
    const skipped: SkippedLines = { damaged: [], unfit: [] };
    for (const raw of text.split('\n').slice(0, -1)) this.applyLine(raw, skipped);
    const warning = skippedLinesWarning(skipped);
    if (warning) this.warn(`options.storage ${this.file}: ${warning}`);
  }

  private applyLine(raw: string, skipped: SkippedLines): void {
    this.line++;
    if (raw.trim() === '') return;
    let e: StudyEvent | undefined;
    try {
      e = JSON.parse(raw) as StudyEvent;
    } catch { /* reported below */ }
    if (e && e.event === 'study' && !this.header) {
      if (e.format !== JOURNAL_FORMAT) throw new OptionError(`options.storage ${this.file}: not a backprop study journal (line ${this.line})`);
      checkJournalVersion(this.file, e.version, this.line);
      this.header = e;
      return;
    }
    if (!this.header && this.line === 1) this.checkFirstLine(raw, e);
    if (!e || typeof e !== 'object' || !this.header || !applyEvent(this.byNumber, e)) {
      (e && typeof e === 'object' && this.header ? skipped.unfit : skipped.damaged).push(this.line);
    }
  }

  /**
   * A journal's first line is its study header, whole or torn by a crash while it was written: any
   * other file (a model file, a CSV, notes) is refused before a line is appended to it.
   */
  private checkFirstLine(raw: string, e: StudyEvent | undefined): void {
    const tornHeader = e === undefined && /^\{"event":"study"/.test(raw);
    if (tornHeader) return;
    const what = e === undefined ? 'its first line is not JSON' : isModelFile(e) ? 'it is a backprop model file' : 'its first line is not the study header';
    throw new OptionError(`options.storage ${this.file}: not a backprop study journal (${what}); give a new file or a journal written by backprop tune`);
  }
}

/**
 * A journal's header version is one this backprop reads (1..JOURNAL_VERSION): a journal of a newer
 * backprop (version 99) or with a version that is no whole number was read as this one's, its
 * events taken for what they may not mean, and appended to. Said before a line is written.
 */
function checkJournalVersion(file: string, version: unknown, line: number): void {
  if (Number.isInteger(version) && (version as number) >= 1 && (version as number) <= JOURNAL_VERSION) return;
  const supported = JOURNAL_VERSION === 1 ? 'version 1' : `versions 1 to ${JOURNAL_VERSION}`;
  const why = typeof version === 'number' && Number.isInteger(version) && version > JOURNAL_VERSION
    ? `is version ${version}, written by a newer backprop; upgrade backprop to continue it`
    : `has version ${JSON.stringify(version) ?? 'undefined'} (line ${line}), not a whole number from 1; give another file`;
  throw new OptionError(`options.storage ${showPath(file)}: the study journal ${why} (this backprop reads ${supported})`);
}

/** A first line that is a whole backprop model file (backprop writes them on one line). */
const isModelFile = (e: unknown): boolean => typeof e === 'object' && e !== null && (e as { format?: unknown }).format === 'backprop-model';

/** Lines skipped in one read: those that do not parse, and those that parse but fit no trial. */
interface SkippedLines { damaged: number[]; unfit: number[] }

/** One warning for all the lines skipped in one read ('' when none): 'line 4', 'lines 7-9, 12'. */
export function skippedLinesWarning({ damaged, unfit }: SkippedLines): string {
  const parts: string[] = [];
  if (damaged.length > 0) parts.push(`${lineList(damaged)} ${damaged.length === 1 ? 'is' : 'are'} corrupt or truncated`);
  if (unfit.length > 0) parts.push(`${lineList(unfit)} ${unfit.length === 1 ? 'does' : 'do'} not fit the trials before ${unfit.length === 1 ? 'it' : 'them'} (an event of a trial whose start line is lost, or a bad field)`);
  if (parts.length === 0) return '';
  const total = damaged.length + unfit.length;
  return total === 1 ? `${parts[0]}; skipped` : `${parts.join('; ')}; ${total} lines skipped`;
}

/** Line numbers (ascending) as 'line 4' or 'lines 2, 7-9', at most 10 runs. */
function lineList(lines: number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < lines.length; ) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === lines[j]! + 1) j++;
    runs.push(j === i ? `${lines[i]}` : `${lines[i]}-${lines[j]}`);
    i = j + 1;
  }
  const shown = runs.length > 10 ? [...runs.slice(0, 10), `... (${runs.length - 10} more)`] : runs;
  return `${lines.length === 1 ? 'line' : 'lines'} ${shown.join(', ')}`;
}
