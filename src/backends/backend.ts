/**
 * The one interface every kind of inference server implements (Ollama native, and the OpenAI-compatible
 * servers: llama.cpp `llama-server`, vLLM, SGLang, LM Studio, Ollama's `/v1`). Everything above
 * src/backends (session, panel, bench, saved conversations) talks to a `Backend` and reads
 * `BackendEvent`s, so it does not care which server it is.
 *
 * Honesty rules carried by the types:
 * - every token count and duration says where it comes from (`FigureSource`): exact from the server, or
 *   measured by r1-tui from chunk arrival times;
 * - every capability a server lacks is listed with the reason (`Capabilities.lacks`), so the panel can
 *   print `n/a` and why instead of a guess;
 * - every failure is a `BackendError` whose `message` is one human sentence (what happened, what to do)
 *   and which never contains an API key.
 *
 * Reasoning text: `delta.reasoning` carries the server's separate reasoning channel (Ollama `thinking`,
 * OpenAI-compatible `reasoning` / `reasoning_content`), `delta.content` the answer channel as sent. The
 * answer channel may still hold raw `<think>` tags (a server started without a reasoning parser, an R1
 * distill whose template prefills `<think>`): the consumer splits it with core/thinkSplitter, the one set
 * of rules for every backend (splitDeltas() in ./splitDeltas.ts does that for consumers without a
 * TurnMeter).
 */
import type { ThinkValue } from '../core/chatTypes.js';
import type { BackendError } from './errors.js';

import type { BackendKind } from '../core/backendKind.js';
export type { BackendKind };

export { BACKEND_KINDS } from '../core/backendKind.js';

/** Where a figure comes from. */
export type FigureSource = 'server-exact' | 'client-measured';

/** `think` request value (the one ThinkValue of core/chatTypes). `undefined` means "leave the field out". */
export type BackendThink = ThinkValue;

export interface BackendMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
  /** Earlier reasoning (Ollama sends it back as `thinking`; OpenAI-compatible servers drop it). */
  thinking?: string;
}

export interface BackendChatRequest {
  model: string;
  messages: BackendMessage[];
  think?: BackendThink;
  /**
   * Ollama-style options (`num_ctx`, `temperature`, `top_p`, `seed`, `num_predict`, ...). OpenAI-compatible
   * backends map the sampling ones (`temperature`, `top_p`, `seed`, `num_predict` → `max_tokens`) and
   * ignore load-time ones (`num_ctx`, `num_gpu`: fixed when the server started).
   */
  options?: Record<string, number | string | boolean | string[]>;
  keepAlive?: string | number;
  /** Cancels the request, also while waiting for the response headers. */
  signal?: AbortSignal;
}

/** Token counts of one reply. */
export interface TokenCounts {
  prompt?: number;
  /** Prompt tokens served from the server's cache (llama.cpp `cache_n`). */
  cachedPrompt?: number;
  completion?: number;
  /** Speculative decoding (llama.cpp `draft_n` / `draft_n_accepted`). */
  draft?: number;
  draftAccepted?: number;
  source: FigureSource;
}

/**
 * Durations of one reply, in nanoseconds (Ollama's wire unit, so its figures pass through exactly;
 * llama.cpp's milliseconds are multiplied and rounded).
 */
export interface ReplyTimings {
  /** Model load (Ollama `load_duration`). */
  loadNs?: number;
  /** Prompt processing (Ollama `prompt_eval_duration`, llama.cpp `prompt_ms`; measured: request → first token). */
  promptNs?: number;
  /** Generation (Ollama `eval_duration`, llama.cpp `predicted_ms`; measured: first → last token). */
  evalNs?: number;
  totalNs?: number;
  source: FigureSource;
}

/** What a reply cost, each part tagged with its source. */
export interface ReplyStats {
  tokens?: TokenCounts;
  timings?: ReplyTimings;
}

/** llama.cpp `prompt_progress` (with `return_progress: true`). */
export interface PromptProgress {
  total: number;
  cached: number;
  processed: number;
  /** Elapsed ms since prompt processing began, as the server reports it (may be implausible on some builds). */
  timeMs?: number;
}

/**
 * One event of a chat stream, in arrival order. `at` is performance.now() ms when it arrived.
 * - `delta`: new text (either part may be '' ; a role-only chunk yields no delta at all).
 * - `stats`: figures the server sent mid-stream or at the end (cumulative: a later one replaces an earlier one).
 * - `progress`: prompt processing progress.
 * - `warning`: something r1-tui could not read and skipped; the stream goes on (e.g. a `data:` line that is
 *   not JSON). `message` is a sentence for the notice line, `detail` the raw text for the log.
 * - `done`: the reply ended normally (finish reason when the server gave one; `stats` the final figures,
 *   with measured timings filled in where the server gave none).
 * Failures are thrown from the iterator as BackendError (a partial reply is the consumer's to keep).
 */
export type BackendEvent =
  | { type: 'delta'; reasoning: string; content: string; at: number }
  | { type: 'stats'; stats: ReplyStats; at: number }
  | { type: 'progress'; progress: PromptProgress; at: number }
  | { type: 'warning'; message: string; detail?: string; at: number }
  | { type: 'done'; finishReason: string | undefined; stats: ReplyStats; at: number };

/** An in-flight reply. Iterating throws BackendError; abort() closes the connection (the server stops). */
export interface BackendStream extends AsyncIterable<BackendEvent> {
  abort(): void;
}

/** A model the server offers. Everything but the name is optional: each server knows different things. */
export interface BackendModel {
  name: string;
  /** Bytes on disk / in memory, when the server says. */
  size?: number;
  /** e.g. Q4_K_M. */
  quantization?: string;
  parameterSize?: string;
  family?: string;
  /** Context length the server runs the model with (vLLM `max_model_len`, llama.cpp `n_ctx`). */
  contextLength?: number;
  /** The server serves exactly this one model (llama.cpp without router mode, vLLM). */
  servedExactlyOne?: boolean;
  /** Loaded in memory now, when the server can tell (LM Studio `state`, Ollama /api/ps). */
  loaded?: boolean;
  capabilities?: string[];
}

/** Where a loaded model sits (Ollama /api/ps; llama.cpp /slots), when the server has it. */
export interface LoadedModel {
  name: string;
  /** Total bytes and bytes in VRAM (Ollama only). */
  size?: number;
  sizeVram?: number;
  contextLength?: number;
  /** Context in use now (llama.cpp /slots: the busiest slot's tokens). */
  contextUsed?: number;
  expiresAt?: string;
  /** Slots / parallel requests and how many are busy (llama.cpp). */
  slots?: { total: number; busy: number };
}

/** A feature a server lacks, with the sentence the panel shows after `n/a`. */
export interface Lack {
  feature: Feature;
  reason: string;
}

export type Feature =
  | 'exact-timings' // server-side prompt/eval durations
  | 'token-usage' // server-side token counts in the stream
  | 'cpu-gpu-split' // how much of the model is in VRAM
  | 'load-time'
  | 'prompt-progress'
  | 'kv-cache' // KV-cache use
  | 'request-queue' // requests running / waiting
  | 'model-list'
  | 'model-switch' // serves more than one model
  | 'pull'
  | 'think-levels';

export interface Capabilities {
  offers: Feature[];
  lacks: Lack[];
}

export interface ServerInfo {
  kind: BackendKind;
  /** Server version or build (e.g. `0.12.6`, `b6881`, `0.19.1`), when it says. */
  version?: string;
  /** For the header: `Ollama 0.12.6`, `llama.cpp b6881`, `vLLM 0.19.1`, `SGLang 0.4.4`, `LM Studio`, `OpenAI-compatible`. */
  label: string;
  capabilities: Capabilities;
}

export type Health = { ok: true; detail?: string } | { ok: false; error: BackendError };

/** Server-wide figures from /metrics or /slots (each optional: present only when the server reports it). */
export interface ServerMetrics {
  /** KV-cache use, 0..1 (vLLM kv_cache_usage_perc, SGLang token_usage). */
  kvCacheUsage?: number;
  requestsRunning?: number;
  requestsWaiting?: number;
  /** Mean time to first token over the server's life, seconds (vLLM TTFT histogram sum/count). */
  meanTtftSeconds?: number;
  /** Server-wide generation throughput, tok/s (SGLang gen_throughput). */
  genThroughput?: number;
  /** Context size and use (llama.cpp /slots or /props). */
  contextSize?: number;
  contextUsed?: number;
  at: number;
}

export interface Backend {
  readonly kind: BackendKind;
  /** Base URL (no trailing `/v1`), e.g. http://10.0.0.5:8000 */
  readonly baseUrl: string;
  info(): Promise<ServerInfo>;
  health(): Promise<Health>;
  listModels(): Promise<BackendModel[]>;
  /** Loaded models and their placement; undefined when the server cannot tell. */
  loaded(): Promise<LoadedModel[] | undefined>;
  /** Resolves once response headers arrive; rejects with BackendError. */
  chat(req: BackendChatRequest): Promise<BackendStream>;
  /** One poll of the server's metrics; absent when the server has none. */
  metrics?(): Promise<ServerMetrics>;
}
