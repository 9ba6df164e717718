/**
 * Contract between src/backends/ollama (the only code that talks to Ollama) and the rest of the app.
 * Field names follow Ollama's wire format (docs/api.md, api/types.go); durations are nanoseconds as on the wire.
 */

import type { FinalMetrics, ThinkValue } from '../../core/chatTypes.js';
import { sanitize, sanitizeLine } from '../../core/sanitize.js';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
  thinking?: string;
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  think?: ThinkValue;
  options?: Record<string, number | string | boolean | string[]>;
  keepAlive?: string | number;
  /**
   * Cancels the request, also while waiting for the response headers (a cold load can take minutes
   * before chat() resolves). Added by the ollama helper; ChatStream.abort() still works after that.
   */
  signal?: AbortSignal;
}

/**
 * One streamed NDJSON object, raw. `content` may still hold `<think>` tags (legacy servers);
 * splitting is src/core/thinkSplitter's job. `at` is performance.now() in ms when it arrived.
 */
export type ChatEvent =
  | { type: 'chunk'; thinking: string; content: string; at: number }
  | { type: 'done'; doneReason: string | undefined; metrics: FinalMetrics; at: number }
  /** A line that was not JSON; it was skipped and the stream goes on (added by the ollama helper). */
  | { type: 'malformed'; line: string; at: number };

/** An in-flight chat stream. Iterating throws OllamaError; abort() closes the connection. */
export interface ChatStream extends AsyncIterable<ChatEvent> {
  abort(): void;
}

export interface ModelDetails {
  parent_model?: string;
  format?: string;
  family?: string;
  families?: string[] | null;
  parameter_size?: string;
  quantization_level?: string;
}

/** `/api/tags` entry. */
export interface TagModel {
  name: string;
  model: string;
  modified_at?: string;
  size: number;
  digest: string;
  details: ModelDetails;
  capabilities?: string[];
}

/** `/api/ps` entry (ollama-js lacks `context_length`, so we declare our own type). */
export interface PsModel {
  name: string;
  model: string;
  size: number;
  size_vram: number;
  digest: string;
  details: ModelDetails;
  expires_at: string;
  context_length?: number;
}

/** The parts of `/api/show` the app uses. */
export interface ShowInfo {
  capabilities: string[];
  details: ModelDetails;
  modelInfo: Record<string, unknown>;
  parameters?: string;
}

/** One `/api/pull` progress line. */
export interface PullProgress {
  status: string;
  digest?: string;
  total?: number;
  completed?: number;
}

export interface PullStream extends AsyncIterable<PullProgress> {
  abort(): void;
}

export type OllamaErrorKind =
  | 'unreachable' // connection refused / DNS / reset before a response
  | 'timeout' // our own deadline passed (not used for chat: cold loads may take minutes)
  | 'model-not-found' // 404 model '<x>' not found
  | 'think-unsupported' // 400 "... does not support thinking"
  | 'think-value-rejected' // 400 from a server that rejects a string think value (pre-0.11) or an unknown level
  | 'busy' // 503 server busy
  | 'bad-request' // other 4xx
  | 'server-error' // 5xx (runner errors, out of memory, load timeout)
  | 'stream-error' // an {"error": ...} line after streaming began
  | 'stream-incomplete' // connection closed / stream ended without done:true
  | 'malformed' // a line that is not JSON
  | 'aborted'; // the user stopped it (abort())

/**
 * Every failure from src/backends/ollama is one of these; `message` is a human sentence for the UI. Both
 * `message` and `detail` are sanitized here (they quote server text), whoever builds the error.
 */
export class OllamaError extends Error {
  override readonly name = 'OllamaError';
  readonly kind: OllamaErrorKind;
  /** HTTP status when there was one. */
  readonly status: number | undefined;
  /** The server's own text (e.g. the `error` field), for the log and detail views. */
  readonly detail: string | undefined;

  constructor(kind: OllamaErrorKind, message: string, opts: { status?: number; detail?: string; cause?: unknown } = {}) {
    super(sanitizeLine(message), { cause: opts.cause });
    this.kind = kind;
    this.status = opts.status;
    this.detail = opts.detail === undefined ? undefined : sanitize(opts.detail);
  }
}

/** What the session layer needs from Ollama. Implemented by src/backends/ollama/client.ts. */
export interface OllamaApi {
  /** Base URL actually used, e.g. http://127.0.0.1:11434 */
  readonly host: string;
  version(): Promise<string>;
  tags(): Promise<TagModel[]>;
  ps(): Promise<PsModel[]>;
  show(model: string): Promise<ShowInfo>;
  /** Resolves once response headers arrive (may take minutes on a cold load); rejects with OllamaError. */
  chat(req: ChatRequest): Promise<ChatStream>;
  /** Preload: /api/chat with empty messages. */
  load(model: string, keepAlive?: string | number): Promise<void>;
  /** Unload: /api/chat with empty messages and keep_alive 0. */
  unload(model: string): Promise<void>;
  pull(model: string): Promise<PullStream>;
}
