/**
 * NVIDIA VRAM and utilisation from ONE long-lived `nvidia-smi --loop-ms` child for the app's lifetime
 * (each one-shot nvidia-smi run re-initialises NVML, which can take seconds without persistence mode).
 *
 * - spawn error ENOENT/EACCES → `absent`, never retried on a timer.
 * - the child exits → restarted with backoff 1 s, 2 s, 4 s … 60 s; after 5 exits in a row without a
 *   single parsed line it is `absent` (no driver, or a GPU reset that did not come back).
 * - `[N/A]` / `[Not Supported]` → null, never 0.
 * - a GPU with no line for `staleMs` keeps its name and total but reports used/util as null.
 */
import { spawn as nodeSpawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { log } from './log.js';
import type { GpuSample } from './sampleTypes.js';

export const NVIDIA_SMI_ARGS = [
  '--query-gpu=index,name,memory.used,memory.total,utilization.gpu',
  '--format=csv,noheader,nounits',
  '--loop-ms=1000',
];

/**
 * Where to look for nvidia-smi, in order. Windows DCH drivers put it in System32, older ones in NVSMI;
 * elsewhere PATH is enough. Each candidate is tried once (ENOENT → next); none left → `absent`.
 */
export function nvidiaSmiCandidates(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string[] {
  if (platform !== 'win32') return ['nvidia-smi'];
  const windir = env.WINDIR || env.SystemRoot || 'C:\\Windows';
  const programFiles = env.ProgramFiles || 'C:\\Program Files';
  return [
    `${windir}\\System32\\nvidia-smi.exe`,
    `${programFiles}\\NVIDIA Corporation\\NVSMI\\nvidia-smi.exe`,
    'nvidia-smi.exe',
  ];
}

export type NvidiaState = 'starting' | 'running' | 'absent' | 'stopped';

export type SpawnFn = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

export interface NvidiaSmiReaderOptions {
  /** One command, or candidates tried in order on ENOENT/EACCES (default: nvidiaSmiCandidates()). */
  command?: string | readonly string[];
  args?: readonly string[];
  env?: NodeJS.ProcessEnv;
  spawn?: SpawnFn;
  staleMs?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  maxFruitlessRestarts?: number;
  now?: () => number;
}

interface GpuLine {
  sample: GpuSample;
  seenAt: number;
}

const MIB = 1024 * 1024;

function parseNullableNumber(field: string | undefined): number | null {
  if (field === undefined) return null;
  const text = field.trim();
  if (text === '' || text.startsWith('[')) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/**
 * One CSV line → index + sample. Accepts `index, name, used, total, util` and the index-less
 * `name, used, total, util`; a name containing commas is rejoined.
 */
export function parseNvidiaLine(line: string): { index: number; sample: GpuSample } | undefined {
  const fields = line.split(',').map((f) => f.trim());
  if (fields.length < 4) return undefined;
  const tail = fields.slice(-3);
  let head = fields.slice(0, -3);
  let index = -1;
  if (head.length >= 2 && /^\d+$/.test(head[0] ?? '')) {
    index = Number(head[0]);
    head = head.slice(1);
  }
  const name = head.join(', ');
  if (!name) return undefined;
  const used = parseNullableNumber(tail[0]);
  const total = parseNullableNumber(tail[1]);
  const util = parseNullableNumber(tail[2]);
  return {
    index,
    sample: {
      name,
      usedBytes: used === null ? null : used * MIB,
      totalBytes: total === null ? null : total * MIB,
      utilPercent: util,
    },
  };
}

export class NvidiaSmiReader {
  state: NvidiaState = 'stopped';
  /** How many times nvidia-smi has been started (tests check this does not grow per tick). */
  spawnCount = 0;
  private child: ChildProcess | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private backoffMs: number;
  private fruitlessExits = 0;
  private linesThisRun = 0;
  private buffer = '';
  private readonly gpus = new Map<string, GpuLine>();
  private readonly opts: Required<Omit<NvidiaSmiReaderOptions, 'env' | 'command'>> & { env?: NodeJS.ProcessEnv };
  private readonly candidates: readonly string[];
  private candidateIndex = 0;
  private readonly killOnExit = (): void => {
    this.child?.kill('SIGTERM');
  };

  constructor(options: NvidiaSmiReaderOptions = {}) {
    this.opts = {
      args: options.args ?? NVIDIA_SMI_ARGS,
      env: options.env,
      spawn: options.spawn ?? (nodeSpawn as SpawnFn),
      staleMs: options.staleMs ?? 5_000,
      minBackoffMs: options.minBackoffMs ?? 1_000,
      maxBackoffMs: options.maxBackoffMs ?? 60_000,
      maxFruitlessRestarts: options.maxFruitlessRestarts ?? 5,
      now: options.now ?? Date.now,
    };
    this.backoffMs = this.opts.minBackoffMs;
    const command = options.command ?? nvidiaSmiCandidates(process.platform, options.env ?? process.env);
    this.candidates = typeof command === 'string' ? [command] : command;
  }

  start(): void {
    if (this.state !== 'stopped') return;
    this.state = 'starting';
    process.on('exit', this.killOnExit);
    this.launch();
  }

  stop(): void {
    this.state = 'stopped';
    process.off('exit', this.killOnExit);
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    const child = this.child;
    this.child = undefined;
    child?.kill('SIGTERM');
  }

  /** Current GPU figures, ordered by index (stale GPUs report null used/util). */
  samples(): GpuSample[] {
    const now = this.opts.now();
    return [...this.gpus.values()].map(({ sample, seenAt }) =>
      now - seenAt > this.opts.staleMs ? { ...sample, usedBytes: null, utilPercent: null } : { ...sample },
    );
  }

  private launch(): void {
    this.linesThisRun = 0;
    this.buffer = '';
    let child: ChildProcess;
    try {
      this.spawnCount++;
      child = this.opts.spawn(this.candidates[this.candidateIndex] ?? 'nvidia-smi', this.opts.args, {
        stdio: ['ignore', 'pipe', 'ignore'],
        env: this.opts.env ?? process.env,
        windowsHide: true,
      });
    } catch (error) {
      this.markAbsent(error);
      return;
    }
    this.child = child;
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => this.onData(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (this.child !== child) return;
      if (error.code === 'ENOENT' || error.code === 'EACCES') {
        if (this.candidateIndex + 1 < this.candidates.length && this.state !== 'stopped') {
          this.candidateIndex++;
          this.child = undefined;
          this.launch();
        } else this.markAbsent(error);
      }
      else log.warn('nvidia-smi error', error.message);
    });
    child.on('exit', (code, signal) => {
      if (this.child !== child) return;
      this.child = undefined;
      if (this.state === 'stopped' || this.state === 'absent') return;
      this.onUnexpectedExit(code, signal);
    });
    // Never keep the app alive just for the GPU reader.
    child.unref();
    (child.stdout as unknown as { unref?: () => void } | null)?.unref?.();
  }

  private markAbsent(error: unknown): void {
    if (this.state === 'stopped') return;
    this.state = 'absent';
    this.child = undefined;
    log.info('nvidia-smi not available; no NVIDIA figures', error instanceof Error ? error.message : error);
  }

  private onUnexpectedExit(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.linesThisRun > 0) {
      this.fruitlessExits = 0;
      this.backoffMs = this.opts.minBackoffMs;
    } else {
      this.fruitlessExits++;
    }
    if (this.fruitlessExits >= this.opts.maxFruitlessRestarts) {
      this.markAbsent(new Error(`nvidia-smi exited ${this.fruitlessExits} times without output`));
      return;
    }
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.opts.maxBackoffMs);
    this.state = 'starting';
    log.warn(`nvidia-smi exited (code ${code}, signal ${signal}); restarting in ${delay} ms`);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (this.state === 'starting') this.launch();
    }, delay);
    this.restartTimer.unref();
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    let newline = this.buffer.indexOf('\n');
    while (newline >= 0) {
      const line = this.buffer.slice(0, newline).replace(/\r$/, '');
      this.buffer = this.buffer.slice(newline + 1);
      this.onLine(line);
      newline = this.buffer.indexOf('\n');
    }
    if (this.buffer.length > 4096) this.buffer = '';
  }

  private onLine(line: string): void {
    if (!line.trim()) return;
    const parsed = parseNvidiaLine(line);
    if (!parsed) return;
    this.linesThisRun++;
    if (this.state === 'starting') this.state = 'running';
    const key = parsed.index >= 0 ? `#${parsed.index}` : parsed.sample.name;
    this.gpus.set(key, { sample: parsed.sample, seenAt: this.opts.now() });
  }
}
