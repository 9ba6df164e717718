import { describe, expect, it } from 'vitest';
import { spillAdvice, splitEstimate, spills, type SpillInput } from '../../src/core/spillAdvice.js';

const GiB = 2 ** 30;
// deepseek-r1:32b (qwen2): 64 blocks, 5120 embedding, 40 heads, 8 KV heads → 256 KiB of f16 KV per token, 1 GiB at 4096
const shape = { blockCount: 64, embeddingLength: 5120, headCount: 40, headCountKv: 8, contextLength: 131_072 };
const base: SpillInput = {
  size: 20e9,
  sizeVram: 10.4e9,
  numCtx: 4096,
  shape,
  fileBytes: 19.85e9,
  quantization: 'Q4_K_M',
  name: 'deepseek-r1:32b',
  siblings: [
    { name: 'deepseek-r1:32b', fileBytes: 19.85e9, quantization: 'Q4_K_M' },
    { name: 'deepseek-r1:32b-qwen-distill-q3_K_M', fileBytes: 15.5e9, quantization: 'Q3_K_M' },
    { name: 'deepseek-r1:32b-qwen-distill-q8_0', fileBytes: 34.8e9, quantization: 'Q8_0' },
  ],
  freeVram: 0.5 * GiB,
  local: true,
  machineHasGpu: true,
};

describe('when it spills', () => {
  it('0 < size_vram < size, or all on the CPU of a local machine with a GPU', () => {
    expect(spills(20e9, 10.4e9, false, false)).toBe(true);
    expect(spills(20e9, 20e9, true, true)).toBe(false);
    expect(spills(20e9, 0, true, true)).toBe(true);
    expect(spills(20e9, 0, false, true)).toBe(false); // remote: this machine's GPU says nothing
    expect(spills(20e9, 0, true, false)).toBe(false);
  });

  it('prints the estimate CPU first like ollama ps', () => {
    expect(splitEstimate(20e9, 10e9)).toBe('est. 50%/50% CPU/GPU');
    expect(splitEstimate(9e9, 10e9)).toBe('est. 100% GPU');
  });
});

describe('what would put more of it in VRAM', () => {
  it('offers a smaller num_ctx, q8_0 KV cache, a smaller installed quantization and num_gpu, each with its new split', () => {
    const advice = spillAdvice(base)!;
    expect(advice.now).toBe('48%/52% CPU/GPU');
    const byKind = Object.fromEntries(advice.options.map((o) => [o.kind, o]));
    // budget = 10.4e9 in VRAM + 0.5 GiB free = 10.937e9
    // num_ctx 2048 saves 0.5 GiB of KV: (19.463e9 − 10.937e9) / 19.463e9 = 43.8% → 44%
    expect(byKind.num_ctx).toEqual({ kind: 'num_ctx', action: 'num_ctx 2,048 (−0.5 GiB KV cache)', estimate: 'est. 44%/56% CPU/GPU' });
    // q8_0: 1 GiB × (1 − 1.0625/2) = 0.47 GiB less
    expect(byKind.kv_q8!.action).toBe('OLLAMA_KV_CACHE_TYPE=q8_0 (−0.5 GiB, if the server does not use it already)');
    expect(byKind.kv_q8!.estimate).toBe('est. 44%/56% CPU/GPU');
    expect(byKind.kv_q8!.where).toMatch(/server setting: in the Ollama service environment/);
    // Q3_K_M: 4.35e9 smaller → (15.65e9 − 10.937e9) / 15.65e9 = 30%; the bigger Q8_0 is not offered
    expect(advice.options.filter((o) => o.kind === 'quant')).toEqual([
      { kind: 'quant', action: 'deepseek-r1:32b-qwen-distill-q3_K_M (Q3_K_M, installed)', estimate: 'est. 30%/70% CPU/GPU' },
    ]);
    // 65 layers of 0.31e9; ~34 on the GPU; 0.5 GiB free holds one more
    expect(byKind.num_gpu!.action).toBe('num_gpu 35 (Ollama chose ~34/65 layers; more can fail to load if VRAM runs out)');
    expect(byKind.num_gpu!.estimate).toBe('est. 46%/54% CPU/GPU');
  });

  it('only offers what applies: no num_ctx below what the conversation uses, no num_gpu without free VRAM, no quant without a smaller one', () => {
    const advice = spillAdvice({ ...base, usedTokens: 3000, freeVram: 0, siblings: [] })!;
    expect(advice.options.map((o) => o.kind)).toEqual(['kv_q8']);
  });

  it('remote: the budget is what Ollama put in VRAM, num_gpu only when the user set it low', () => {
    const remote = spillAdvice({ ...base, local: false, machineHasGpu: false, numGpu: 20 })!;
    const gpu = remote.options.find((o) => o.kind === 'num_gpu')!;
    // 10.4e9 / 0.3077e9 per layer = 33 layers fit the VRAM Ollama used
    expect(gpu.action).toBe('num_gpu 33 (you set 20; ~33/65 layers)');
  });

  it('all on the CPU of a local GPU machine: num_gpu 0 set here, or Ollama found no GPU (its log says why)', () => {
    expect(spillAdvice({ ...base, sizeVram: 0, numGpu: 0 })!.options[0]!.action).toMatch(/^num_gpu is 0/);
    const none = spillAdvice({ ...base, sizeVram: 0 })!;
    expect(none.now).toBe('100% CPU');
    expect(none.options[0]!.kind).toBe('cpu-only');
    expect(none.options[0]!.where).toMatch(/journalctl -u ollama/);
  });
});
