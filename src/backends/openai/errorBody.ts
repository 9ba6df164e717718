/**
 * Error bodies of OpenAI-compatible servers → BackendError with a specific sentence.
 * Shapes (recordings/openai-compatible/error-bodies.json):
 * - vLLM old: flat `{"object":"error","message","type","param","code"}`;
 * - vLLM new, llama.cpp: `{"error":{"message","type","code",...}}` (llama.cpp adds n_prompt_tokens/n_ctx
 *   for `exceed_context_size_error`, whose HTTP code changed between versions: key on `type`);
 * - Ollama: `{"error":"<string>"}`; FastAPI: `{"detail": ...}`;
 * - anything else (an HTML page from a proxy, plain text) is described, not parsed.
 * Server text is untrusted: it is cut to a short single line of printable characters before it goes
 * into a sentence, and any API key in it is hidden.
 */
import { formatCount } from '../../core/format.js';
import { BackendError, redactKey } from '../errors.js';
import { sanitize, sanitizeDeep } from '../../core/sanitize.js';

export interface ErrorContext {
  /** Base URL, for sentences. */
  host: string;
  /** Header label of the server, e.g. "vLLM 0.19.1", "llama.cpp b6881", "the server". */
  label: string;
  model?: string;
  /** An API key was sent (the sentence for 401 differs); the key itself is only used for redaction. */
  apiKey?: string;
  /** Retry-After header value, when there was one. */
  retryAfter?: string | null;
  /** Content-Type header value. */
  contentType?: string | null;
}

/** Default waits when a 429/503 carries no Retry-After. */
export const DEFAULT_BUSY_RETRY_MS = 2000;
export const DEFAULT_LOADING_RETRY_MS = 5000;

interface ParsedBody {
  message?: string;
  type?: string;
  code?: number;
  nPromptTokens?: number;
  nCtx?: number;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** `message`, `type` and `code` of an error object (OpenAI's `error: {...}`, or vLLM's top-level one). */
function messageTypeCode(r: Record<string, unknown>): ParsedBody {
  const out: ParsedBody = {};
  const message = str(r.message);
  if (message !== undefined) out.message = message;
  const type = str(r.type);
  if (type !== undefined) out.type = type;
  const code = num(r.code);
  if (code !== undefined) out.code = code;
  return out;
}

/** The useful fields of a JSON error body, whatever its shape; undefined when it is not one. */
export function parseErrorJson(value: unknown): ParsedBody | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const o = value as Record<string, unknown>;
  if (typeof o.error === 'string') return { message: o.error };
  if (typeof o.error === 'object' && o.error !== null) {
    const e = o.error as Record<string, unknown>;
    const out = messageTypeCode(e);
    const np = num(e.n_prompt_tokens);
    if (np !== undefined) out.nPromptTokens = np;
    const nc = num(e.n_ctx);
    if (nc !== undefined) out.nCtx = nc;
    return out;
  }
  if (o.object === 'error' || typeof o.message === 'string') return messageTypeCode(o);
  if (o.detail !== undefined) return { message: typeof o.detail === 'string' ? o.detail : JSON.stringify(o.detail) };
  return undefined;
}

/** A short, single-line, printable excerpt of untrusted server text. */
export function excerpt(text: string, max = 160): string {
  const flat = text
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function stripDot(s: string): string {
  return s.replace(/[.\s]+$/, '');
}

/** Retry-After: delta-seconds or an HTTP date → ms (undefined when absent or unreadable). */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const date = Date.parse(v);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * The context limit and request size in a message: vLLM's "maximum context length is N tokens" in its
 * wordings, and SGLang's "The input (M tokens) is longer than the model's context length (N tokens)"
 * (from SGLang's tokenizer manager; no SGLang body was recorded).
 */
export function contextNumbers(message: string): { limit: number; requested?: number } | undefined {
  const sg = /input \((\d+) tokens\) is longer than the model's context length \((\d+) tokens\)/i.exec(message);
  if (sg) return { limit: Number(sg[2]), requested: Number(sg[1]) };
  const lim = /maximum context length is (\d+) tokens/i.exec(message);
  if (!lim) return undefined;
  const limit = Number(lim[1]);
  // a body cut by a recording client may end inside the next word: the number must be followed by a space
  const total = /for a total of (?:at least )?(\d+)\s/i.exec(message) ?? /you requested (\d+) tokens/i.exec(message);
  if (total) return { limit, requested: Number(total[1]) };
  const has = /your request has (\d+) input tokens(?: plus (\d+) 'max_tokens')?/i.exec(message);
  if (has) return { limit, requested: Number(has[1]) + (has[2] ? Number(has[2]) : 0) };
  return { limit };
}

function contextError(status: number | undefined, detail: string, ctx: ErrorContext, limit: number, requested: number | undefined): BackendError {
  const need = requested !== undefined ? ` and this request needs ${formatCount(requested)}` : '';
  const at = requested !== undefined && /at least/i.test(detail) ? ' at least' : '';
  const message =
    `The conversation no longer fits the model's context: ${ctx.label} allows ${formatCount(limit)} tokens${need.replace('needs', `needs${at}`)}. ` +
    `Start a new conversation (Ctrl+N), ask a shorter question or lower num_predict (Alt+S), or restart the server with a larger context.`;
  return new BackendError('context-length', message, {
    ...(status !== undefined ? { status } : {}),
    detail,
    contextLimit: limit,
    ...(requested !== undefined ? { requestTokens: requested } : {}),
  });
}

/** What an unreadable body looked like, for a sentence. */
function describeBody(text: string, contentType: string | null | undefined): string {
  const t = text.trim();
  if (t === '') return 'an empty body';
  if (/^<!doctype html|^<html|<\/html>/i.test(t) || /text\/html/i.test(contentType ?? '')) {
    const title = /<title>([^<]*)<\/title>/i.exec(t)?.[1];
    return title ? `an HTML page titled "${excerpt(title, 60)}"` : 'an HTML page';
  }
  return `"${excerpt(t, 80)}"`;
}

/** An HTTP error response (status >= 400) → BackendError. */
export function errorFromResponse(status: number, bodyText: string, ctx: ErrorContext): BackendError {
  // Server text is untrusted: the body is sanitized before anything is read from it (a JSON body after
  // parsing, since its escapes are written as \u001b), so no sentence or detail keeps a sequence's payload.
  const raw = redactKey(bodyText, ctx.apiKey);
  let parsed: ParsedBody | undefined;
  let text: string;
  try {
    const value = sanitizeDeep(JSON.parse(raw) as unknown);
    text = JSON.stringify(value);
    parsed = parseErrorJson(value);
  } catch {
    text = sanitize(raw);
    parsed = undefined;
  }
  const detail = excerpt(text, 600);
  const msg = parsed?.message !== undefined ? excerpt(parsed.message) : undefined;
  const opts = { status, detail };

  if (status === 401 || status === 403) {
    const what = ctx.apiKey
      ? `rejected the API key r1-tui sent (${status}): check --api-key or R1_TUI_API_KEY`
      : `needs an API key (${status}): pass --api-key or set R1_TUI_API_KEY`;
    return new BackendError('unauthorized', `${ctx.label} at ${ctx.host} ${what}.`, opts);
  }
  if (parsed?.type === 'exceed_context_size_error') {
    const limit = parsed.nCtx;
    if (limit !== undefined) return contextError(status, detail, ctx, limit, parsed.nPromptTokens);
  }
  // the raw text too: a truncated JSON body still names the numbers
  {
    const numbers = contextNumbers(parsed?.message ?? text);
    if (numbers) return contextError(status, detail, ctx, numbers.limit, numbers.requested);
  }
  if (status === 429 || status === 503) {
    const loading = msg !== undefined && /loading/i.test(msg);
    const wait = retryAfterMs(ctx.retryAfter) ?? (loading ? DEFAULT_LOADING_RETRY_MS : DEFAULT_BUSY_RETRY_MS);
    const why = loading ? 'is still loading the model' : 'is overloaded';
    const said = msg !== undefined && !loading ? `: ${stripDot(msg)}` : '';
    return new BackendError('busy', `${ctx.label} ${why} (${status})${said}.`, { ...opts, retryAfterMs: wait });
  }
  if (status === 404) {
    if (msg !== undefined && /model|does not exist|not found/i.test(msg)) {
      const name = ctx.model ?? 'the model';
      return new BackendError(
        'model-not-found',
        `${ctx.label} at ${ctx.host} does not serve ${name} (404: ${stripDot(msg)}). Press Ctrl+P to pick a model it serves.`,
        opts,
      );
    }
    return new BackendError(
      'not-a-server',
      `${ctx.host} has no OpenAI-compatible chat endpoint (404 with ${describeBody(text, ctx.contentType)}). Check --host and --backend.`,
      opts,
    );
  }
  if (parsed === undefined) {
    return new BackendError(
      status >= 500 ? 'server-error' : 'not-a-server',
      `${ctx.host} answered ${status} with ${describeBody(text, ctx.contentType)}, not an error r1-tui can read. Check --host (a proxy in between?) and the server log.`,
      opts,
    );
  }
  const said = msg !== undefined ? `: ${stripDot(msg)}` : '';
  if (status >= 500) return new BackendError('server-error', `${ctx.label} reported an error (${status})${said}. Check the server log.`, opts);
  return new BackendError('bad-request', `${ctx.label} rejected the request (${status})${said}.`, opts);
}

/** A `data: {"error": ...}` payload inside a 200 stream → BackendError (the partial reply is kept). */
export function errorFromStreamPayload(payload: unknown, ctx: ErrorContext): BackendError {
  const value = sanitizeDeep(payload);
  const parsed = parseErrorJson(value);
  const raw = redactKey(JSON.stringify(value), ctx.apiKey);
  if (parsed?.type === 'exceed_context_size_error' && parsed.nCtx !== undefined) {
    return contextError(parsed.code, excerpt(raw, 600), ctx, parsed.nCtx, parsed.nPromptTokens);
  }
  const numbers = parsed?.message !== undefined ? contextNumbers(parsed.message) : undefined;
  if (numbers) return contextError(parsed?.code, excerpt(raw, 600), ctx, numbers.limit, numbers.requested);
  const what = [parsed?.message, parsed?.type, parsed?.code].filter((x) => x !== undefined).map((x) => excerpt(redactKey(String(x), ctx.apiKey), 80));
  const said = what.length > 0 ? `: ${stripDot(what.join(' · '))}` : '';
  return new BackendError('stream-error', `${ctx.label} stopped the reply with an error${said}. The partial reply is kept.`, {
    ...(parsed?.code !== undefined ? { status: parsed.code } : {}),
    detail: excerpt(raw, 600),
  });
}
