/**
 * The system sampler: CPU %, RAM, swap, Ollama RSS and GPU memory about once a second, at near-zero cost.
 *
 * - Zero child processes per tick: procfs/sysfs are read with readFileSync (sub-0.1 ms each).
 * - At most one long-lived child: `nvidia-smi --loop-ms=1000`, started once.
 * - setTimeout chain (a slow tick is skipped, never piled up), unref'd so it never keeps the app alive.
 * - Idle pacing (opt-in with `idleIntervalMs`): every `intervalMs` while active (setActive(true): a reply
 *   streams) and for `activeForMs` after activity ends or a poke() (a keystroke), else every `idleIntervalMs`,
 *   so an idle app wakes a few times a minute instead of every second. The CPU % of a sample is the average
 *   since the previous one; the sample says over how long (`cpuSpanMs`), so the panel can say so.
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
  /** Pace while idle (nothing active, no poke for `activeForMs`); undefined: always `intervalMs`. */
  idleIntervalMs?: number;
  /** How long the fast pace lasts after setActive(false) or a poke() (default 10 s). */
  activeForMs?: number;
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
  /** Something streams (fast pace) or not (idle pace after `activeForMs`). */
  setActive(active: boolean): void;
  /** The user did something: fast pace for `activeForMs` (a pending idle-paced tick comes sooner). */
  poke(): void;
  /** Take one sample now (also what each tick does). */
  sampleNow(): SystemSample;
  /** Diagnostics for tests and the bench. */
  readonly stats: { ticks: number; nvidiaSpawns: number; ollamaScans: number };
}

function defaultSetPriority(priority: number): void {
  os.setPriority(priority);
}

/** The app's idle pace and how long the fast pace lasts after activity (see cli.tsx). */
export const SAMPLER_IDLE_INTERVAL_MS = 10_000;
export const SAMPLER_ACTIVE_FOR_MS = 10_000;

export function createSystemSampler(opts: SystemSamplerOptions): SystemSampler {
  const intervalMs = opts.intervalMs ?? 1_000;
  const idleIntervalMs = opts.idleIntervalMs;
  const activeForMs = opts.activeForMs ?? SAMPLER_ACTIVE_FOR_MS;
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
  let previousCpuAt: number | undefined;
  let active = false;
  let lastActivity = -Infinity;
  /** When the pending tick is due (for a poke that should bring an idle-paced tick forward). */
  let dueAt = 0;
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
    const at = now();
    const cpuPercent = previousCpu && cpu ? cpuPercentBetween(previousCpu, cpu) : null;
    const cpuSpanMs = cpuPercent !== null && previousCpuAt !== undefined ? Math.max(0, at - previousCpuAt) : undefined;
    if (cpu) {
      previousCpu = cpu;
      previousCpuAt = at;
    }

    const mem = linux ? readMeminfo(procRoot) : undefined;
    const memTotal = mem?.memTotal ?? figures.totalmem();
    // Without procfs: on Linux (libuv ≥ 1.46) os.freemem() is MemAvailable, so this matches `free`'s
    // "used"; on Windows it is the available physical memory; on macOS it is free pages only, so the
    // file cache macOS would give back counts as used.
    const memUsed = mem ? mem.memTotal - mem.memAvailable : Math.max(0, memTotal - figures.freemem());

    return {
      at,
      cpuPercent,
      ...(cpuSpanMs !== undefined ? { cpuSpanMs } : {}),
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

  function fast(): boolean {
    return idleIntervalMs === undefined || active || now() - lastActivity < activeForMs;
  }

  function schedule(): void {
    if (!running || paused || timer) return;
    const wait = fast() ? intervalMs : Math.max(intervalMs, idleIntervalMs ?? intervalMs);
    dueAt = now() + wait;
    timer = setTimeout(tick, wait);
    timer.unref();
  }

  /** Fast pace from now: a pending idle-paced tick due later than one interval is brought forward. */
  function quicken(): void {
    if (!timer || dueAt - now() <= intervalMs) return;
    clearTimeout(timer);
    timer = undefined;
    schedule();
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
      previousCpuAt = now();
      lastActivity = now();
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
        previousCpuAt = now();
        lastActivity = now();
        schedule();
      }
    },
    setActive(next: boolean): void {
      if (next === active) return;
      active = next;
      lastActivity = now();
      if (active) quicken();
    },
    poke(): void {
      lastActivity = now();
      quicken();
    },
    sampleNow,
    get stats() {
      return { ticks, nvidiaSpawns: nvidia?.spawnCount ?? 0, ollamaScans: tracker?.scans ?? 0 };
    },
  };
}
