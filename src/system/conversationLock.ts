/**
 * One writer per conversation file: `<id>.lock` next to `<id>.jsonl`, created with O_EXCL (so exactly
 * one process wins), holding the owner's pid and process start time. A lock whose pid is dead, or whose
 * pid now belongs to a process that started at another time (pid reuse after a crash or reboot), is
 * stale and taken over. The owner removes it on exit (normal, signals, crash handler: see cli.tsx);
 * after a kill -9 the next process finds it stale.
 *
 * Known limit: two processes that find the same stale lock at the same moment could both remove it;
 * the O_EXCL create that follows still lets only one of them win unless the removals interleave with
 * the create (a window of microseconds, after a crash, on the same conversation).
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { readRegularFile } from './safeFiles.js';

export interface LockOwner {
  pid: number;
  /** Process start time (Linux: /proc/<pid>/stat field 22, clock ticks since boot) when known. */
  start?: string;
  /** Wall-clock time the lock was taken (ISO). */
  since: string;
}

export interface LockDeps {
  pid: number;
  /** Whether a process with this pid exists. */
  alive(pid: number): boolean;
  /** A process's start time, or undefined when it cannot be known. */
  startOf(pid: number): string | undefined;
  now(): Date;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Field 22 of /proc/<pid>/stat (after the parenthesised command name, which may hold spaces). */
export function procStartTime(pid: number, procRoot = '/proc'): string | undefined {
  try {
    const stat = readFileSync(join(procRoot, String(pid), 'stat'), 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19];
  } catch {
    return undefined;
  }
}

export const DEFAULT_LOCK_DEPS: LockDeps = { pid: process.pid, alive: processAlive, startOf: (pid) => procStartTime(pid), now: () => new Date() };

export type LockResult = { ok: true; release: () => void } | { ok: false; owner: LockOwner };

export function lockPath(dir: string, id: string): string {
  return join(dir, `${id}.lock`);
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const v = JSON.parse(readRegularFile(path, 4096)) as Partial<LockOwner>;
    return typeof v.pid === 'number' && Number.isInteger(v.pid) && v.pid > 0 ? { pid: v.pid, since: typeof v.since === 'string' ? v.since : '', ...(typeof v.start === 'string' ? { start: v.start } : {}) } : undefined;
  } catch {
    return undefined;
  }
}

function isStale(owner: LockOwner | undefined, deps: LockDeps): boolean {
  if (!owner) return true; // empty or torn lock file: its writer died while writing it
  if (owner.pid === deps.pid) return false;
  if (!deps.alive(owner.pid)) return true;
  const start = deps.startOf(owner.pid);
  return owner.start !== undefined && start !== undefined && start !== owner.start;
}

/** Takes the lock of conversation `id` in `dir` (the directory must exist). */
export function lockConversation(dir: string, id: string, deps: LockDeps = DEFAULT_LOCK_DEPS): LockResult {
  const path = lockPath(dir, id);
  const me: LockOwner = { pid: deps.pid, since: deps.now().toISOString() };
  const start = deps.startOf(deps.pid);
  if (start !== undefined) me.start = start;
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = readOwner(path);
      if (owner?.pid === deps.pid) return { ok: true, release: () => release(path, deps.pid) };
      if (!isStale(owner, deps)) return { ok: false, owner: owner! };
      try {
        unlinkSync(path);
      } catch {
        // someone else removed it first; try to create again
      }
      continue;
    }
    try {
      writeSync(fd, JSON.stringify(me));
    } finally {
      closeSync(fd);
    }
    return { ok: true, release: () => release(path, deps.pid) };
  }
  const owner = readOwner(path);
  return owner ? { ok: false, owner } : { ok: false, owner: { pid: 0, since: '' } };
}

/** Removes the lock if it is still ours. Never throws (it runs at exit). */
function release(path: string, pid: number): void {
  try {
    if (readOwner(path)?.pid === pid) unlinkSync(path);
  } catch {
    // already gone
  }
}
