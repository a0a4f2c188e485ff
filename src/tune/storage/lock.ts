// A lock file for processes on one machine sharing a journal: created atomically (a hard link to a
// file already holding the owner's pid, which fails when the lock exists, like O_EXCL, but never
// shows a half-written pid). A study holds it for a moment (a read of the journal, a sampler's
// choice, a line appended), so a lock that stays is stale:
//  - its pid no longer runs (a killed process), or the process of that pid started after the lock
//    was made (the pid was reused, e.g. by pid 1 of a restarted container): broken at once;
//  - its pid runs and the lock is older than STALE_MS (a process stopped while holding it, or an
//    unrelated process given an old pid): refused at once, naming the file, the pid and how to
//    remove it; never broken, since a live holder that goes on would write beside us.
// The content stays the bare pid, as older versions of backprop read and write it.

import { unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OutputError } from '../../errors.js';
import { writeFailure, writeReason } from '../../io/write-file.js';
import { showPath } from '../../io/path-text.js';
import { processName, tryLock, type Holder } from '../../io/lock-holder.js';

const pause = new Int32Array(new SharedArrayBuffer(4));
const sleep = (ms: number) => Atomics.wait(pause, 0, 0, ms);

/** How long a live process may hold the lock before it is said to be stuck or not a tuner (a study holds it for milliseconds). */
export const STALE_MS = 15_000;

/** Why the lock cannot be had, naming the file, the pid holding it and how to remove it. */
function heldMessage(lockFile: string, h: Holder, waitedMs: number, timedOut: boolean): string {
  const name = processName(h.pid);
  const who = `pid ${h.pid}${name ? ` (${name})` : ''}`;
  const ms = Date.now() - h.madeAt, held = ms < 10_000 ? (ms / 1000).toFixed(1) : Math.round(ms / 1000);
  const what = timedOut ? `waited ${Math.round(waitedMs / 1000)} s for the study's lock, held now by ${who}` : `the study's lock has been held for ${held} s by ${who}, still running; a study holds it for a moment only`;
  return `${showPath(lockFile)}: ${what}; if ${who} is not a backprop tune of this study (or is stopped), delete ${showPath(lockFile)} and run again`;
}

/** Run fn holding the lock file (waiting up to timeoutMs for other processes to let go). */
export function withFileLock<T>(lockFile: string, fn: () => T, timeoutMs = 60_000, staleMs = STALE_MS): T {
  const started = Date.now();
  const mine = `${lockFile}.${process.pid}`;
  try {
    writeFileSync(mine, String(process.pid));
  } catch (e) {
    try { unlinkSync(mine); } catch { /* never created */ }
    throw writeFailure(`${lockFile}: cannot create the study's lock file: ${writeReason(e, path.dirname(lockFile))}`, e);
  }
  try {
    for (let wait = 1; ; wait = Math.min(wait * 2, 50)) {
      const holder = tryLock(mine, lockFile);
      if (holder === true) break;
      if (typeof holder === 'string') throw new OutputError(`${lockFile}: cannot create the study's lock file (${holder})`);
      if (holder === undefined) continue; // stale (broken) or gone meanwhile
      const timedOut = Date.now() - started > timeoutMs;
      if (timedOut || Date.now() - holder.madeAt > staleMs) throw new OutputError(heldMessage(lockFile, holder, Date.now() - started, timedOut));
      sleep(wait);
    }
  } finally {
    try { unlinkSync(mine); } catch { /* already gone */ }
  }
  try {
    return fn();
  } finally {
    try { unlinkSync(lockFile); } catch { /* already gone */ }
  }
}
