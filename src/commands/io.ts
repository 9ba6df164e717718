/**
 * What the `bench` and `doctor` subcommands need from the outside world, injectable for tests:
 * output streams, environment, a child-process runner, file-system roots and the Ollama client.
 */
import { execFile } from 'node:child_process';
import os from 'node:os';
import { createOllamaClient } from '../backends/ollama/client.js';
import type { OllamaApi } from '../backends/ollama/types.js';
import type { SystemSamplerOptions } from '../system/sampler.js';
import { isLocalHost } from '../system/hostLocality.js';
import type { OsFigures } from '../system/platform.js';

export type Env = Record<string, string | undefined>;

export interface OutStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
  rows?: number;
}

/** Result of running a program once. `code` -1 with `error` 'ENOENT' when the program is not installed. */
export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
  error?: string;
}

export type ExecFn = (command: string, args: readonly string[]) => Promise<ExecResult>;

export interface CommandContext {
  stdout: OutStream;
  stderr: OutStream;
  env: Env;
  exec: ExecFn;
  platform: NodeJS.Platform;
  /** CPU architecture (process.arch): darwin + arm64 is Apple Silicon (unified memory). */
  arch: string;
  /** `os` figures used where procfs is not there. */
  os: OsFigures;
  procRoot: string;
  sysRoot: string;
  createApi: (host: string) => OllamaApi;
  isLocal: (url: string) => boolean;
  /** Extra sampler options for the bench (tests: fake /proc, no nvidia-smi). */
  samplerOptions?: Partial<Omit<SystemSamplerOptions, 'onSample' | 'remote'>>;
  /** Milliseconds, monotonic (performance.now by default). */
  now: () => number;
  /** Wall clock for history entries. */
  date: () => Date;
}

/** Run a program with a short deadline; never throws. */
export const defaultExec: ExecFn = (command, args) =>
  new Promise((resolve) => {
    execFile(command, [...args], { timeout: 10_000, encoding: 'utf8', maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (typeof code === 'string') {
          resolve({ code: -1, stdout: String(stdout ?? ''), stderr: String(stderr ?? ''), error: code });
          return;
        }
        resolve({ code: typeof code === 'number' ? code : 1, stdout: String(stdout ?? ''), stderr: String(stderr ?? '') });
        return;
      }
      resolve({ code: 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });

export function defaultCommandContext(overrides: Partial<CommandContext> = {}): CommandContext {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    exec: defaultExec,
    platform: process.platform,
    arch: process.arch,
    os,
    procRoot: '/proc',
    sysRoot: '/sys',
    createApi: (host) => createOllamaClient(host),
    isLocal: isLocalHost,
    now: () => performance.now(),
    date: () => new Date(),
    ...overrides,
  };
}
