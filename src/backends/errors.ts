import { sanitize, sanitizeLine } from '../core/sanitize.js';

/**
 * Typed failures of every backend. `message` is one sentence for the UI (what happened, what to do);
 * `detail` is the server's own text for the log. Both are sanitized here (core/sanitize: no escape sequence
 * from a server reaches a screen or a file through an error). Neither ever holds an API key: keys are only ever put
 * into the Authorization header (see redactKey for text that might echo one).
 */
export type BackendErrorKind =
  | 'unreachable' // connection refused / DNS / reset before a response
  | 'timeout' // our own deadline passed
  | 'unauthorized' // 401/403: key missing or wrong
  | 'model-not-found' // 404 unknown model
  | 'context-length' // the prompt (+ max tokens) does not fit the context
  | 'think-unsupported' // Ollama 400 "... does not support thinking"
  | 'think-value-rejected' // Ollama 400 for a think level
  | 'busy' // 429/503 overloaded, or still loading the model: retryable (retryAfterMs)
  | 'bad-request' // other 4xx
  | 'server-error' // 5xx
  | 'not-a-server' // the URL answers, but not like the expected server (HTML page, unknown body)
  | 'stream-error' // an error object inside a 200 stream
  | 'stream-incomplete' // the connection closed before the end
  | 'malformed' // a body that cannot be read at all
  | 'aborted'; // the user stopped it

export class BackendError extends Error {
  override readonly name = 'BackendError';
  readonly kind: BackendErrorKind;
  readonly status: number | undefined;
  readonly detail: string | undefined;
  /** For 'busy': how long to wait before trying again (Retry-After, else a default). */
  readonly retryAfterMs: number | undefined;
  /** For 'context-length': the context size and the request size, when the server said. */
  readonly contextLimit: number | undefined;
  readonly requestTokens: number | undefined;

  constructor(
    kind: BackendErrorKind,
    message: string,
    opts: { status?: number; detail?: string; cause?: unknown; retryAfterMs?: number; contextLimit?: number; requestTokens?: number } = {},
  ) {
    super(sanitizeLine(message), { cause: opts.cause });
    this.kind = kind;
    this.status = opts.status;
    this.detail = opts.detail === undefined ? undefined : sanitize(opts.detail);
    this.retryAfterMs = opts.retryAfterMs;
    this.contextLimit = opts.contextLimit;
    this.requestTokens = opts.requestTokens;
  }

  get retryable(): boolean {
    return this.kind === 'busy';
  }
}

/** Replace any occurrence of `key` in `text` (a server that echoes the Authorization header). */
export function redactKey(text: string, key: string | undefined): string {
  if (!key || key.length < 4) return text;
  return text.split(key).join('[key hidden]');
}
