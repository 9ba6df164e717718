/** Peak RAM / VRAM over the system sampler's samples while one model is measured. */
import type { SystemSample } from '../session/types.js';
import type { SystemSampler } from '../system/sampler.js';
import type { PeakTracker } from './benchMeasure.js';

export class SamplePeaks implements PeakTracker {
  private last: SystemSample | undefined;
  private ram: number | null = null;
  private vram: number | null = null;

  add(sample: SystemSample): void {
    this.last = sample;
    this.ram = Math.max(this.ram ?? 0, sample.memUsed);
    const used = sample.gpus.filter((g) => g.usedBytes !== null);
    if (used.length > 0) this.vram = Math.max(this.vram ?? 0, used.reduce((sum, g) => sum + (g.usedBytes ?? 0), 0));
  }

  reset(): void {
    this.ram = null;
    this.vram = null;
    if (this.last) this.add(this.last);
  }

  latest(): SystemSample | undefined {
    return this.last;
  }

  peaks(): { ramBytes: number | null; vramBytes: number | null } {
    return { ramBytes: this.ram, vramBytes: this.vram };
  }
}

/** Wait (up to `maxMs`) until the sampler knows about the GPU: nvidia-smi needs a moment for its first line. */
export async function waitForGpuState(sampler: SystemSampler, peaks: SamplePeaks, maxMs = 3000, stepMs = 100): Promise<void> {
  const deadline = Date.now() + maxMs;
  for (;;) {
    const s = sampler.sampleNow();
    peaks.add(s);
    if (s.gpuNote !== undefined || s.gpus.length > 0 || Date.now() >= deadline) return;
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
