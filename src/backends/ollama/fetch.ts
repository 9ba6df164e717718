/**
 * The fetch that ollama-js uses, and the streamed POST that r1-tui reads itself (postForStream).
 *
 * - undici's `fetch` with an `Agent` whose headersTimeout and bodyTimeout are disabled: Ollama sends no
 *   response header until the first chunk exists, and a cold load of a 32B/70B model can take more than
 *   undici's 300 s default. Non-streaming calls get their own deadline instead.
 * - Error bodies are rewritten into `{"error": ...}` JSON, because for a non-JSON body ollama-js calls
 *   console.log('Getting text from response'), which would draw over the TUI.
 * - Streamed bodies (/api/chat, /api/pull) are not given to ollama-js: postForStream returns the body and
 *   ndjson.ts parses each line once.
 * - A body that is not what Ollama sends (an HTML page, plain text where JSON belongs) is reported as
 *   what was received (UnexpectedResponseError: status, content type, the first characters, sanitized)
 *   instead of being guessed at or surfacing as JSON.parse's "Unexpected token".
 */
import { Agent, fetch as undiciFetch } from 'undici';
import { sanitizeLine } from '../../core/sanitize.js';

export type FetchFn = typeof fetch;

let sharedAgent: Agent | undefined;

/** One keep-alive connection pool for the process, with no header/body deadlines. */
/** 0 disables undici's deadline: a cold load may keep the headers away for many minutes. */
export const AGENT_OPTIONS = Object.freeze({ headersTimeout: 0, bodyTimeout: 0, keepAliveTimeout: 10_000 });

function longLivedAgent(): Agent {
  sharedAgent ??= new Agent({ ...AGENT_OPTIONS });
  return sharedAgent;
}

/** Socket failures that a kept-alive connection the server has since closed produces on reuse. */
const STALE_SOCKET_CODES: ReadonlySet<string> = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

function innermostCode(err: unknown): string | undefined {
  let cur: unknown = err;
  let code: string | undefined;
  for (let depth = 0; depth < 5 && typeof cur === 'object' && cur !== null; depth++) {
    const c = (cur as { code?: unknown }).code;
    if (typeof c === 'string') code = c;
    cur = (cur as { cause?: unknown }).cause;
  }
  return code;
}

/**
 * Whether a failed request may be sent again on a fresh connection: the socket failed before any
 * response header (the fetch promise rejected), the caller did not abort, and the body can be sent
 * again. A pooled keep-alive socket that the server closed (it stopped or restarted) fails this way
 * on reuse; the retry then says what is true now: refused (not running), or answered.
 */
export function retryableOnFreshConnection(err: unknown, init: RequestInit | undefined): boolean {
  if (init?.signal?.aborted) return false;
  const body = init?.body;
  if (body !== undefined && body !== null && typeof body !== 'string') return false;
  const code = innermostCode(err);
  return code !== undefined && STALE_SOCKET_CODES.has(code);
}

/**
 * Fetch through `agent()`; a request that fails on a stale socket before any reply is sent once more,
 * through a new pool (the old one's sockets are likely all stale; it is closed once its requests end).
 * A server that really closes every connection before replying fails the second time too, and that
 * error is passed on.
 */
export function freshRetryFetch(agent: () => Agent, replaceAgent: () => Agent): FetchFn {
  const once = (dispatcher: Agent, input: Parameters<FetchFn>[0], init?: RequestInit) =>
    undiciFetch(input as Parameters<typeof undiciFetch>[0], { ...(init as object), dispatcher } as Parameters<typeof undiciFetch>[1]) as unknown as Promise<Response>;
  const f = async (input: Parameters<FetchFn>[0], init?: RequestInit): Promise<Response> => {
    const first = agent();
    try {
      return await once(first, input, init);
    } catch (err) {
      if (!retryableOnFreshConnection(err, init)) throw err;
      return once(agent() === first ? replaceAgent() : agent(), input, init);
    }
  };
  return f as FetchFn;
}

function replaceSharedAgent(): Agent {
  const old = sharedAgent;
  sharedAgent = new Agent({ ...AGENT_OPTIONS });
  // requests still running on the old pool (a streaming reply) finish; its idle sockets are closed
  old?.close().catch(() => undefined);
  return sharedAgent;
}

export function defaultFetch(): FetchFn {
  return freshRetryFetch(longLivedAgent, replaceSharedAgent);
}

function plainHeaders(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  res.headers.forEach((value, key) => {
    out[key] = value;
  });
  return out;
}

/** How many characters of an unexpected body are quoted. */
export const SNIPPET_CHARS = 60;

/** What a response that is not Ollama's looked like; the error sentences quote it. */
export interface ReceivedBody {
  status: number;
  contentType: string;
  /** The first SNIPPET_CHARS characters of the body, sanitized, whitespace collapsed. */
  snippet: string;
}

export function receivedBody(res: Response, text: string): ReceivedBody {
  return receivedFrom(res.status, res.headers.get('content-type') ?? '', text);
}

/** The same description from a status, a Content-Type header value and the body text. */
export function receivedFrom(status: number, contentType: string, text: string): ReceivedBody {
  const flat = sanitizeLine(text).replace(/\s+/g, ' ').trim();
  return {
    status,
    contentType: sanitizeLine(contentType).split(';')[0]!.trim() || 'no content type',
    snippet: flat.length > SNIPPET_CHARS ? `${flat.slice(0, SNIPPET_CHARS)}…` : flat,
  };
}

/** "HTTP 500 (text/html): "<!DOCTYPE html>…"" */
export function describeReceived(r: ReceivedBody): string {
  return `HTTP ${r.status} (${r.contentType})${r.snippet ? `: ${JSON.stringify(r.snippet)}` : ' with an empty body'}`;
}

/** A response whose body is not the JSON Ollama sends; toOllamaError says what arrived. */
export class UnexpectedResponseError extends Error {
  override readonly name = 'UnexpectedResponseError';
  constructor(readonly received: ReceivedBody) {
    super(describeReceived(received));
  }
}

/** Marks an error body that was not Ollama's `{"error": ...}` JSON (see errors.ts). */
export const NOT_OLLAMA_ERROR_PREFIX = 'r1-tui:not-ollama-error:';

/** The error text of a non-2xx answer: Ollama's `error` field, or what was received, marked (errors.ts). */
async function errorText(res: Response): Promise<string> {
  let text = '';
  try {
    text = await res.text();
  } catch {
    // body unreadable: keep the status line
  }
  let message: string | undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && 'error' in parsed) message = String((parsed as { error: unknown }).error);
  } catch {
    // plain text body (e.g. "404 page not found" from gin, or a proxy's HTML page)
  }
  // Not Ollama's error JSON: pass on what was received, marked, so errors.ts quotes it instead of guessing.
  if (message === undefined) return NOT_OLLAMA_ERROR_PREFIX + JSON.stringify(receivedBody(res, text));
  if (message.trim() === '') return `Error ${res.status}: ${res.statusText}`;
  return message;
}

async function asJsonError(res: Response): Promise<Response> {
  return new Response(JSON.stringify({ error: await errorText(res) }), {
    status: res.status,
    statusText: res.statusText,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

/**
 * A non-2xx answer to a streamed request: the same name and fields as ollama-js's ResponseError (which
 * the other calls throw), so errors.ts maps both alike.
 */
export class ResponseError extends Error {
  override readonly name = 'ResponseError';
  constructor(
    readonly error: string,
    readonly status_code: number,
  ) {
    super(error);
  }
}

/** The headers ollama-js 0.6.4 sends with every request, so the streamed requests look like the others. */
export const REQUEST_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Type': 'application/json',
  Accept: 'application/json',
  'User-Agent': `ollama-js/0.6.4 (${process.arch} ${process.platform} Node.js/${process.version})`,
});

export interface StreamRequestOptions {
  /** Called when response headers arrive. */
  onHeaders?: () => void;
  /** Aborts the request (before or after the headers); no deadline otherwise (a cold load takes minutes). */
  signal?: AbortSignal;
}

/**
 * POST `payload` as JSON and return the body to read as it streams (/api/chat, /api/pull). The same checks
 * as the other calls: a non-2xx answer throws ResponseError with Ollama's error text (or the marked
 * description of a body that is not Ollama's), an HTML page throws UnexpectedResponseError.
 */
export async function postForStream(base: FetchFn, url: string, payload: unknown, opts: StreamRequestOptions = {}): Promise<ReadableStream<Uint8Array>> {
  const init: RequestInit = { method: 'POST', body: JSON.stringify(payload), headers: { ...REQUEST_HEADERS } };
  if (opts.signal) init.signal = opts.signal;
  const res = await base(url, init);
  opts.onHeaders?.();
  if (!res.ok) throw new ResponseError(await errorText(res), res.status);
  if (/html/i.test(res.headers.get('content-type') ?? '')) throw new UnexpectedResponseError(receivedBody(res, await res.text().catch(() => '')));
  if (!res.body) throw new Error('Missing body');
  return res.body;
}

export interface WrapOptions {
  /** Deadline for requests that carry no abort signal (the non-streaming calls). */
  timeoutMs?: number;
}

/** The fetch given to ollama-js for the non-streaming calls. */
export function wrapFetch(base: FetchFn, opts: WrapOptions = {}): FetchFn {
  const wrapped = async (input: Parameters<FetchFn>[0], init?: RequestInit): Promise<Response> => {
    let req = init ?? {};
    if (!req.signal && opts.timeoutMs) req = { ...req, signal: AbortSignal.timeout(opts.timeoutMs) };
    const res = await base(input, req);
    if (!res.ok) return asJsonError(res);
    const type = res.headers.get('content-type') ?? '';
    if (/html/i.test(type)) throw new UnexpectedResponseError(receivedBody(res, await res.text().catch(() => '')));
    // A small JSON answer (version, tags, ps, show, load): check it parses before ollama-js does.
    const text = await res.text();
    try {
      JSON.parse(text);
    } catch {
      throw new UnexpectedResponseError(receivedBody(res, text));
    }
    return new Response(text, { status: res.status, statusText: res.statusText, headers: plainHeaders(res) });
  };
  return wrapped as FetchFn;
}
