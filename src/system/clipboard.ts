/**
 * Copy text for the user: OSC 52 written straight to the terminal in one synchronous write (between
 * Ink frames, never inside one), or, when that is impossible (no TTY) or the text is too large, a file
 * under the data directory whose path the notice shows. The result says exactly what happened; a
 * terminal that ignores OSC 52 cannot be detected, so the notice names the way it went ("via OSC 52").
 */
import { execFileSync } from 'node:child_process';
import { writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { osc52Sequence, OSC52_MAX_BYTES, type Osc52Env } from '../core/osc52.js';
import { formatCount } from '../core/format.js';
import { ensurePrivateDir, writePrivateFile } from './safeFiles.js';

export interface ClipboardDeps {
  env?: Osc52Env & Record<string, string | undefined>;
  /** File descriptor of the terminal (stdout). */
  fd?: number;
  isTTY?: boolean;
  /** Where fallback files go. */
  clipsDir: string;
  maxBytes?: number;
  clock?: () => Date;
  /** Overridable writes (tests). */
  writeTerminal?: (fd: number, data: string) => void;
  /**
   * Reads a tmux option of the tmux we run in (undefined: unknown). Without it, tmux is assumed to pass
   * OSC 52 on. With it, `set-clipboard` other than `on` and no `allow-passthrough` mean the sequence
   * would be dropped, so the text goes to a file instead and the notice says how to turn the clipboard on.
   */
  tmuxOption?: (name: 'set-clipboard' | 'allow-passthrough') => string | undefined;
}

/** tmux's own answer (`tmux show-options`), asked only when a copy key is pressed inside tmux. */
export function tmuxOptionFromCli(name: 'set-clipboard' | 'allow-passthrough'): string | undefined {
  try {
    const scope = name === 'set-clipboard' ? '-sv' : '-pv';
    return execFileSync('tmux', ['show-options', scope, name], { encoding: 'utf8', timeout: 1000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/**
 * False when tmux is known to drop an application's OSC 52: tmux accepts it only with `set-clipboard on`
 * (the default `external` ignores it, like `off`), unless `allow-passthrough` lets the wrapped copy through.
 */
function tmuxPassesOsc52(option: ClipboardDeps['tmuxOption']): boolean {
  if (!option) return true;
  const clipboard = option('set-clipboard');
  if (clipboard === undefined || clipboard === 'on') return true;
  const passthrough = option('allow-passthrough');
  return passthrough === 'on' || passthrough === 'all';
}

export type CopyResult =
  | { how: 'osc52'; bytes: number; multiplexer: 'none' | 'tmux' | 'screen' }
  | { how: 'file'; bytes: number; path: string; why: 'too-large' | 'no-terminal' | 'tmux-clipboard-off' }
  | { how: 'failed'; bytes: number; error: string };

function bytesOf(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

export function copyText(text: string, deps: ClipboardDeps): CopyResult {
  const bytes = bytesOf(text);
  const env: Osc52Env & Record<string, string | undefined> = deps.env ?? { ...process.env };
  const isTTY = deps.isTTY ?? Boolean(process.stdout.isTTY);
  let why: 'too-large' | 'no-terminal' | 'tmux-clipboard-off' = 'no-terminal';
  if (isTTY && env.R1_TUI_CLIPBOARD !== 'file') {
    const seq = osc52Sequence(text, env, deps.maxBytes ?? OSC52_MAX_BYTES);
    if (seq.ok && seq.multiplexer === 'tmux' && !tmuxPassesOsc52(deps.tmuxOption)) why = 'tmux-clipboard-off';
    else if (seq.ok) {
      try {
        (deps.writeTerminal ?? writeSync)(deps.fd ?? 1, seq.sequence);
        return { how: 'osc52', bytes, multiplexer: seq.multiplexer };
      } catch {
        // fall through to a file
      }
    } else why = 'too-large';
  }
  try {
    ensurePrivateDir(deps.clipsDir);
    const stamp = (deps.clock?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
    const path = join(deps.clipsDir, `copy-${stamp}.txt`);
    writePrivateFile(path, text);
    return { how: 'file', bytes, path, why };
  } catch (err) {
    return { how: 'failed', bytes, error: (err as NodeJS.ErrnoException).code ?? (err as Error).message };
  }
}

/** `~/…` for a path under the home directory. */
function shortPath(path: string, home: string): string {
  return home && path.startsWith(`${home}/`) ? `~${path.slice(home.length)}` : path;
}

/**
 * The notice for a copy: what, its detail (e.g. the language), how many bytes, and exactly how far it
 * went: `Copied code block 2 of turn 3 (python, 412 bytes) via OSC 52.`
 */
export function copySentence(what: string, result: CopyResult, detail?: string, home = homedir()): string {
  const size = [detail, `${formatCount(result.bytes)} bytes`].filter(Boolean).join(', ');
  if (result.how === 'osc52') {
    const via = result.multiplexer === 'tmux' ? ' through tmux' : result.multiplexer === 'screen' ? ' through screen' : '';
    return `Copied ${what} (${size}) via OSC 52${via}.`;
  }
  if (result.how === 'file') {
    const reason =
      result.why === 'too-large'
        ? 'too large for OSC 52'
        : result.why === 'tmux-clipboard-off'
          ? 'tmux drops OSC 52 (tmux set -s set-clipboard on)'
          : 'no terminal for OSC 52';
    // The path first: the notice is one row and may be cut at the right.
    return `Not copied, saved to ${shortPath(result.path, home)}: ${what} (${size}), ${reason}.`;
  }
  return `Could not copy ${what} (${size}): writing a file failed (${result.error}).`;
}
