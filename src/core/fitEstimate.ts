/**
 * Rough estimate of the memory a model needs at a given context size, and whether it fits the free
 * GPU memory, splits between CPU and GPU, or does not fit at all. A heuristic for the model picker,
 * not Ollama's own scheduler arithmetic.
 *
 * need = weights + KV cache + overhead, where
 * - weights = the model file size (bytes on disk ≈ bytes of tensors in memory);
 * - KV cache = 2 (K and V) × block_count × context × head_count_kv × head_dim × bytes per element,
 *   head_dim = embedding_length / head_count unless `attention.key_length`/`value_length` are given
 *   (then K uses key_length and V value_length instead of 2 × head_dim);
 *   bytes per element: f16 2, q8_0 34/32, q4_0 18/32 (GGML block sizes: 32 values + an f16 scale);
 * - overhead = OVERHEAD_FIXED_BYTES (runtime, CUDA context) + OVERHEAD_SHARE of the weights (compute
 *   graph buffers). Both are deliberately round numbers; real overhead varies with batch size and GPU.
 *
 * Verdicts: need <= free VRAM → fits in GPU; need <= free VRAM + free RAM → split, with the CPU share
 * the part that does not fit in VRAM (printed CPU first like `ollama ps`); otherwise does not fit.
 */

export type KvCacheType = 'f16' | 'q8_0' | 'q4_0';

export const KV_BYTES_PER_ELEMENT: Record<KvCacheType, number> = { f16: 2, q8_0: 34 / 32, q4_0: 18 / 32 };
export const OVERHEAD_FIXED_BYTES = 512 * 2 ** 20;
export const OVERHEAD_SHARE = 0.02;

const GIB = 2 ** 30;

/** The `/api/show` model_info facts the estimate needs. */
export interface ModelShape {
  blockCount: number;
  embeddingLength: number;
  headCount: number;
  headCountKv?: number;
  keyLength?: number;
  valueLength?: number;
  /** The model's trained context length, when known. */
  contextLength?: number;
}

export interface FitInput {
  /** Model size in bytes (`/api/tags` size). */
  modelBytes: number;
  shape?: ModelShape;
  /** Context size the model will run with (num_ctx). */
  contextLength: number;
  kvCacheType?: KvCacheType;
  /** Free GPU memory in bytes (0 or undefined: no usable GPU). */
  freeVram?: number;
  freeRam: number;
}

export type FitVerdict = 'gpu' | 'split' | 'cpu' | 'no-fit';

export interface FitEstimate {
  verdict: FitVerdict;
  needBytes: number;
  weightsBytes: number;
  kvBytes: number;
  overheadBytes: number;
  /** Share of `needBytes` expected on the CPU, 0–100, for 'split'. */
  cpuPercent?: number;
  /** e.g. "fits in GPU", "splits ≈ 60%/40% CPU/GPU", "does not fit (needs 78 GiB, 69 GiB free)". */
  label: string;
}

/** KV cache bytes, or 0 when the shape is unknown. */
export function kvCacheBytes(shape: ModelShape | undefined, contextLength: number, type: KvCacheType = 'f16'): number {
  if (!shape || shape.blockCount <= 0 || shape.headCount <= 0 || contextLength <= 0) return 0;
  const headCountKv = shape.headCountKv && shape.headCountKv > 0 ? shape.headCountKv : shape.headCount;
  const headDim = shape.embeddingLength / shape.headCount;
  const keyLength = shape.keyLength ?? headDim;
  const valueLength = shape.valueLength ?? headDim;
  return shape.blockCount * contextLength * headCountKv * (keyLength + valueLength) * KV_BYTES_PER_ELEMENT[type];
}

export function estimateFit(input: FitInput): FitEstimate {
  const weightsBytes = Math.max(0, input.modelBytes);
  const kvBytes = kvCacheBytes(input.shape, input.contextLength, input.kvCacheType);
  const overheadBytes = OVERHEAD_FIXED_BYTES + OVERHEAD_SHARE * weightsBytes;
  const needBytes = weightsBytes + kvBytes + overheadBytes;
  const base = { needBytes, weightsBytes, kvBytes, overheadBytes };
  const freeVram = Math.max(0, input.freeVram ?? 0);
  const freeRam = Math.max(0, input.freeRam);

  if (freeVram > 0 && needBytes <= freeVram) return { ...base, verdict: 'gpu', label: 'fits in GPU' };
  if (needBytes <= freeVram + freeRam) {
    if (freeVram === 0) return { ...base, verdict: 'cpu', cpuPercent: 100, label: 'fits in RAM (CPU only)' };
    const cpuPercent = Math.round(((needBytes - freeVram) / needBytes) * 100);
    return { ...base, verdict: 'split', cpuPercent, label: `splits ≈ ${cpuPercent}%/${100 - cpuPercent}% CPU/GPU` };
  }
  return {
    ...base,
    verdict: 'no-fit',
    label: `does not fit (needs ${gibLabel(needBytes)}, ${gibLabel(freeVram + freeRam)} free)`,
  };
}

/** "78 GiB" from 10 GiB up, "7.6 GiB" below. */
export function gibLabel(bytes: number): string {
  const g = bytes / GIB;
  return g >= 10 ? `${Math.round(g)} GiB` : `${g.toFixed(1)} GiB`;
}

function numberFrom(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (Array.isArray(v)) {
    const nums = v.filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
    return nums.length > 0 ? Math.max(...nums) : undefined;
  }
  return undefined;
}

/** Reads the shape from `/api/show` model_info (`<arch>.block_count` etc.); undefined if incomplete. */
export function shapeFromModelInfo(modelInfo: Record<string, unknown>): ModelShape | undefined {
  const arch = modelInfo['general.architecture'];
  if (typeof arch !== 'string' || arch === '') return undefined;
  const get = (key: string) => numberFrom(modelInfo[`${arch}.${key}`]);
  const blockCount = get('block_count');
  const embeddingLength = get('embedding_length');
  const headCount = get('attention.head_count');
  if (!blockCount || !embeddingLength || !headCount) return undefined;
  const shape: ModelShape = { blockCount, embeddingLength, headCount };
  const headCountKv = get('attention.head_count_kv');
  const keyLength = get('attention.key_length');
  const valueLength = get('attention.value_length');
  const contextLength = get('context_length');
  if (headCountKv !== undefined) shape.headCountKv = headCountKv;
  if (keyLength !== undefined) shape.keyLength = keyLength;
  if (valueLength !== undefined) shape.valueLength = valueLength;
  if (contextLength !== undefined) shape.contextLength = contextLength;
  return shape;
}
