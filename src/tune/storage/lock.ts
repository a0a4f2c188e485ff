// A lock file for processes on one machine sharing a journal: created atomically (a hard link to a
// file already holding the owner's pid, which fails when the lock exists, like O_EXCL, but never
// shows a half-written pid); a lock whose pid is no longer running (a killed process) is broken.

import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OutputError } from '../../errors.js';
import { writeReason } from '../../io/write-file.js';

const pause = new Int32Array(new SharedArrayBuffer(4));
const sleep = (ms: number) => Atomics.wait(pause, 0, 0, ms);

function ownerAlive(lockFile: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(lockFile, 'utf8').trim());
  } catch {
    return true; // gone already, or being written: try again
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false; // ours, left by an earlier run in this process
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** Run fn holding the lock file (waiting up to timeoutMs for another process to let go). */
export function withFileLock<T>(lockFile: string, fn: () => T, timeoutMs = 60_000): T {
  const deadline = Date.now() + timeoutMs;
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
        if (!ownerAlive(lockFile)) {
          try { unlinkSync(lockFile); } catch { /* another process broke it first */ }
          continue;
        }
        if (Date.now() > deadline) throw new OutputError(`${lockFile}: another process has held the study's lock for ${timeoutMs / 1000} s; delete the file if no process uses the study`);
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
