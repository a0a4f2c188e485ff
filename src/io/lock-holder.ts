// Who holds a lock file (its content the holder's pid, its mtime when it was made), and whether it can
// still be held: shared by the study's short lock (tune/storage/lock.ts) and the claim a run puts on
// the files it will write (io/output-claim.ts).

import { linkSync, readFileSync, statSync, unlinkSync } from 'node:fs';

/** The holder of a lock file as read now: its pid and when the lock was made (its mtime), or undefined while it is gone or being replaced. */
export interface Holder { pid: number; madeAt: number; ino: number }

export function readHolder(lockFile: string): Holder | undefined {
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
export function processName(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Can no process be holding this lock? (Its pid is not a pid, is ours, no longer runs, or is a later process's.) */
export function isStale(h: Holder): boolean {
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
export function breakLock(lockFile: string, stale: Holder): void {
  try {
    const now = statSync(lockFile);
    if (now.ino === stale.ino && now.mtimeMs === stale.madeAt) unlinkSync(lockFile);
  } catch { /* another process broke it first */ }
}

/**
 * One try at taking `lockFile` by a hard link from `mine` (a file already holding this process's pid:
 * the link fails when the lock exists, and never shows a half-written pid). True when taken; the holder
 * when a live process holds it; the error code when the link failed otherwise; undefined when the lock
 * was stale (it is broken) or went away meanwhile: try again.
 */
export function tryLock(mine: string, lockFile: string): true | Holder | string | undefined {
  try {
    linkSync(mine, lockFile);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST') return code ?? 'unknown';
    const holder = readHolder(lockFile);
    if (!holder || !isStale(holder)) return holder;
    breakLock(lockFile, holder);
    return undefined;
  }
}
