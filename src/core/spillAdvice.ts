/**
 * Why a model spills to the CPU and what would put more of it in VRAM (pure; every new split is an
 * estimate). Applies when /api/ps shows 0 < size_vram < size (the server has a GPU and the model does
 * not fit it), or size_vram 0 while this machine has a GPU and the server is local.
 *
 * The GPU budget is what the model holds in VRAM now plus the VRAM free on this machine (local only).
 * Each option shrinks the model's total (`size`) or moves layers; the new CPU share is
 * (new size − budget) / new size, printed CPU first like `ollama ps`. KV cache bytes come from
 * fitEstimate.kvCacheBytes (f16 unless said); q8_0 stores 34 bytes per 32 values instead of 64.
 */
import { KV_BYTES_PER_ELEMENT, gibLabel, kvCacheBytes, type ModelShape } from './fitEstimate.js';
import { formatCount } from './format.js';

export interface SpillInput {
  /** /api/ps of the model. */
  size: number;
  sizeVram: number;
  /** The context it runs with (ps context_length or num_ctx). */
  numCtx: number;
  shape?: ModelShape;
  /** The model's file size (/api/tags), its quantization and name. */
  fileBytes?: number;
  quantization?: string;
  name: string;
  /** Other installed tags of the same model (same name before ':' and parameter size). */
  siblings: readonly { name: string; fileBytes: number; quantization?: string }[];
  /** The num_gpu the requests carry (undefined: Ollama decides). */
  numGpu?: number;
  /** Free VRAM on this machine now (local server with a sampler); undefined when unknown. */
  freeVram?: number;
  local: boolean;
  machineHasGpu: boolean;
  /** Tokens this conversation uses now; a smaller num_ctx below that would cut it. */
  usedTokens?: number;
}

export interface SpillOption {
  kind: 'num_ctx' | 'kv_q8' | 'quant' | 'num_gpu' | 'cpu-only';
  /** What to do, one line. */
  action: string;
  /** The estimated placement after it, e.g. `est. 31%/69% CPU/GPU` or `est. 100% GPU`. */
  estimate: string;
  /** Where the setting goes, when it is not an r1-tui key. */
  where?: string;
}

export interface SpillAdvice {
  /** `48%/52% CPU/GPU` now. */
  now: string;
  cpuPercent: number;
  options: SpillOption[];
}

/** `est. 31%/69% CPU/GPU`, or `est. 100% GPU` when it would fit the budget. */
export function splitEstimate(size: number, budget: number): string {
  if (size <= budget) return 'est. 100% GPU';
  const cpu = Math.round(((size - budget) / size) * 100);
  return `est. ${cpu}%/${100 - cpu}% CPU/GPU`;
}

export function spills(size: number, sizeVram: number, local: boolean, machineHasGpu: boolean): boolean {
  if (size <= 0) return false;
  if (sizeVram > 0 && sizeVram < size) return true;
  return sizeVram === 0 && local && machineHasGpu;
}

export function spillAdvice(input: SpillInput): SpillAdvice | undefined {
  const { size, sizeVram } = input;
  if (!spills(size, sizeVram, input.local, input.machineHasGpu)) return undefined;
  const cpuPercent = Math.round(((size - sizeVram) / size) * 100);
  const now = sizeVram === 0 ? '100% CPU' : `${cpuPercent}%/${100 - cpuPercent}% CPU/GPU`;
  const budget = sizeVram + (input.local ? (input.freeVram ?? 0) : 0);
  const options: SpillOption[] = [];

  if (sizeVram === 0 && input.numGpu === 0) {
    options.push({ kind: 'cpu-only', action: 'num_gpu is 0 (set in the picker): press 0 in the picker detail for auto', estimate: 'Ollama places layers itself' });
  } else if (sizeVram === 0) {
    options.push({
      kind: 'cpu-only',
      action: 'Ollama used no GPU although this machine has one: its server log names the GPU it found (or why not)',
      estimate: 'no estimate',
      where: 'journalctl -u ollama (Linux), ~/.ollama/logs/server.log (macOS)',
    });
  }
  if (input.shape && budget > 0) {
    for (const smaller of [input.numCtx / 2, input.numCtx / 4]) {
      if (smaller < 2048 || (input.usedTokens !== undefined && smaller < input.usedTokens)) break;
      const saved = kvCacheBytes(input.shape, input.numCtx) - kvCacheBytes(input.shape, smaller);
      options.push({ kind: 'num_ctx', action: `num_ctx ${formatCount(smaller)} (−${gibLabel(saved)} KV cache)`, estimate: splitEstimate(size - saved, budget) });
      if (size - saved <= budget) break;
    }
    const kv = kvCacheBytes(input.shape, input.numCtx);
    const q8Saved = kv * (1 - KV_BYTES_PER_ELEMENT.q8_0 / KV_BYTES_PER_ELEMENT.f16);
    options.push({
      kind: 'kv_q8',
      action: `OLLAMA_KV_CACHE_TYPE=q8_0 (−${gibLabel(q8Saved)}, if the server does not use it already)`,
      estimate: splitEstimate(size - q8Saved, budget),
      where: 'a server setting: in the Ollama service environment (systemctl edit ollama → Environment=…, or before `ollama serve`); needs flash attention',
    });
  }
  if (input.fileBytes !== undefined && budget > 0) {
    const smaller = input.siblings.filter((s) => s.name !== input.name && s.fileBytes < input.fileBytes!).sort((a, b) => b.fileBytes - a.fileBytes);
    for (const s of smaller.slice(0, 2)) {
      const newSize = size - (input.fileBytes - s.fileBytes);
      options.push({ kind: 'quant', action: `${s.name}${s.quantization ? ` (${s.quantization}, installed)` : ' (installed)'}`, estimate: splitEstimate(newSize, budget) });
    }
  }
  const layers = input.shape ? input.shape.blockCount + 1 : undefined;
  if (layers && sizeVram > 0) {
    const perLayer = size / layers;
    const onGpu = Math.round((layers * sizeVram) / size);
    if (input.numGpu !== undefined && input.numGpu > 0 && input.numGpu < layers) {
      const fit = Math.min(layers, Math.floor(budget / perLayer));
      if (fit > input.numGpu) {
        options.push({ kind: 'num_gpu', action: `num_gpu ${fit} (you set ${input.numGpu}; ~${fit}/${layers} layers)`, estimate: splitEstimate(size, Math.min(size, fit * perLayer)) });
      }
    } else if (input.local && input.freeVram !== undefined && input.freeVram >= perLayer) {
      const fit = Math.min(layers, onGpu + Math.floor(input.freeVram / perLayer));
      options.push({
        kind: 'num_gpu',
        action: `num_gpu ${fit} (Ollama chose ~${onGpu}/${layers} layers; more can fail to load if VRAM runs out)`,
        estimate: splitEstimate(size, Math.min(size, fit * perLayer)),
      });
    }
  }
  return { now, cpuPercent, options };
}
