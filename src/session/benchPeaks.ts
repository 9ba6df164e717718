/** Peak RAM / VRAM over the system sampler's samples while one model is measured. */
import type { PeakTracker } from './benchMeasure.js';
import type { SystemSample } from '../system/sampleTypes.js';

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
