/**
 * Model lists and placement of OpenAI-compatible servers:
 * - `/v1/models` (every server): `data[].id`; vLLM and SGLang add `max_model_len` (the context the
 *   server runs with); llama.cpp adds `meta.size` (bytes) but only the training context, which is not
 *   the running one and so is not used;
 * - LM Studio `/api/v0/models`: quantization, arch, `state` loaded / not-loaded (its `max_context_length`
 *   is the model's maximum, not the loaded context, so it is not shown as the context);
 * - llama.cpp `/slots`: per slot `n_ctx` and `is_processing`.
 */
import type { BackendKind, BackendModel, LoadedModel } from '../backend.js';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function posInt(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined;
}

function dataOf(json: unknown): Obj[] {
  if (!isObj(json) || !Array.isArray(json.data)) return [];
  return json.data.filter(isObj);
}

export function modelsFrom(json: unknown, kind: BackendKind): BackendModel[] {
  const entries = dataOf(json).filter((m) => typeof m.id === 'string' && m.id !== '');
  const one = entries.length === 1 && (kind === 'vllm' || kind === 'sglang' || kind === 'llama.cpp');
  return entries.map((m) => {
    const out: BackendModel = { name: m.id as string };
    const ctx = posInt(m.max_model_len);
    if (ctx !== undefined) out.contextLength = ctx;
    if (isObj(m.meta)) {
      const size = posInt(m.meta.size);
      if (size !== undefined) out.size = size;
    }
    if (one) {
      out.servedExactlyOne = true;
      out.loaded = true;
    }
    return out;
  });
}

export function lmStudioModelsFrom(json: unknown): BackendModel[] {
  return dataOf(json)
    .filter((m) => typeof m.id === 'string' && m.type !== 'embeddings')
    .map((m) => {
      const out: BackendModel = { name: m.id as string };
      if (typeof m.quantization === 'string' && m.quantization !== '') out.quantization = m.quantization;
      if (typeof m.arch === 'string' && m.arch !== '') out.family = m.arch;
      // max_context_length is what the model supports, not the context LM Studio loaded it with: not used
      if (typeof m.state === 'string') out.loaded = m.state === 'loaded';
      return out;
    });
}

/** llama.cpp `/slots` → one LoadedModel (the server's one model) with its context and busy slots. */
export function slotsLoaded(json: unknown, name: string): LoadedModel[] {
  if (!Array.isArray(json)) return [];
  const slots = json.filter(isObj);
  if (slots.length === 0) return [];
  const out: LoadedModel = { name, slots: { total: slots.length, busy: slots.filter((s) => s.is_processing === true).length } };
  const ctx = posInt(slots[0]?.n_ctx);
  if (ctx !== undefined) out.contextLength = ctx;
  return [out];
}
