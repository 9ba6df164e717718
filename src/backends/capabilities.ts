/**
 * What each kind of server offers and lacks (each server's docs and source; README "Servers"), with the sentence the panel shows
 * after `n/a`. One table, so the panel, doctor and the README say the same thing.
 */
import type { BackendKind, BackendThink, Capabilities, Feature, Lack } from './backend.js';
import { THINK_LEVELS } from '../core/chatTypes.js';
import { OLLAMA_CAPABILITIES } from './ollama/ollamaBackend.js';

export const KIND_NAMES: Record<BackendKind, string> = {
  ollama: 'Ollama',
  'llama.cpp': 'llama.cpp',
  vllm: 'vLLM',
  sglang: 'SGLang',
  lmstudio: 'LM Studio',
  openai: 'OpenAI-compatible',
};

function caps(offers: Feature[], lacks: Array<[Feature, string]>): Capabilities {
  return { offers, lacks: lacks.map(([feature, reason]): Lack => ({ feature, reason })) };
}

const noPull = (name: string): [Feature, string] => ['pull', `${name} cannot download models through its API`];
const noLevels = (name: string): [Feature, string] => ['think-levels', `${name} takes no think levels`];

/**
 * What each kind of server does with the `think` setting (README "Servers"), for the request body
 * (openai/request.ts), the session's F4 cycle and the bench:
 * - Ollama: true/false and levels (its native API; levels by server version, see thinkPolicy);
 * - llama.cpp: on/off only, sent as `chat_template_kwargs: {enable_thinking}`; the model's chat template
 *   decides (Qwen3-style templates read it; DeepSeek-R1's does not: it thinks anyway). A thinking budget
 *   is the server's `--reasoning-budget`, set when it starts;
 * - vLLM, SGLang: nothing per request turns DeepSeek-R1's thinking off or sets a level (the reasoning
 *   parser only separates the reasoning): the setting is not sent;
 * - LM Studio: no per-request think setting (reasoning is an LM Studio setting): not sent;
 * - any other OpenAI-compatible server (incl. Ollama's /v1): levels as `reasoning_effort`; on/off has
 *   no OpenAI field: not sent.
 * `options` is F4's cycle (empty: nothing to switch); `ignored` the sentence for a value not sent.
 */
export interface ThinkSupport {
  options: BackendThink[];
  /** Why values outside `options` are not sent (one sentence, no final period). */
  ignored?: string;
}

export function thinkSupport(kind: BackendKind): ThinkSupport {
  switch (kind) {
    case 'ollama':
      return { options: [true, false, ...THINK_LEVELS] };
    case 'llama.cpp':
      return { options: [true, false], ignored: 'llama.cpp takes think on/off only (as enable_thinking for the chat template); a thinking budget is its --reasoning-budget, set at start' };
    case 'vllm':
      return { options: [], ignored: 'DeepSeek-R1 on vLLM always thinks (no per-request switch; --reasoning-parser only separates the reasoning)' };
    case 'sglang':
      return { options: [], ignored: 'DeepSeek-R1 on SGLang always thinks (no per-request switch; --reasoning-parser only separates the reasoning)' };
    case 'lmstudio':
      return { options: [], ignored: 'LM Studio takes no per-request think setting (reasoning is a setting in LM Studio itself)' };
    case 'openai':
      return { options: [...THINK_LEVELS], ignored: 'this server takes a thinking level (as reasoning_effort), not on/off' };
  }
}

/** The request fields for `think` on this kind of server; `ignored` when the value is not sent. */
export function thinkFields(kind: Exclude<BackendKind, 'ollama'>, think: BackendThink | undefined): { fields: Record<string, unknown>; ignored?: string } {
  if (think === undefined) return { fields: {} };
  const support = thinkSupport(kind);
  if (!support.options.includes(think)) return { fields: {}, ...(support.ignored ? { ignored: support.ignored } : {}) };
  if (kind === 'llama.cpp') return { fields: { chat_template_kwargs: { enable_thinking: think === true } } };
  if (kind === 'openai') return { fields: { reasoning_effort: think } };
  return { fields: {} };
}

const TABLE: Record<Exclude<BackendKind, 'ollama'>, Capabilities> = {
  'llama.cpp': caps(
    ['exact-timings', 'token-usage', 'prompt-progress', 'model-list'],
    [
      ['cpu-gpu-split', 'llama.cpp does not report a CPU/GPU split over its API'],
      ['load-time', 'llama.cpp loads the model when it starts, not per request'],
      ['kv-cache', 'llama.cpp reports no KV-cache gauge (context use is from /slots)'],
      ['request-queue', 'llama.cpp reports its queue only in /metrics (started with --metrics)'],
      ['model-switch', 'llama-server serves one model (unless started in router mode)'],
      noPull('llama.cpp'),
      noLevels('llama.cpp'),
    ],
  ),
  vllm: caps(
    ['token-usage', 'kv-cache', 'request-queue', 'model-list'],
    [
      ['exact-timings', 'vLLM sends token counts but no durations: rates are measured by r1-tui'],
      ['cpu-gpu-split', 'vLLM does not report a CPU/GPU split'],
      ['load-time', 'vLLM loads the model when it starts, not per request'],
      ['prompt-progress', 'vLLM does not report prompt-processing progress'],
      ['model-switch', 'vLLM serves exactly one model per server'],
      noPull('vLLM'),
      noLevels('vLLM'),
    ],
  ),
  sglang: caps(
    ['token-usage', 'kv-cache', 'request-queue', 'model-list'],
    [
      ['exact-timings', 'SGLang sends token counts but no durations: rates are measured by r1-tui'],
      ['cpu-gpu-split', 'SGLang does not report a CPU/GPU split'],
      ['load-time', 'SGLang loads the model when it starts, not per request'],
      ['prompt-progress', 'SGLang does not report prompt-processing progress'],
      ['model-switch', 'SGLang serves exactly one model per server'],
      noPull('SGLang'),
      noLevels('SGLang'),
    ],
  ),
  lmstudio: caps(
    ['model-list', 'model-switch'],
    [
      ['token-usage', 'LM Studio sends no token counts while streaming: tokens are counted by r1-tui'],
      ['exact-timings', 'LM Studio sends no timings while streaming: rates are measured by r1-tui'],
      ['cpu-gpu-split', 'LM Studio does not report a CPU/GPU split over its API'],
      ['load-time', 'LM Studio does not report load time while streaming'],
      ['prompt-progress', 'LM Studio does not report prompt-processing progress'],
      ['kv-cache', 'LM Studio does not report KV-cache use'],
      ['request-queue', 'LM Studio does not report its request queue'],
      noPull('LM Studio'),
      noLevels('LM Studio'),
    ],
  ),
  openai: caps(
    ['model-list', 'think-levels'],
    [
      ['exact-timings', 'this server sends no durations: rates are measured by r1-tui'],
      ['cpu-gpu-split', 'this server does not report a CPU/GPU split'],
      ['load-time', 'this server does not report load time'],
      ['prompt-progress', 'this server does not report prompt-processing progress'],
      ['kv-cache', 'this server does not report KV-cache use'],
      ['request-queue', 'this server does not report its request queue'],
      noPull('this server'),
    ],
  ),
};

/**
 * How the context of a server other than Ollama is set: it is fixed when the server starts (no num_ctx
 * per request), so the advice for a larger one is a restart with this setting. `n` is the token count.
 */
export function contextSetting(kind: Exclude<BackendKind, 'ollama'>, n: number): string {
  switch (kind) {
    case 'llama.cpp':
      return `restart llama-server with --ctx-size ${n}`;
    case 'vllm':
      return `restart vLLM with --max-model-len ${n}`;
    case 'sglang':
      return `restart SGLang with --context-length ${n}`;
    case 'lmstudio':
      return `reload the model in LM Studio with context length ${n}`;
    case 'openai':
      return `a server context of ${n} (set where the server starts)`;
  }
}

export function capabilitiesOf(kind: BackendKind): Capabilities {
  return kind === 'ollama' ? OLLAMA_CAPABILITIES : TABLE[kind];
}

/** The `n/a` reason for a feature this kind lacks, or undefined when it offers it. */
export function lackReason(c: Capabilities, feature: Feature): string | undefined {
  return c.lacks.find((l) => l.feature === feature)?.reason;
}

/** Header label: `llama.cpp b6881`, `vLLM 0.19.1`, `LM Studio`, `OpenAI-compatible`. */
export function labelOf(kind: BackendKind, version: string | undefined): string {
  return version ? `${KIND_NAMES[kind]} ${version}` : KIND_NAMES[kind];
}
