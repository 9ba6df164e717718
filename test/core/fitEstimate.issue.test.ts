/** Issue 5's hand-computed cases: 8 GiB VRAM free, 64 GiB RAM free, f16 KV cache. */
import { describe, expect, it } from 'vitest';
import { estimateFit, type ModelShape } from '../../src/core/fitEstimate.js';

const GiB = 2 ** 30;
const VRAM = 8 * GiB;
const RAM = 64 * GiB;
// qwen2 32B: 64 layers, 8 KV heads, head_dim 5120/40 = 128 → 2·64·8·128·2 B = 256 KiB per token.
const QWEN2_32B: ModelShape = { blockCount: 64, embeddingLength: 5120, headCount: 40, headCountKv: 8 };
// llama 70B: 80 layers, 8 KV heads, head_dim 8192/64 = 128 → 320 KiB per token.
const LLAMA_70B: ModelShape = { blockCount: 80, embeddingLength: 8192, headCount: 64, headCountKv: 8 };

describe('fit estimate, hand-computed (8 GiB VRAM + 64 GiB RAM)', () => {
  it('32B Q4_K_M at 4k: 19.85 GB + 1 GiB KV + (512 MiB + 2%) = 21.86 GB → 61% CPU', () => {
    const e = estimateFit({ modelBytes: 19_851_337_640, shape: QWEN2_32B, contextLength: 4096, freeVram: VRAM, freeRam: RAM });
    expect(e.kvBytes).toBe(1_073_741_824);
    expect(e.overheadBytes).toBeCloseTo(933_897_664.8, 1);
    expect(e.needBytes).toBeCloseTo(21_858_977_128.8, 1);
    expect(e.label).toBe('splits ≈ 61%/39% CPU/GPU');
  });

  it('32B Q8_0 at 4k: 37.13 GB → 77% CPU', () => {
    const e = estimateFit({ modelBytes: 34_820_885_440, shape: QWEN2_32B, contextLength: 4096, freeVram: VRAM, freeRam: RAM });
    expect(e.needBytes).toBeCloseTo(37_127_915_884.8, 1);
    expect(e.label).toBe('splits ≈ 77%/23% CPU/GPU');
  });

  it('70B Q4_K_M at 4k: 1.25 GiB KV, 45.25 GB → 81% CPU', () => {
    const e = estimateFit({ modelBytes: 42_520_397_704, shape: LLAMA_70B, contextLength: 4096, freeVram: VRAM, freeRam: RAM });
    expect(e.kvBytes).toBe(1_342_177_280);
    expect(e.needBytes).toBeCloseTo(45_249_853_850.08, 1);
    expect(e.label).toBe('splits ≈ 81%/19% CPU/GPU');
  });

  it('70B Q4_K_M at 32k: 10 GiB KV, 54.65 GB → 84% CPU', () => {
    const e = estimateFit({ modelBytes: 42_520_397_704, shape: LLAMA_70B, contextLength: 32768, freeVram: VRAM, freeRam: RAM });
    expect(e.kvBytes).toBe(10 * GiB);
    expect(e.needBytes).toBeCloseTo(54_645_094_810.08, 1);
    expect(e.label).toBe('splits ≈ 84%/16% CPU/GPU');
  });

  it('70B Q8_0 (75 GB) at 4k does not fit: 78.38 GB = 73 GiB against 72 GiB free', () => {
    const e = estimateFit({ modelBytes: 75e9, shape: LLAMA_70B, contextLength: 4096, freeVram: VRAM, freeRam: RAM });
    expect(e.needBytes).toBeCloseTo(78_379_048_192, 0);
    expect(e.label).toBe('does not fit (needs 73 GiB, 72 GiB free)');
  });
});
