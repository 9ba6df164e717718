import { createHash } from 'node:crypto';
import type { FakeModel } from './types.js';

/*
 * Default catalog of the fake server. All numbers are illustrative (realistic orders of magnitude
 * for the real tags), not measured from a particular machine. Placement (loadedSize/loadedVram)
 * mimics a box with an 8 GiB GPU.
 */
const R1_CAPS = ['completion', 'thinking'];

export function defaultModels(): FakeModel[] {
  return [
    {
      name: 'deepseek-r1:32b', family: 'qwen2', arch: 'qwen2', parameterSize: '32.8B', quantization: 'Q4_K_M',
      sizeOnDisk: 19851337640, blockCount: 64, contextLength: 131072, embeddingLength: 5120, headCount: 40, headCountKv: 8,
      capabilities: [...R1_CAPS], loadedSize: 21943566336, loadedVram: 11401775104, // 48%/52% CPU/GPU
    },
    {
      name: 'deepseek-r1:32b-qwen-distill-q8_0', family: 'qwen2', arch: 'qwen2', parameterSize: '32.8B', quantization: 'Q8_0',
      sizeOnDisk: 34820885440, blockCount: 64, contextLength: 131072, embeddingLength: 5120, headCount: 40, headCountKv: 8,
      capabilities: [...R1_CAPS], loadedSize: 36347953152, loadedVram: 8160437862, // 78%/22% CPU/GPU
    },
    {
      name: 'deepseek-r1:70b', family: 'llama', arch: 'llama', parameterSize: '70.6B', quantization: 'Q4_K_M',
      sizeOnDisk: 42520397704, blockCount: 80, contextLength: 131072, embeddingLength: 8192, headCount: 64, headCountKv: 8,
      capabilities: [...R1_CAPS], loadedSize: 45326565376, loadedVram: 7935121408, // 82%/18% CPU/GPU
    },
    {
      name: 'deepseek-r1:8b', family: 'qwen3', arch: 'qwen3', parameterSize: '8.2B', quantization: 'Q4_K_M',
      sizeOnDisk: 5225376047, blockCount: 36, contextLength: 131072, embeddingLength: 4096, headCount: 32, headCountKv: 8,
      capabilities: [...R1_CAPS], loadedSize: 6904188928, loadedVram: 6904188928, // 100% GPU
    },
    {
      name: 'deepseek-r1:1.5b', family: 'qwen2', arch: 'qwen2', parameterSize: '1.8B', quantization: 'Q4_K_M',
      sizeOnDisk: 1117322599, blockCount: 28, contextLength: 131072, embeddingLength: 1536, headCount: 12, headCountKv: 2,
      capabilities: [...R1_CAPS], loadedSize: 2001338368, loadedVram: 0, // 100% CPU
    },
    {
      name: 'qwen3:8b', family: 'qwen3', arch: 'qwen3', parameterSize: '8.2B', quantization: 'Q4_K_M',
      sizeOnDisk: 5225387923, blockCount: 36, contextLength: 40960, embeddingLength: 4096, headCount: 32, headCountKv: 8,
      capabilities: ['completion', 'tools', 'thinking'], loadedSize: 6511738880, loadedVram: 6511738880,
    },
    {
      name: 'gemma3:4b', family: 'gemma3', arch: 'gemma3', parameterSize: '4.3B', quantization: 'Q4_K_M',
      sizeOnDisk: 3338801804, blockCount: 34, contextLength: 131072, embeddingLength: 2560, headCount: 8, headCountKv: 4,
      capabilities: ['completion', 'vision'], loadedSize: 5149221888, loadedVram: 5149221888,
    },
    {
      name: 'gpt-oss:20b', family: 'gptoss', arch: 'gptoss', parameterSize: '20.9B', quantization: 'MXFP4',
      sizeOnDisk: 13780173734, blockCount: 24, contextLength: 131072, embeddingLength: 2880, headCount: 64, headCountKv: 8,
      capabilities: ['completion', 'tools', 'thinking'], loadedSize: 14893420544, loadedVram: 7784628224,
    },
  ];
}

/** Models that `/api/pull` can fetch besides the installed ones (illustrative). */
export function registryExtras(): FakeModel[] {
  const base = defaultModels();
  const r1small = base.find((m) => m.name === 'deepseek-r1:1.5b')!;
  return [
    { ...r1small, name: 'deepseek-r1:7b', parameterSize: '7.6B', sizeOnDisk: 4683075271, embeddingLength: 3584, headCount: 28,
      headCountKv: 4, loadedSize: 6123683840, loadedVram: 6123683840 },
    { ...r1small, name: 'deepseek-r1:14b', parameterSize: '14.8B', sizeOnDisk: 8988112040, blockCount: 48, embeddingLength: 5120,
      headCount: 40, headCountKv: 8, loadedSize: 10876012544, loadedVram: 7814500352 },
    { ...base.find((m) => m.name === 'qwen3:8b')!, name: 'qwen3:4b', parameterSize: '4.0B', sizeOnDisk: 2497293918,
      embeddingLength: 2560, loadedSize: 3900000000, loadedVram: 3900000000 },
  ];
}

/** Replace the placement of one model (returns a new array). */
export function withPlacement(models: FakeModel[], name: string, loadedSize: number, loadedVram: number): FakeModel[] {
  return models.map((m) => (m.name === name ? { ...m, loadedSize, loadedVram } : m));
}

/** `deepseek-r1` → `deepseek-r1:latest` (the tag defaults to latest). */
export function normalizeName(name: string): string {
  const slash = name.lastIndexOf('/');
  return name.slice(slash + 1).includes(':') ? name : `${name}:latest`;
}

export function findModel(models: FakeModel[], name: string): FakeModel | undefined {
  const full = normalizeName(name);
  return models.find((m) => m.name === full || normalizeName(m.name) === full);
}

/** Manifest digest: 64 hex characters, no `sha256:` prefix (deterministic per name). */
export function digestOf(name: string, salt = ''): string {
  return createHash('sha256').update(`fake-ollama:${salt}:${name}`).digest('hex');
}

export function detailsOf(m: FakeModel) {
  return {
    parent_model: '',
    format: 'gguf',
    family: m.family,
    families: [m.family],
    parameter_size: m.parameterSize,
    quantization_level: m.quantization,
  };
}

const FILE_TYPES: Record<string, number> = { F16: 1, Q8_0: 7, Q4_K_M: 15, Q5_K_M: 17, Q6_K: 18, MXFP4: 38 };

export function parameterCount(m: FakeModel): number {
  const match = /^([\d.]+)([BM])$/.exec(m.parameterSize);
  if (!match) return 0;
  const scale = match[2] === 'B' ? 1e9 : 1e6;
  return Math.round(Number(match[1]) * scale) + 123_456;
}

export function modelInfoOf(m: FakeModel): Record<string, unknown> {
  const a = m.arch;
  return {
    'general.architecture': a,
    'general.basename': m.name.split(':')[0],
    'general.file_type': FILE_TYPES[m.quantization] ?? 15,
    'general.parameter_count': parameterCount(m),
    'general.quantization_version': 2,
    [`${a}.attention.head_count`]: m.headCount,
    [`${a}.attention.head_count_kv`]: m.headCountKv,
    [`${a}.attention.layer_norm_rms_epsilon`]: 0.000001,
    [`${a}.block_count`]: m.blockCount,
    [`${a}.context_length`]: m.contextLength,
    [`${a}.embedding_length`]: m.embeddingLength,
    [`${a}.feed_forward_length`]: m.embeddingLength * 5,
    [`${a}.rope.freq_base`]: 1000000,
    'tokenizer.ggml.model': 'gpt2',
    'tokenizer.ggml.pre': a,
    'tokenizer.ggml.tokens': [],
    'tokenizer.ggml.token_type': [],
  };
}
