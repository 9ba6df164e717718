/**
 * A tiny append-only file logger. stdout belongs to the TUI, so everything diagnostic goes here.
 *
 * File: `$R1_TUI_LOG`, else `$XDG_STATE_HOME/r1-tui/r1-tui.log`, else `~/.local/state/r1-tui/r1-tui.log`.
 * Created with mode 0600. Rotated to `<file>.1` when it passes ~5 MB. Never throws: a failing log
 * must never take the app down, so the first failure is remembered and logging goes quiet.
 */
import fs from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import { xdgBase } from './paths.js';
import { openPrivate } from './safeFiles.js';

export type LogLevel = 'info' | 'warn' | 'error' | 'debug';

const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

interface LoggerState {
  file: string | undefined;
  fd: number | undefined;
  size: number;
  maxBytes: number;
  failure: string | undefined;
}

const state: LoggerState = { file: undefined, fd: undefined, size: 0, maxBytes: DEFAULT_MAX_BYTES, failure: undefined };

/** Where the log goes (resolved from the environment at first use). Shown in help and crash messages. */
export function logPath(env: NodeJS.ProcessEnv = process.env): string {
  if (state.file) return state.file;
  return resolveLogPath(env);
}

export function resolveLogPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.R1_TUI_LOG) return path.resolve(env.R1_TUI_LOG);
  return path.join(xdgBase(env, 'XDG_STATE_HOME', ['.local', 'state']), 'r1-tui', 'r1-tui.log');
}

/** The first error the logger met, if any (it stops writing after that). */
export function logFailure(): string | undefined {
  return state.failure;
}

/**
 * Point the logger at a file (tests, or a path chosen by the CLI). Closes any open file and clears a
 * remembered failure. `maxBytes` sets the rotation threshold.
 */
export function configureLog(opts: { file?: string; maxBytes?: number } = {}): void {
  closeLog();
  state.file = opts.file ? path.resolve(opts.file) : undefined;
  state.maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  state.failure = undefined;
}

/** Close the file descriptor (the next write reopens it). */
export function closeLog(): void {
  if (state.fd !== undefined) {
    try {
      fs.closeSync(state.fd);
    } catch {
      // already closed
    }
  }
  state.fd = undefined;
}

function openLog(): number | undefined {
  if (state.fd !== undefined) return state.fd;
  const file = (state.file ??= resolveLogPath());
  const fd = openPrivate(file, 'a');
  state.fd = fd;
  state.size = fs.fstatSync(fd).size;
  return fd;
}

function rotate(): void {
  const file = state.file;
  if (!file) return;
  closeLog();
  fs.renameSync(file, `${file}.1`);
  state.size = 0;
}

function describeExtra(extra: unknown): string {
  if (extra === undefined) return '';
  if (extra instanceof Error) return ` ${extra.stack ?? `${extra.name}: ${extra.message}`}`;
  try {
    return ` ${JSON.stringify(extra)}`;
  } catch {
    return ` ${format('%o', extra)}`;
  }
}

function write(level: LogLevel, msg: string, extra?: unknown): void {
  if (state.failure !== undefined) return;
  try {
    const line = `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${msg}${describeExtra(extra)}\n`;
    let fd = openLog();
    if (fd === undefined) return;
    if (state.size > 0 && state.size + Buffer.byteLength(line) > state.maxBytes) {
      rotate();
      fd = openLog();
      if (fd === undefined) return;
    }
    const buf = Buffer.from(line);
    fs.writeSync(fd, buf);
    state.size += buf.length;
  } catch (error) {
    state.failure = error instanceof Error ? error.message : String(error);
    closeLog();
  }
}

export const log = {
  info: (msg: string, extra?: unknown): void => write('info', msg, extra),
  warn: (msg: string, extra?: unknown): void => write('warn', msg, extra),
  error: (msg: string, extra?: unknown): void => write('error', msg, extra),
  debug: (msg: string, extra?: unknown): void => write('debug', msg, extra),
};

type ConsoleMethod = 'log' | 'info' | 'warn' | 'error' | 'debug';
const consoleLevels: Record<ConsoleMethod, LogLevel> = {
  log: 'info',
  info: 'info',
  warn: 'warn',
  error: 'error',
  debug: 'debug',
};

/**
 * Route console.log/info/warn/error/debug into the log file (stdout is the TUI; ollama-js uses
 * console.warn). Returns a function that puts the original methods back.
 */
export function redirectConsole(target: Console = console): () => void {
  const originals = new Map<ConsoleMethod, Console[ConsoleMethod]>();
  for (const method of Object.keys(consoleLevels) as ConsoleMethod[]) {
    originals.set(method, target[method]);
    const level = consoleLevels[method];
    target[method] = (...args: unknown[]) => write(level, `console.${method}: ${format(...args)}`);
  }
  return () => {
    for (const [method, original] of originals) target[method] = original;
  };
}
