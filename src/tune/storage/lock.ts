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

import { linkSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OutputError } from '../../errors.js';
import { writeReason } from '../../io/write-file.js';
import { showPath } from '../../io/path-text.js';

const pause = new Int32Array(new SharedArrayBuffer(4));
const sleep = (ms: number) => Atomics.wait(pause, 0, 0, ms);

/** How long a live process may hold the lock before it is said to be stuck or not a tuner (a study holds it for milliseconds). */
export const STALE_MS = 15_000;

/** The holder of a lock file as read now: its pid and when the lock was made (its mtime), or undefined while it is gone or being replaced. */
interface Holder { pid: number; madeAt: number; ino: number }

function readHolder(lockFile: string): Holder | undefined {
  try {
    const { mtimeMs, ino } = statSync(lockFile);
    return { pid: Number(readFileSync(lockFile, 'utf8').trim()), madeAt: mtimeMs, ino };
  } catch {
    return undefined; // gone already: try again
  }
}

/**
 * When a process started (ms since 1970), where the system says it (Linux's /proc); undefined
 * elsewhere or when it cannot be read. /proc/PID/stat's 22nd field is the start in clock ticks
 * after boot (USER_HZ, 100), /proc/stat's btime the boot in seconds.
 */
function procStart(pid: number | 'self'): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    const boot = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    return Number.isFinite(ticks) && Number.isFinite(boot) && boot > 0 ? boot * 1000 + ticks * 10 : undefined;
  } catch {
    return undefined;
  }
}

let procTrusted: boolean | undefined;
/** procStart, only where it tells this process's own start within a second (not another tick rate, not a clock namespace). */
function processStart(pid: number): number | undefined {
  if (procTrusted === undefined) {
    const self = procStart('self');
    procTrusted = self !== undefined && Math.abs(self - (Date.now() - process.uptime() * 1000)) < 1000;
  }
  return procTrusted ? procStart(pid) : undefined;
}

/** The name of a running process ('node', 'systemd') for a message, when the system says it. */
function processName(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Can no process be holding this lock? (Its pid is not a pid, is ours, no longer runs, or is a later process's.) */
function isStale(h: Holder): boolean {
  if (!Number.isInteger(h.pid) || h.pid <= 0) return true;
  if (h.pid === process.pid) return true; // ours, left by an earlier run in this process
  try {
    process.kill(h.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return true;
  }
  // a holder started before it made the lock; 2 s for the boot time's whole seconds and coarse mtimes
  const start = processStart(h.pid);
  return start !== undefined && start > h.madeAt + 2000;
}

/** Remove a stale lock, unless another process broke it and took the lock since (then it is theirs). */
function breakLock(lockFile: string, stale: Holder): void {
  try {
    const now = statSync(lockFile);
    if (now.ino === stale.ino && now.mtimeMs === stale.madeAt) unlinkSync(lockFile);
  } catch { /* another process broke it first */ }
}

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
    throw new OutputError(`${lockFile}: cannot create the study's lock file: ${writeReason(e, path.dirname(lockFile))}`);
  }
  try {
    for (let wait = 1; ; wait = Math.min(wait * 2, 50)) {
      try {
        linkSync(mine, lockFile);
        break;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== 'EEXIST') throw new OutputError(`${lockFile}: cannot create the study's lock file (${code})`);
        const holder = readHolder(lockFile);
        if (holder && isStale(holder)) {
          breakLock(lockFile, holder);
          continue;
        }
        const timedOut = Date.now() - started > timeoutMs;
        if (holder && (timedOut || Date.now() - holder.madeAt > staleMs)) throw new OutputError(heldMessage(lockFile, holder, Date.now() - started, timedOut));
        sleep(wait);
      }
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
