/**
 * Whether a directory is (or could be made) writable, for `r1-tui doctor`. Where the directories are
 * is src/system/paths.ts.
 */
import fs from 'node:fs';
import path from 'node:path';

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
