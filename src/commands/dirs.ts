/**
 * r1-tui's data and config directories by the XDG rules ($XDG_DATA_HOME/r1-tui, default
 * ~/.local/share/r1-tui; $XDG_CONFIG_HOME/r1-tui, default ~/.config/r1-tui; relative values ignored),
 * and whether a directory is (or could be made) writable.
 */
import fs from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import type { Env } from './io.js';

function xdgBase(env: Env, variable: string, fallback: string[]): string {
  const value = env[variable];
  if (value && path.isAbsolute(value)) return value;
  return path.join(env.HOME && path.isAbsolute(env.HOME) ? env.HOME : homedir(), ...fallback);
}

export function appDataDir(env: Env): string {
  return path.join(xdgBase(env, 'XDG_DATA_HOME', ['.local', 'share']), 'r1-tui');
}

export function appConfigDir(env: Env): string {
  return path.join(xdgBase(env, 'XDG_CONFIG_HOME', ['.config']), 'r1-tui');
}

export function benchHistoryPath(env: Env): string {
  return path.join(appDataDir(env), 'bench-history.jsonl');
}

export type DirState =
  | { kind: 'writable' }
  | { kind: 'creatable'; parent: string }
  | { kind: 'not-writable'; at: string }
  | { kind: 'not-a-directory'; at: string };

/** Checks without creating anything: the directory itself, else its nearest existing parent. */
export function dirState(dir: string): DirState {
  let current = dir;
  for (;;) {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(current);
    } catch {
      stat = undefined;
    }
    if (stat) {
      if (!stat.isDirectory()) return { kind: 'not-a-directory', at: current };
      try {
        fs.accessSync(current, fs.constants.W_OK | fs.constants.X_OK);
      } catch {
        return { kind: 'not-writable', at: current };
      }
      return current === dir ? { kind: 'writable' } : { kind: 'creatable', parent: current };
    }
    const parent = path.dirname(current);
    if (parent === current) return { kind: 'not-writable', at: current };
    current = parent;
  }
}
