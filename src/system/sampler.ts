/**
 * The system sampler: CPU %, RAM, swap, Ollama RSS and GPU memory about once a second, at near-zero cost.
 *
 * - Zero child processes per tick: procfs/sysfs are read with readFileSync (sub-0.1 ms each).
 * - At most one long-lived child: `nvidia-smi --loop-ms=1000`, started once.
 * - setTimeout chain (a slow tick is skipped, never piled up), unref'd so it never keeps the app alive.
 * - The process is reniced below normal once at start so the TUI never competes with CPU inference.
 * - systeminformation is not used (and no longer a dependency): its Linux calls spawn processes on every call (si.graphics needs
 *   lspci and drops zero values; si.currentLoad runs a synchronous shell pipeline), and the static facts
 *   we need (GPU names, totals) arrive with the nvidia-smi stream or sysfs anyway.
 *
 * Remote Ollama: no GPU probing, gpuNote 'remote', ollamaRss null; CPU/RAM are still of THIS machine.
 */
import os from 'node:os';
import { findAmdCards, readAmdCard, type AmdCard } from './amdgpu.js';
import { log } from './log.js';
import { NvidiaSmiReader, type NvidiaSmiReaderOptions } from './nvidia.js';
import { OllamaProcessTracker } from './ollamaProcs.js';
import { fixedGpuNote, noGpuFoundNote, type OsFigures } from './platform.js';
import { cpuPercentBetween, readMeminfo, readOsCpuTimes, readProcStatCpu, type CpuTimes } from './procfs.js';
import type { GpuSample, SystemSample } from './sampleTypes.js';

export interface SystemSamplerOptions {
  intervalMs?: number;
  /** Ollama runs on another host: skip GPU probing and the Ollama RSS scan. */
  remote: boolean;
  onSample: (sample: SystemSample) => void;
  /** Test seams. */
  procRoot?: string;
  sysRoot?: string;
  platform?: NodeJS.Platform;
  arch?: string;
  /** `os` figures used where procfs is not there (default: node:os). */
  os?: OsFigures;
  nvidia?: NvidiaSmiReaderOptions | false;
  setPriority?: (priority: number) => void;
  now?: () => number;
}

export interface SystemSampler {
  start(): void;
  stop(): void;
  pause(): void;
  resume(): void;
  /** Take one sample now (also what each tick does). */
  sampleNow(): SystemSample;
  /** Diagnostics for tests and the bench. */
  readonly stats: { ticks: number; nvidiaSpawns: number; ollamaScans: number };
}

function defaultSetPriority(priority: number): void {
  os.setPriority(priority);
}

export function createSystemSampler(opts: SystemSamplerOptions): SystemSampler {
  const intervalMs = opts.intervalMs ?? 1_000;
  const platform = opts.platform ?? process.platform;
  const arch = opts.arch ?? process.arch;
  const figures = opts.os ?? os;
  const fixedNote = fixedGpuNote(platform, arch);
  const procRoot = opts.procRoot ?? '/proc';
  const sysRoot = opts.sysRoot ?? '/sys';
  const now = opts.now ?? Date.now;
  const linux = platform === 'linux';

  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let paused = false;
  let started = false;
  let previousCpu: CpuTimes | undefined;
  let tickFailureLogged = false;
  let ticks = 0;

  const tracker = linux && !opts.remote ? new OllamaProcessTracker({ procRoot, now }) : undefined;
  const probeGpus = !opts.remote && fixedNote === undefined;
  let nvidia: NvidiaSmiReader | undefined;
  let amdCards: AmdCard[] = [];

  const readCpu = (): CpuTimes | undefined => (linux ? readProcStatCpu(procRoot) : undefined) ?? readOsCpuTimes(figures);

  function readGpus(): { gpus: GpuSample[]; gpuNote?: SystemSample['gpuNote'] } {
    if (opts.remote) return { gpus: [], gpuNote: 'remote' };
    if (fixedNote) return { gpus: [], gpuNote: fixedNote };
    if (nvidia && (nvidia.state === 'running' || nvidia.state === 'starting')) {
      const gpus = nvidia.samples();
      if (gpus.length > 0) return { gpus };
    }
    if (amdCards.length > 0) return { gpus: amdCards.map(readAmdCard) };
    if (nvidia && nvidia.state === 'starting') return { gpus: [] };
    return { gpus: [], gpuNote: noGpuFoundNote(platform) };
  }

  function sampleNow(): SystemSample {
    const cpu = readCpu();
    const cpuPercent = previousCpu && cpu ? cpuPercentBetween(previousCpu, cpu) : null;
    if (cpu) previousCpu = cpu;

    const mem = linux ? readMeminfo(procRoot) : undefined;
    const memTotal = mem?.memTotal ?? figures.totalmem();
    // Without procfs: on Linux (libuv ≥ 1.46) os.freemem() is MemAvailable, so this matches `free`'s
    // "used"; on Windows it is the available physical memory; on macOS it is free pages only, so the
    // file cache macOS would give back counts as used.
    const memUsed = mem ? mem.memTotal - mem.memAvailable : Math.max(0, memTotal - figures.freemem());

    return {
      at: now(),
      cpuPercent,
      memTotal,
      memUsed,
      swapTotal: mem?.swapTotal ?? 0,
      swapUsed: mem ? mem.swapTotal - mem.swapFree : 0,
      ollamaRss: tracker ? tracker.totalRss() : null,
      ...readGpus(),
    };
  }

  function tick(): void {
    timer = undefined;
    if (!running || paused) return;
    ticks++;
    try {
      opts.onSample(sampleNow());
    } catch (error) {
      if (!tickFailureLogged) log.error('system sampler tick failed', error);
      tickFailureLogged = true;
    }
    schedule();
  }

  function schedule(): void {
    if (!running || paused || timer) return;
    timer = setTimeout(tick, intervalMs);
    timer.unref();
  }

  function firstStart(): void {
    started = true;
    try {
      (opts.setPriority ?? defaultSetPriority)(os.constants.priority.PRIORITY_BELOW_NORMAL);
    } catch (error) {
      log.info('could not lower process priority', error instanceof Error ? error.message : error);
    }
    if (probeGpus && opts.nvidia !== false) {
      nvidia = new NvidiaSmiReader(opts.nvidia ?? {});
      nvidia.start();
    }
    if (probeGpus && linux) amdCards = findAmdCards(sysRoot);
  }

  return {
    start(): void {
      if (running) return;
      if (!started) firstStart();
      else nvidia?.start();
      running = true;
      paused = false;
      previousCpu = readCpu();
      tick();
    },
    stop(): void {
      running = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      nvidia?.stop();
    },
    pause(): void {
      paused = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
    resume(): void {
      if (!paused) return;
      paused = false;
      if (running) {
        previousCpu = readCpu();
        schedule();
      }
    },
    sampleNow,
    get stats() {
      return { ticks, nvidiaSpawns: nvidia?.spawnCount ?? 0, ollamaScans: tracker?.scans ?? 0 };
    },
  };
}
