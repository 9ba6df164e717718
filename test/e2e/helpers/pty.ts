/**
 * pty harness for end-to-end tests and the bench: runs the built app (`node bin/r1-tui.js …`) in a real
 * pseudo-terminal (@lydell/node-pty) and feeds every byte into an @xterm/headless Terminal of the same
 * size, so tests can assert on what the user would actually see.
 *
 * Self-contained on purpose (imports only packages and node:*): bench/lib/harness.mjs (loadHarness)
 * transpiles this one file so plain .mjs scripts can use it too.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as nodePty from '@lydell/node-pty';
import xtermHeadless from '@xterm/headless';

const { Terminal } = xtermHeadless;

/** Byte sequences for the app's keys (README key map), for `app.write(KEYS.enter)`. */
export const KEYS = {
  enter: '\r',
  newline: '\n', // Ctrl+J
  esc: '\u001B',
  ctrlC: '\u0003',
  ctrlD: '\u0004',
  ctrlT: '\u0014',
  ctrlP: '\u0010',
  backspace: '\u007F',
  tab: '\t',
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  pageUp: '\u001B[5~',
  pageDown: '\u001B[6~',
  f1: '\u001BOP',
} as const;

export interface SpawnAppOptions {
  cols?: number;
  rows?: number;
  /** Extra environment for the child (wins over the defaults). */
  env?: Record<string, string>;
  /** Working directory (default: the repository root). */
  cwd?: string;
}

export interface ExitInfo {
  exitCode: number;
  signal?: number;
}

export type ScreenPredicate = string | RegExp | ((screen: string) => boolean);

export interface AppProcess {
  readonly pid: number;
  /** Temp HOME given to the child (XDG dirs live under it). */
  readonly home: string;
  /** The visible grid as text lines joined by \n, trailing spaces trimmed. */
  screen(): string;
  /** All bytes the child wrote so far (decoded as UTF-8). */
  raw(): string;
  /** Bytes written by the child so far. */
  readonly bytes: number;
  /** Frames so far: count of `ESC[?2026h` (Ink wraps each frame in synchronized-update markers). */
  readonly frames: number;
  /** Full clears so far: count of `ESC[2J` plus `ESC[3J`. */
  readonly fullClears: number;
  /** Keys to the app; a Buffer is written as raw bytes (e.g. broken UTF-8). */
  write(keys: string | Buffer): void;
  /** Resolves with the screen once pred matches; on timeout rejects with an error showing the screen. */
  waitFor(pred: ScreenPredicate, timeoutMs?: number): Promise<string>;
  /** Resolves once the child has written nothing for quietMs (or after maxMs at the latest). */
  settle(quietMs?: number, maxMs?: number): Promise<void>;
  resize(cols: number, rows: number): void;
  kill(signal?: string): void;
  readonly exited: Promise<ExitInfo>;
  /** Resolves on exit; rejects (with the screen) if the child is still running after timeoutMs. */
  waitExit(timeoutMs?: number): Promise<ExitInfo>;
  /** True when the tail of the output leaves the alternate screen (?1049l) and shows the cursor (?25h). */
  terminalRestored(): boolean;
  /** Resolves once the emulator has parsed every byte received so far (screen() lags raw() until then). */
  parsed(): Promise<void>;
  /** Kill if still running and remove the temp HOME. */
  dispose(): Promise<void>;
}

/** The repository root: nearest package.json named r1-tui above this file, else the cwd. */
export function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        if ((JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'r1-tui') return dir;
      } catch {
        // keep walking
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

/** Counts a needle across chunk boundaries. */
class SequenceCounter {
  count = 0;
  private tail = '';
  constructor(private readonly needles: readonly string[]) {}
  push(chunk: string): void {
    const text = this.tail + chunk;
    for (const needle of this.needles) {
      let at = text.indexOf(needle);
      while (at >= 0) {
        // only count matches that end inside the new chunk (the tail was already counted)
        if (at + needle.length > this.tail.length) this.count++;
        at = text.indexOf(needle, at + 1);
      }
    }
    const keep = Math.max(...this.needles.map((n) => n.length)) - 1;
    this.tail = text.slice(-keep);
  }
}

const CI_VARIABLES = ['CI', 'CONTINUOUS_INTEGRATION', 'GITHUB_ACTIONS', 'BUILD_NUMBER', 'RUN_ID'];

function childEnvironment(home: string, extra: Record<string, string> | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (CI_VARIABLES.includes(key) || key.startsWith('VITEST') || key === 'NODE_ENV' || key === 'OLLAMA_HOST') continue;
    if (key.startsWith('R1_TUI_') || key.startsWith('XDG_')) continue;
    env[key] = value;
  }
  Object.assign(env, {
    CI: 'false',
    TERM: 'xterm-256color',
    COLORTERM: 'truecolor',
    LANG: process.env.LANG || 'C.UTF-8',
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_STATE_HOME: path.join(home, '.local', 'state'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
  });
  return { ...env, ...(extra ?? {}) };
}

/** Run any command in the pty harness (the fixture self-test and the bench's bare client use this). */
export async function spawnCommand(file: string, args: string[], opts: SpawnAppOptions = {}): Promise<AppProcess> {
  const cols = opts.cols ?? 120;
  const rows = opts.rows ?? 40;
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'r1-tui-e2e-'));
  for (const sub of ['.config', '.local/state', '.local/share', '.cache']) fs.mkdirSync(path.join(home, sub), { recursive: true });

  const term = new Terminal({ cols, rows, allowProposedApi: true, scrollback: 1000, logLevel: 'off' });
  const child = nodePty.spawn(file, args, {
    name: opts.env?.TERM ?? 'xterm-256color', // node-pty sets TERM from this name
    cols,
    rows,
    cwd: opts.cwd ?? repoRoot(),
    env: childEnvironment(home, opts.env),
  });

  const chunks: string[] = [];
  let bytes = 0;
  const frames = new SequenceCounter(['\u001B[?2026h']);
  const clears = new SequenceCounter(['\u001B[2J', '\u001B[3J']);
  const listeners = new Set<() => void>();
  let running = true;

  child.onData((data: string) => {
    chunks.push(data);
    bytes += Buffer.byteLength(data);
    frames.push(data);
    clears.push(data);
    term.write(data, () => {
      for (const l of [...listeners]) l();
    });
  });

  const exited = new Promise<ExitInfo>((resolve) => {
    child.onExit(({ exitCode, signal }) => {
      running = false;
      // let xterm finish parsing what arrived before the exit
      term.write('', () => {
        for (const l of [...listeners]) l();
        resolve(signal ? { exitCode, signal } : { exitCode });
      });
    });
  });

  const screen = (): string => {
    const buffer = term.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < term.rows; y++) lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
    return lines.join('\n');
  };
  const raw = (): string => {
    if (chunks.length > 1) chunks.splice(0, chunks.length, chunks.join(''));
    return chunks[0] ?? '';
  };
  const matches = (pred: ScreenPredicate, text: string): boolean =>
    typeof pred === 'string' ? text.includes(pred) : pred instanceof RegExp ? pred.test(text) : pred(text);
  const describe = (pred: ScreenPredicate): string => (typeof pred === 'function' ? 'a screen condition' : JSON.stringify(String(pred)));

  const app: AppProcess = {
    pid: child.pid,
    home,
    screen,
    raw,
    get bytes() {
      return bytes;
    },
    get frames() {
      return frames.count;
    },
    get fullClears() {
      return clears.count;
    },
    write(keys: string | Buffer) {
      if (running) child.write(keys);
    },
    waitFor(pred: ScreenPredicate, timeoutMs = 10_000): Promise<string> {
      return new Promise((resolve, reject) => {
        let done = false;
        const finish = (error?: Error): void => {
          if (done) return;
          done = true;
          listeners.delete(check);
          clearInterval(poll);
          clearTimeout(timer);
          if (error) reject(error);
          else resolve(screen());
        };
        const check = (): void => {
          if (!done && matches(pred, screen())) finish();
        };
        listeners.add(check);
        const poll = setInterval(check, 25);
        const timer = setTimeout(() => {
          finish(
            new Error(
              `Timed out after ${timeoutMs} ms waiting for ${describe(pred)}${running ? '' : ' (the app has exited)'}. Screen:\n${screen()}`,
            ),
          );
        }, timeoutMs);
        check();
      });
    },
    async settle(quietMs = 300, maxMs = 5_000): Promise<void> {
      const start = Date.now();
      let last = bytes;
      let lastChange = Date.now();
      while (Date.now() - start < maxMs) {
        await new Promise((r) => setTimeout(r, Math.min(50, quietMs)));
        if (bytes !== last) {
          last = bytes;
          lastChange = Date.now();
        } else if (Date.now() - lastChange >= quietMs) return;
      }
    },
    resize(newCols: number, newRows: number) {
      term.resize(newCols, newRows);
      if (running) child.resize(newCols, newRows);
    },
    kill(signal?: string) {
      if (running) child.kill(signal);
    },
    exited,
    waitExit(timeoutMs = 10_000): Promise<ExitInfo> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`The app did not exit within ${timeoutMs} ms. Screen:\n${screen()}`)),
          timeoutMs,
        );
        void exited.then((info) => {
          clearTimeout(timer);
          resolve(info);
        });
      });
    },
    parsed(): Promise<void> {
      return new Promise((resolve) => term.write('', () => resolve()));
    },
    terminalRestored(): boolean {
      const text = raw();
      const leave = text.lastIndexOf('\u001B[?1049l');
      const enter = text.lastIndexOf('\u001B[?1049h');
      const cursor = text.lastIndexOf('\u001B[?25h');
      const hide = text.lastIndexOf('\u001B[?25l');
      return leave >= 0 && leave > enter && cursor >= 0 && cursor > hide;
    },
    async dispose(): Promise<void> {
      if (running) {
        child.kill('SIGKILL');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 2_000))]);
      }
      term.dispose();
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
  return app;
}

/** The built CLI entry (bin/r1-tui.js imports dist/cli.js). */
export function builtCliPath(root = repoRoot()): { bin: string; dist: string } {
  return { bin: path.join(root, 'bin', 'r1-tui.js'), dist: path.join(root, 'dist', 'cli.js') };
}

/** Run the built app: `node bin/r1-tui.js ...args`. Throws a clear error when dist/cli.js is missing. */
export async function spawnApp(args: string[], opts: SpawnAppOptions = {}): Promise<AppProcess> {
  const root = opts.cwd ?? repoRoot();
  const { bin, dist } = builtCliPath(root);
  if (!fs.existsSync(dist)) {
    throw new Error(`The app is not built: ${dist} is missing. Run "npm run build" first.`);
  }
  return spawnCommand(process.execPath, [bin, ...args], { ...opts, cwd: root });
}
