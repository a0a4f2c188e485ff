// The calls on a file descriptor that Node's permission model (`node --permission`, on Node 20
// `--experimental-permission`) turns off whatever --allow-fs-write allows: fsync ("fsync API is disabled
// when Permission Model is enabled") and fchmod. A save flushes its temporary file and gives it the mode
// of the file it replaces through them, so under that model every save, export and study journal failed
// with "cannot write m.json: ERR_ACCESS_DENIED". There the mode is set by the file's path, which the
// model allows in a writable folder, and the flush is left out: the rename still replaces the target whole
// (no reader sees half a file); only a power cut just after the save may lose it, as under any program
// that cannot fsync. A failure of the disk itself (EIO, ENOSPC) is thrown as before.

import { fsync, fsyncSync, promises as fs } from 'node:fs';
import { promisify } from 'node:util';

const fsyncFd = promisify(fsync);

/** Whether `e` is the permission model's refusal of a call (not a failure of the disk or the folder). */
const refusedByPermissions = (e: unknown) => (e as { code?: unknown } | null)?.code === 'ERR_ACCESS_DENIED';

/** fsync(fd), unless the permission model refuses fsync itself. */
export async function flushFile(fd: number): Promise<void> {
  try {
    await fsyncFd(fd);
  } catch (e) {
    if (!refusedByPermissions(e)) throw e;
  }
}

/** flushFile, synchronous. */
export function flushFileSync(fd: number): void {
  try {
    fsyncSync(fd);
  } catch (e) {
    if (!refusedByPermissions(e)) throw e;
  }
}

/** Give the open file `handle` (at `file`) the permission bits `mode`: by its descriptor, else (the permission model) by its path. */
export async function setFileMode(handle: fs.FileHandle, file: string, mode: number): Promise<void> {
  try {
    await handle.chmod(mode);
  } catch (e) {
    if (!refusedByPermissions(e)) throw e;
    await fs.chmod(file, mode);
  }
}
