import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { NVIDIA_SMI_ARGS, NvidiaSmiReader, nvidiaSmiCandidates, parseNvidiaLine, type SpawnFn } from '../../src/system/nvidia.js';
import { makeFakeNvidiaSmi, tempDir, waitUntil } from './fakeSystem.js';

const MIB = 1024 * 1024;
const readers: NvidiaSmiReader[] = [];
afterEach(() => {
  for (const r of readers.splice(0)) r.stop();
});

function reader(opts: ConstructorParameters<typeof NvidiaSmiReader>[0]): NvidiaSmiReader {
  const r = new NvidiaSmiReader(opts);
  readers.push(r);
  return r;
}

describe('parseNvidiaLine', () => {
  it('parses indexed and index-less lines, MiB to bytes, [N/A] to null', () => {
    expect(parseNvidiaLine('0, NVIDIA GeForce RTX 4090, 9120, 24564, 87')).toEqual({
      index: 0,
      sample: { name: 'NVIDIA GeForce RTX 4090', usedBytes: 9120 * MIB, totalBytes: 24564 * MIB, utilPercent: 87 },
    });
    expect(parseNvidiaLine('Tesla T4, 0, 15360, 0')).toMatchObject({ index: -1, sample: { name: 'Tesla T4', usedBytes: 0, utilPercent: 0 } });
    expect(parseNvidiaLine('1, NVIDIA GB10, [N/A], [Not Supported], 3')?.sample).toEqual({
      name: 'NVIDIA GB10',
      usedBytes: null,
      totalBytes: null,
      utilPercent: 3,
    });
    expect(parseNvidiaLine('No devices were found')).toBeUndefined();
  });
});

describe('NvidiaSmiReader with a fake nvidia-smi on PATH', () => {
  it('runs ONE looping child with the documented query and parses every GPU', async () => {
    const fake = makeFakeNvidiaSmi();
    const r = reader({ env: fake.env('loop') });
    r.start();
    await waitUntil(() => r.samples().length === 2, 5_000, 'two GPUs');
    expect(r.state).toBe('running');
    expect(r.samples()[0]).toEqual({ name: 'NVIDIA GeForce RTX 3070', usedBytes: 7800 * MIB, totalBytes: 8192 * MIB, utilPercent: 87 });
    expect(r.samples()[1]).toMatchObject({ name: 'NVIDIA RTX A2000', usedBytes: 0, utilPercent: 0 });
    await new Promise((res) => setTimeout(res, 300));
    expect(fake.launches()).toBe(1);
    expect(r.spawnCount).toBe(1);
    expect(fake.args()).toBe(NVIDIA_SMI_ARGS.join(' '));
  });

  it('keeps [N/A] as null', async () => {
    const fake = makeFakeNvidiaSmi();
    const r = reader({ env: fake.env('na') });
    r.start();
    await waitUntil(() => r.samples().length === 1, 5_000, 'one GPU');
    expect(r.samples()[0]).toEqual({ name: 'NVIDIA GB10', usedBytes: null, totalBytes: null, utilPercent: 12 });
  });

  it('restarts after the child exits, with backoff', async () => {
    const fake = makeFakeNvidiaSmi();
    const r = reader({ env: fake.env('exit3'), minBackoffMs: 50, maxBackoffMs: 200 });
    r.start();
    await waitUntil(() => fake.launches() >= 3, 5_000, 'three launches');
    expect(r.state === 'running' || r.state === 'starting').toBe(true);
    expect(r.samples()[0]?.name).toBe('NVIDIA T4');
  });

  it('gives up (absent) after repeated exits with no output, without retrying forever', async () => {
    const fake = makeFakeNvidiaSmi();
    const r = reader({ env: fake.env('silent'), minBackoffMs: 10, maxFruitlessRestarts: 3 });
    r.start();
    await waitUntil(() => r.state === 'absent', 5_000, 'absent');
    await new Promise((res) => setTimeout(res, 100));
    expect(fake.launches()).toBe(3);
  });

  it('treats ENOENT as absent and never spawns again', async () => {
    const empty = tempDir('r1-empty-');
    const r = reader({ env: { PATH: empty } });
    r.start();
    await waitUntil(() => r.state === 'absent', 5_000, 'absent');
    await new Promise((res) => setTimeout(res, 100));
    expect(r.spawnCount).toBe(1);
    expect(r.samples()).toEqual([]);
  });

  it('tries the next candidate path on ENOENT (Windows System32, NVSMI, PATH)', async () => {
    const fake = makeFakeNvidiaSmi();
    const r = reader({ env: fake.env('loop'), command: ['/nonexistent/nvidia-smi', 'nvidia-smi'] });
    r.start();
    await waitUntil(() => r.samples().length === 2, 5_000, 'two GPUs');
    expect(r.spawnCount).toBe(2);
    expect(fake.launches()).toBe(1);
    expect(nvidiaSmiCandidates('linux')).toEqual(['nvidia-smi']);
    expect(nvidiaSmiCandidates('win32', { WINDIR: 'C:\\Windows' })[0]).toBe('C:\\Windows\\System32\\nvidia-smi.exe');
  });

  it('marks a GPU stale (used/util null, name and total kept) when lines stop arriving', async () => {
    const fake = makeFakeNvidiaSmi();
    let now = 0;
    const r = reader({ env: fake.env('loop'), now: () => now, staleMs: 5_000 });
    r.start();
    await waitUntil(() => r.samples().length === 2, 5_000, 'two GPUs');
    r.stop();
    now = 6_000;
    expect(r.samples()[0]).toEqual({ name: 'NVIDIA GeForce RTX 3070', usedBytes: null, totalBytes: 8192 * MIB, utilPercent: null });
  });

  it('stop() kills the child', async () => {
    const fake = makeFakeNvidiaSmi();
    const children: ChildProcess[] = [];
    const counting: SpawnFn = (cmd, args, opts) => {
      const c = spawn(cmd, args, opts);
      children.push(c);
      return c;
    };
    const r = reader({ env: fake.env('loop'), spawn: counting });
    r.start();
    await waitUntil(() => r.samples().length > 0, 5_000, 'a sample');
    r.stop();
    await waitUntil(() => children[0]!.exitCode !== null || children[0]!.signalCode !== null, 5_000, 'child exit');
    expect(children).toHaveLength(1);
  });
});
