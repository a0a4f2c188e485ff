// Writing the files a user names (models, predictions, plots, exports), safely:
// - atomically: the content goes to a temporary file beside the target (".NAME.backprop-tmp-PID"),
//   which is flushed and then renamed over the target, so a crash never leaves a half-written file;
//   the temporary files a killed process left behind are removed on the next save into that folder;
// - only ever a regular file: an existing target that is a device, a FIFO, a socket or a folder is
//   refused (renaming over it would replace it); a symbolic link to a regular file is followed, the
//   file it points to is replaced and the link kept (as `cp` does); a dangling link is refused;
// - never onto an input: outputs are compared with inputs by device and inode, whatever path spells them.

import { accessSync, constants as fsConstants, existsSync, lstatSync, promises as fs, readdirSync, realpathSync, rmSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { flushFile, setFileMode } from './permission-model.js';
import { OutputError, StorageError } from '../errors.js';
import { showPath } from './path-text.js';
import { readFileBounded, readHead } from '../data/files.js';
import { claimOutput } from './output-claim.js';

/** The marker in the names of temporary files: ".NAME.backprop-tmp-PID". */
export const TEMP_MARK = '.backprop-tmp-';
/** Temporary files of this tool: ".NAME.backprop-tmp-PID", ".NAME.PID.TIME.tmp" of older versions, and a claim's pid file ".NAME.backprop-lock.PID" (output-claim.ts). */
const TEMP_PATTERNS = [/^\..+\.backprop-tmp-(\d+)(?:-\d+)?$/, /^\..+\.(\d+)\.\d{10,}\.tmp$/, /^\..+\.backprop-lock\.(\d+)$/];

/** The temporary files this process is writing now: each one's target, as the caller named it, and its inode once created. */
const inFlight = new Map<string, { file: string; target: string; ino?: number }>();
/** The files this process has written (renamed into place), as their callers named them. */
const completed: string[] = [];

/** The signals that end a process (when nothing else handles them) while a temporary file is being written. */
const END_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let disarm: (() => void) | undefined;

/**
 * Stop every write of this process where it stands, for a process about to end (a signal): the
 * temporary files are removed, so each target stays as it was unless its rename had already been
 * made. Returns the files written so far (renamed into place, those whose rename was under way
 * included), as their callers named them.
 */
export function abandonWrites(): { written: string[] } {
  const written = [...completed];
  for (const [temp, w] of inFlight) {
    let renamed = false;
    try {
      // the rename made but not yet reported: the target is the temporary file (its inode)
      renamed = w.ino !== undefined && !existsSync(temp) && statSync(w.target).ino === w.ino;
    } catch { /* no target: not written */ }
    if (renamed) written.push(w.file);
    try {
      rmSync(temp, { force: true });
    } catch { /* nothing more to do */ }
  }
  inFlight.clear();
  return { written };
}

/**
 * While temporary files are being written, a signal that would end the process (kill's SIGTERM,
 * Ctrl-C, a closed terminal) first removes them, then ends the process by the same signal (exit
 * 128 + its number): predict --out, export or a plot killed mid-write left a half-written
 * ".NAME.backprop-tmp-PID" beside the target. A signal the program handles itself (the command
 * line's rule, see cli/interrupt.ts, which calls abandonWrites) is left to it.
 */
function armSignalCleanup(): void {
  if (disarm || typeof process.listenerCount !== 'function') return;
  const handlers = END_SIGNALS.filter((s) => process.listenerCount(s) === 0).map((s) => {
    const handler = () => {
      abandonWrites();
      disarm?.();
      process.kill(process.pid, s);
    };
    process.once(s, handler);
    return [s, handler] as const;
  });
  disarm = () => {
    for (const [s, h] of handlers) process.removeListener(s, h);
    disarm = undefined;
  };
}

/**
 * The temporary file a write of `file` goes through (in the same folder, so that rename is atomic):
 * ".NAME.backprop-tmp-PID", or "...-PID-2", "-3"... while other writes of this process to the same
 * file are under way (two saves at once shared one temporary file: the second removed the first's,
 * and a rename put a half-written file in place).
 */
export function tempFileName(file: string): string {
  const base = path.join(path.dirname(file), `.${path.basename(file)}${TEMP_MARK}${process.pid}`);
  let name = base;
  for (let n = 2; inFlight.has(name); n++) name = `${base}-${n}`;
  return name;
}

/**
 * What kindOfEntry asks of a file's fs.Stats (typed structurally, so that the package's declarations
 * need no @types/node: a consumer's type check with skipLibCheck false and no Node types passes).
 */
export interface EntryKinds {
  isFile(): boolean; isDirectory(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean;
  isFIFO(): boolean; isSocket(): boolean; isSymbolicLink(): boolean;
}

/** What a file system entry is, in words ("a character device", ...). */
export function kindOfEntry(s: EntryKinds): string {
  if (s.isFile()) return 'a regular file';
  if (s.isDirectory()) return 'a folder';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  if (s.isFIFO()) return 'a named pipe (FIFO)';
  if (s.isSocket()) return 'a socket';
  if (s.isSymbolicLink()) return 'a symbolic link';
  return 'a special file';
}

const errno = (e: unknown) => (e as NodeJS.ErrnoException).code;

/**
 * Check that `file` may be written, and return the path the content will really go to (the target
 * of a symbolic link, else the path itself). Throws OutputError when it exists and is not a regular
 * file (or a link to one), when it is a dangling or looping link, or when its folder does not exist.
 */
export function resolveWriteTarget(file: string): string {
  const shown = showPath(file);
  if (file.trim() === '') throw new OutputError('give a file name to write, got an empty name');
  // 'out/' named a folder to write into: the file was written as 'out' beside it
  if (/[\\/]$/.test(file) && !/^[\\/]+$/.test(file)) throw new OutputError(`cannot write ${shown}: the name ends in '${file.slice(-1)}', a folder's name; give the name of a file (in that folder: ${showPath(`${file}NAME`)})`);
  let link: Stats | undefined;
  try {
    link = lstatSync(file);
  } catch (e) {
    if (errno(e) === 'ENOTDIR') throw new OutputError(`cannot write ${shown}: a part of its folder path is a file, not a folder`);
    if (errno(e) === 'ELOOP') throw new OutputError(`cannot write ${shown}: too many levels of symbolic links in its folder path`);
    if (errno(e) !== 'ENOENT') throw new OutputError(`cannot write ${shown}: ${writeReason(e, path.dirname(file))}`);
  }
  let target = path.resolve(file);
  if (link?.isSymbolicLink()) {
    let real: Stats;
    try {
      target = realpathSync(file);
      real = statSync(target);
    } catch (e) {
      // a link into /proc has a kind but no real path (/dev/stdout on a pipe: 'pipe:[123]'); it was said to point nowhere
      const followed = statOrUndefined(file);
      if (followed && !followed.isFile()) throw new OutputError(`cannot write ${shown}: it is a symbolic link to ${kindOfEntry(followed)}, not to a regular file`);
      const why = errno(e) === 'ELOOP' ? 'a symbolic link loop' : 'a symbolic link to a file that does not exist';
      throw new OutputError(`cannot write ${shown}: it is ${why}; not writing through it (remove the link, or name its target)`);
    }
    if (!real.isFile()) throw new OutputError(`cannot write ${shown}: it is a symbolic link to ${kindOfEntry(real)} (${showPath(target)}), not to a regular file`);
  } else if (link && !link.isFile()) {
    const what = kindOfEntry(link);
    const why = link.isDirectory() ? '' : '; backprop writes only regular files, it never replaces a device, pipe or socket';
    throw new OutputError(`cannot write ${shown}: it is ${what}, not a regular file${why}`);
  }
  // a read-only file was replaced through the rename (which needs only the folder's permission); cp refuses it
  // (a folder this user cannot write is said as such when the write fails: writeReason)
  if (link && writable(path.dirname(target)) && !writable(target)) throw new OutputError(`cannot write ${shown}: the file is read-only; make it writable (chmod u+w) or write another file`);
  const dir = path.dirname(target);
  let parent: Stats | undefined;
  try {
    parent = statSync(dir);
  } catch { /* below */ }
  if (!parent?.isDirectory()) throw new OutputError(`cannot write ${shown}: ${noFolderText(path.dirname(path.resolve(file)))}`);
  return target;
}

/**
 * Why an output's folder cannot hold it: a path through a file ('notes.txt/model.json') was said to be
 * a folder that does not exist, of a file the user sees.
 */
/** Whether this process may write the existing file `file` (a missing one counts as writable). */
function writable(file: string): boolean {
  try {
    accessSync(file, fsConstants.W_OK);
    return true;
  } catch (e) {
    return !['EACCES', 'EPERM'].includes(errno(e) ?? '');
  }
}

export function noFolderText(dir: string): string {
  let first = dir; // the nearest part of the path that exists
  while (!existsSync(first) && path.dirname(first) !== first) first = path.dirname(first);
  let file = false;
  try { file = !statSync(first).isDirectory(); } catch { /* none */ }
  if (file) return `${showPath(first)} is a file, not a folder`;
  // a folder that is there but cannot be entered was said not to exist (existsSync is false for both)
  const code = (() => { try { statSync(dir); return undefined; } catch (e) { return errno(e); } })();
  if (code === 'EACCES' && first !== dir) return `no permission to enter the folder ${showPath(first)}, on the way to ${showPath(dir)}`;
  return `the folder ${showPath(dir)} does not exist`;
}

/** How much of an existing file `checkReplaceable` gives its test as text. */
const HEAD_BYTES = 65536;

/**
 * Refuse to replace a file of another kind than the one about to be written (`train --save
 * package.json` replaced the project's package.json with a model; `predict --out data.csv` the
 * data). A file that is not there, is empty, or is not a regular file (the writer says what it is)
 * passes; otherwise `ours` decides from the file's first 64 KiB as text, or from all its bytes
 * (`whole()`: within the input size limit; a file too large or unreadable is not ours).
 * `what` is the kind written ("a backprop model file"). Throws OutputError naming the file.
 */
export function checkReplaceable(file: string, what: string, ours: (head: string, whole: () => Uint8Array) => boolean): void {
  let size: number;
  try {
    const s = statSync(file);
    if (!s.isFile()) return;
    size = s.size;
  } catch {
    return; // not there: nothing to lose
  }
  if (size === 0) return;
  let head = '';
  try {
    head = new TextDecoder().decode(readHead(file, Math.min(size, HEAD_BYTES)));
  } catch { /* unreadable: not ours */ }
  const whole = () => {
    try {
      return readFileBounded(file);
    } catch {
      return new Uint8Array(0);
    }
  };
  if (head !== '' && ours(head, whole)) return;
  throw new OutputError(`cannot write ${showPath(file)}: it exists and is not ${what}; not replacing it (give another file name, or delete it first)`);
}

/** Write the file atomically (see the top of this module). */
export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  await writeFilesAtomic([{ file, content }]);
}

/**
 * Write several files together: every temporary file is written first, and only when all are
 * complete are they renamed into place; when one fails, none of the targets is touched.
 */
export async function writeFilesAtomic(files: { file: string; content: string | Uint8Array }[]): Promise<void> {
  const targets = files.map(({ file }) => resolveWriteTarget(file));
  const seen = new Map<string, string>();
  targets.forEach((t, i) => {
    const other = seen.get(t);
    if (other !== undefined) throw new OutputError(`cannot write ${showPath(files[i]!.file)}: it is the same file as ${showPath(other)}`);
    seen.set(t, files[i]!.file);
  });
  // another run that claimed a target (train --save of the same file, started before) keeps it: refused before anything is written
  const releases: (() => void)[] = [];
  try {
    targets.forEach((target, i) => releases.push(claimOutput(target, files[i]!.file)));
  } catch (e) {
    releases.forEach((release) => release());
    throw e;
  }
  try {
    await writeClaimed(files, targets);
  } finally {
    releases.forEach((release) => release());
  }
}

/** writeFilesAtomic's writes, once its targets are resolved and claimed. */
async function writeClaimed(files: { file: string; content: string | Uint8Array }[], targets: string[]): Promise<void> {
  const temps: string[] = [];
  targets.forEach((target, i) => {
    temps.push(tempFileName(target));
    inFlight.set(temps[i]!, { file: files[i]!.file, target });
  });
  armSignalCleanup();
  let current = 0;
  try {
    for (const dir of new Set(targets.map((t) => path.dirname(t)))) await removeStaleTemporaries(dir);
    for (; current < files.length; current++) await writeTemporary(temps[current]!, targets[current]!, files[current]!.content);
    for (current = 0; current < files.length; current++) {
      await fs.rename(temps[current]!, targets[current]!);
      if (inFlight.delete(temps[current]!)) completed.push(files[current]!.file);
      if (completed.length > 1000) completed.shift(); // (a long-running program's record stays small)
    }
  } catch (e) {
    await Promise.all(temps.map((t) => fs.rm(t, { force: true }).catch(() => {})));
    const file = files[Math.min(current, files.length - 1)]!.file;
    throw writeFailure(`cannot write ${showPath(file)}: ${writeReason(e, path.dirname(targets[Math.min(current, files.length - 1)]!))}; ${showPath(file)} was left as it was`, e);
  } finally {
    for (const t of temps) inFlight.delete(t);
    if (inFlight.size === 0) disarm?.();
  }
}

/** Write and flush one temporary file; it keeps the permissions of the file it will replace. */
async function writeTemporary(temp: string, target: string, content: string | Uint8Array): Promise<void> {
  const mode = await fs.stat(target).then((s) => s.mode & 0o7777, () => undefined);
  // 'wx': never through something already at the temporary name (a link or a FIFO planted there)
  await fs.rm(temp, { force: true });
  const handle = await fs.open(temp, 'wx', mode ?? 0o666);
  const writing = inFlight.get(temp);
  if (writing) writing.ino = (await handle.stat()).ino; // (abandonWrites tells a rename made from one not begun)
  try {
    await handle.writeFile(content);
    if (mode !== undefined) await setFileMode(handle, temp, mode);
    // fsync on the descriptor rather than handle.sync(): Yarn Plug'n'Play's fs patch wraps FileHandle
    // and its sync() throws "Method not implemented.", which made every save fail under PnP;
    // (both by path, or not at all, where Node's permission model turns them off: io/permission-model.ts)
    await flushFile(handle.fd);
  } finally {
    await handle.close();
  }
}

/** Remove the temporary files that processes no longer running left in `dir` (a killed save). */
export async function removeStaleTemporaries(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const pid = TEMP_PATTERNS.map((p) => p.exec(name)).find((m) => m)?.[1];
    if (pid === undefined || Number(pid) === process.pid || isRunning(Number(pid))) continue;
    const file = path.join(dir, name);
    const s = await fs.lstat(file).catch(() => undefined);
    if (!s?.isFile()) continue;
    await fs.rm(file, { force: true }).then(() => removed.push(file), () => {});
  }
  return removed;
}

function statOrUndefined(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errno(e) === 'EPERM'; // another user's process
  }
}

/** The error codes of a machine that could not store a write (not of a path or a permission): a full disk, a quota, too large a file, a failing disk. */
const STORAGE_CODES = ['ENOSPC', 'EDQUOT', 'EFBIG', 'EIO'];

/**
 * The error to throw for a write that failed with `e`: a StorageError when the machine could not store
 * it (the command line's exit 1, a run that failed), else an OutputError (exit 2, what was typed).
 */
export function writeFailure(message: string, e: unknown): OutputError {
  if (e instanceof OutputError) return e instanceof StorageError ? new StorageError(message) : new OutputError(message);
  return STORAGE_CODES.includes(errno(e) ?? '') ? new StorageError(message) : new OutputError(message);
}

/** Why a write failed, in words (the error codes a user meets), without the temporary file's name. */
export function writeReason(e: unknown, dir: string): string {
  if (e instanceof OutputError) return e.message;
  const code = errno(e);
  switch (code) {
    case 'ENOENT': return `the folder ${showPath(dir)} does not exist or does not accept files`;
    case 'ENOTDIR': return noFolderText(dir);
    case 'EACCES': case 'EPERM': case 'EROFS': return `no permission to write in ${showPath(dir)}`;
    case 'EISDIR': return 'it is a folder';
    case 'ENOSPC': case 'EDQUOT': return 'the disk is full';
    case 'EEXIST': return `a file is in the way of the temporary file in ${showPath(dir)}`;
    // (these were said by their code alone: 'cannot write aaa...a.json: ENAMETOOLONG')
    case 'ENAMETOOLONG': return 'the name is too long';
    case 'EFBIG': return 'the file is larger than the file system allows';
    case 'EIO': return 'an input/output error (the disk or the network file system failed)';
    default: return code ?? (e as Error).message;
  }
}

/**
 * Create a folder and its missing parents, one level at a time. (fs.mkdir's own recursive mode
 * never returns on some special file systems, e.g. a path under /proc.)
 */
export async function makeDirectory(dir: string): Promise<void> {
  await createFolders(dir);
}

/** makeDirectory, returning the folders it created (outermost first): none when `dir` was there. */
async function createFolders(dir: string): Promise<string[]> {
  const full = path.resolve(dir);
  const stat = await fs.stat(full).catch(() => undefined);
  if (stat?.isDirectory()) return [];
  if (stat) throw new OutputError(`cannot create the folder ${showPath(dir)}: ${kindOfEntry(stat)} of that name exists`);
  const parent = path.dirname(full);
  const created = parent !== full ? await createFolders(parent) : [];
  try {
    await fs.mkdir(full);
  } catch (e) {
    if (errno(e) === 'EEXIST') return created;
    await removeFolders(created);
    throw writeFailure(`cannot create the folder ${showPath(dir)}: ${writeReason(e, parent)}`, e);
  }
  return [...created, full];
}

/** Remove the folders that are still empty, innermost first (a folder something was put in is kept). */
async function removeFolders(folders: readonly string[]): Promise<void> {
  for (const folder of [...folders].reverse()) {
    if (!(await fs.rmdir(folder).then(() => true, () => false))) return;
  }
}

/**
 * Make the folder `dir` (and its missing parents), then `write` into it; when the write fails, the
 * folders made for it are removed again, when nothing was put in them: a failed export or download
 * ("cannot write out/weights.bin: the disk is full; it was left as it was") left a new empty folder.
 */
export async function writeIntoFolder<T>(dir: string, write: () => Promise<T>): Promise<T> {
  const created = await createFolders(dir);
  try {
    return await write();
  } catch (e) {
    await removeFolders(created);
    throw e;
  }
}

/**
 * What identifies the file at a path: device and inode when it exists (so two spellings of one file,
 * links included, compare equal), else the real path of its folder joined with its name.
 */
export function fileIdentity(p: string): string | undefined {
  try {
    const s = statSync(p);
    return `${s.dev}:${s.ino}`;
  } catch {
    try {
      return path.join(realpathSync(path.dirname(path.resolve(p))), path.basename(p));
    } catch {
      return undefined;
    }
  }
}

/** True when both paths name the same file (or the same future file). */
export function sameFile(a: string, b: string): boolean {
  const x = fileIdentity(a);
  return x !== undefined && x === fileIdentity(b);
}
