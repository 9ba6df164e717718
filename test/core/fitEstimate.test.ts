import { describe, expect, it } from 'vitest';
import { estimateFit, gibLabel, kvCacheBytes, shapeFromModelInfo, type ModelShape } from '../../src/core/fitEstimate.js';

const GiB = 2 ** 30;
// deepseek-r1:32b (qwen2): 64 blocks, 5120 embedding, 40 heads, 8 KV heads → head_dim 128.
const QWEN32: ModelShape = { blockCount: 64, embeddingLength: 5120, headCount: 40, headCountKv: 8 };

describe('kvCacheBytes', () => {
  it('computes 2 × layers × ctx × kv heads × head_dim × bytes per element', () => {
    // 2 × 64 × 4096 × 8 × 128 × 2 = 1 GiB exactly
    expect(kvCacheBytes(QWEN32, 4096, 'f16')).toBe(GiB);
    expect(kvCacheBytes(QWEN32, 4096)).toBe(GiB);
    expect(kvCacheBytes(QWEN32, 4096, 'q8_0')).toBe(GiB * (34 / 32) / 2); // 544 MiB
    expect(kvCacheBytes(QWEN32, 4096, 'q4_0')).toBe(GiB * (18 / 32) / 2); // 288 MiB
    expect(kvCacheBytes(QWEN32, 32768)).toBe(8 * GiB);
  });

  it('uses key/value lengths when given and all heads when head_count_kv is missing', () => {
    expect(kvCacheBytes({ blockCount: 2, embeddingLength: 64, headCount: 4, headCountKv: 3, keyLength: 4, valueLength: 6 }, 10)).toBe(
      2 * 10 * 3 * (4 + 6) * 2,
    );
    expect(kvCacheBytes({ blockCount: 1, embeddingLength: 64, headCount: 4 }, 10)).toBe(1 * 10 * 4 * 32 * 2);
  });

  it('is 0 without a usable shape', () => {
    expect(kvCacheBytes(undefined, 4096)).toBe(0);
    expect(kvCacheBytes({ ...QWEN32, headCount: 0 }, 4096)).toBe(0);
  });
});

describe('estimateFit', () => {
  it('fits in GPU', () => {
    // need = 20 + 1 (KV) + 0.5 + 0.02 × 20 = 21.9 GiB
    const e = estimateFit({ modelBytes: 20 * GiB, shape: QWEN32, contextLength: 4096, freeVram: 24 * GiB, freeRam: 60 * GiB });
    expect(e.needBytes).toBeCloseTo(21.9 * GiB, 0);
    expect(e.verdict).toBe('gpu');
    expect(e.label).toBe('fits in GPU');
  });

  it('splits between CPU and GPU, CPU first', () => {
    // 13.9 of 21.9 GiB on the CPU = 63.47 % → 63
    const e = estimateFit({ modelBytes: 20 * GiB, shape: QWEN32, contextLength: 4096, freeVram: 8 * GiB, freeRam: 60 * GiB });
    expect(e.verdict).toBe('split');
    expect(e.cpuPercent).toBe(63);
    expect(e.label).toBe('splits ≈ 63%/37% CPU/GPU');
  });

  it('does not fit', () => {
    // need = 75 + 0 + 0.5 + 1.5 = 77 GiB; free 8 + 61 = 69 GiB
    const e = estimateFit({ modelBytes: 75 * GiB, contextLength: 4096, freeVram: 8 * GiB, freeRam: 61 * GiB });
    expect(e.verdict).toBe('no-fit');
    expect(e.label).toBe('does not fit (needs 77 GiB, 69 GiB free)');
  });

  it('runs on the CPU when there is no GPU', () => {
    const e = estimateFit({ modelBytes: 20 * GiB, contextLength: 4096, freeRam: 60 * GiB });
    expect(e.verdict).toBe('cpu');
    expect(e.label).toBe('fits in RAM (CPU only)');
  });

  it('a larger context can push a model out of the GPU', () => {
    const small = estimateFit({ modelBytes: 5 * GiB, shape: QWEN32, contextLength: 2048, freeVram: 8 * GiB, freeRam: 60 * GiB });
    const big = estimateFit({ modelBytes: 5 * GiB, shape: QWEN32, contextLength: 32768, freeVram: 8 * GiB, freeRam: 60 * GiB });
    expect(small.verdict).toBe('gpu');
    expect(big.verdict).toBe('split');
  });
});

describe('gibLabel / shapeFromModelInfo', () => {
  it('formats GiB', () => {
    expect(gibLabel(78 * GiB)).toBe('78 GiB');
    expect(gibLabel(7.6 * GiB)).toBe('7.6 GiB');
  });

  it('reads the shape from /api/show model_info', () => {
    expect(
      shapeFromModelInfo({
        'general.architecture': 'qwen2',
        'qwen2.block_count': 64,
        'qwen2.embedding_length': 5120,
        'qwen2.attention.head_count': 40,
        'qwen2.attention.head_count_kv': 8,
        'qwen2.context_length': 131072,
      }),
    ).toEqual({ ...QWEN32, contextLength: 131072 });
    expect(shapeFromModelInfo({ 'general.architecture': 'llama', 'llama.block_count': 32 })).toBeUndefined();
    expect(shapeFromModelInfo({})).toBeUndefined();
    expect(
      shapeFromModelInfo({
        'general.architecture': 'x',
        'x.block_count': 2,
        'x.embedding_length': 64,
        'x.attention.head_count': [4, 4],
        'x.attention.head_count_kv': [1, 2],
      })?.headCountKv,
    ).toBe(2);
  });
});
