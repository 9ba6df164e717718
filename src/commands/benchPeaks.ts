/** Peak tracking for `r1-tui bench` (SamplePeaks lives with the measuring core in src/session). */
import { SamplePeaks } from '../session/benchPeaks.js';
import type { SystemSampler } from '../system/sampler.js';

export { SamplePeaks };

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
