/** What one sample of the machine says (src/system/sampler.ts makes it; nvidia.ts and amdgpu.ts fill the GPU part). */

export interface GpuSample {
  name: string;
  usedBytes: number | null;
  totalBytes: number | null;
  utilPercent: number | null;
}

export interface SystemSample {
  at: number;
  cpuPercent: number | null;
  /** Over how many ms cpuPercent is averaged (the time since the previous sample). */
  cpuSpanMs?: number;
  memTotal: number;
  memUsed: number;
  swapTotal: number;
  swapUsed: number;
  /** Resident memory of the Ollama server/runner processes on this machine, when found. */
  ollamaRss: number | null;
  gpus: GpuSample[];
  /**
   * Why there are no GPU figures: 'none' (no GPU found), 'remote' (Ollama is on another host), 'unified'
   * (Apple Silicon: VRAM is RAM), 'no-nvidia' (Windows: no NVIDIA GPU; others are not measured there),
   * 'unmeasured' (Intel Mac: not measured). See src/system/platform.ts.
   */
  gpuNote?: 'none' | 'remote' | 'unified' | 'no-nvidia' | 'unmeasured';
}
