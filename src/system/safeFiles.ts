/**
 * Reading and writing the user's files safely (issue 17).
 *
 * Reading: only regular files, with a size limit. A config, theme or conversation path that is a FIFO
 * (would hang), a directory, or a link to /dev/zero or /dev/urandom (would grow memory without end) is
 * refused with a sentence that says why. The file is opened O_NONBLOCK so opening a FIFO never waits,
 * then checked with fstat on the SAME descriptor (no check-then-open race), and read up to the limit.
 *
 * Writing: every file r1-tui writes is 0600 and every folder it creates 0700 whatever the umask (the
 * mode is set with fchmod/chmod after creating, since open's mode only applies to new files); an
 * existing folder that other users can write to gets a warning (folderWarning).
 */
import { chmodSync, closeSync, constants, fchmodSync, fstatSync, mkdirSync, openSync, readSync, statSync, writeSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';

export const MAX_CONFIG_BYTES = 1024 * 1024;
export const MAX_THEME_BYTES = 1024 * 1024;
export const MAX_CONVERSATION_BYTES = 64 * 1024 * 1024;

/** A file r1-tui will not read, with the sentence saying why. `code` is ENOTREG or EFBIG. */
export class FileRefusedError extends Error {
  /**
   * @param why what is wrong without the path ("not a regular file (a FIFO)"), for short listings
   * @param rule what r1-tui does about it ("r1-tui reads only regular files")
   */
  constructor(
    readonly code: 'ENOTREG' | 'EFBIG',
    readonly path: string,
    readonly why: string,
    rule: string,
  ) {
    super(`${path} is ${why}; ${rule}`);
  }
}

/** "a FIFO", "a directory", "a character device such as /dev/zero", ... */
export function fileKind(st: Stats): string {
  if (st.isFile()) return 'a regular file';
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device such as /dev/zero';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

/**
 * The UTF-8 text of a regular file of at most `maxBytes`. Throws FileRefusedError (with the sentence)
 * for anything else, and the file system error (ENOENT, EACCES, ...) as it is.
 */
export function readRegularFile(path: string, maxBytes: number): string {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new FileRefusedError('ENOTREG', path, `not a regular file (${fileKind(st)})`, 'r1-tui reads only regular files');
    const tooBig = () => new FileRefusedError('EFBIG', path, `larger than ${sizeText(maxBytes)}`, 'r1-tui reads no more than that from such a file');
    if (st.size > maxBytes) throw tooBig();
    const buf = Buffer.alloc(Math.min(maxBytes + 1, Math.max(st.size + 1, 4096)));
    let length = 0;
    for (;;) {
      if (length === buf.length) {
        if (length > maxBytes) throw tooBig(); // it grew while we read it
        break;
      }
      const n = readSync(fd, buf, length, buf.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > maxBytes) throw tooBig();
    }
    return buf.subarray(0, length).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** Creates `dir` (and missing parents) 0700 whatever the umask. An existing folder is left as it is. */
export function ensurePrivateDir(dir: string): void {
  const first = mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (first === undefined) return;
  // chmod every folder this call created: mkdir's mode is masked by the umask on some systems
  for (let d = dir; ; d = dirname(d)) {
    chmodSync(d, 0o700);
    if (d === first || dirname(d) === d) break;
  }
}

/** A sentence when `dir` exists and other users can write into it (group/world-writable), else undefined. */
export function folderWarning(dir: string): string | undefined {
  let st: Stats;
  try {
    st = statSync(dir);
  } catch {
    return undefined;
  }
  if (!st.isDirectory() || (st.mode & 0o022) === 0) return undefined;
  const mode = (st.mode & 0o777).toString(8).padStart(4, '0');
  return `${dir} can be written by other users (mode ${mode}); run chmod 700 on it to keep your conversations private.`;
}

/** Opens `path` for writing ('w' truncates, 'a' appends), creating it 0600, and makes it 0600 if it existed. */
export function openPrivate(path: string, flags: 'w' | 'a' | 'a+'): number {
  ensurePrivateDir(dirname(path));
  const fd = openSync(path, flags, 0o600);
  try {
    fchmodSync(fd, 0o600);
  } catch (err) {
    closeSync(fd);
    throw err;
  }
  return fd;
}

/** Writes or appends `text` to a private (0600) file with whole writes. */
export function writePrivateFile(path: string, text: string, flags: 'w' | 'a' = 'w'): void {
  const fd = openPrivate(path, flags);
  try {
    const bytes = Buffer.from(text, 'utf8');
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
  } finally {
    closeSync(fd);
  }
}
