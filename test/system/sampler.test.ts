import { spawn } from 'node:child_process';
import os from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SpawnFn } from '../../src/system/nvidia.js';
import { createSystemSampler, type SystemSampler } from '../../src/system/sampler.js';
import { makeFakeAmdSys, makeFakeNvidiaSmi, makeFakeProc, tempDir, waitUntil } from './fakeSystem.js';
import type { SystemSample } from '../../src/system/sampleTypes.js';

const samplers: SystemSampler[] = [];
afterEach(() => {
  for (const s of samplers.splice(0)) s.stop();
});

function fakeMachine() {
  const proc = makeFakeProc();
  proc.setStat(1000, 500, 8000);
  proc.setMeminfo({ total: 64_000_000, free: 2_000_000, available: 24_000_000, swapTotal: 4_000_000, swapFree: 3_000_000 });
  proc.addProcess(100, 'ollama', 600_000);
  proc.addProcess(200, 'llama-server', 35_000_000);
  return proc;
}

function make(opts: Partial<Parameters<typeof createSystemSampler>[0]> & { samples: SystemSample[] }): SystemSampler {
  const { samples, ...rest } = opts;
  const s = createSystemSampler({
    remote: false,
    onSample: (x) => samples.push(x),
    platform: 'linux',
    setPriority: () => {},
    sysRoot: tempDir('r1-nosys-'),
    ...rest,
  });
  samplers.push(s);
  return s;
}

describe('createSystemSampler', () => {
  it('samples CPU, RAM, swap and Ollama RSS from procfs; no GPU → gpuNote none', async () => {
    const proc = fakeMachine();
    const samples: SystemSample[] = [];
    const s = make({ samples, procRoot: proc.root, intervalMs: 20, nvidia: { env: { PATH: tempDir('r1-empty-') } } });
    s.start();
    expect(samples).toHaveLength(1); // an immediate first sample
    expect(samples[0]!.cpuPercent).toBeNull();
    proc.setStat(1300, 600, 8600); // +400 busy, +600 idle → 40 %
    await waitUntil(() => samples.length >= 2, 2_000, 'second sample');
    const second = samples[1]!;
    expect(second.cpuPercent).toBeCloseTo(40, 5);
    expect(second.memTotal).toBe(64_000_000 * 1024);
    expect(second.memUsed).toBe(40_000_000 * 1024);
    expect(second.swapTotal).toBe(4_000_000 * 1024);
    expect(second.swapUsed).toBe(1_000_000 * 1024);
    expect(second.ollamaRss).toBe(35_600_000 * 1024);
    await waitUntil(() => samples.at(-1)!.gpuNote === 'none', 2_000, 'gpuNote none');
    expect(samples.at(-1)!.gpus).toEqual([]);
  });

  it('remote: no GPU probing, gpuNote remote, ollamaRss null, machine figures still present', () => {
    const proc = fakeMachine();
    const samples: SystemSample[] = [];
    let spawned = 0;
    const s = make({ samples, procRoot: proc.root, remote: true, nvidia: { spawn: ((...a: Parameters<SpawnFn>) => (spawned++, spawn(...a))) as SpawnFn } });
    s.start();
    expect(samples[0]).toMatchObject({ gpuNote: 'remote', ollamaRss: null, gpus: [], memTotal: 64_000_000 * 1024 });
    expect(spawned).toBe(0);
  });

  it('Apple Silicon macOS: gpuNote unified, memory from os.totalmem/freemem', () => {
    const samples: SystemSample[] = [];
    const s = make({ samples, platform: 'darwin', arch: 'arm64' });
    s.start();
    expect(samples[0]).toMatchObject({ gpuNote: 'unified', ollamaRss: null, memTotal: os.totalmem() });
    expect(s.stats.nvidiaSpawns).toBe(0);
  });

  it('reads AMD VRAM from sysfs when there is no nvidia-smi', async () => {
    const proc = fakeMachine();
    const sys = makeFakeAmdSys([{ card: 'card0', used: 2 * 2 ** 30, total: 8 * 2 ** 30, busy: 7 }]);
    const samples: SystemSample[] = [];
    const s = make({ samples, procRoot: proc.root, sysRoot: sys, intervalMs: 20, nvidia: { env: { PATH: tempDir('r1-empty-') } } });
    s.start();
    await waitUntil(() => samples.length >= 3, 2_000, 'samples');
    expect(samples.at(-1)!.gpus).toEqual([{ name: 'AMD GPU (card0)', usedBytes: 2 * 2 ** 30, totalBytes: 8 * 2 ** 30, utilPercent: 7 }]);
    expect(samples.at(-1)!.gpuNote).toBeUndefined();
  });

  it('spawns no child process per tick: one nvidia-smi for many ticks', async () => {
    const proc = fakeMachine();
    const fake = makeFakeNvidiaSmi();
    let spawned = 0;
    const countingSpawn: SpawnFn = (cmd, args, opts) => {
      spawned++;
      return spawn(cmd, args, opts);
    };
    const samples: SystemSample[] = [];
    const s = make({ samples, procRoot: proc.root, intervalMs: 10, nvidia: { env: fake.env('loop'), spawn: countingSpawn } });
    s.start();
    await waitUntil(() => samples.length >= 30 && samples.at(-1)!.gpus.length === 2, 5_000, '30 samples with GPUs');
    expect(spawned).toBe(1);
    expect(fake.launches()).toBe(1);
    expect(s.stats.nvidiaSpawns).toBe(1);
    // the /proc scan is cached too: one scan for 30 ticks (rescan every 10 s)
    expect(s.stats.ollamaScans).toBe(1);
    expect(samples.at(-1)!.gpus[0]).toMatchObject({ name: 'NVIDIA GeForce RTX 3070', utilPercent: 87 });
  });

  it('pause() stops ticking, resume() continues; stop() ends it; setPriority called once with BELOW_NORMAL', async () => {
    const proc = fakeMachine();
    const priorities: number[] = [];
    const samples: SystemSample[] = [];
    const s = make({ samples, procRoot: proc.root, intervalMs: 10, nvidia: false, setPriority: (p) => priorities.push(p) });
    s.start();
    await waitUntil(() => samples.length >= 3, 2_000, 'samples');
    s.pause();
    const paused = samples.length;
    await new Promise((r) => setTimeout(r, 60));
    expect(samples.length).toBe(paused);
    s.resume();
    await waitUntil(() => samples.length >= paused + 2, 2_000, 'samples after resume');
    s.stop();
    const stopped = samples.length;
    await new Promise((r) => setTimeout(r, 60));
    expect(samples.length).toBe(stopped);
    s.start();
    s.stop();
    expect(priorities).toEqual([os.constants.priority.PRIORITY_BELOW_NORMAL]);
  });

  it('a throwing onSample does not stop the chain', async () => {
    const proc = fakeMachine();
    let calls = 0;
    const s = createSystemSampler({
      remote: true,
      procRoot: proc.root,
      platform: 'linux',
      intervalMs: 10,
      setPriority: () => {},
      onSample: () => {
        calls++;
        throw new Error('ui bug');
      },
    });
    samplers.push(s);
    s.start();
    await waitUntil(() => calls >= 3, 2_000, 'three calls');
  });
});

describe('idle pacing (structural, fake timers)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  function paced(samples: SystemSample[], proc = fakeMachine()) {
    return make({ samples, procRoot: proc.root, intervalMs: 1000, idleIntervalMs: 10_000, activeForMs: 10_000, nvidia: false });
  }

  it('an idle minute wakes the sampler at most 6 times once the active window has passed', () => {
    vi.useFakeTimers();
    const samples: SystemSample[] = [];
    const proc = fakeMachine();
    const s = paced(samples, proc);
    s.start();
    vi.advanceTimersByTime(10_000); // the fast pace right after start
    const before = s.stats.ticks;
    vi.advanceTimersByTime(50_000);
    proc.setStat(1300, 600, 8600);
    vi.advanceTimersByTime(10_000);
    expect(s.stats.ticks - before).toBeLessThanOrEqual(6);
    expect(s.stats.ticks - before).toBeGreaterThanOrEqual(5);
    // the CPU % of an idle-paced sample says over how long it is averaged
    expect(samples.at(-1)!.cpuSpanMs).toBe(10_000);
  });

  it('a streaming reply keeps the 1 s pace; a poke brings a pending idle tick forward', () => {
    vi.useFakeTimers();
    const samples: SystemSample[] = [];
    const s = paced(samples);
    s.start();
    vi.advanceTimersByTime(30_000);
    s.setActive(true);
    let before = s.stats.ticks;
    vi.advanceTimersByTime(1_000);
    expect(s.stats.ticks - before).toBe(1); // no waiting out the 10 s timer
    before = s.stats.ticks;
    vi.advanceTimersByTime(60_000);
    expect(s.stats.ticks - before).toBe(60);
    s.setActive(false);
    vi.advanceTimersByTime(30_000);
    before = s.stats.ticks;
    s.poke();
    vi.advanceTimersByTime(1_000);
    expect(s.stats.ticks - before).toBe(1);
  });

  it('without idleIntervalMs the pace never changes (the bench peaks sampler)', () => {
    vi.useFakeTimers();
    const samples: SystemSample[] = [];
    const proc = fakeMachine();
    const s = make({ samples, procRoot: proc.root, intervalMs: 1000, nvidia: false });
    s.start();
    vi.advanceTimersByTime(60_000);
    expect(s.stats.ticks).toBe(61);
  });
});
