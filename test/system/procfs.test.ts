import { describe, expect, it } from 'vitest';
import { findAmdCards, readAmdCard } from '../../src/system/amdgpu.js';
import { OllamaProcessTracker } from '../../src/system/ollamaProcs.js';
import { cpuPercentBetween, findPidsByComm, parseMeminfo, readMeminfo, readProcStatCpu, readVmRss } from '../../src/system/procfs.js';
import { makeFakeAmdSys, makeFakeProc } from './fakeSystem.js';

describe('procfs readers', () => {
  it('computes CPU % from /proc/stat deltas (iowait counts as idle)', () => {
    const proc = makeFakeProc();
    proc.setStat(100, 50, 800, 50);
    const a = readProcStatCpu(proc.root)!;
    expect(a).toEqual({ idle: 850, total: 1000 });
    proc.setStat(160, 80, 850, 60); // +90 busy, +60 idle
    const b = readProcStatCpu(proc.root)!;
    expect(cpuPercentBetween(a, b)).toBeCloseTo(60, 5);
    expect(cpuPercentBetween(b, b)).toBeNull();
    expect(readProcStatCpu('/nonexistent')).toBeUndefined();
  });

  it('reads meminfo in bytes, with a fallback for kernels without MemAvailable', () => {
    const proc = makeFakeProc();
    proc.setMeminfo({ total: 65_000_000, free: 1_000_000, available: 20_000_000, swapTotal: 8_000_000, swapFree: 6_000_000 });
    expect(readMeminfo(proc.root)).toEqual({
      memTotal: 65_000_000 * 1024,
      memAvailable: 20_000_000 * 1024,
      swapTotal: 8_000_000 * 1024,
      swapFree: 6_000_000 * 1024,
    });
    const old = parseMeminfo('MemTotal: 1000 kB\nMemFree: 100 kB\nBuffers: 10 kB\nCached: 40 kB\n')!;
    expect(old.memAvailable).toBe(150 * 1024);
    expect(parseMeminfo('garbage')).toBeUndefined();
  });

  it('finds processes by comm and reads VmRSS', () => {
    const proc = makeFakeProc();
    proc.addProcess(10, 'ollama', 500_000);
    proc.addProcess(11, 'llama-server', 30_000_000);
    proc.addProcess(12, 'bash', 4_000);
    expect(findPidsByComm(new Set(['ollama', 'llama-server']), proc.root).sort()).toEqual([10, 11]);
    expect(readVmRss(11, proc.root)).toBe(30_000_000 * 1024);
    expect(readVmRss(99, proc.root)).toBeNull();
  });
});

describe('OllamaProcessTracker', () => {
  it('caches PIDs, sums RSS, rescans on a timer and when a PID vanishes', () => {
    const proc = makeFakeProc();
    let now = 0;
    proc.addProcess(10, 'ollama', 1_000);
    proc.addProcess(11, 'llama-server', 2_000);
    proc.addProcess(13, 'ollama_llama_se', 4_000);
    const tracker = new OllamaProcessTracker({ procRoot: proc.root, now: () => now });
    expect(tracker.totalRss()).toBe(7_000 * 1024);
    expect(tracker.scans).toBe(1);
    now = 5_000;
    proc.addProcess(14, 'llama-server', 8_000); // not seen until the next scan
    expect(tracker.totalRss()).toBe(7_000 * 1024);
    expect(tracker.scans).toBe(1);
    now = 10_000;
    expect(tracker.totalRss()).toBe(15_000 * 1024);
    expect(tracker.scans).toBe(2);
    now = 11_000;
    proc.removeProcess(11); // model unloaded
    expect(tracker.totalRss()).toBe(13_000 * 1024);
    expect(tracker.scans).toBe(3);
  });

  it('returns null when no Ollama process is visible', () => {
    const proc = makeFakeProc();
    proc.addProcess(5, 'sshd', 3_000);
    expect(new OllamaProcessTracker({ procRoot: proc.root }).totalRss()).toBeNull();
  });
});

describe('amdgpu sysfs', () => {
  it('finds cards with VRAM counters and reads them', () => {
    const sys = makeFakeAmdSys([
      { card: 'card1', used: 3 * 2 ** 30, total: 16 * 2 ** 30, busy: 42, product: 'Radeon RX 7800 XT' },
      { card: 'card2', used: 0, total: 512 * 2 ** 20 },
    ]);
    const cards = findAmdCards(sys);
    expect(cards.map((c) => c.name)).toEqual(['Radeon RX 7800 XT', 'AMD GPU (card2)']);
    expect(readAmdCard(cards[0]!)).toEqual({ name: 'Radeon RX 7800 XT', usedBytes: 3 * 2 ** 30, totalBytes: 16 * 2 ** 30, utilPercent: 42 });
    expect(readAmdCard(cards[1]!)).toMatchObject({ usedBytes: 0, utilPercent: null });
    expect(findAmdCards('/nonexistent')).toEqual([]);
  });
});
