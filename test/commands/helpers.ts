/** Test context for the subcommands: captured output, fake env/exec/procfs, a real client. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CommandContext, ExecFn, ExecResult } from '../../src/commands/io.js';
import { createOllamaClient } from '../../src/backends/ollama/client.js';

export interface Captured {
  text: string;
  isTTY: boolean;
  columns: number;
  rows: number;
  write(s: string): boolean;
}

export function capture(isTTY = false, columns = 120, rows = 40): Captured {
  return {
    text: '',
    isTTY,
    columns,
    rows,
    write(s: string) {
      this.text += s;
      return true;
    },
  };
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function fakeProcRoot(totalKb = 64_000_000, availableKb = 24_000_000): string {
  const root = tempDir('r1-cmd-proc-');
  fs.writeFileSync(
    path.join(root, 'meminfo'),
    `MemTotal:       ${totalKb} kB\nMemFree:        1000000 kB\nMemAvailable:   ${availableKb} kB\nSwapTotal:      0 kB\nSwapFree:       0 kB\n`,
  );
  fs.writeFileSync(path.join(root, 'stat'), 'cpu  100 0 50 800 0 0 0 0 0 0\n');
  return root;
}

export function amdSysRoot(usedBytes: number, totalBytes: number, product = 'Radeon RX 7600'): string {
  const root = tempDir('r1-cmd-sys-');
  const dev = path.join(root, 'class', 'drm', 'card0', 'device');
  fs.mkdirSync(dev, { recursive: true });
  fs.writeFileSync(path.join(dev, 'mem_info_vram_used'), `${usedBytes}\n`);
  fs.writeFileSync(path.join(dev, 'mem_info_vram_total'), `${totalBytes}\n`);
  fs.writeFileSync(path.join(dev, 'product_name'), `${product}\n`);
  return root;
}

export type ExecTable = Record<string, ExecResult | undefined>;

/** exec answering from a table keyed by "cmd arg1 arg2"; unknown commands are "not installed". */
export function fakeExec(table: ExecTable, calls: string[] = []): ExecFn {
  return async (cmd, args) => {
    const key = [cmd, ...args].join(' ');
    calls.push(key);
    return table[key] ?? table[cmd] ?? { code: -1, stdout: '', stderr: '', error: 'ENOENT' };
  };
}

export interface TestContext extends CommandContext {
  stdout: Captured;
  stderr: Captured;
}

export function testContext(overrides: Partial<CommandContext> = {}): TestContext {
  const data = tempDir('r1-cmd-home-');
  return {
    stdout: capture(),
    stderr: capture(),
    env: {
      HOME: data,
      XDG_DATA_HOME: path.join(data, 'data'),
      XDG_CONFIG_HOME: path.join(data, 'config'),
      TERM: 'xterm-256color',
      LANG: 'C.UTF-8',
    },
    exec: fakeExec({}),
    platform: 'linux',
    arch: 'x64',
    os,
    procRoot: fakeProcRoot(),
    sysRoot: tempDir('r1-cmd-nosys-'),
    createApi: (host) => createOllamaClient(host, { requestTimeoutMs: 5000 }),
    isLocal: () => true,
    samplerOptions: { nvidia: false, setPriority: () => {}, intervalMs: 50 },
    now: () => performance.now(),
    date: () => new Date('2026-11-28T18:00:00Z'),
    ...overrides,
  } as TestContext;
}
