/**
 * The sampler beyond Linux, through the platform seam (platform, arch, `os` figures, procfs root): a
 * Linux without /proc, an Intel Mac, an Apple Silicon Mac and Windows each get honest figures from `os`
 * and the right VRAM note; where GPUs are not probed, nothing is spawned.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SystemSample } from '../../src/session/types.js';
import type { SpawnFn } from '../../src/system/nvidia.js';
import { fixedGpuNote, hasUnifiedMemory, noGpuFoundNote, type OsFigures } from '../../src/system/platform.js';
import { createSystemSampler, type SystemSampler } from '../../src/system/sampler.js';
import { tempDir } from './fakeSystem.js';

const GiB = 2 ** 30;
const samplers: SystemSampler[] = [];
afterEach(() => {
  for (const s of samplers.splice(0)) s.stop();
});

/** `os` figures of a 16 GiB machine with 2 cores whose counters the test moves. */
function fakeOs(freeGiB: number) {
  let busy = 1000;
  let idle = 9000;
  const figures: OsFigures = {
    totalmem: () => 16 * GiB,
    freemem: () => freeGiB * GiB,
    cpus: () => [0, 1].map(() => ({ times: { user: busy / 2, nice: 0, sys: 0, idle: idle / 2, irq: 0 } })),
  };
  return {
    figures,
    advance(dBusy: number, dIdle: number) {
      busy += dBusy;
      idle += dIdle;
    },
  };
}

function sampler(platform: NodeJS.Platform, arch: string, figures: OsFigures, spawned: string[]): { s: SystemSampler; samples: SystemSample[] } {
  const samples: SystemSample[] = [];
  const spawn = ((command: string) => {
    spawned.push(command);
    const error = Object.assign(new Error(`spawn ${command} ENOENT`), { code: 'ENOENT' });
    throw error;
  }) as unknown as SpawnFn;
  const s = createSystemSampler({
    remote: false,
    onSample: (x) => samples.push(x),
    platform,
    arch,
    os: figures,
    procRoot: tempDir('r1-noproc-') + '/missing',
    sysRoot: tempDir('r1-nosys-') + '/missing',
    setPriority: () => {},
    nvidia: { spawn, minBackoffMs: 5, maxBackoffMs: 5 },
  });
  samplers.push(s);
  return { s, samples };
}

describe.each([
  { name: 'Linux without /proc', platform: 'linux', arch: 'x64', note: 'none', probes: true },
  { name: 'Intel Mac', platform: 'darwin', arch: 'x64', note: 'unmeasured', probes: false },
  { name: 'Apple Silicon Mac', platform: 'darwin', arch: 'arm64', note: 'unified', probes: false },
  { name: 'Windows', platform: 'win32', arch: 'x64', note: 'no-nvidia', probes: true },
] as const)('the sampler on $name', ({ platform, arch, note, probes }) => {
  it('takes RAM from os.totalmem/freemem and CPU % from os.cpus deltas', () => {
    const machine = fakeOs(6);
    const { s, samples } = sampler(platform, arch, machine.figures, []);
    s.start();
    expect(samples[0]).toMatchObject({ memTotal: 16 * GiB, memUsed: 10 * GiB, swapTotal: 0, swapUsed: 0, cpuPercent: null, ollamaRss: null });
    machine.advance(300, 700); // 30 % busy across both cores
    const second = s.sampleNow();
    expect(second.cpuPercent).toBeCloseTo(30, 5);
  });

  it(`says '${note}' for VRAM; ${probes ? 'looks for nvidia-smi' : 'spawns nothing'}`, async () => {
    const spawned: string[] = [];
    const { s } = sampler(platform, arch, fakeOs(6).figures, spawned);
    s.start();
    const deadline = Date.now() + 2_000;
    let last = s.sampleNow();
    while (last.gpuNote === undefined && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 10));
      last = s.sampleNow();
    }
    expect(last).toMatchObject({ gpus: [], gpuNote: note });
    expect(spawned.length > 0).toBe(probes);
    if (probes) expect(spawned.every((c) => /nvidia-smi/.test(c))).toBe(true);
  });
});

describe('the platform rules', () => {
  it('unified memory only on Apple Silicon', () => {
    expect(hasUnifiedMemory('darwin', 'arm64')).toBe(true);
    expect(hasUnifiedMemory('darwin', 'x64')).toBe(false);
    expect(hasUnifiedMemory('linux', 'arm64')).toBe(false);
    expect(fixedGpuNote('linux', 'x64')).toBeUndefined();
    expect(fixedGpuNote('win32', 'x64')).toBeUndefined();
    expect(noGpuFoundNote('linux')).toBe('none');
    expect(noGpuFoundNote('win32')).toBe('no-nvidia');
  });

  it('a freemem above totalmem (a racy reading) never gives negative used memory', () => {
    const figures: OsFigures = { totalmem: () => 8 * GiB, freemem: () => 9 * GiB, cpus: () => [] };
    const { s, samples } = sampler('darwin', 'arm64', figures, []);
    s.start();
    expect(samples[0]).toMatchObject({ memUsed: 0, cpuPercent: null });
  });
});
