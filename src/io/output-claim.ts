// A run's claim on a file it will write. Two `train --save m.json` started at once each trained, and
// the last to finish renamed its model over the other's, silently. A claim is a lock file beside the
// target, ".NAME.backprop-lock", holding the claiming process's pid, made atomically (a hard link to a
// file already holding the pid: it fails when the lock exists, and never shows a half-written pid):
// - the command line claims its outputs when it checks them, before a long run, and holds them until
//   it ends; a second run naming one of them is refused at once, naming the file and the run holding it;
// - every atomic write (saveModel, the charts, the exports) claims its targets for the write, so a
//   program of the library's users is refused too while a run holds the file;
// - a claim whose process no longer runs (a run killed by SIGKILL, a crash) or whose pid was given to a
//   later process is broken by the next claim: a crashed run never leaves the file stuck;
// - a claim that cannot be made (a folder this user cannot write, a full disk) is no claim: the write
//   itself then fails and says why.

import { realpathSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OutputError } from '../errors.js';
import { showPath } from './path-text.js';
import { processName, readHolder, tryLock, type Holder } from './lock-holder.js';

/** The marker of a claim's lock file: ".NAME.backprop-lock". */
export const CLAIM_MARK = '.backprop-lock';

/** The claims this process holds: lock file -> how many holders (the command line's and a write's). */
const held = new Map<string, number>();
let cleanupInstalled = false;

/** The lock file of a claim on `file`: beside it, in its folder as the file system names it (so two spellings of one folder share it). */
export function claimFileOf(file: string): string {
  const full = path.resolve(file);
  let dir = path.dirname(full);
  try {
    dir = realpathSync(dir);
  } catch { /* a folder that is not there: the write says so */ }
  return path.join(dir, `.${path.basename(full)}${CLAIM_MARK}`);
}

/** When the holder made its claim, as a clock time ("23:05:12"). */
const clockTime = (ms: number) => new Date(ms).toTimeString().slice(0, 8);

function heldText(file: string, lock: string, h: Holder): string {
  const name = processName(h.pid);
  return `cannot write ${showPath(file)}: another run (pid ${h.pid}${name ? `, ${name}` : ''}) claimed it at ${clockTime(h.madeAt)} to write it; `
    + `give another file name, or wait for that run to end (if pid ${h.pid} is no backprop run, delete ${showPath(lock)})`;
}

/** Remove the claims still held when the process ends (a normal exit, process.exit after a signal). */
function installCleanup(): void {
  if (cleanupInstalled || typeof process.on !== 'function') return;
  cleanupInstalled = true;
  process.on('exit', () => {
    for (const lock of held.keys()) removeIfOurs(lock);
    held.clear();
  });
}

function removeIfOurs(lock: string): void {
  if (readHolder(lock)?.pid !== process.pid) return;
  try {
    unlinkSync(lock);
  } catch { /* gone already */ }
}

/** Make the lock file (true), or find it held by a live process (its holder), or fail to make it at all (undefined: no claim). */
function makeLock(lock: string): true | Holder | undefined {
  const mine = `${lock}.${process.pid}`;
  try {
    writeFileSync(mine, String(process.pid));
  } catch {
    try { unlinkSync(mine); } catch { /* never created */ }
    return undefined;
  }
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      const got = tryLock(mine, lock);
      if (got === true || (got !== undefined && typeof got !== 'string')) return got;
      if (typeof got === 'string') return undefined; // (undefined: stale or gone meanwhile, try again)
    }
    return undefined;
  } finally {
    try { unlinkSync(mine); } catch { /* already gone */ }
  }
}

/**
 * Claim `file` for this process until the returned function is called (or the process ends). Throws
 * OutputError naming the file and the other process when a live one holds it. A claim this process
 * holds already is taken again (counted). `shown`: the name the user gave (the error names it), when
 * `file` is the target it resolves to (a symbolic link's).
 */
export function claimOutput(file: string, shown = file): () => void {
  const lock = claimFileOf(file);
  const count = held.get(lock);
  if (count === undefined) {
    const made = makeLock(lock);
    if (made === undefined) return () => {};
    if (made !== true) throw new OutputError(heldText(shown, lock, made));
    installCleanup();
  }
  held.set(lock, (count ?? 0) + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (held.get(lock) ?? 1) - 1;
    if (left > 0) {
      held.set(lock, left);
      return;
    }
    held.delete(lock);
    removeIfOurs(lock);
  };
}
