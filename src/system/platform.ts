/**
 * The platform seam of the sampler and `doctor`: which OS and CPU architecture, and the `os` module
 * figures used where Linux procfs is not there (macOS, Windows, a Linux without /proc). Tests pass their
 * own to cover every platform on one machine.
 *
 * GPU memory by platform:
 * - Linux: nvidia-smi, else amdgpu sysfs; neither → 'none' ("no GPU found").
 * - Windows: nvidia-smi only; none → 'no-nvidia' (an AMD or Intel GPU is not measured there).
 * - macOS on Apple Silicon (darwin + arm64): the GPU shares RAM → 'unified' (no separate VRAM).
 * - macOS on Intel: no tool we can read without spawning per sample → 'unmeasured'.
 */
import os from 'node:os';
import type { SystemSample } from './sampleTypes.js';

/** The `os` figures used without procfs. */
export interface OsFigures {
  totalmem(): number;
  freemem(): number;
  cpus(): Array<{ times: { user: number; nice: number; sys: number; idle: number; irq: number } }>;
}

export interface PlatformSeam {
  platform: NodeJS.Platform;
  arch: string;
  os: OsFigures;
}

export function currentPlatform(): PlatformSeam {
  return { platform: process.platform, arch: process.arch, os };
}

/** Apple Silicon: CPU and GPU share one memory pool, so VRAM is RAM. */
export function hasUnifiedMemory(platform: NodeJS.Platform, arch: string): boolean {
  return platform === 'darwin' && arch === 'arm64';
}

export type GpuNote = NonNullable<SystemSample['gpuNote']>;

/** A GPU note known from the platform alone (no probing there), or undefined where GPUs are probed. */
export function fixedGpuNote(platform: NodeJS.Platform, arch: string): GpuNote | undefined {
  if (hasUnifiedMemory(platform, arch)) return 'unified';
  if (platform === 'darwin') return 'unmeasured';
  return undefined;
}

/** The note when probing found no GPU: Linux looks for NVIDIA and AMD, other platforms for NVIDIA only. */
export function noGpuFoundNote(platform: NodeJS.Platform): GpuNote {
  return platform === 'linux' ? 'none' : 'no-nvidia';
}
